"""Documents: put, get, find, list, delete; updates in place; stories and site chrome."""

from __future__ import annotations

import dataclasses

import pytest
from store_contract import chunks_of, document, put

from zhiku.errors import NotFound
from zhiku.store import Store, StoryFields


def test_put_then_get_returns_the_same_document(store: Store) -> None:
    doc = document(
        "d1",
        "Retrieval first, then generation.",
        url="https://example.org/a",
        metadata={"links": ["https://example.org/b"], "作者": "某人"},
    )
    put(store, doc, origin="https://example.org/a")
    got = store.get_document("d1")
    assert dataclasses.replace(got, added_at="", story_id="") == doc
    assert got.added_at and got.story_id == "d1"  # a document is its own story by default
    assert store.find_by_origin("https://example.org/a") == got
    assert store.find_by_hash(doc.content_hash) == got
    assert store.raw_of("d1") == (doc.text.encode(), "text")
    assert store.origin_of("d1") == "https://example.org/a"


def test_missing_documents(store: Store) -> None:
    assert store.find_by_origin("nowhere") is None and store.find_by_hash("0" * 64) is None
    for call in (store.get_document, store.delete_document, store.raw_of, store.origin_of):
        with pytest.raises(NotFound, match="nope"):
            call("nope")


def test_putting_the_same_document_twice_is_idempotent(store: Store) -> None:
    doc = document("d1", "The same text, stored twice over.")
    put(store, doc)
    first = store.get_document("d1")
    put(store, doc)
    assert store.count_documents() == 1 and store.document_ids() == ["d1"]
    assert store.get_document("d1") == first  # added_at is kept across versions
    assert [c.chunk for c in store.chunks_of("d1")] == [c.chunk for c in chunks_of(doc)]


def test_an_update_replaces_text_and_chunks(store: Store) -> None:
    put(store, document("d1", "First version of the note, long enough for two chunks."))
    old_keys = {c.key for c in store.chunks_of("d1")}
    put(store, document("d1", "Second version."))
    assert store.get_document("d1").text == "Second version."
    stored = store.chunks_of("d1")
    assert [c.chunk.text for c in stored] == ["Second version."]
    assert not old_keys & {c.key for c in stored}  # chunk keys are never reused


def test_list_count_and_delete(store: Store) -> None:
    for i in range(5):
        put(store, document(f"d{i}", f"Note number {i} about retrieval."))
    assert store.count_documents() == 5
    assert [d.id for d in store.list_documents(limit=2, offset=1)] == store.document_ids()[1:3]
    keys = [c.key for c in store.chunks_of("d2")]
    store.delete_document("d2")
    assert store.count_documents() == 4 and "d2" not in store.document_ids()
    assert store.chunks_of("d2") == [] and store.chunks_by_key(keys) == {}
    with pytest.raises(NotFound):
        store.get_document("d2")


def test_main_language_is_the_one_with_most_text(store: Store) -> None:
    assert store.main_language() == "und"
    put(store, document("en", "short"))
    put(store, document("zh", "检索增强生成先检索再生成，引用来源。", language="zh", script="Hans"))
    assert store.main_language() == "zh"


def test_a_library_without_a_clear_majority_language_is_mixed(store: Store) -> None:
    put(
        store,
        document(
            "zh", "检索增强生成先检索再生成，每一句回答都引用来源。", language="zh", script="Hans"
        ),
    )
    put(store, document("en", "Retrieval first, then generation."))
    assert store.main_language() == "mul"


def test_stories_appearances_and_exact_keys(store: Store) -> None:
    put(
        store,
        document("a", "An article about vector search."),
        story=StoryFields("a", "key-a", b"\x01\x02"),
    )
    put(
        store,
        document("b", "A repost of the article about vector search."),
        story=StoryFields("a", "key-b", b"\x03\x04"),
    )
    assert store.find_by_exact_key("key-b").id == "b"  # type: ignore[union-attr]
    assert sorted(store.signatures()) == [("a", b"\x01\x02"), ("b", b"\x03\x04")]
    assert store.shared_stories() == {"a"}
    store.add_appearance(
        "a",
        origin="https://mirror.example/a",
        title="Mirror",
        source="mirror",
        url="https://mirror.example/a",
        path=None,
    )
    sources = store.story_sources(["a"])["a"]
    assert [s.doc_id for s in sources] == ["a", "b", None]
    assert sources[-1].url == "https://mirror.example/a"
    store.delete_document("a")  # its recorded copies go with it
    assert [s.doc_id for s in store.story_sources(["a"])["a"]] == ["b"]


def test_site_chrome_lists_each_page_of_the_site(store: Store) -> None:
    shared = frozenset({"menu", "footer"})
    for i in range(3):
        put(
            store,
            document(f"p{i}", f"Page {i} of the site."),
            site="example.org",
            fingerprints=shared | {f"own-{i}"},
        )
    put(store, document("q", "A page of another site."), site="other.org", fingerprints=shared)
    assert store.site_chrome("example.org") == {f"p{i}": shared | {f"own-{i}"} for i in range(3)}
    assert store.site_chrome("other.org") == {"q": shared}
    store.delete_document("p1")
    assert sorted(store.site_chrome("example.org")) == ["p0", "p2"]
    assert store.site_chrome("nowhere.org") == {}


def test_library_counts_documents_chunks_and_languages(store: Store) -> None:
    assert store.library_counts().documents == 0 and store.library_counts().languages == ()
    put(store, document("d1", "An English note about retrieval, long enough for two chunks."))
    put(store, document("d2", "Another English note.", language="en"))
    put(store, document("d3", "一篇中文笔记。", language="zh"))
    counts = store.library_counts()
    assert counts.documents == 3
    assert counts.chunks == sum(len(store.chunks_of(d)) for d in ("d1", "d2", "d3"))
    assert dict(counts.languages) == {"en": 2, "zh": 1} and counts.languages[0] == ("en", 2)


def test_set_title_changes_only_the_title(store: Store) -> None:
    put(store, document("d1", "A note whose title changes."))
    before = store.get_document("d1")
    store.set_title("d1", "A better title")
    assert store.get_document("d1") == dataclasses.replace(before, title="A better title")
    with pytest.raises(NotFound, match="nope"):
        store.set_title("nope", "x")


def test_language_shares_are_shares_of_the_text(store: Store) -> None:
    assert store.language_shares() == {}
    put(store, document("en", "abcdefgh"))
    put(store, document("zh", "检索增强", language="zh", script="Hans"))
    assert store.language_shares() == {"en": 8 / 12, "zh": 4 / 12}
