"""Retrieval quality and speed on the shared BEIR sets: zhiku lexical / dense / hybrid vs bm25s.

    python benchmarks/retrieval.py                  # both sets, every query
    python benchmarks/retrieval.py --limit 500      # a quick look

bm25s runs in the same script over zhiku's own tokens, so the comparison is of the engines
and the fusion, not of tokenizers.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import bm25s
import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.evaluate import corpus_inputs, load_beir, ranking_metrics, timed_rankings, unique_documents
from zhiku.ingest import document_id
from zhiku.segment import lexical_query, lexical_tokens, query_terms, tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("cmrc2018-dev", "squad-dev")


def run_set(directory: Path, limit: int | None, console: Console) -> list[tuple[str, ...]]:
    beir = load_beir(directory)
    queries = dict(list(beir.queries.items())[:limit]) if limit else beir.queries
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        kb = KnowledgeBase.open(Settings(home=home))
        inputs = corpus_inputs(beir)
        to_corpus = {document_id(raw.origin): raw.origin.rsplit("/", 1)[1] for raw in inputs}
        kb.add_inputs(inputs, clean=False)
        build_s = time.perf_counter() - started
        rows = []
        for mode in ("lexical", "dense", "hybrid"):
            def rank(text: str, mode: str = mode) -> list[str]:
                hits = kb.search(text, k=10, mode=mode)
                return unique_documents([to_corpus[h.chunk.doc_id] for h in hits])

            rankings, latency = timed_rankings(queries, rank)
            rows.append(_row(f"zhiku {mode}", ranking_metrics(rankings, beir.qrels), latency, build_s))
            console.log(" | ".join(rows[-1]))
        kb.close()
    for label, doc_tokens, query_tokens in (
        ("bm25s (words of the passage)", lambda title, text: tokenize(text), query_terms),
        ("bm25s (zhiku's index tokens)", lambda title, text: lexical_tokens(f"{title}\n{text}"), lexical_query),
    ):
        rows.append(_bm25s_row(label, beir, queries, doc_tokens, query_tokens))
        console.log(" | ".join(rows[-1]))
    return rows


def _bm25s_row(label, beir, queries, doc_tokens, query_tokens) -> tuple[str, ...]:
    started = time.perf_counter()
    ids = list(beir.corpus)
    retriever = bm25s.BM25()
    retriever.index([doc_tokens(*beir.corpus[i]) for i in ids], show_progress=False)
    build_s = time.perf_counter() - started

    def rank(text: str) -> list[str]:
        # timed from the query string, as zhiku's are: tokenizing is part of the query
        found, _ = retriever.retrieve([query_tokens(text) or ["\u2400"]], k=10, show_progress=False)
        return [ids[i] for i in np.asarray(found)[0]]

    rankings, latency = timed_rankings(queries, rank)
    return _row(label, ranking_metrics(rankings, beir.qrels), latency, build_s)


def _row(name: str, m: dict[str, float], latency: dict[str, float], build_s: float) -> tuple[str, ...]:
    return (
        name, f"{m['R@1']:.3f}", f"{m['R@5']:.3f}", f"{m['R@10']:.3f}", f"{m['MRR@10']:.3f}",
        f"{m['nDCG@10']:.3f}", f"{build_s:.1f}", f"{latency['p50_ms']:.2f}", f"{latency['p95_ms']:.2f}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N queries of each set")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    args = parser.parse_args()
    console = Console(width=160)
    for name in args.sets:
        directory = SHARED / "bench" / name
        if not directory.exists():
            console.print(f"[yellow]skip {name}: {directory} not found")
            continue
        table = Table(title=f"{name} ({'first ' + str(args.limit) if args.limit else 'all'} queries)")
        for column in ("system", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "build s", "p50 ms", "p95 ms"):
            table.add_column(column)
        for row in run_set(directory, args.limit, console):
            table.add_row(*row)
        console.print(table)


if __name__ == "__main__":
    main()
