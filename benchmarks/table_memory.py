"""Memory and load time of each one-time table `zhiku serve` warms (`zhiku.warm`), in order.

    python benchmarks/table_memory.py

One process builds the tables in `zhiku.warm`'s order and prints, for each, the seconds it
took and the process's RSS growth (a table's dependencies, e.g. jieba's dictionary for the
name tagger, are counted where they are first built); then the RSS after ``malloc_trim``
(`zhiku.server_process.release_freed_memory`), which gives back what building them freed.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    from zhiku import warm
    from zhiku.server_process import release_freed_memory

    gc.collect()
    start = rss_mib()
    print(f"{'table':<40} {'load ms':>8} {'RSS +MiB':>9}")
    for name, build in warm._tables():
        before, started = rss_mib(), time.perf_counter()
        build()
        took = time.perf_counter() - started
        gc.collect()
        print(f"{name:<40} {took * 1000:8.0f} {rss_mib() - before:9.1f}")
    built = rss_mib()
    release_freed_memory()
    print(
        f"all: RSS {start:.0f} -> {built:.0f} MiB (+{built - start:.0f}); "
        f"after malloc_trim {rss_mib():.0f} MiB (+{rss_mib() - start:.0f})"
    )


if __name__ == "__main__":
    main()
