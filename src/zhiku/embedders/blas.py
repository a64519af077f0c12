"""Run BLAS on one thread around zhiku's small matrix products, safely across threads.

zhiku's matrix products are small (a query against a few thousand vectors, a batch of a few
hundred tokens); OpenBLAS' extra threads mostly spin and wait, which on a 2-core machine shared
with other work made them several times slower (docs/scale.md). `threadpoolctl` changes a
process-wide setting, so concurrent callers share one limit: the first to enter sets it, the
last to leave restores it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from threadpoolctl import ThreadpoolController

_guard = threading.Lock()
_holders = 0
_active: Any = None  # threadpoolctl's limit while held
_controller: ThreadpoolController | None = None  # inspecting the loaded libraries takes ms


def _limit() -> Any:
    global _controller
    if _controller is None:
        _controller = ThreadpoolController()
    return _controller.limit(limits=1, user_api="blas")


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS on one thread inside the block."""
    global _holders, _active
    with _guard:
        if _holders == 0:
            _active = _limit()
        _holders += 1
    try:
        yield
    finally:
        with _guard:
            _holders -= 1
            if _holders == 0 and _active is not None:
                _active.restore_original_limits()
                _active = None


_process_limit: Any = None


def one_blas_thread_per_process() -> None:
    """BLAS on one thread for the rest of the process: for a server, whose parallelism is its
    concurrent requests. OpenBLAS' worker threads spin after each call while they wait for
    more work; with sixteen clients those spinning threads took most of two cores, and hybrid
    search ran at ~6 req/s instead of ~75 (benchmarks/load.py, docs/benchmarks.md)."""
    global _process_limit
    limit = _limit()
    if limit is not None:
        _process_limit = limit  # kept: dropping it does not restore, but keep the handle anyway
