"""Concurrent clients against a real `zhiku serve` on 127.0.0.1: throughput, latency, memory.

    python benchmarks/load.py                                  # 16 clients, every scenario
    python benchmarks/load.py --clients 16 --seconds 30 --scenarios lexical hybrid
    python benchmarks/load.py --library /tmp/zhiku-load-library  # reuse a built library

Builds a library from ``../shared/bench/cmrc2018-dev/corpus.jsonl`` and ``../shared/seeds`` with
``zhiku add`` (or copies ``--library``, so the run never changes it), starts ``zhiku serve`` on a
free port, and runs each scenario for ``--seconds`` with ``--clients`` concurrent httpx clients:

- ``lexical`` / ``hybrid``: ``GET /api/search`` in that mode;
- ``ask``: ``POST /api/ask`` (extractive);
- ``mixed``: 70% hybrid search, 15% ask, 10% upload (``POST /api/documents``, one new text file),
  5% delete (``DELETE /api/documents/{id}`` of a document of the built library).

Queries are the distinct CMRC and SQuAD dev questions in a fixed shuffled order, each client
starting at its own offset, so a run does not repeat a query (no cache flatters it).
Prints one row per scenario: requests per second, p50/p95/p99 latency, errors (non-2xx or
transport failure), the server's CPU time per request (robust to a busy machine: other processes
take wall time, not this process's CPU), and the server's RSS before and after (after a 3 s rest); then whether
every uploaded document is in the library once its job is done (``uploads lost`` must be 0) and
every deleted one is gone.

Memory is printed at three points so that no step hides it: right after the server is ready
(``ready``), after the warm-up requests (Chinese and English searches and questions, one upload;
``before the load``) and after every scenario (``after``). The whole run is done twice, with a
fresh copy of the library: once with ``serve_warm_tables`` on (the default: one-time tables load
before the server listens) and once with it off (they load on the first requests); the warm-up
requests' latencies show what a first user waits for in each case.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCENARIOS = ("lexical", "hybrid", "ask", "mixed")


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def record(self, started: float, ok: bool, what: str = "") -> None:
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if not ok:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(what[:200])


@dataclass
class Shared:
    """What the clients of one run share: queries, deletable ids, uploads made."""

    queries: list[str]
    deletable: list[str]
    upload_jobs: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    uploads: int = 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _zhiku(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhiku", "--home", str(home), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "ZHIKU_HOME": str(home)},
    )


def build_library(home: Path) -> None:
    corpus = SHARED / "bench" / "cmrc2018-dev" / "corpus.jsonl"
    seeds = SHARED / "seeds"
    if not corpus.exists():
        sys.exit(f"shared data not found: {corpus}")
    started = time.monotonic()
    _zhiku(home, "add", str(corpus), str(seeds))
    print(f"built the library in {time.monotonic() - started:.0f} s: {home}")


def load_queries(seed: int) -> list[str]:
    texts: list[str] = []
    for name in ("cmrc2018-dev", "squad-dev"):
        with (SHARED / "bench" / name / "queries.jsonl").open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    unique = list(dict.fromkeys(t for t in texts if 0 < len(t) <= 300))
    random.Random(seed).shuffle(unique)
    return unique


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, home: Path, log: Path, *, warm: bool) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._log = log.open("w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "zhiku", "--home", str(home), "serve", "--port", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                "ZHIKU_HOME": str(home),
                "ZHIKU_SERVE_WARM_TABLES": "true" if warm else "false",
            },
        )
        started = time.monotonic()
        deadline = started + 120
        while True:
            try:
                if httpx.get(f"{self.base}/api/health", timeout=1).status_code == 200:
                    self.start_s = time.monotonic() - started
                    return
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self._log.seek(0)
                sys.exit(f"zhiku serve did not start:\n{self._log.read()}")
            time.sleep(0.2)

    def rss(self) -> float:
        return rss_mib(self.process.pid)

    def cpu(self) -> float:
        return cpu_s(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


Op = Callable[[httpx.AsyncClient, Shared, int, Tally], Awaitable[None]]


def _search(mode: str) -> Op:
    async def op(client: httpx.AsyncClient, shared: Shared, n: int, tally: Tally) -> None:
        started = time.perf_counter()
        q = shared.queries[n % len(shared.queries)]
        try:
            r = await client.get("/api/search", params={"q": q, "mode": mode, "k": 5})
            tally.record(started, r.status_code == 200, f"search {r.status_code} {r.text}")
        except httpx.HTTPError as exc:
            tally.record(started, False, f"search {exc!r}")

    return op


async def _ask(client: httpx.AsyncClient, shared: Shared, n: int, tally: Tally) -> None:
    started = time.perf_counter()
    q = shared.queries[n % len(shared.queries)]
    try:
        r = await client.post("/api/ask", json={"question": q, "mode": "extractive"})
        tally.record(started, r.status_code == 200, f"ask {r.status_code} {r.text}")
    except httpx.HTTPError as exc:
        tally.record(started, False, f"ask {exc!r}")


async def _upload(client: httpx.AsyncClient, shared: Shared, n: int, tally: Tally) -> None:
    started = time.perf_counter()
    shared.uploads += 1
    name = f"load-{os.getpid()}-{shared.uploads}-{n}.txt"
    text = (
        f"负载测试文档 {name}。检索增强生成把检索到的段落交给模型，模型据此回答并给出引用。"
        f"This upload number {shared.uploads} checks that no document is lost under load.\n"
    )
    try:
        r = await client.post(
            "/api/documents", files={"files": (name, text.encode(), "text/plain")}
        )
        ok = r.status_code == 202
        if ok:
            shared.upload_jobs.append(r.json()["job"]["id"])
        tally.record(started, ok, f"upload {r.status_code} {r.text}")
    except httpx.HTTPError as exc:
        tally.record(started, False, f"upload {exc!r}")


async def _delete(client: httpx.AsyncClient, shared: Shared, n: int, tally: Tally) -> None:
    if not shared.deletable:
        return await _search("hybrid")(client, shared, n, tally)
    doc_id = shared.deletable.pop()
    started = time.perf_counter()
    try:
        r = await client.delete(f"/api/documents/{doc_id}")
        ok = r.status_code == 200
        if ok:
            shared.deleted.append(doc_id)
        tally.record(started, ok, f"delete {r.status_code} {r.text}")
    except httpx.HTTPError as exc:
        tally.record(started, False, f"delete {exc!r}")


MIXED: list[tuple[Op, float]] = [
    (_search("hybrid"), 0.70),
    (_ask, 0.15),
    (_upload, 0.10),
    (_delete, 0.05),
]


def ops_of(scenario: str) -> list[tuple[Op, float]]:
    if scenario in ("lexical", "hybrid"):
        return [(_search(scenario), 1.0)]
    if scenario == "ask":
        return [(_ask, 1.0)]
    return MIXED


async def run_scenario(
    base: str, scenario: str, *, clients: int, seconds: float, shared: Shared, offset: int
) -> tuple[Tally, float]:
    tally = Tally()
    ops = ops_of(scenario)
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker(i: int) -> None:
            rng = random.Random(i)
            n = offset + i * (len(shared.queries) // clients)
            while time.perf_counter() < deadline:
                op = rng.choices([o for o, _ in ops], weights=[w for _, w in ops])[0]
                await op(client, shared, n, tally)
                n += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return tally, elapsed


def check_writes(base: str, shared: Shared) -> tuple[int, int, int]:
    """(uploads made, uploads missing, deleted documents still present) once every job is done."""
    with httpx.Client(base_url=base, timeout=60) as client:
        uploaded: list[str] = []
        for job_id in shared.upload_jobs:
            deadline = time.monotonic() + 120
            while True:
                state = client.get(f"/api/jobs/{job_id}").json()
                if state["status"] in ("done", "failed") or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            uploaded.extend(
                r["doc_id"] for r in state.get("results", []) if r["status"] in ("added", "updated")
            )
        lost = len(shared.upload_jobs) - len(uploaded)
        lost += sum(client.get(f"/api/documents/{d}").status_code != 200 for d in uploaded)
        undead = sum(client.get(f"/api/documents/{d}").status_code != 404 for d in shared.deleted)
    return len(shared.upload_jobs), lost, undead


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# warm-up requests: what a server's first users ask (written for this benchmark, not from the
# query sets): Chinese (Simplified and Traditional) and English searches, a question about a
# person, one upload; each is timed, so a cold server's first-request cost shows
WARM_UP: list[tuple[str, str, str]] = [
    ("search", "hybrid", "检索增强生成如何减少模型的幻觉？"),
    ("search", "lexical", "向量資料庫與關鍵詞檢索有什麼不同？"),
    ("search", "hybrid", "How does retrieval augmented generation cite its sources?"),
    ("ask", "extractive", "研究员黄立群认为长文本检索有什么问题？"),
    ("ask", "extractive", "Who proposed the transformer architecture?"),
    ("upload", "", "预热文档：知识库在启动后收到的第一篇文章。The first upload after start."),
]


def warm_up(base: str) -> list[tuple[str, float, bool]]:
    """(what, seconds, ok) of each warm-up request, the upload's until its job is done."""
    timed: list[tuple[str, float, bool]] = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for kind, mode, text in WARM_UP:
            started = time.perf_counter()
            if kind == "search":
                r = client.get("/api/search", params={"q": text, "mode": mode, "k": 5})
                ok = r.status_code == 200
            elif kind == "ask":
                r = client.post("/api/ask", json={"question": text, "mode": mode})
                ok = r.status_code == 200
            else:
                name = f"warm-up-{os.getpid()}.txt"
                r = client.post(
                    "/api/documents", files={"files": (name, text.encode(), "text/plain")}
                )
                ok = r.status_code == 202
                job = r.json()["job"]["id"] if ok else ""
                while ok and client.get(f"/api/jobs/{job}").json()["status"] not in (
                    "done",
                    "failed",
                ):
                    time.sleep(0.05)
            timed.append((f"{kind} {mode} {text[:12]}".strip(), time.perf_counter() - started, ok))
    return timed


@dataclass
class RunResult:
    warm: bool
    start_s: float
    ready_rss: float
    warmed_rss: float
    end_rss: float
    first_requests: list[tuple[str, float, bool]]
    errors: int


def run_server(
    library: Path, tmp: Path, *, warm: bool, args: argparse.Namespace, queries: list[str]
) -> RunResult:
    """Copy `library`, serve it (tables warmed at start or not), warm up, run every scenario."""
    home = tmp / f"library-{'warm' if warm else 'cold'}"
    shutil.copytree(library, home)
    for lock in home.glob("write.lock"):
        lock.unlink()
    listed = json.loads(_zhiku(home, "docs", "--json", "--limit", "100000").stdout)["documents"]
    deletable = [d["id"] for d in listed][: max(10, len(listed) // 10)]
    shared = Shared(queries, deletable)
    server = Server(home, tmp / f"serve-{'warm' if warm else 'cold'}.log", warm=warm)
    try:
        time.sleep(1)
        ready_rss = server.rss()
        first = warm_up(server.base)
        time.sleep(1)
        warmed_rss = server.rss()
        print(
            f"\n== serve_warm_tables={'true' if warm else 'false'}: {len(listed)} documents, "
            f"{args.clients} clients, {args.seconds:.0f} s per scenario, {os.cpu_count()} CPUs, "
            f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        print(
            f"ready in {server.start_s:.1f} s, RSS {ready_rss:.0f} MiB; first requests: "
            + ", ".join(
                f"{what} {seconds * 1000:.0f} ms{'' if ok else ' FAILED'}"
                for what, seconds, ok in first
            )
        )
        print(f"RSS after the warm-up requests (before the load): {warmed_rss:.0f} MiB")
        print(
            f"{'scenario':<9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7} {'CPU ms/req':>10} {'RSS before':>11} {'RSS after':>10}"
        )
        offset, errors = 0, sum(not ok for _, _, ok in first)
        for scenario in args.scenarios:
            before, cpu_before = server.rss(), server.cpu()
            tally, elapsed = asyncio.run(
                run_scenario(
                    server.base,
                    scenario,
                    clients=args.clients,
                    seconds=args.seconds,
                    shared=shared,
                    offset=offset,
                )
            )
            offset += len(tally.latencies_ms)
            errors += tally.errors
            cpu_ms = (server.cpu() - cpu_before) * 1000 / max(1, len(tally.latencies_ms))
            time.sleep(3)
            after = server.rss()
            lat = tally.latencies_ms
            print(
                f"{scenario:<9} {len(lat) / elapsed:7.1f} {statistics.median(lat) if lat else float('nan'):8.0f} "
                f"{percentile(lat, 95):8.0f} {percentile(lat, 99):8.0f} {len(lat):9d} {tally.errors:7d} "
                f"{cpu_ms:10.1f} {before:9.0f} M {after:8.0f} M"
            )
            for sample in tally.error_samples:
                print(f"    error: {sample}")
        made, lost, undead = check_writes(server.base, shared)
        end_rss = server.rss()
        print(
            f"uploads: {made} made, {lost} lost; deletes: {len(shared.deleted)} made, "
            f"{undead} still present"
        )
        print(
            f"RSS: ready {ready_rss:.0f} MiB -> before the load {warmed_rss:.0f} MiB -> after "
            f"{end_rss:.0f} MiB; growth during the load {end_rss - warmed_rss:+.0f} MiB, "
            f"since ready {end_rss - ready_rss:+.0f} MiB"
        )
        return RunResult(warm, server.start_s, ready_rss, warmed_rss, end_rss, first, errors)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0, help="per scenario")
    parser.add_argument("--scenarios", nargs="*", default=list(SCENARIOS), choices=SCENARIOS)
    parser.add_argument(
        "--library", type=Path, help="a built library to copy (else built from ../shared)"
    )
    parser.add_argument("--keep-library", type=Path, help="build the library here and keep it")
    parser.add_argument(
        "--warm",
        nargs="+",
        choices=("on", "off"),
        default=["on", "off"],
        help="serve_warm_tables of the servers to run, one full run each",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zhiku-load-") as tmp_name:
        tmp = Path(tmp_name)
        library = args.library
        if library is None:
            library = args.keep_library or tmp / "built"
            build_library(library)
        queries = load_queries(args.seed)
        results = [
            run_server(library, tmp, warm=mode == "on", args=args, queries=queries)
            for mode in args.warm
        ]
    print("\nsummary (RSS in MiB; growth = after - before the load)")
    print(
        f"{'warm tables':<12} {'ready s':>8} {'ready':>6} {'before':>7} {'after':>6} {'growth':>7} {'first requests s':>17} {'errors':>7}"
    )
    for r in results:
        print(
            f"{'on' if r.warm else 'off':<12} {r.start_s:8.1f} {r.ready_rss:6.0f} {r.warmed_rss:7.0f} "
            f"{r.end_rss:6.0f} {r.end_rss - r.warmed_rss:+7.0f} "
            f"{sum(t for _, t, _ in r.first_requests):17.2f} {r.errors:7d}"
        )


if __name__ == "__main__":
    main()
