"""The `SearchIndex` seam: derived search structures, rebuildable from the store.

The embedded implementation is tantivy (lexical) + exact cosine over an in-memory numpy matrix
(dense), switching to a usearch HNSW graph when the library grows past ``ann_min_chunks``
(`zhiku.index.ann`); a distributed one (Milvus) implements the same protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from zhiku.index.ann import AnnIndex, AnnPlan, promote_to_ann
from zhiku.index.dense import DenseIndex
from zhiku.index.lexical import LexicalIndex


class SearchIndex(Protocol):
    @property
    def applied_seq(self) -> int: ...

    def remove_document(self, doc_id: str, keys: Sequence[int]) -> None: ...
    def add_document(
        self, doc_id: str, chunks: Sequence[tuple[int, str]], vectors: np.ndarray | None
    ) -> None: ...
    def clear(self) -> None: ...
    def commit(self, seq: int) -> None: ...
    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]: ...
    def dense(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]: ...
    def document_frequency(self, term: str) -> int: ...
    def num_chunks(self) -> int: ...
    def close(self) -> None: ...


class LocalSearchIndex:
    """tantivy BM25 + exact cosine search (ANN in large libraries), the embedded default.

    With an `ann_plan`, an exact index that grows past ``ann_plan.min_chunks`` becomes an ANN
    index at the next commit, and the ANN snapshot is saved on commits (at most once a minute)
    and on close.
    """

    def __init__(
        self, lexical: LexicalIndex, dense: DenseIndex | AnnIndex, *,
        ann_plan: AnnPlan | None = None, seq: int = 0,
    ) -> None:
        self._lexical = lexical
        self._dense = dense
        self._plan = ann_plan
        self._seq = seq  # the store's change sequence the dense side reflects

    @property
    def uses_ann(self) -> bool:
        return isinstance(self._dense, AnnIndex)

    @property
    def applied_seq(self) -> int:
        return self._lexical.applied_seq

    def remove_document(self, doc_id: str, keys: Sequence[int]) -> None:
        self._lexical.delete_document(doc_id)
        if len(keys):
            self._dense.remove(np.asarray(keys, dtype=np.int64))

    def add_document(
        self, doc_id: str, chunks: Sequence[tuple[int, str]], vectors: np.ndarray | None
    ) -> None:
        """Index one document's chunks; `vectors` None leaves the dense side as it is."""
        self._lexical.add_chunks(doc_id, chunks)
        if len(chunks) and vectors is not None:
            self._dense.add(np.asarray([k for k, _ in chunks], dtype=np.int64), vectors)

    def clear(self) -> None:
        self._lexical.delete_all()
        self._dense.clear()

    def commit(self, seq: int) -> None:
        self._lexical.commit(seq)
        self._seq = seq
        if isinstance(self._dense, AnnIndex):
            self._dense.checkpoint(seq)
        elif self._plan is not None and len(self._dense) >= self._plan.min_chunks:
            self._dense = promote_to_ann(self._dense, self._plan, seq=seq)

    def lexical(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        return self._lexical.search(terms, k)

    def dense(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return self._dense.search(vector, k)

    def document_frequency(self, term: str) -> int:
        return self._lexical.document_frequency(term)

    def num_chunks(self) -> int:
        return self._lexical.num_chunks()

    def close(self) -> None:
        if isinstance(self._dense, AnnIndex):
            self._dense.checkpoint(self._seq, force=True)
        self._lexical.close()


__all__ = ["AnnIndex", "AnnPlan", "DenseIndex", "LexicalIndex", "LocalSearchIndex", "SearchIndex"]
