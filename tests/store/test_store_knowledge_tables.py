"""The knowledge tables: vocabulary, extracted knowledge saved with its document, tags that
follow merges, entity counts for the graph, trends, and the query log."""

from __future__ import annotations

import pytest
from store_contract import chunks_of, document, put

from zhiku.errors import InputError, NotFound
from zhiku.knowledge.extract import DocumentKnowledge
from zhiku.knowledge.records import Entity, EntityMention, Keyword, TagAssignment, Topic
from zhiku.store import LoggedQuery, Store

TEXT = "OpenAI and Meta both ship models. OpenAI wrote more about retrieval."
#       0     6   10                 33   39


def knowledge(*, tag_id: str = "rag", second: bool = True) -> DocumentKnowledge:
    mentions = [
        EntityMention("org:openai", "OpenAI", "org", 0, 6, "catalogue"),
        EntityMention("org:meta", "Meta", "org", 11, 15, "catalogue"),
    ]
    if second:
        mentions.append(EntityMention("org:openai", "OpenAI", "org", 34, 40, "catalogue"))
    return DocumentKnowledge(
        (Keyword("retrieval", 1.5, 58, 67),),
        (TagAssignment(tag_id, "检索增强生成", "RAG", 0.8, (58, 67)),),
        tuple(mentions),
        ("https://example.org/linked",),
    )


def put_with_knowledge(
    store: Store, doc_id: str, found: DocumentKnowledge, **fields: object
) -> None:
    put(store, document(doc_id, TEXT, **fields), knowledge=found)


@pytest.fixture
def vocab(store: Store) -> Store:
    store.sync_vocabulary(
        [
            Topic("rag", "检索增强生成", "檢索增強生成", "RAG", ("rag",)),
            Topic("llm", "大模型", "大模型", "LLM", ("llm",)),
        ],
        [Entity("org:openai", "OpenAI", "org", "https://openai.com", ("开放人工智能",))],
        version="v1",
    )
    return store


def test_vocabulary_is_synced_and_versioned(store: Store) -> None:
    assert store.vocabulary_state().taxonomy_version is None
    store.sync_vocabulary(
        [Topic("rag", "检索", "檢索", "RAG", ())], [Entity("org:a", "A", "org")], version="v1"
    )
    store.sync_vocabulary(
        [Topic("rag", "检索", "檢索", "RAG", ())], [Entity("org:a", "A", "org")], version="v1"
    )
    state = store.vocabulary_state()
    assert (state.taxonomy_version, state.catalogue_entities) == ("v1", 1)
    assert store.entity("org:a") == Entity("org:a", "A", "org", None, ())


def test_knowledge_is_saved_with_its_document_and_replaced_on_update(vocab: Store) -> None:
    put_with_knowledge(vocab, "d", knowledge())
    assert [(m.entity_id, m.start) for m in vocab.document_mentions("d")] == [
        ("org:openai", 0),
        ("org:meta", 11),
        ("org:openai", 34),
    ]
    assert [t.tag_id for t in vocab.document_tags("d")] == ["rag"]
    assert vocab.outbound_links("d") == ["https://example.org/linked"]
    vocab.add_tag("d", "必读", new_id="user:必读")
    put_with_knowledge(vocab, "d", knowledge(tag_id="llm", second=False))
    # automatic rows are replaced; a tag added by hand stays
    assert {t.tag_id for t in vocab.document_tags("d")} == {"llm", "user:必读"}
    assert len(vocab.document_mentions("d")) == 2


def test_save_knowledge_alone_and_for_an_unknown_document(vocab: Store) -> None:
    put(vocab, document("d", TEXT))
    spans = [(c.chunk.start, c.chunk.end) for c in chunks_of(document("d", TEXT))]
    vocab.save_knowledge("d", knowledge(), chunk_spans=spans)
    assert len(vocab.document_mentions("d")) == 3
    with pytest.raises(NotFound):
        vocab.save_knowledge("nope", knowledge(), chunk_spans=spans)


def test_tags_by_hand_rename_remove_merge(vocab: Store) -> None:
    put_with_knowledge(vocab, "a", knowledge())
    put_with_knowledge(vocab, "b", knowledge(tag_id="llm"))
    assert vocab.find_tag("rag") == "rag" and vocab.find_tag("Rag") == "rag"  # labels fold case
    assert vocab.find_tag("检索增强生成") == "rag" and vocab.find_tag("nothing") is None
    assert vocab.add_tag("b", "RAG", new_id="user:rag") == "rag"  # an existing label
    assert vocab.add_tag("a", "Must read", new_id="user:must-read") == "user:must-read"
    with pytest.raises(NotFound):
        vocab.add_tag("nope", "x", new_id="user:x")
    vocab.rename_tag("user:must-read", label_zh="必读")
    assert vocab.find_tag("必读") == "user:must-read"
    with pytest.raises(NotFound):
        vocab.rename_tag("no-such-tag", label_en="x")
    vocab.remove_tag("a", "rag")
    assert vocab.documents_with_tag("rag") == frozenset({"b"})
    put_with_knowledge(vocab, "a", knowledge())  # re-extraction does not add a removed tag back
    assert "rag" not in {t.tag_id for t in vocab.document_tags("a")}
    assert vocab.merge_tags("llm", "rag") == 1
    assert vocab.documents_with_tag("rag") == frozenset({"b"}) and vocab.find_tag("llm") == "rag"
    with pytest.raises(InputError):
        vocab.merge_tags("rag", "llm")  # llm is already merged into rag
    put_with_knowledge(vocab, "c", knowledge(tag_id="llm"))  # new assignments follow the merge
    assert {t.tag_id for t in vocab.document_tags("c")} == {"rag"}
    counts = {t.tag_id: t.documents for t in vocab.tag_counts()}
    assert counts["rag"] == 2 and "llm" not in counts
    assert vocab.tag_labels()["rag"] == ("检索增强生成", "RAG")


def test_entity_counts_for_the_graph(vocab: Store) -> None:
    put_with_knowledge(vocab, "a", knowledge(), published="2025-01-02")
    put_with_knowledge(vocab, "b", knowledge(second=False), published="2025-02-03")
    summaries = {s.id: s for s in vocab.entity_summaries()}
    assert summaries["org:openai"].mentions == 3 and summaries["org:openai"].aliases == (
        "开放人工智能",
    )
    assert vocab.entity_names()["org:meta"] == ("Meta", "org")
    docs = vocab.documents_mentioning("org:openai", limit=10)
    assert [(d.doc_id, d.mentions, d.start, d.end) for d in docs] == [
        ("a", 2, 0, 6),
        ("b", 1, 0, 6),
    ]
    hood = vocab.neighbourhood("org:openai")
    assert hood.documents == 2 and [
        (n.entity_id, n.documents, n.their_documents) for n in hood.neighbours
    ] == [("org:meta", 2, 2)]
    assert vocab.most_mentioned_entities(limit=1) in (["org:meta"], ["org:openai"])
    assert vocab.entity_document_counts(["org:openai", "org:meta", "org:none"]) == {
        "org:openai": 2,
        "org:meta": 2,
    }
    assert [
        (p.source, p.target, p.documents) for p in vocab.entity_pairs(["org:openai", "org:meta"])
    ] == [("org:meta", "org:openai", 2)]
    assert vocab.entity_document_frequency() == ({"org:openai": 2, "org:meta": 2}, 2)
    assert vocab.candidate_documents("a", limit=5) == ["b"]
    profiles = vocab.profiles(["a", "b", "missing"])
    assert set(profiles) == {"a", "b"} and profiles["a"].entities == {
        "org:openai": 2,
        "org:meta": 1,
    }
    assert sorted((r.key, r.published) for r in vocab.trend_rows("tag")) == [
        ("rag", "2025-01-02"),
        ("rag", "2025-02-03"),
    ]
    assert len(vocab.trend_rows("entity")) == 4


def test_deleting_a_document_deletes_its_knowledge(vocab: Store) -> None:
    put_with_knowledge(vocab, "a", knowledge())
    vocab.add_tag("a", "mine", new_id="user:mine")
    vocab.delete_document("a")
    assert vocab.document_mentions("a") == [] and vocab.document_tags("a") == []
    assert vocab.outbound_links("a") == [] and vocab.documents_with_tag("user:mine") == frozenset()
    assert vocab.entity_document_frequency() == ({}, 0)


def test_query_log(store: Store) -> None:
    store.log_queries(
        [
            LoggedQuery("What is RAG", "what is rag", "2025-01-01T10:00:00+00:00", 3),
            LoggedQuery("what is rag", "what is rag", "2025-01-03T10:00:00+00:00", 0),
        ]
    )
    store.log_queries([])
    assert [q.at[:10] for q in store.logged_queries(since="2025-01-02")] == ["2025-01-03"]
    assert store.logged_queries(since="")[0] == LoggedQuery(
        "What is RAG", "what is rag", "2025-01-01T10:00:00+00:00", 3
    )
    assert store.clear_query_log(before="2025-01-02") == 1
    assert store.clear_query_log() == 1 and store.logged_queries(since="") == []
