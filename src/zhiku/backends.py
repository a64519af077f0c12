"""Which system of record and which search index a library runs on, from its settings.

Embedded (the default): SQLite in ``home/library.db``, tantivy + numpy/usearch beside it, and
a file lock for the one writer. Cluster: ``store = "postgresql://…"`` and/or
``index = "milvus://…"`` (``zhiku[cluster]``, see docs/deploy.md).
"""

from __future__ import annotations

import numpy as np

from zhiku.embedders.protocol import Embedder
from zhiku.errors import ConfigError
from zhiku.index import AnnPlan, LexicalIndex, LocalSearchIndex, SearchIndex
from zhiku.index.ann import open_dense_index
from zhiku.index.milvus import ChunkFields, DocumentLocks, MilvusSearchIndex, TermStatistics
from zhiku.index.parts import PartVectors, part_hashes
from zhiku.ingest import text_hash
from zhiku.sentence_vectors import sentence_parts, wanted
from zhiku.settings import Settings
from zhiku.store import SQLiteStore, Store

STORE_SCHEMES = ("postgresql://", "postgres://")
INDEX_SCHEMES = ("milvus://", "milvus+https://")


def is_cluster_store(url: str) -> bool:
    return url.startswith(STORE_SCHEMES)


def open_store(settings: Settings) -> Store:
    """The system of record the settings name (the embedded SQLite file by default)."""
    url = settings.store
    if not url:
        home = settings.home_path
        home.mkdir(parents=True, exist_ok=True)
        return SQLiteStore(home / "library.db")
    if is_cluster_store(url):
        from zhiku.store.postgresql import PostgresStore

        return PostgresStore(url)
    raise ConfigError(f"store {url!r}: use '' (embedded SQLite) or postgresql://USER@HOST:PORT/DB")


def open_index(settings: Settings, store: Store, embedder: Embedder) -> SearchIndex:
    """The search index the settings name (the embedded tantivy + vectors by default)."""
    url = settings.index
    parts = wanted(settings.sentence_vectors, embedder_default=embedder.sentence_vectors)
    if url.startswith(INDEX_SCHEMES):
        return MilvusSearchIndex(
            url,
            dim=embedder.dim,
            model=embedder.name,
            parts=parts,
            fields_of=lambda doc_id: chunk_fields(store, doc_id),
            vectors_of=lambda doc_id: chunk_vectors(store, doc_id, embedder, parts=parts),
            statistics=store if isinstance(store, TermStatistics) else None,
            locks=store if isinstance(store, DocumentLocks) else None,
        )
    if url:
        raise ConfigError(f"index {url!r}: use '' (embedded) or milvus://HOST:PORT/COLLECTION")
    home = settings.home_path
    home.mkdir(parents=True, exist_ok=True)
    plan = AnnPlan(home / "ann", embedder.name, settings.ann_min_chunks)
    seq = store.last_seq()
    dense = open_dense_index(plan, store, dim=embedder.dim, seq=seq)
    part_index, parts_plan = None, None
    if parts:
        parts_plan = AnnPlan(home / "ann-sentences", embedder.name, settings.ann_min_chunks)
        part_index = open_dense_index(parts_plan, PartVectors(store), dim=embedder.dim, seq=seq)
    return LocalSearchIndex(
        LexicalIndex(home / "lexical"),
        dense,
        ann_plan=plan,
        seq=seq,
        parts=part_index,
        parts_plan=parts_plan,
    )


def chunk_fields(store: Store, doc_id: str) -> ChunkFields:
    """The filter fields of a document's chunks, as the search index keeps them."""
    doc = store.get_document(doc_id)
    return ChunkFields.of(
        source=doc.source,
        language=doc.language,
        script=doc.script,
        date=doc.published or doc.added_at or "",
        story_id=doc.story_id or doc.id,
    )


def chunk_vectors(
    store: Store, doc_id: str, embedder: Embedder, *, parts: bool
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """A document's chunk vectors in chunk order (and sentence vectors, with `parts`) as the
    record caches them; a text the record has no vector for is embedded and cached."""
    chunks = store.chunks_of(doc_id)
    texts = {c.text_hash: c.chunk.text for c in chunks}
    keys, hashes = np.zeros(0, dtype=np.int64), list[str]()
    if parts:
        keys, hashes = part_hashes((c.key, c.chunk.text) for c in chunks)
        texts.update((text_hash(p), p) for c in chunks for p in sentence_parts(c.chunk.text))
    cached = store.cached_vectors(list(texts), embedder.name)
    missing = [h for h in texts if h not in cached]
    if missing:
        fresh = embedder.embed([texts[h] for h in missing])
        cached.update(zip(missing, fresh, strict=True))
        store.put_vectors({h: cached[h] for h in missing}, embedder.name)
    if not chunks:
        return np.zeros((0, embedder.dim), dtype=np.float32), None
    vectors = np.stack([cached[c.text_hash] for c in chunks])
    return vectors, ((keys, np.stack([cached[h] for h in hashes])) if hashes else None)
