"""Exact dense search over an in-memory float32 matrix of normalized vectors."""

from __future__ import annotations

import threading

import numpy as np

from zhiku.embedders.blas import one_blas_thread


class DenseIndex:
    """Chunk keys -> vectors; cosine similarity by one matrix-vector product.

    Searches may run in many threads while one thread changes the index: the keys and the
    matrix are replaced together as one tuple, so a search reads a consistent pair.
    """

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._held = (np.zeros(0, dtype=np.int64), np.zeros((0, dim), dtype=np.float32))
        self._pending_keys: list[np.ndarray] = []
        self._pending_vectors: list[np.ndarray] = []
        self._changing = threading.Lock()

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        if vectors.shape[1:] != (self.dim,):
            raise ValueError(f"expected vectors of dimension {self.dim}, got {vectors.shape}")
        with self._changing:
            self._pending_keys.append(np.asarray(keys, dtype=np.int64))
            self._pending_vectors.append(np.asarray(vectors, dtype=np.float32))

    def clear(self) -> None:
        with self._changing:
            self._held = (np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float32))
            self._pending_keys, self._pending_vectors = [], []

    def remove(self, keys: np.ndarray) -> None:
        with self._changing:
            held_keys, matrix = self._flushed()
            keep = ~np.isin(held_keys, keys)
            if not keep.all():
                self._held = (held_keys[keep], matrix[keep])

    def _flushed(self) -> tuple[np.ndarray, np.ndarray]:
        """The held (keys, matrix) with pending additions merged in; call with `_changing` held."""
        if self._pending_keys:
            keys, matrix = self._held
            self._held = (
                np.concatenate([keys, *self._pending_keys]),
                np.concatenate([matrix, *self._pending_vectors]),
            )
            self._pending_keys, self._pending_vectors = [], []
        return self._held

    def _current(self) -> tuple[np.ndarray, np.ndarray]:
        if not self._pending_keys:
            return self._held
        with self._changing:
            return self._flushed()

    def __len__(self) -> int:
        return len(self._current()[0])

    def items(self) -> tuple[np.ndarray, np.ndarray]:
        """(keys, vectors) of everything held."""
        return self._current()

    def keys(self) -> np.ndarray:
        return self._current()[0]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk key, cosine) best first."""
        keys, matrix = self._current()
        if len(keys) == 0:
            return []
        with one_blas_thread():  # a memory-bound scan: a second BLAS thread only spins
            scores = matrix @ query.astype(np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(keys[i]), float(scores[i])) for i in top]
