"""The `SearchIndex` seam: derived search structures, rebuildable from the store.

The embedded implementation is tantivy (lexical) + exact cosine over an in-memory numpy matrix
(dense), switching to a usearch HNSW graph when the library grows past ``ann_min_chunks``
(`zhiku.index.ann`); a distributed one (Milvus) implements the same protocol.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np

from zhiku.index.ann import AnnIndex, AnnPlan, promote_to_ann
from zhiku.index.dense import DenseIndex
from zhiku.index.lexical import LexicalIndex
from zhiku.records import SearchFilters
from zhiku.sentence_vectors import SLOTS, all_part_keys, best_per_chunk

# Part hits read per chunk hit wanted: a chunk's sentences crowd the list, 2-10 each
_PART_DEPTH = 4

Parts = tuple[np.ndarray, np.ndarray]  # (part keys, vectors): a document's sentence vectors


class SearchIndex(Protocol):
    @property
    def applied_seq(self) -> int: ...
    @property
    def holds_parts(self) -> bool: ...

    def begin_change(self, doc_id: str) -> None: ...
    def unfinished_documents(self) -> list[str]: ...
    def claim_replay(self, doc_id: str) -> bool: ...
    def remove_document(self, doc_id: str, keys: Sequence[int]) -> None: ...
    def add_document(
        self,
        doc_id: str,
        chunks: Sequence[tuple[int, str]],
        vectors: np.ndarray | None,
        parts: Parts | None = None,
    ) -> None: ...
    def clear(self) -> None: ...
    def commit(self, seq: int) -> None: ...
    @property
    def seen_seq(self) -> int: ...
    def follow(
        self,
        seq: int,
        *,
        live_keys: np.ndarray,
        keys: np.ndarray,
        vectors: np.ndarray,
        parts: Parts | None = None,
    ) -> None: ...
    def lexical(
        self, terms: Sequence[str], k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]: ...
    def dense(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]: ...
    def document_frequency(self, term: str) -> int: ...
    def warm_statistics(self, terms: Iterable[str]) -> None: ...
    def num_chunks(self) -> int: ...
    def close(self) -> None: ...


class LocalSearchIndex:
    """tantivy BM25 + exact cosine search (ANN in large libraries), the embedded default.

    With an `ann_plan`, an exact index that grows past ``ann_plan.min_chunks`` becomes an ANN
    index at the next commit, and the ANN snapshot is saved on commits (at most once a minute)
    and on close. With `parts` (sentence vectors, `zhiku.sentence_vectors`) dense search ranks
    each chunk by the best of its own vector and its sentences'; `parts_plan` switches and
    saves that index the same way.
    """

    def __init__(
        self,
        lexical: LexicalIndex,
        dense: DenseIndex | AnnIndex,
        *,
        ann_plan: AnnPlan | None = None,
        seq: int = 0,
        parts: DenseIndex | AnnIndex | None = None,
        parts_plan: AnnPlan | None = None,
    ) -> None:
        self._lexical = lexical
        self._dense = dense
        self._plan = ann_plan
        self._parts = parts
        self._parts_plan = parts_plan
        self._seq = seq  # the store's change sequence the dense side reflects

    @property
    def holds_parts(self) -> bool:
        """Whether this index keeps sentence vectors (and wants them with each document)."""
        return self._parts is not None

    @property
    def uses_ann(self) -> bool:
        return isinstance(self._dense, AnnIndex)

    @property
    def applied_seq(self) -> int:
        return self._lexical.applied_seq

    @property
    def seen_seq(self) -> int:
        """The store's change sequence this process's in-memory side reflects."""
        return self._seq

    def follow(
        self,
        seq: int,
        *,
        live_keys: np.ndarray,
        keys: np.ndarray,
        vectors: np.ndarray,
        parts: Parts | None = None,
    ) -> None:
        """Catch up with changes another process committed, up to `seq`: read the lexical
        index's newer commits, drop the vectors of chunks no longer in `live_keys` (every chunk
        key with a vector in the store) and add those of `keys` (and `parts`) not held yet.
        Reconciles by key sets, as `sync_ann` does: chunk keys are never reused."""
        self._lexical.reload()
        _reconcile(self._dense, live_keys, keys, vectors, slots=1)
        if self._parts is not None:
            part_keys, part_vectors = (
                parts
                if parts is not None
                else (np.zeros(0, np.int64), np.zeros((0, vectors.shape[1]), np.float32))
            )
            _reconcile(self._parts, live_keys, part_keys, part_vectors, slots=SLOTS)
        self._seq = seq

    def begin_change(self, doc_id: str) -> None:
        """Nothing to mark: one writer at a time (the file lock), healed by `applied_seq`."""

    def unfinished_documents(self) -> list[str]:
        return []

    def claim_replay(self, doc_id: str) -> bool:
        return True  # the file lock is held

    def remove_document(self, doc_id: str, keys: Sequence[int]) -> None:
        self._lexical.delete_document(doc_id)
        if len(keys):
            self._dense.remove(np.asarray(keys, dtype=np.int64))
            if self._parts is not None:
                self._parts.remove(all_part_keys(keys))

    def add_document(
        self,
        doc_id: str,
        chunks: Sequence[tuple[int, str]],
        vectors: np.ndarray | None,
        parts: Parts | None = None,
    ) -> None:
        """Index one document's chunks; `vectors` None leaves the dense side as it is.
        `parts`: the chunks' sentence vectors, when this index holds them."""
        self._lexical.add_chunks(doc_id, chunks)
        if len(chunks) and vectors is not None:
            self._dense.add(np.asarray([k for k, _ in chunks], dtype=np.int64), vectors)
        if self._parts is not None and parts is not None and len(parts[0]):
            self._parts.add(*parts)

    def clear(self) -> None:
        self._lexical.delete_all()
        self._dense.clear()
        if self._parts is not None:
            self._parts.clear()

    def commit(self, seq: int) -> None:
        self._lexical.commit(seq)
        self._seq = seq
        self._dense = _checkpoint_or_promote(self._dense, self._plan, seq)
        if self._parts is not None:
            self._parts = _checkpoint_or_promote(self._parts, self._parts_plan, seq)

    def lexical(
        self, terms: Sequence[str], k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        """`filters` are the library's to apply (this index keeps no document fields)."""
        return self._lexical.search(terms, k)

    def dense(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        chunks = self._dense.search(vector, k)
        if self._parts is None:
            return chunks
        return best_per_chunk(chunks, self._parts.search(vector, k * _PART_DEPTH), k)

    def document_frequency(self, term: str) -> int:
        return self._lexical.document_frequency(term)

    def warm_statistics(self, terms: Iterable[str]) -> None:
        """Nothing to read ahead: tantivy answers `document_frequency` from memory."""

    def num_chunks(self) -> int:
        return self._lexical.num_chunks()

    def close(self) -> None:
        for dense in (self._dense, self._parts):
            if isinstance(dense, AnnIndex):
                dense.checkpoint(self._seq, force=True)
        self._lexical.close()


def _reconcile(
    dense: DenseIndex | AnnIndex,
    live: np.ndarray,
    keys: np.ndarray,
    vectors: np.ndarray,
    *,
    slots: int,
) -> None:
    """Drop what `dense` holds for chunks not in `live`, add (`keys`, `vectors`) it lacks.
    A held key belongs to chunk ``key // slots`` (1 for chunk vectors, SLOTS for parts)."""
    have = dense.keys()
    stale = have[~np.isin(have // slots, live)]
    if len(stale):
        dense.remove(stale)
    new = ~np.isin(keys, have)
    if new.any():
        dense.add(np.asarray(keys)[new], np.asarray(vectors)[new])


def _checkpoint_or_promote(
    dense: DenseIndex | AnnIndex, plan: AnnPlan | None, seq: int
) -> DenseIndex | AnnIndex:
    if isinstance(dense, AnnIndex):
        dense.checkpoint(seq)
        return dense
    if plan is not None and len(dense) >= plan.min_chunks:
        return promote_to_ann(dense, plan, seq=seq)
    return dense


__all__ = ["AnnIndex", "AnnPlan", "DenseIndex", "LexicalIndex", "LocalSearchIndex", "SearchIndex"]
