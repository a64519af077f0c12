"""Two `zhiku serve` replicas on one PostgreSQL + Milvus, 8 clients writing and searching.

    python benchmarks/replicas.py                    # 120 s of load, then kill -9 of replica A
    python benchmarks/replicas.py --seconds 30       # a quick look

Throwaway servers on 127.0.0.1 (`zhiku.devservers`). Each client, in a loop until the time is
up: uploads a new note (a unique token in its text) to one replica, alternating; waits for the
ingestion job to finish (the document is then *acknowledged*); then searches both replicas for
the token until each returns the document, and records how long that took (bar: 2 s). Every
third round it also runs an ordinary search. At the end one replica is killed with SIGKILL in
the middle of a batch upload, and every acknowledged document is checked on the survivor and in
the record (bar: 0 lost); then the killed replica is restarted and checked too.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from zhiku.devservers import free_port, local_milvus, local_postgres

BAR_S = 2.0


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[str, str] = field(default_factory=dict)  # token -> doc id
    delays: list[float] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    first_try: int = 0  # found on both replicas by the first search after the acknowledgement
    searches: list[float] = field(default_factory=list)
    lookups: list[float] = field(default_factory=list)  # one token search on one replica
    uploads: list[float] = field(default_factory=list)  # upload until the job is done
    errors: list[str] = field(default_factory=list)


def serve(home: Path, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    log = open(home / f"serve-{port}.log", "ab")  # noqa: SIM115 - the process owns it
    process = subprocess.Popen(
        [sys.executable, "-m", "zhiku", "--home", str(home), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code < 500:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
        if process.poll() is not None:
            raise SystemExit(f"zhiku serve on {port} exited; see {home}/serve-{port}.log")
    raise SystemExit(f"zhiku serve on {port} did not come up")


def note(token: str, n: int) -> bytes:
    return (
        f"Replica note {n}\n\nThis note records observation {token} from the replica load test. "
        f"The value {token} appears once in the whole library, so a search finds only this note.\n"
    ).encode()


def upload(client: httpx.Client, base: str, token: str, n: int) -> str | None:
    """The doc id once its ingestion job is done (None if it failed)."""
    files = [("files", (f"note-{token}.txt", note(token, n), "text/plain"))]
    job = client.post(f"{base}/api/documents", files=files, timeout=30).json()["job"]
    while True:
        state = client.get(f"{base}/api/jobs/{job['id']}", timeout=30).json()
        state = state.get("job", state)
        if state["status"] in ("done", "failed"):
            results = state.get("results") or []
            ok = [r for r in results if r.get("status") == "added"]
            return ok[0]["doc_id"] if ok else None
        time.sleep(0.02)


def found(
    client: httpx.Client, base: str, token: str, doc_id: str, times: list[float] | None = None
) -> bool:
    started = time.perf_counter()
    hits = client.get(
        f"{base}/api/search", params={"q": token, "mode": "lexical", "k": 3}, timeout=30
    ).json()["hits"]
    if times is not None:
        times.append(time.perf_counter() - started)
    return any(h["doc_id"] == doc_id for h in hits)


def client_loop(bases: list[str], until: float, tally: Tally, n: int) -> None:
    with httpx.Client() as client:
        rounds = 0
        while time.monotonic() < until:
            rounds += 1
            token = f"tok{uuid.uuid4().hex[:12]}"
            try:
                started = time.monotonic()
                doc_id = upload(client, bases[rounds % 2], token, n * 100_000 + rounds)
                if doc_id is None:
                    tally.errors.append(f"{token}: not added")
                    continue
                acked = time.monotonic()
                tally.uploads.append(acked - started)
                with tally.lock:
                    tally.acknowledged[token] = doc_id
                waiting = set(bases)
                attempts = 0
                while waiting and time.monotonic() - acked < 10:
                    attempts += 1
                    waiting = {
                        b for b in waiting if not found(client, b, token, doc_id, tally.lookups)
                    }
                    if waiting:
                        time.sleep(0.05)
                delay = time.monotonic() - acked
                with tally.lock:
                    tally.first_try += attempts == 1 and not waiting
                    tally.delays.append(delay)
                    if waiting or delay > BAR_S:
                        tally.late.append(token)
                if rounds % 3 == 0:
                    started = time.perf_counter()
                    client.get(
                        f"{bases[0]}/api/search",
                        params={"q": "replica observation note"},
                        timeout=30,
                    )
                    tally.searches.append(time.perf_counter() - started)
            except httpx.HTTPError as error:
                tally.errors.append(f"{token}: {error}")


def kill_mid_batch(base: str, process: subprocess.Popen[bytes], tally: Tally) -> int:
    """SIGKILL the replica while it ingests a 200-note upload; returns how many were acked
    (the job's results so far are not acknowledged: only a finished job is)."""
    files = [
        ("files", (f"batch-{i}.txt", note(f"batch{i:04d}x", i), "text/plain")) for i in range(200)
    ]
    with httpx.Client() as client:
        job = client.post(f"{base}/api/documents", files=files, timeout=60).json()["job"]
        while True:
            state = client.get(f"{base}/api/jobs/{job['id']}", timeout=30).json()
            state = state.get("job", state)
            if state["progress"]["done"] >= 40:
                break
            time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return int(state["progress"]["done"])


def _ms(values: list[float], quantile: float) -> float | None:
    ordered = sorted(values)
    return round(ordered[int(quantile * (len(ordered) - 1))] * 1000, 1) if ordered else None


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with local_postgres() as pg, local_milvus() as milvus, tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, ZHIKU_STORE=pg.url, ZHIKU_INDEX=f"{milvus.url}/replicas")
        ports = [free_port(), free_port()]
        homes = [Path(home) / "a", Path(home) / "b"]
        for h in homes:
            h.mkdir()
        replicas = [serve(homes[0], env, ports[0])]
        replicas.append(serve(homes[1], env, ports[1]))
        bases = [f"http://127.0.0.1:{p}" for p in ports]
        tally = Tally()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client_loop, args=(bases, until, tally, n))
            for n in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        delays = sorted(tally.delays)
        report = {
            "seconds": args.seconds,
            "clients": args.clients,
            "acknowledged": len(tally.acknowledged),
            "visible_on_both_p50_s": round(statistics.median(delays), 3) if delays else None,
            "visible_on_both_p95_s": round(delays[int(0.95 * (len(delays) - 1))], 3)
            if delays
            else None,
            "visible_on_both_max_s": round(delays[-1], 3) if delays else None,
            "later_than_2s": len(tally.late),
            "found_by_first_search_on_both": tally.first_try,
            "search_p50_ms": round(statistics.median(tally.searches) * 1000, 1)
            if tally.searches
            else None,
            # the split of the wait: visibility (found by the first search) vs search latency
            "token_search_p50_ms": _ms(tally.lookups, 0.5),
            "token_search_p95_ms": _ms(tally.lookups, 0.95),
            "upload_until_acknowledged_p50_s": round(statistics.median(tally.uploads), 3)
            if tally.uploads
            else None,
            "load_average_1m_at_end": os.getloadavg()[0],
            "errors": tally.errors[:5],
            "error_count": len(tally.errors),
        }
        in_flight = kill_mid_batch(bases[0], replicas[0], tally)
        with httpx.Client() as client:
            lost = [t for t, d in tally.acknowledged.items() if not found(client, bases[1], t, d)]
            replicas[0] = serve(homes[0], env, ports[0])
            lost_after_restart = [
                t for t, d in tally.acknowledged.items() if not found(client, bases[0], t, d)
            ]
            batch_in_record = sum(
                1
                for i in range(200)
                if f"batch{i:04d}x"
                in json.dumps(
                    client.get(
                        f"{bases[0]}/api/search",
                        params={"q": f"batch{i:04d}x", "mode": "lexical", "k": 1},
                        timeout=30,
                    ).json()["hits"]
                )
            )
        report.update(
            {
                "kill9_batch_done_when_killed": in_flight,
                "kill9_batch_searchable_after_restart": batch_in_record,  # committed before the kill
                "lost_on_survivor": len(lost),
                "lost_on_restarted": len(lost_after_restart),
            }
        )
        for process in replicas:
            process.terminate()
            process.wait(timeout=30)
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
