"""Shared access to one `KnowledgeBase` from many request threads and one ingestion worker.

The library is not thread-safe for writes: its SQLite connection, tantivy writer and dense
matrix are shared. Reads may run together; a write runs alone. `LibraryAccess` is a small
readers-writer lock that prefers writers, so a steady stream of searches cannot starve an
ingestion job, and a job releases it between batches so searches never wait long.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from zhiku.knowledge_base import KnowledgeBase


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
