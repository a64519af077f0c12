"""Exact dense search over an in-memory float32 matrix of normalized vectors."""

from __future__ import annotations

import numpy as np

from zhiku.embedders.blas import one_blas_thread


class DenseIndex:
    """Chunk keys -> vectors; cosine similarity by one matrix-vector product."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._keys = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._pending_keys: list[np.ndarray] = []
        self._pending_vectors: list[np.ndarray] = []

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        if vectors.shape[1:] != (self.dim,):
            raise ValueError(f"expected vectors of dimension {self.dim}, got {vectors.shape}")
        self._pending_keys.append(np.asarray(keys, dtype=np.int64))
        self._pending_vectors.append(np.asarray(vectors, dtype=np.float32))

    def clear(self) -> None:
        self._keys = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, self.dim), dtype=np.float32)
        self._pending_keys, self._pending_vectors = [], []

    def remove(self, keys: np.ndarray) -> None:
        self._flush()
        keep = ~np.isin(self._keys, keys)
        self._keys, self._matrix = self._keys[keep], self._matrix[keep]

    def _flush(self) -> None:
        if self._pending_keys:
            self._keys = np.concatenate([self._keys, *self._pending_keys])
            self._matrix = np.concatenate([self._matrix, *self._pending_vectors])
            self._pending_keys, self._pending_vectors = [], []

    def __len__(self) -> int:
        self._flush()
        return len(self._keys)

    def items(self) -> tuple[np.ndarray, np.ndarray]:
        """(keys, vectors) of everything held."""
        self._flush()
        return self._keys, self._matrix

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk key, cosine) best first."""
        self._flush()
        if len(self._keys) == 0:
            return []
        with one_blas_thread():  # a memory-bound scan: a second BLAS thread only spins
            scores = self._matrix @ query.astype(np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self._keys[i]), float(scores[i])) for i in top]
