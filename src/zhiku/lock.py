"""Write locking, in one place: one writing process per library, one writing thread per process.

- `WriteLock`: an advisory lock file (``HOME/write.lock``) naming its holder's pid, so a second
  process that wants to write waits ``lock_timeout_s`` and then fails with a message naming it.
  `holding` takes it for one write from any thread of the process (re-entrant).
  ``WriteLock(None)`` has no file: it only keeps the threads of one process apart.
- `LibraryAccess`: a readers-writer lock over one open library for the threads of a server (the
  HTTP API's requests and ingestion worker, the MCP tools). Reads run together; a write runs
  alone. It prefers writers, so a steady stream of searches cannot starve an ingestion job, and
  a job releases it between batches so searches never wait long.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from zhiku.errors import LockedError

if TYPE_CHECKING:
    from zhiku.knowledge_base import KnowledgeBase


class WriteLock:
    """Held from `acquire` until `release`; readers never take it."""

    def __init__(self, path: Path | None, *, timeout_s: float = 5.0) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._file: IO[str] | None = None
        self._mutex = threading.RLock()  # the process's threads share one lock file

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, *, timeout_s: float | None = None) -> None:
        if self._file is not None or self.path is None:
            return
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (open while the lock is held)
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    handle.close()
                    raise LockedError(
                        f"library {self.path.parent} is being written by {holder}; "
                        "wait for it to finish or stop it"
                    ) from None
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._file = handle

    def try_acquire(self) -> bool:
        try:
            self.acquire(timeout_s=0)
        except LockedError:
            return False
        return True

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    @contextmanager
    def holding(self, *, wait: bool = True) -> Iterator[bool]:
        """One write: this thread alone, with the lock file held (taken now and released after
        unless it was held already). Yields False, without waiting, when `wait` is off and
        another process holds it."""
        with self._mutex:
            held = self.held
            if wait:
                self.acquire()
            elif not self.try_acquire():
                yield False
                return
            try:
                yield True
            finally:
                if not held:
                    self.release()


class LibraryAccess:
    """``with access.read() as kb: ...`` for queries; ``with access.write() as kb: ...`` for changes."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @property
    def kb(self) -> KnowledgeBase:
        """The library without the lock: only for values that never change (settings)."""
        return self._kb

    @contextmanager
    def read(self) -> Iterator[KnowledgeBase]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield self._kb
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[KnowledgeBase]:
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield self._kb
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()
