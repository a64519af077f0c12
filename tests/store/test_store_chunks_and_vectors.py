"""Chunks, their lexical tokens, and the embedding cache keyed by (text hash, model)."""

from __future__ import annotations

import numpy as np
from store_contract import DIM, MODEL, document, put, vector_of

from zhiku.store import Store


def test_chunks_are_stored_in_order_with_their_documents_headers(store: Store) -> None:
    doc = document(
        "d1",
        "Chunks hold character offsets into the clean text of a document.",
        url="https://example.org/d1",
        published="2025-03-01",
    )
    chunks = put(store, doc)
    stored = store.chunks_of("d1")
    assert [c.chunk for c in stored] == [c.chunk for c in chunks]
    assert all(doc.text[c.chunk.start : c.chunk.end] == c.chunk.text for c in stored)
    assert [(c.tokens, c.text_hash) for c in stored] == [(c.tokens, c.text_hash) for c in chunks]
    found = store.chunks_by_key([stored[1].key, stored[0].key, 10**9])
    assert set(found) == {stored[0].key, stored[1].key}
    chunk, header = found[stored[1].key]
    assert chunk == stored[1].chunk
    assert (header.title, header.url, header.published, header.story_id) == (
        doc.title,
        doc.url,
        "2025-03-01",
        "d1",
    )


def test_chunk_texts_and_tokens(store: Store) -> None:
    put(store, document("a", "First document, with a few chunks of text in it."))
    put(store, document("b", "Second one."))
    texts = [row for batch in store.iter_chunk_texts(batch=2) for row in batch]
    assert [key for key, _ in texts] == sorted(key for key, _ in texts)
    assert {text for _, text in texts} >= {"Second one."}
    key = store.chunks_of("b")[0].key
    store.update_tokens([(key, "second one retokenized")])
    assert store.chunks_of("b")[0].tokens == "second one retokenized"


def test_vectors_are_cached_per_model(store: Store) -> None:
    chunks = put(store, document("d1", "Vectors are cached by the hash of the chunk text."))
    hashes = [c.text_hash for c in chunks]
    cached = store.cached_vectors([*hashes, "unknown"], MODEL)
    assert set(cached) == set(hashes)
    assert np.allclose(cached[hashes[0]], vector_of(chunks[0].chunk.text))
    assert store.cached_vectors(hashes, "other-model") == {}
    store.put_vectors({hashes[0]: np.ones(4, dtype=np.float32)}, "other-model")
    store.put_vectors({hashes[0]: np.ones(4, dtype=np.float32)}, "other-model")  # idempotent
    assert store.vector_models() == {MODEL: DIM, "other-model": 4}


def test_iter_vectors_and_vector_keys(store: Store) -> None:
    put(store, document("a", "Some text to embed, cut into several chunks here."))
    put(store, document("b", "More text."))
    batches = list(store.iter_vectors(MODEL))
    keys = np.concatenate([k for k, _ in batches])
    vectors = np.concatenate([v for _, v in batches])
    assert vectors.shape == (len(keys), DIM) and vectors.dtype == np.float32
    assert list(keys) == sorted(c.key for d in ("a", "b") for c in store.chunks_of(d))
    assert np.array_equal(store.vector_keys(MODEL), keys)
    assert len(store.vector_keys("other-model")) == 0
    store.delete_document("b")
    assert len(store.vector_keys(MODEL)) == len(store.chunks_of("a"))
