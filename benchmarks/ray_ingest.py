"""`zhiku add --ray` against the single-process add, on passages of the shared BEIR sets.

    python benchmarks/ray_ingest.py --docs 2000          # both ways, embedded backends
    python benchmarks/ray_ingest.py --docs 20000 --workers 2
    python benchmarks/ray_ingest.py --docs 20000 --single-docs 2000   # baseline on a subset

Each passage of ../shared/bench/*/corpus.jsonl becomes one .txt file (cycled, with its number
appended, when --docs asks for more than there are). The single-process add and the Ray add
(a local Ray with --workers CPUs) each build a fresh embedded library from the same folder; the
per-stage times (read, clean+chunk, embed, knowledge extraction, the rest of the write) are
measured in one process on a sample; the Ray run also reports how the driver's time split
between waiting for the workers and writing (knowledge extraction, record, index).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from zhiku import KnowledgeBase, Settings
from zhiku.ingest import prepare
from zhiku.sources.files import read_file

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def write_corpus(folder: Path, count: int) -> None:
    passages = []
    for corpus in sorted((SHARED / "bench").glob("*/corpus.jsonl")):
        for line in corpus.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            passages.append((row.get("title") or "", row["text"]))
    if not passages:
        raise SystemExit(f"no BEIR corpus under {SHARED / 'bench'}")
    n = len(passages)
    for i in range(count):
        title, text = passages[i % n]
        if i >= n:  # past the corpus: another passage appended, so no document is a copy
            text += "\n\n" + passages[(i % n + i // n) % n][1]
        (folder / f"doc-{i:06d}.txt").write_text(f"{title} ({i})\n\n{text}\n", encoding="utf-8")


def stages(folder: Path, sample: int) -> dict[str, float]:
    """Milliseconds per document of each stage, in one process: read, clean + chunk and embed
    (the workers' stages, document by document), then the driver's write of the prepared
    documents in one `add_inputs` call, as the Ray driver does it (knowledge extraction,
    record, index, one index commit), with the knowledge extraction also timed on its own."""
    files = sorted(folder.glob("*.txt"))[:sample]
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        timings = {"read": 0.0, "clean+chunk": 0.0, "embed": 0.0}
        s = kb.settings
        raws, prepared = [], {}
        first = next(iter(read_file(files[0], max_bytes=s.max_file_bytes)))
        warm = prepare(first, max_chars=s.chunk_max_chars, overlap=s.chunk_overlap)  # type: ignore[arg-type]
        kb.embedder.embed([c.chunk.text for c in warm.chunks])  # load models, untimed
        kb.knowledge.extract(warm.document)
        for path in files:
            t0 = time.perf_counter()
            raw = next(iter(read_file(path, max_bytes=s.max_file_bytes)))
            t1 = time.perf_counter()
            ready = prepare(raw, max_chars=s.chunk_max_chars, overlap=s.chunk_overlap)  # type: ignore[arg-type]
            t2 = time.perf_counter()
            vectors = kb.embedder.embed([c.chunk.text for c in ready.chunks])
            t3 = time.perf_counter()
            timings["read"] += t1 - t0
            timings["clean+chunk"] += t2 - t1
            timings["embed"] += t3 - t2
            raws.append(raw)
            hashes = [c.text_hash for c in ready.chunks]
            prepared[raw.origin] = (ready, dict(zip(hashes, vectors, strict=True)))  # type: ignore[union-attr]
        started = time.perf_counter()
        for ready, _ in prepared.values():
            kb.knowledge.extract(ready.document)
        timings["driver: knowledge extraction"] = time.perf_counter() - started
        started = time.perf_counter()
        kb.add_inputs(raws, prepared=prepared)  # type: ignore[arg-type]
        timings["driver: write in all"] = time.perf_counter() - started
    return {k: round(v / len(files) * 1000, 2) for k, v in timings.items()}


def progress(started: float) -> Callable[[int, int], None]:
    """Prints the documents written so far every 1,000 (a cut-short run still says its rate)."""
    shown = [0]

    def show(done: int, total: int) -> None:
        if done - shown[0] >= 1000 or done == total:
            shown[0] = done
            elapsed = time.perf_counter() - started
            print(
                json.dumps(
                    {
                        "ray_written": done,
                        "of": total,
                        "s": round(elapsed, 1),
                        "load_1m": os.getloadavg()[0],
                    }
                ),
                file=sys.stderr,
                flush=True,
            )

    return show


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--single-docs",
        type=int,
        default=None,
        help="the single-process add on every (docs/N)th only",
    )
    parser.add_argument("--sample", type=int, default=200, help="documents for the per-stage times")
    args = parser.parse_args()
    from zhiku.ray_ingest import add_with_ray

    with tempfile.TemporaryDirectory() as corpus:
        folder = Path(corpus)
        write_corpus(folder, args.docs)
        report: dict[str, object] = {
            "docs": args.docs,
            "workers": args.workers,
            "load_average_1m_at_start": os.getloadavg()[0],
        }
        # a subset spread over the whole corpus (later documents hold two passages)
        files = sorted(folder.glob("*.txt"))[:: args.docs // (args.single_docs or args.docs)]
        report["single_process_docs"] = len(files)
        with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
            started = time.perf_counter()
            results = kb.add(files)
            single = time.perf_counter() - started
            report["single_process_s"] = round(single, 1)
            report["single_process_docs_per_s"] = round(len(results) / single, 1)
            print(json.dumps(report), file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
            started = time.perf_counter()
            driver: dict[str, float] = {}
            results = add_with_ray(
                kb, [folder], workers=args.workers, timings=driver, on_progress=progress(started)
            )
            on_ray = time.perf_counter() - started
            report["ray_s"] = round(on_ray, 1)
            report["ray_docs_per_s"] = round(len(results) / on_ray, 1)
            report["ray_added"] = sum(r.status == "added" for r in results)
            report["ray_driver_ms_per_doc"] = {
                k: round(v / max(len(results), 1) * 1000, 1) for k, v in driver.items()
            }
            report["load_average_1m_after_ray"] = os.getloadavg()[0]
        report["stage_ms_per_doc"] = stages(folder, args.sample)
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
