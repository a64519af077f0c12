"""The change log derived indexes replay, and one transaction per document."""

from __future__ import annotations

import numpy as np
import pytest
from store_contract import MODEL, chunks_of, document, put, vectors_of

from zhiku.errors import StoreError
from zhiku.knowledge.extract import DocumentKnowledge
from zhiku.knowledge.records import EntityMention
from zhiku.store import Change, Store


def test_change_log_orders_upserts_and_deletes(store: Store) -> None:
    assert store.last_seq() == 0 and store.changes_since(0) == []
    put(store, document("a", "one"))
    put(store, document("b", "two"))
    mark = store.last_seq()
    put(store, document("a", "one, edited"))
    store.delete_document("b")
    changes = store.changes_since(mark)
    assert [(c.doc_id, c.op) for c in changes] == [("a", "upsert"), ("b", "delete")]
    assert [c.seq for c in changes] == sorted(c.seq for c in changes) and changes[
        -1
    ].seq == store.last_seq()
    assert all(isinstance(c, Change) for c in store.changes_since(0))
    assert len(store.changes_since(0)) == 4


class _BrokenVector:
    """A vector that fails when the store converts it, after the document row was written."""

    def astype(self, *args: object, **kwargs: object) -> np.ndarray:
        raise RuntimeError("disk full (simulated)")

    def tobytes(self) -> bytes:
        raise RuntimeError("disk full (simulated)")

    def __array__(self, *args: object, **kwargs: object) -> np.ndarray:
        raise RuntimeError("disk full (simulated)")


def _put_failing(store: Store, doc_id: str, text: str) -> None:
    doc = document(doc_id, text)
    chunks = chunks_of(doc)
    vectors = vectors_of(chunks)
    vectors[chunks[-1].text_hash] = _BrokenVector()  # type: ignore[assignment]
    store.put_document(
        doc,
        origin=f"notes/{doc_id}.txt",
        raw=b"",
        kind="text",
        chunks=chunks,
        vectors=vectors,
        model=MODEL,
    )


def test_a_failure_mid_document_leaves_nothing_half_written(store: Store) -> None:
    put(store, document("keep", "A document stored before the failure."))
    seq = store.last_seq()
    with pytest.raises(Exception, match="disk full"):
        _put_failing(store, "new", "A new document whose vectors fail to store.")
    assert store.find_by_origin("notes/new.txt") is None and store.chunks_of("new") == []
    assert store.last_seq() == seq and store.count_documents() == 1


def test_a_failed_update_keeps_the_previous_version(store: Store) -> None:
    put(store, document("d", "The version that must survive."))
    before = (store.get_document("d"), store.chunks_of("d"), store.last_seq())
    with pytest.raises(Exception, match="disk full"):
        _put_failing(store, "d", "An update that fails half way through its vectors.")
    assert (store.get_document("d"), store.chunks_of("d"), store.last_seq()) == before


def test_invalid_knowledge_fails_the_whole_document_with_a_store_error(store: Store) -> None:
    doc = document("d", "OpenAI released a model.")
    bad = DocumentKnowledge(
        (), (), (EntityMention("planet:mars", "Mars", "planet", 0, 6, "catalogue"),), ()
    )
    chunks = chunks_of(doc)
    with pytest.raises(StoreError):
        store.put_document(
            doc,
            origin="o",
            raw=b"",
            kind="text",
            chunks=chunks,
            vectors=vectors_of(chunks),
            model=MODEL,
            knowledge=bad,
        )
    assert store.count_documents() == 0 and store.last_seq() == 0
    assert store.cached_vectors([c.text_hash for c in chunks], MODEL) == {}


def test_reopening_keeps_everything(store_factory, location) -> None:  # type: ignore[no-untyped-def]
    first = store_factory(location)
    put(first, document("d", "Stored, closed and opened again."))
    seq, chunks = first.last_seq(), first.chunks_of("d")
    first.close()
    again = store_factory(location)
    try:
        assert again.get_document("d").text == "Stored, closed and opened again."
        assert again.chunks_of("d") == chunks and again.last_seq() == seq
    finally:
        again.close()
