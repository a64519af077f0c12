"""Calibrating when `ask` abstains, on the shared sets (CMRC 2018, SQuAD).

    python benchmarks/abstention.py --queries 400

For each question the library answers twice: once as it is (answerable: the passage the question
was written on is in the library), once with that passage's document hidden from retrieval
(unanswerable: only other, often related, passages remain). The table shows, per threshold on
the best sentence's support score, how often zhiku answers the answerable questions with a
sentence containing a reference answer, and how precisely it abstains.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.answer import extract_answer
from zhiku.evaluate import corpus_inputs, load_beir
from zhiku.ingest import document_id
from zhiku.normalize import fold_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def _answers(directory: Path) -> dict[str, list[str]]:
    import json

    return {
        row["_id"]: row["answers"]
        for row in map(json.loads, (directory / "queries.jsonl").open(encoding="utf-8"))
    }


def best_support(kb: KnowledgeBase, question: str, hidden: set[str]) -> tuple[float, str]:
    hits = [h for h in kb.search(question, k=kb.settings.top_k + 3) if h.chunk.doc_id not in hidden]
    answer = extract_answer(
        question, hits[: kb.settings.top_k], embedder=kb.embedder, term_idf=kb._idf,
        max_sentences=kb.settings.answer_sentences, min_support=0.0,
    )
    best = max((s.support for s in answer.sentences), default=0.0)
    return best, answer.text


def run_set(name: str, n: int, console: Console) -> list[tuple[float, bool, bool]]:
    directory = SHARED / "bench" / name
    beir = load_beir(directory)
    answers = _answers(directory)
    qids = random.Random(7).sample(sorted(beir.qrels), min(n, len(beir.qrels)))
    rows = []
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        inputs = corpus_inputs(beir)
        kb.add_inputs(inputs, clean=False)
        for qid in qids:
            gold = {document_id(f"beir:{beir.name}/{d}") for d in beir.qrels[qid]}
            question = beir.queries[qid]
            support, text = best_support(kb, question, set())
            correct = any(fold_key(a) in fold_key(text) for a in answers[qid])
            rows.append((support, True, correct))
            support, _ = best_support(kb, question, gold)
            rows.append((support, False, False))
    console.log(f"{name}: {len(qids)} questions x 2")
    return rows


def table(name: str, rows: list[tuple[float, bool, bool]]) -> Table:
    t = Table(title=f"{name}: abstention by min_support")
    for column in ("min_support", "answered (answerable)", "accuracy (answerable)",
                   "abstention precision", "abstention recall"):
        t.add_column(column)
    scores = np.array([r[0] for r in rows])
    answerable = np.array([r[1] for r in rows])
    correct = np.array([r[2] for r in rows])
    for threshold in THRESHOLDS:
        abstain = scores < threshold
        answered = ~abstain & answerable
        precision = (abstain & ~answerable).sum() / max(abstain.sum(), 1)
        recall = (abstain & ~answerable).sum() / max((~answerable).sum(), 1)
        t.add_row(
            f"{threshold:.2f}", f"{answered.sum() / answerable.sum():.3f}",
            f"{(answered & correct).sum() / answerable.sum():.3f}",
            f"{precision:.3f}", f"{recall:.3f}",
        )
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--sets", nargs="*", default=["cmrc2018-dev", "squad-dev"])
    args = parser.parse_args()
    console = Console()
    for name in args.sets:
        if not (SHARED / "bench" / name).exists():
            console.print(f"[yellow]skip {name}: shared data not found")
            continue
        console.print(table(name, run_set(name, args.queries, console)))


if __name__ == "__main__":
    main()
