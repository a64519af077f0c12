"""The knowledge tables on a real library: ingest the sample library, extract, save, query,
and rank the graph from the store's counts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from zhiku import KnowledgeBase
from zhiku.errors import NotFound
from zhiku.knowledge import KnowledgeKit, analyze_document, hot_queries, match_resources
from zhiku.knowledge.graph import graph_among, matching_entities, rank_neighbours
from zhiku.knowledge.records import TagAssignment
from zhiku.store import LoggedQuery, Store


@pytest.fixture
def store(kb: KnowledgeBase, sample_library: Path, kit: KnowledgeKit) -> Store:
    kb.add([sample_library])
    store = kb.store
    store.sync_vocabulary(
        kit.taxonomy.topics.values(), kit.catalogue.entities.values(), version=kit.taxonomy.version
    )
    for doc_id in store.document_ids():
        doc = kb.get(doc_id)
        spans = [(c.chunk.start, c.chunk.end) for c in store.chunks_of(doc_id)]
        knowledge = analyze_document(
            doc.text, doc.title, kit=kit, links=doc.metadata.get("links", [])
        )
        store.save_knowledge(doc_id, knowledge, chunk_spans=spans)
    return store


def test_graph_queries(store: Store, kb: KnowledgeBase, kit: KnowledgeKit) -> None:
    summaries = store.entity_summaries()
    found = matching_entities("骆驼", summaries, catalogue=kit.catalogue) + matching_entities(
        "llama.cpp", summaries, catalogue=kit.catalogue
    )
    assert found[-1] == "project:llama.cpp"
    docs = store.documents_mentioning("project:llama.cpp", limit=20)
    assert docs and docs[0].mentions >= 1
    text = kb.get(docs[0].doc_id).text
    assert text[docs[0].start : docs[0].end].lower().startswith("llama")
    related = rank_neighbours(store.neighbourhood("project:llama.cpp"), store.entity_names())
    assert related and all(r.weight > 0 for r in related)
    ids = ["project:llama.cpp", *(r.entity_id for r in related)]
    graph = graph_among(
        ids,
        documents=store.entity_document_counts(ids),
        pairs=store.entity_pairs(ids),
        names=store.entity_names(),
    )
    assert graph.nodes[0].id == "project:llama.cpp"
    assert {e.target for e in graph.edges if e.source == "project:llama.cpp"} | {
        e.source for e in graph.edges if e.target == "project:llama.cpp"
    } == {r.entity_id for r in related}


def test_tags_manual_rename_merge(store: Store) -> None:
    counts = {t.tag_id: t.documents for t in store.tag_counts()}
    assert counts["rag"] >= 1 and counts["fine-tuning"] >= 1
    doc_id = next(iter(store.documents_with_tag("rag")))
    user_tag = store.add_tag(doc_id, "必读", new_id="user:必读")
    assert user_tag == "user:必读" and user_tag in {t.tag_id for t in store.document_tags(doc_id)}
    store.rename_tag(user_tag, label_zh="必讀", label_en="must read")
    assert store.find_tag("must read") == user_tag
    store.remove_tag(doc_id, "rag")
    assert "rag" not in {t.tag_id for t in store.document_tags(doc_id)}
    moved = store.merge_tags("fine-tuning", "llm")
    assert moved >= 1 and not store.documents_with_tag("fine-tuning")
    assert store.find_tag("fine-tuning") == "llm"
    with pytest.raises(NotFound):
        store.rename_tag("no-such-tag", label_en="x")


def test_profiles_related_and_trends(store: Store) -> None:
    ids = store.document_ids()
    profiles = store.profiles(ids)
    assert set(profiles) == set(ids) and any(p.entities for p in profiles.values())
    assert all(isinstance(c, str) for c in store.candidate_documents(ids[0], limit=200))
    assert store.trend_rows("tag") and store.trend_rows("entity")


def test_resources_from_stored_rows(store: Store, kb: KnowledgeBase, kit: KnowledgeKit) -> None:
    doc_id = store.documents_mentioning("project:llama.cpp", limit=1)[0].doc_id
    store.add_tag(doc_id, "infrastructure", new_id="user:infrastructure")
    tags = [
        TagAssignment(
            t.tag_id,
            t.label_zh,
            t.label_en,
            t.score,
            None if t.start is None else (t.start, t.end or 0),
        )
        for t in store.document_tags(doc_id)
    ]
    matches = match_resources(
        store.document_mentions(doc_id),
        tags,
        kb.get(doc_id).text,
        catalogue=kit.resources,
        links=store.outbound_links(doc_id),
    )
    assert "llama.cpp" in {m.resource.name for m in matches}


def test_query_log_and_clear(store: Store) -> None:
    store.log_queries(
        [
            LoggedQuery("什么是 RAG", "什么是 rag", "2025-01-09T10:00:00+00:00", 3),
            LoggedQuery("什麼是 rag", "什么是 rag", "2025-01-09T11:00:00+00:00", 3),
        ]
    )
    rows = [(q.query, q.at) for q in store.logged_queries(since="2025-01-01")]
    assert hot_queries(rows, now=datetime(2025, 1, 10, tzinfo=UTC))[0].count == 2
    assert store.clear_query_log() == 2 and store.logged_queries(since="") == []
