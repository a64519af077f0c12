"""The store's sentence vectors as a vector source for `open_dense_index`.

The store keeps no table of parts: a chunk's parts are a pure function of its text
(`zhiku.sentence_vectors.sentence_parts`) and their vectors sit in the embedding cache under
their text hash, so opening a library recomputes the parts and reads the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np

from zhiku.ingest import text_hash
from zhiku.sentence_vectors import part_keys, sentence_parts


class ChunkTextSource(Protocol):
    def iter_chunk_texts(self, batch: int = ...) -> Iterator[list[tuple[int, str]]]: ...
    def cached_vectors(self, text_hashes: Sequence[str], model: str) -> dict[str, np.ndarray]: ...


def part_hashes(chunks: Iterable[tuple[int, str]]) -> tuple[np.ndarray, list[str]]:
    """The part keys of (chunk key, text) pairs and the text hash each part's vector is cached
    under, in the same order."""
    keys: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    hashes: list[str] = []
    for key, text in chunks:
        parts = sentence_parts(text)
        keys.append(part_keys(key, len(parts)))
        hashes.extend(text_hash(p) for p in parts)
    return np.concatenate(keys), hashes


class PartVectors:
    """(part keys, vectors) batches of every chunk's sentence vectors cached for a model."""

    def __init__(self, store: ChunkTextSource) -> None:
        self._store = store

    def iter_vectors(self, model: str) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for rows in self._store.iter_chunk_texts():
            keys, hashes = part_hashes(rows)
            found = self._store.cached_vectors(hashes, model)
            have = [i for i, h in enumerate(hashes) if h in found]
            if have:
                yield keys[have], np.stack([found[hashes[i]] for i in have])
