"""Background ingestion: one worker thread runs jobs in order, each pollable by id.

A job is a function of (library access, progress callback) returning ingest results. The worker
is the only writer the app has, so writes are serialized by construction; `LibraryAccess.write`
keeps readers out while a batch is being written.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from zhiku.api.errors import describe
from zhiku.knowledge_base import IngestResult
from zhiku.lock import LibraryAccess
from zhiku.payloads import ingest_payload

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Work = Callable[[LibraryAccess, Progress], list[IngestResult]]

_KEEP = 200  # finished jobs remembered for polling


@dataclass(frozen=True, slots=True)
class JobState:
    """A snapshot of one job, as the API shows it."""

    id: str
    kind: str
    status: str = "queued"  # queued, running, done, failed
    done: int = 0
    total: int = 0
    current: str = ""
    created_at: str = ""
    finished_at: str | None = None
    results: tuple[IngestResult, ...] = ()
    error: dict[str, Any] | None = None

    def payload(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "progress": {"done": self.done, "total": self.total, "current": self.current},
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "counts": counts,
            "results": [ingest_payload(r) for r in self.results],
            "error": self.error["error"] if self.error else None,
        }


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class JobQueue:
    """``submit(kind, work, total)`` returns a job id; ``get(id)`` its latest `JobState`."""

    access: LibraryAccess
    _states: OrderedDict[str, JobState] = field(default_factory=OrderedDict)
    _pending: queue.Queue[tuple[str, Work] | None] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _worker: threading.Thread | None = None
    _counter: itertools.count[int] = field(default_factory=itertools.count)

    def submit(self, kind: str, work: Work, *, total: int = 0) -> JobState:
        job_id = f"{next(self._counter):04d}-{uuid.uuid4().hex[:8]}"
        state = JobState(job_id, kind, total=total, created_at=_now())
        with self._lock:
            self._states[job_id] = state
            self._forget_old()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="zhiku-ingest", daemon=True)
                self._worker.start()
        self._pending.put((job_id, work))
        return state

    def get(self, job_id: str) -> JobState | None:
        with self._lock:
            return self._states.get(job_id)

    def all(self) -> list[JobState]:
        with self._lock:
            return list(reversed(self._states.values()))

    def wait(self, job_id: str, *, timeout_s: float = 30.0) -> JobState | None:
        """Block until the job has finished (for tests and scripts)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            state = self.get(job_id)
            if state is None or state.status in ("done", "failed"):
                return state
            time.sleep(0.01)
        return self.get(job_id)

    def close(self, *, timeout_s: float = 10.0) -> None:
        """Let the running job finish, drop the queued ones, stop the worker."""
        worker = self._worker
        if worker is not None and worker.is_alive():
            self._pending.put(None)
            worker.join(timeout_s)

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._states[job_id] = replace(self._states[job_id], **changes)

    def _forget_old(self) -> None:
        finished = [k for k, s in self._states.items() if s.status in ("done", "failed")]
        for job_id in finished[: max(0, len(self._states) - _KEEP)]:
            del self._states[job_id]

    def _run(self) -> None:
        while (item := self._pending.get()) is not None:
            job_id, work = item
            self._update(job_id, status="running")

            def progress(done: int, total: int, origin: str, job_id: str = job_id) -> None:
                self._update(job_id, done=done, total=total, current=origin)

            try:
                results = work(self.access, progress)
            except Exception as error:  # reported on the job, never lost
                log.exception("ingestion job %s failed", job_id)
                self._update(job_id, status="failed", error=describe(error), finished_at=_now())
            else:
                self._update(
                    job_id, status="done", results=tuple(results), current="", finished_at=_now()
                )
