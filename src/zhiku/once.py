"""`once`: a value built at most once per process, even when many threads ask for it first.

``functools.lru_cache`` does not hold a lock while it computes, so in a server the first
concurrent requests each build their own copy of a large lazy table and all but one become
garbage: sixteen threads segmenting their first Chinese query built jieba's dictionary sixteen
times, and the process kept ~600 MiB it never gave back (docs/benchmarks.md, issue 16).

>>> calls = []
>>> @once
... def table() -> dict[str, int]:
...     calls.append(1)
...     return {"a": 1}
>>> table() is table(), len(calls)
(True, 1)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """Calls `build` the first time it is called; later (and concurrent) callers get that value.
    If `build` raises, the next call tries again."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: list[T] = []  # empty until built
        functools.update_wrapper(self, build)

    def __call__(self) -> T:
        if not self._value:
            with self._lock:
                if not self._value:
                    self._value.append(self._build())
        return self._value[0]

    @property
    def built(self) -> bool:
        return bool(self._value)

    def cache_clear(self) -> None:
        """Forget the value (tests)."""
        with self._lock:
            self._value.clear()


def once(build: Callable[[], T]) -> Once[T]:
    return Once(build)


__all__ = ["Once", "once"]
