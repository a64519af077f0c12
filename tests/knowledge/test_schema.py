"""The knowledge tables on a real library: ingest the sample library, extract, save, query."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhiku import KnowledgeBase
from zhiku.errors import NotFound
from zhiku.knowledge import KnowledgeKit, analyze_document, graph, hot_queries, schema


@pytest.fixture
def db(kb: KnowledgeBase, sample_library: Path, kit: KnowledgeKit, tmp_path: Path) -> sqlite3.Connection:
    kb.add([sample_library])
    connection = sqlite3.connect(kb.store.path, isolation_level=None)  # type: ignore[attr-defined]
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("BEGIN IMMEDIATE")
    # the store applied m007_knowledge when the library was opened
    schema.sync_vocabulary(connection, taxonomy=kit.taxonomy, entities=kit.catalogue.entities.values())
    for doc_id in kb.store.document_ids():
        doc = kb.get(doc_id)
        spans = [(c.chunk.start, c.chunk.end) for c in kb.store.chunks_of(doc_id)]
        knowledge = analyze_document(doc.text, doc.title, kit=kit, links=doc.metadata.get("links", []))
        schema.save_knowledge(connection, doc_id, knowledge, chunk_spans=spans)
    connection.execute("COMMIT")
    return connection


def test_graph_queries(db: sqlite3.Connection, kit: KnowledgeKit) -> None:
    found = graph.find_entity(db, "骆驼", catalogue=kit.catalogue) + graph.find_entity(db, "llama.cpp", catalogue=kit.catalogue)
    assert found[-1].id == "project:llama.cpp"
    docs = graph.documents_mentioning(db, "project:llama.cpp")
    assert docs and docs[0]["mentions"] >= 1
    text = db.execute("SELECT text FROM documents WHERE id = ?", (docs[0]["doc_id"],)).fetchone()[0]
    assert text[docs[0]["start"]:docs[0]["end"]].lower().startswith("llama")
    related = graph.related_entities(db, "project:llama.cpp")
    assert related and all(r.weight > 0 for r in related)
    g = graph.entity_graph(db, "project:llama.cpp")
    assert g["nodes"][0]["id"] == "project:llama.cpp" and len(g["edges"]) == len(related)


def test_tags_manual_rename_merge(db: sqlite3.Connection) -> None:
    counts = {t["tag_id"]: t["documents"] for t in graph.tag_counts(db)}
    assert counts["rag"] >= 1 and counts["fine-tuning"] >= 1
    doc_id = next(iter(graph.documents_with_tag(db, "rag")))
    user_tag = schema.add_tag(db, doc_id, "必读")
    assert user_tag in {t["tag_id"] for t in graph.document_tags(db, doc_id)}
    schema.rename_tag(db, user_tag, label_zh="必讀", label_en="must read")
    schema.remove_tag(db, doc_id, "rag")
    assert "rag" not in {t["tag_id"] for t in graph.document_tags(db, doc_id)}
    moved = schema.merge_tags(db, "fine-tuning", "llm")
    assert moved >= 1 and not graph.documents_with_tag(db, "fine-tuning")
    with pytest.raises(NotFound):
        schema.rename_tag(db, "no-such-tag", label_en="x")


def test_profiles_related_and_trends(db: sqlite3.Connection) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM documents")]
    profiles = graph.profiles(db)
    assert set(profiles) == set(ids) and any(p.entities for p in profiles.values())
    assert all(isinstance(c, str) for c in graph.candidate_documents(db, ids[0]))
    assert graph.trend_rows(db, kind="tag") and graph.trend_rows(db, kind="entity")


def test_resources_from_stored_rows(db: sqlite3.Connection, kit: KnowledgeKit) -> None:
    from zhiku.knowledge import match_resources

    doc_id = next(iter(graph.documents_mentioning(db, "project:llama.cpp")))["doc_id"]
    text = db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    schema.add_tag(db, doc_id, "infrastructure")
    matches = match_resources(
        graph.document_mentions(db, doc_id), graph.document_tag_assignments(db, doc_id), text,
        catalogue=kit.resources, links=graph.outbound_links(db, doc_id),
    )
    assert "llama.cpp" in {m.resource.name for m in matches}


def test_query_log_and_clear(db: sqlite3.Connection) -> None:
    schema.log_query(db, "什么是 RAG", at="2025-01-09T10:00:00+00:00", results=3)
    schema.log_query(db, "什麼是 rag", at="2025-01-09T11:00:00+00:00", results=3)
    from datetime import datetime, timezone
    rows = graph.query_log_rows(db, since="2025-01-01")
    assert hot_queries(rows, now=datetime(2025, 1, 10, tzinfo=timezone.utc))[0].count == 2
    assert schema.clear_query_log(db) == 2 and graph.query_log_rows(db, since="") == []
