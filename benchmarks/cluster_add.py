"""Where the time of one writer's `zhiku add` goes, embedded and on PostgreSQL + Milvus.

    python benchmarks/cluster_add.py --docs 150     # the first 20 warm up, the rest are timed

Throwaway servers on 127.0.0.1 (`zhiku.devservers`); passages of ../shared/bench/*/corpus.jsonl
as .txt files (as `benchmarks/ray_ingest.py` writes them). Prints ms per document for each
backend and, for the cluster, the cumulative time of the calls that matter (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from zhiku import KnowledgeBase, Settings
from zhiku.devservers import local_milvus, local_postgres

sys.path.insert(0, str(Path(__file__).parent))
from ray_ingest import write_corpus

WARM = 20
WATCHED = {  # (file suffix, function): what the report names it
    ("knowledge_base.py", "_vectors_for"): "embed",
    ("ingest.py", "prepare"): "clean + chunk",
    ("library.py", "extract"): "knowledge extraction",
    ("sqlite.py", "put_document"): "record: the document's transaction",
    ("milvus.py", "_call"): "Milvus calls",
    ("postgresql.py", "_query"): "record: reads",
}


def timed_add(settings: Settings, files: list[Path], profile: bool) -> dict[str, float]:
    with KnowledgeBase.open(settings) as kb:
        kb.add(files[:WARM])
        profiler = cProfile.Profile()
        started = time.perf_counter()
        if profile:
            profiler.enable()
        kb.add(files[WARM:])
        profiler.disable()
        elapsed = time.perf_counter() - started
    n = len(files) - WARM
    report = {"ms_per_doc": round(elapsed / n * 1000, 1)}
    if profile:
        stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        for (path, _, name), (_, _, _, cumulative, _) in stats.items():
            label = WATCHED.get((Path(path).name, name))
            if label:
                report[label] = round(report.get(label, 0.0) + cumulative / n * 1000, 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--docs", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as corpus:
        write_corpus(Path(corpus), args.docs)
        files = sorted(Path(corpus).glob("*.txt"))
        report: dict[str, object] = {"docs_timed": len(files) - WARM, "load_1m": os.getloadavg()[0]}
        with tempfile.TemporaryDirectory() as home:
            report["embedded"] = timed_add(Settings(home=home), files, profile=False)
        with (
            local_postgres() as pg,
            local_milvus() as milvus,
            tempfile.TemporaryDirectory() as home,
        ):
            cluster = Settings(home=home, store=pg.url, index=f"{milvus.url}/profile")
            report["cluster"] = timed_add(cluster, files, profile=True)
        report["load_1m_after"] = os.getloadavg()[0]
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
