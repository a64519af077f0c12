"""LibraryAccess: readers share, a writer runs alone, waiting writers go first."""

from __future__ import annotations

import threading
import time

from zhiku import KnowledgeBase
from zhiku.lock import LibraryAccess


def test_readers_share_and_a_writer_excludes_them(kb: KnowledgeBase) -> None:
    access = LibraryAccess(kb)
    log: list[str] = []
    with access.read(), access.read():
        log.append("two readers at once")
    inside = threading.Event()
    release = threading.Event()

    def writer() -> None:
        with access.write():
            inside.set()
            release.wait(5)
            log.append("writer done")

    thread = threading.Thread(target=writer)
    thread.start()
    inside.wait(5)

    def reader() -> None:
        with access.read():
            log.append("reader after writer")

    second = threading.Thread(target=reader)
    second.start()
    time.sleep(0.05)
    assert log == ["two readers at once"]  # the reader waits for the writer
    release.set()
    thread.join(5)
    second.join(5)
    assert log == ["two readers at once", "writer done", "reader after writer"]


def test_a_waiting_writer_goes_before_new_readers(kb: KnowledgeBase) -> None:
    access = LibraryAccess(kb)
    order: list[str] = []
    first_reader = access.read()
    first_reader.__enter__()
    writer_waiting = threading.Event()

    def writer() -> None:
        writer_waiting.set()
        with access.write():
            order.append("writer")

    def reader() -> None:
        with access.read():
            order.append("late reader")

    w = threading.Thread(target=writer)
    w.start()
    writer_waiting.wait(5)
    time.sleep(0.05)
    r = threading.Thread(target=reader)
    r.start()
    time.sleep(0.05)
    first_reader.__exit__(None, None, None)
    w.join(5)
    r.join(5)
    assert order == ["writer", "late reader"]
