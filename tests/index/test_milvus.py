"""The Milvus search index against a real Milvus (the core milvus-lite ships, on 127.0.0.1):
the same results as the embedded index, deletes, catch-up from the change log, clear errors."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.devservers import start_milvus
from zhiku.errors import ConfigError, StoreError
from zhiku.index.milvus import ChunkFields, MilvusSearchIndex, MilvusTarget
from zhiku.records import SearchFilters

pytestmark = pytest.mark.integration

QUERIES = (
    "什么是 RAG",
    "LoRA fine-tuning rank",
    "向量数据库",
    "quantization of llama models",
    "AI 代理",
)


def test_target_parses_host_port_and_collection() -> None:
    assert MilvusTarget.parse("milvus://db.internal:19531/team_a").uri == "http://db.internal:19531"
    assert MilvusTarget.parse("milvus://db.internal").collection == "zhiku"
    assert MilvusTarget.parse("milvus://db.internal/a?timeout=2.5").timeout_s == 2.5
    with pytest.raises(ConfigError, match="unknown option"):
        MilvusTarget.parse("milvus://db.internal/a?retries=3")
    with pytest.raises(ConfigError, match="collection"):
        MilvusTarget.parse("milvus://db.internal/team-a")
    with pytest.raises(ConfigError, match="milvus://"):
        MilvusTarget.parse("http://db.internal:19530")


def test_same_hits_as_the_embedded_index(
    settings: Settings, fake_embedder: object, sample_library: Path, milvus_url: str
) -> None:
    cluster = dataclasses.replace(settings, index=milvus_url)
    with KnowledgeBase.open(settings, embedder=fake_embedder) as embedded:  # type: ignore[arg-type]
        embedded.add([sample_library])
        expected = {
            (q, m): [(h.chunk.doc_id, h.chunk.ordinal) for h in embedded.search(q, k=5, mode=m)]
            for q in QUERIES
            for m in ("lexical", "dense", "hybrid")
        }
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert isinstance(kb.index, MilvusSearchIndex)
        assert kb.index.applied_seq == kb.store.last_seq() > 0
        # opened on a store the collection has never seen: the catch-up replayed every document
        assert kb.index.num_chunks() == len(kb.store.vector_keys(fake_embedder.name))  # type: ignore[attr-defined]
        got = {
            (q, m): [(h.chunk.doc_id, h.chunk.ordinal) for h in kb.search(q, k=5, mode=m)]
            for q in QUERIES
            for m in ("lexical", "dense", "hybrid")
        }
    for (query, mode), keys in expected.items():
        assert got[query, mode][:1] == keys[:1], (query, mode)
        if mode == "dense":  # exact cosine on both sides
            assert got[query, mode] == keys, query
        else:  # tantivy quantizes document lengths into 256 buckets, Milvus does not: near-ties
            assert len(set(got[query, mode]) & set(keys)) >= min(3, len(keys)), (query, mode)


def test_add_delete_and_filters(
    settings: Settings, fake_embedder: object, sample_library: Path, milvus_url: str
) -> None:
    with KnowledgeBase.open(
        dataclasses.replace(settings, index=milvus_url), embedder=fake_embedder
    ) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        hits = kb.search("LoRA", k=3, mode="lexical")
        assert hits and "lora" in (hits[0].path or "").lower()
        doc_id = hits[0].chunk.doc_id
        kb.delete(doc_id)
        assert all(h.chunk.doc_id != doc_id for h in kb.search("LoRA", k=10, mode="lexical"))
        assert kb.index.applied_seq == kb.store.last_seq()
        english = kb.search("RAG", k=10, filters=SearchFilters(language="en"))
        assert english and all(kb.get(h.chunk.doc_id).language == "en" for h in english)


def test_catch_up_replays_what_a_dead_writer_left_out(
    settings: Settings, fake_embedder: object, sample_library: Path, milvus_url: str
) -> None:
    cluster = dataclasses.replace(settings, index=milvus_url)
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        before = kb.index.num_chunks()
        victim = kb.documents()[0].id
        # a writer that committed to the store and died before its index writes landed
        kb.index.remove_document(victim, [])
        kb.index.commit(0)
        assert kb.index.num_chunks() < before
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert kb.index.num_chunks() == before
        assert kb.index.applied_seq == kb.store.last_seq()
        assert any(h.chunk.doc_id == victim for h in kb.search(kb.get(victim).title, k=10))


def test_sentence_vectors_in_their_own_collection(
    settings: Settings, fake_embedder: object, sample_library: Path, milvus_url: str
) -> None:
    on = dataclasses.replace(settings, sentence_vectors="on")
    with KnowledgeBase.open(on, embedder=fake_embedder) as embedded:  # type: ignore[arg-type]
        embedded.add([sample_library])
        expected = [
            (h.chunk.doc_id, h.chunk.ordinal)
            for h in embedded.search("向量数据库的索引", k=5, mode="dense")
        ]
    with KnowledgeBase.open(
        dataclasses.replace(on, index=milvus_url), embedder=fake_embedder
    ) as kb:  # type: ignore[arg-type]
        assert kb.index.holds_parts
        got = [
            (h.chunk.doc_id, h.chunk.ordinal)
            for h in kb.search("向量数据库的索引", k=5, mode="dense")
        ]
    assert got[:3] == expected[:3]


def test_a_stopped_milvus_is_a_clear_error_naming_the_url(
    tmp_path: Path, settings: Settings, fake_embedder: object, sample_library: Path
) -> None:
    server = start_milvus(tmp_path / "milvus")
    url = f"{server.url}/lib?timeout=2"
    cluster = dataclasses.replace(settings, index=url)
    try:
        kb = KnowledgeBase.open(cluster, embedder=fake_embedder)  # type: ignore[arg-type]
        kb.add([sample_library / "lora-finetuning.txt"])
        server.stop()
        with pytest.raises(StoreError, match=re.escape(f"Milvus at {url}")):
            kb.search("LoRA", mode="lexical")
        with pytest.raises(StoreError, match=re.escape(f"Milvus at {url}")):
            kb.add([sample_library / "rag-explained.html"])
        # nothing was acknowledged; once Milvus is back the same add goes through
        server = start_milvus(tmp_path / "milvus", port=server.port)
        kb.close()
        with KnowledgeBase.open(cluster, embedder=fake_embedder) as again:  # type: ignore[arg-type]
            added = again.add([sample_library / "rag-explained.html"])
            assert [r.status for r in added] == ["added"]
            assert added[0].doc_id in {
                h.chunk.doc_id for h in again.search("RAG", k=10, mode="lexical")
            }
    finally:
        server.stop()


def _note_index(
    url: str, docs: dict[str, tuple[str, ChunkFields, list[float]]]
) -> MilvusSearchIndex:
    """A Milvus index holding one single-chunk document per entry of `docs` (key = position)."""
    index = MilvusSearchIndex(
        url,
        dim=4,
        model="test-4d",
        fields_of=lambda doc_id: docs[doc_id][1],
        vectors_of=lambda doc_id: (np.zeros((0, 4), np.float32), None),
    )
    for key, (doc_id, (tokens, _, vector)) in enumerate(docs.items(), start=1):
        index.add_document(doc_id, [(key, tokens)], np.asarray([vector], np.float32))
    index.commit(len(docs))
    return index


def test_filters_run_inside_milvus_beyond_the_unfiltered_candidates(milvus_url: str) -> None:
    english = ChunkFields.of(
        source="Notes.example", language="en", script="en", date="2025-03-02", story_id=""
    )
    docs = {
        f"en{i}": ("sensor sensor sensor reading", english, [1.0, 0.0, 0.0, 0.0])
        for i in range(130)
    }
    chinese = ChunkFields.of(
        source="Blog.example", language="zh", script="zh-Hans", date="2024-11-30", story_id=""
    )
    long_text = " ".join(["传感器", "sensor", *[f"词{i}" for i in range(200)]])
    docs["zh"] = (long_text, chinese, [0.0, 1.0, 0.0, 0.0])
    index = _note_index(milvus_url, docs)
    try:
        zh_key = len(docs)
        query = np.asarray([1.0, 0.1, 0.0, 0.0], np.float32)
        assert zh_key not in {k for k, _ in index.lexical(["sensor"], 100)}
        assert zh_key not in {k for k, _ in index.dense(query, 100)}
        for filters in (
            SearchFilters(language="zh"),
            SearchFilters(source="BLOG.example"),
            SearchFilters(script="zh-hans", published_to="2024"),
            SearchFilters(published_from="2024-11", published_to="2024-11-30"),
        ):
            assert [k for k, _ in index.lexical(["sensor"], 100, filters)] == [zh_key], filters
            assert [k for k, _ in index.dense(query, 100, filters)] == [zh_key], filters
        for filters in (SearchFilters(published_from="2024-12"), SearchFilters(language="mul")):
            found = {k for k, _ in index.lexical(["sensor"], 200, filters)}
            assert zh_key not in found and len(found) == (130 if filters.language is None else 0)
    finally:
        index.close()


def test_document_frequencies_come_from_the_store_without_scans(
    settings: Settings,
    fake_embedder: object,
    sample_library: Path,
    milvus_url: str,
    postgres_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as embedded:  # type: ignore[arg-type]
        embedded.add([sample_library])
        terms = sorted(
            {
                t
                for c in embedded.store.chunks_of(embedded.documents()[0].id)
                for t in c.tokens.split()
            }
        )
        expected = {t: embedded.index.document_frequency(t) for t in [*terms, "nowhere-term"]}
        chunks = embedded.index.num_chunks()

    def no_scans(self: MilvusSearchIndex, term: str) -> int:
        raise AssertionError(f"counted {term!r} in Milvus")

    monkeypatch.setattr(MilvusSearchIndex, "_frequency", no_scans)
    cluster = dataclasses.replace(settings, store=postgres_url, index=milvus_url)
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        assert kb.index.num_chunks() == chunks
        assert {t: kb.index.document_frequency(t) for t in expected} == expected
        assert kb.search("LoRA rank 向量数据库", k=3)  # hybrid: term coverage reads frequencies
