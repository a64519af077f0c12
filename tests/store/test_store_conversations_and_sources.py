"""Conversations, live sources and documents by folder: the parts of the contract behind
`zhiku chat`, `zhiku sources` and `zhiku watch`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from store_contract import document, put

from zhiku.errors import NotFound
from zhiku.store import Store
from zhiku.store.records import Subscription


def test_turns_append_in_order_and_outlive_a_reopen(store_factory, location: Path) -> None:  # type: ignore[no-untyped-def]
    store: Store = store_factory(location)
    assert (
        store.add_turn(
            "c1", question="什么是 RAG？", asked="什么是 RAG？", answer_text="…[1]", answer="{}"
        )
        == 1
    )
    assert (
        store.add_turn(
            "c1", question="它有什么用？", asked="RAG 它有什么用？", answer_text="…", answer="{}"
        )
        == 2
    )
    store.add_turn(
        "c2", question="What is LoRA?", asked="What is LoRA?", answer_text="…", answer="{}"
    )
    store.close()
    again: Store = store_factory(location)
    try:
        summaries = {c.id: c for c in again.conversations()}
        assert summaries["c1"].title == "什么是 RAG？" and summaries["c1"].turns == 2
        assert [t.asked for t in again.conversation_turns("c1")] == [
            "什么是 RAG？",
            "RAG 它有什么用？",
        ]
        again.delete_conversation("c1")
        assert [c.id for c in again.conversations()] == ["c2"]
        with pytest.raises(NotFound):
            again.conversation_turns("c1")
        with pytest.raises(NotFound):
            again.delete_conversation("c1")
    finally:
        again.close()


def test_subscriptions_round_trip_and_update(store: Store) -> None:
    sub = Subscription(
        id="s1",
        url="https://example.org/feed.xml",
        kind="auto",
        every_s=3600,
        created_at="2026-12-01T00:00:00+00:00",
        next_run_at="2026-12-01T00:00:00+00:00",
    )
    store.put_subscription(sub)
    assert store.subscription("s1") == sub
    ran = dataclasses.replace(sub, kind="feed", etag='"v2"', last_status="ok", last_added=3)
    store.put_subscription(ran)
    assert store.subscriptions() == [ran]
    store.delete_subscription("s1")
    assert store.subscriptions() == []
    with pytest.raises(NotFound):
        store.subscription("s1")


def test_documents_under_a_folder(store: Store) -> None:
    for doc_id, path in (("a", "/notes/a.md"), ("b", "/notes/sub/b.md"), ("c", "/notes-old/c.md")):
        put(
            store,
            dataclasses.replace(document(doc_id, f"text of {doc_id}"), path=path),
            origin=path,
        )
    assert store.documents_under("/notes/") == [("a", "/notes/a.md"), ("b", "/notes/sub/b.md")]
