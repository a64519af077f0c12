"""Slow down key guessing: each client may fail the API key (or ``/login``) a few times a minute.

`FailureLimiter` counts failures per client address in a sliding window; once a client has
failed `max_failures` times within `window_s`, every request of theirs that presents a key is
answered 429 until the oldest failure leaves the window, whether the key is right or not (a
right key answered differently would still be an oracle). Memory is bounded: at most
`max_clients` addresses are remembered, the stalest forgotten first.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class FailureLimiter:
    """``retry_after(client)`` -> seconds to wait (None: go ahead); ``failed(client)`` counts one."""

    def __init__(
        self,
        *,
        max_failures: int = 10,
        window_s: float = 60.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.max_clients = max_clients
        self._clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> float | None:
        with self._lock:
            recent = self._recent(client)
            if recent is None or len(recent) < self.max_failures:
                return None
            return max(1.0, recent[0] + self.window_s - self._clock())

    def failed(self, client: str) -> None:
        with self._lock:
            recent = self._recent(client)
            if recent is None:
                recent = self._failures[client] = deque(maxlen=self.max_failures)
                while len(self._failures) > self.max_clients:
                    self._failures.popitem(last=False)
            recent.append(self._clock())
            self._failures.move_to_end(client)

    def _recent(self, client: str) -> deque[float] | None:
        recent = self._failures.get(client)
        if recent is None:
            return None
        horizon = self._clock() - self.window_s
        while recent and recent[0] <= horizon:
            recent.popleft()
        if not recent:
            del self._failures[client]
            return None
        return recent


def client_of(scope_client: tuple[str, int] | list[object] | None) -> str:
    """The address a request came from (``"unknown"`` when the server does not say)."""
    return str(scope_client[0]) if scope_client else "unknown"
