"""`zhiku migrate`: move a library between the embedded backends and the cluster ones.

The record is copied table by table (`zhiku.store.copy`), vectors included, so nothing is
re-embedded; the target's search index is then built from the copied record (the catch-up every
open runs, from change 0), and the counts are checked: documents, chunks and vectors in both
records, and every chunk in the new index.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from zhiku.backends import open_store
from zhiku.embedders.protocol import Embedder
from zhiku.errors import StoreError
from zhiku.index.milvus import MilvusSearchIndex
from zhiku.knowledge_base import KnowledgeBase
from zhiku.settings import Settings
from zhiku.store.copy import TableCopy, copy_record
from zhiku.store.sqlite import SQLiteStore


@dataclass(frozen=True, slots=True)
class Migration:
    tables: list[TableCopy]
    documents: int
    chunks: int
    indexed: int


def migrate(
    source: Settings,
    target: Settings,
    *,
    embedder: Embedder | None = None,
    on_progress: Callable[[str, int], None] | None = None,
) -> Migration:
    """Copy the library of `source` into the (empty) backends of `target` and index it there."""
    with KnowledgeBase.open(source, embedder=embedder) as kb:
        embedder = kb.embedder
        target = dataclasses.replace(
            target,
            embedder=source.embedder,
            sentence_vectors=kb.settings.sentence_vectors,
            chunk_max_chars=kb.settings.chunk_max_chars,
            chunk_overlap=kb.settings.chunk_overlap,
        )
        into = open_store(target)
        try:
            if not isinstance(kb.store, SQLiteStore) or not isinstance(into, SQLiteStore):
                raise StoreError("migrate copies between zhiku's own stores (SQLite, PostgreSQL)")
            tables = copy_record(kb.store, into, on_progress=on_progress)
        finally:
            into.close()
        documents = kb.store.count_documents()
        chunks = len(kb.store.vector_keys(embedder.name))
    with KnowledgeBase.open(target, embedder=embedder) as copy:  # the catch-up indexes it all
        index = copy.index
        indexed = (
            index.indexed_count() if isinstance(index, MilvusSearchIndex) else index.num_chunks()
        )
        found = (copy.store.count_documents(), len(copy.store.vector_keys(embedder.name)))
    if found != (documents, chunks) or indexed != chunks:
        raise StoreError(
            f"migrated {documents} documents / {chunks} chunks, but the target holds "
            f"{found[0]} / {found[1]} and its index {indexed} chunks"
        )
    return Migration(tables, documents, chunks, indexed)
