"""Background ingestion: one worker thread runs jobs in order, each pollable by id.

A job is a function of (library access, progress callback) returning ingest results. The worker
is the only writer the app has, so writes are serialized by construction; `LibraryAccess.write`
keeps readers out while a batch is being written.

With a `folder` (``zhiku serve`` uses ``HOME/jobs``), every job's state is also written there as
JSON, so jobs and their per-file results outlive a restart and stay listable; a job the server
stopped in the middle of is shown as failed ("interrupted"), never silently dropped.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import os
import queue
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zhiku.api.errors import describe
from zhiku.knowledge_base import IngestResult
from zhiku.lock import LibraryAccess
from zhiku.payloads import ingest_payload

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Work = Callable[[LibraryAccess, Progress], list[IngestResult]]

KEEP = 200  # finished jobs remembered for polling (in memory and on disk)
_SAVE_EVERY_S = 1.0  # progress is written to disk at most this often (status changes at once)
INTERRUPTED = {
    "error": {
        "type": "Interrupted",
        "message": "the server stopped before this job finished; the inputs it had not "
        "reached were not added: send them again",
        "status": 503,
    }
}


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


def _state_record(state: JobState) -> dict[str, Any]:
    record = dataclasses.asdict(state)
    record["results"] = [dataclasses.asdict(r) for r in state.results]
    return record


def _state_from(record: dict[str, Any]) -> JobState:
    results = tuple(IngestResult(**r) for r in record.pop("results", []))
    return JobState(**record, results=results)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class JobQueue:
    """``submit(kind, work, total)`` returns a job id; ``get(id)`` its latest `JobState`."""

    access: LibraryAccess
    folder: Path | None = None  # where job states are kept across restarts (None: memory only)
    _states: OrderedDict[str, JobState] = field(default_factory=OrderedDict)
    _pending: queue.Queue[tuple[str, Work] | None] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _worker: threading.Thread | None = None
    _counter: itertools.count[int] = field(default_factory=itertools.count)
    _saved_at: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.folder is not None:
            self._load()

    def submit(self, kind: str, work: Work, *, total: int = 0) -> JobState:
        job_id = f"{next(self._counter):04d}-{uuid.uuid4().hex[:8]}"
        state = JobState(job_id, kind, total=total, created_at=_now())
        with self._lock:
            self._states[job_id] = state
            self._save(state)
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
            before = self._states[job_id]
            state = self._states[job_id] = replace(before, **changes)
            last = self._saved_at.get(job_id, 0.0)
            if state.status != before.status or time.monotonic() - last >= _SAVE_EVERY_S:
                self._save(state)

    def _forget_old(self) -> None:
        finished = [k for k, s in self._states.items() if s.status in ("done", "failed")]
        for job_id in finished[: max(0, len(self._states) - KEEP)]:
            del self._states[job_id]
            self._saved_at.pop(job_id, None)
            if self.folder is not None:
                (self.folder / f"{job_id}.json").unlink(missing_ok=True)

    def _save(self, state: JobState) -> None:
        """Write one job's state (atomically: a crash leaves the old file or the new one)."""
        if self.folder is None:
            return
        self._saved_at[state.id] = time.monotonic()
        target = self.folder / f"{state.id}.json"
        partial = target.with_suffix(".json.partial")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(_state_record(state), ensure_ascii=False), "utf-8")
            os.replace(partial, target)
        except OSError:  # a full disk must not fail the ingestion itself
            log.exception("could not save the state of job %s in %s", state.id, self.folder)

    def _load(self) -> None:
        """The jobs saved by earlier runs, oldest first; unfinished ones marked interrupted."""
        assert self.folder is not None
        found: list[JobState] = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                found.append(_state_from(json.loads(path.read_text("utf-8"))))
            except (OSError, ValueError, TypeError) as error:
                log.warning("skipped unreadable job state %s: %s", path, error)
        for state in sorted(found, key=lambda s: (s.created_at, s.id)):
            if state.status not in ("done", "failed"):
                state = replace(state, status="failed", error=INTERRUPTED, finished_at=_now())
                self._save(state)
            self._states[state.id] = state
        self._forget_old()

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
