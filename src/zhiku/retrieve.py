"""Score-aware fusion of a lexical and a dense ranked list (pure).

Reciprocal-rank fusion throws away how sure each retriever is; here each list's scores are
normalized and blended with a weight that follows the query: how much of the query the lexical
index knows (IDF-weighted term coverage), and how peaked each list is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Ranked = Sequence[tuple[int, float]]


@dataclass(frozen=True, slots=True)
class QuerySignals:
    """What the query tells us about how far to trust each retriever."""

    coverage: float  # IDF-weighted share of query terms present in the lexical index, 0..1
    lexical_peak: float  # (top1 - top2) / top1 of the lexical scores, 0..1
    dense_peak: float  # (top1 - top2) of the dense cosines


@dataclass(frozen=True, slots=True)
class Fused:
    key: int
    score: float
    lexical: float
    dense: float


def peak(run: Ranked, *, relative: bool) -> float:
    """How far the best score stands out from the second: 0 for a tie or an empty list."""
    if not run:
        return 0.0
    top = run[0][1]
    second = run[1][1] if len(run) > 1 else 0.0
    if relative:
        return (top - second) / top if top > 0 else 0.0
    return top - second


def _max_normalized(run: Ranked) -> dict[int, float]:
    top = max((s for _, s in run), default=0.0)
    return {k: s / top for k, s in run} if top > 0 else {}


def _floor_normalized(run: Ranked) -> dict[int, float]:
    """Cosines mapped so the list's best is 1 and its worst (the noise floor) is 0."""
    if not run:
        return {}
    top, floor = run[0][1], run[-1][1]
    span = top - floor
    if span <= 1e-9:
        return {k: 1.0 for k, _ in run}
    return {k: (s - floor) / span for k, s in run}


def lexical_weight(signals: QuerySignals, *, base: float = 0.7) -> float:
    """Share of the fused score given to lexical evidence for this query.

    The base weight is scaled by term coverage (a question in another language or script
    than the library, or one made of unknown words, leans on the dense side), then moved
    towards whichever list has the clearer winner.
    """
    weight = base * signals.coverage
    weight += 0.15 * (signals.lexical_peak - min(1.0, signals.dense_peak * 10))
    return min(0.95, max(0.0, weight))


def fuse(lexical: Ranked, dense: Ranked, *, weight: float) -> list[Fused]:
    """Blend normalized scores: ``weight * lexical + (1 - weight) * dense``, best first."""
    lex = _max_normalized(lexical)
    den = _floor_normalized(dense)
    fused = [
        Fused(key, weight * lex.get(key, 0.0) + (1 - weight) * den.get(key, 0.0),
              lex.get(key, 0.0), den.get(key, 0.0))
        for key in dict.fromkeys([*lex, *den])
    ]
    fused.sort(key=lambda f: f.score, reverse=True)
    return fused
