"""One writer per library: an advisory lock file that names its holder."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import IO

from zhiku.errors import LockedError


class WriteLock:
    """Held from `acquire` until `release`; readers never take it."""

    def __init__(self, path: Path, *, timeout_s: float = 5.0) -> None:
        self.path = path
        self.timeout_s = timeout_s
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, *, timeout_s: float | None = None) -> None:
        if self._file is not None:
            return
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
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
