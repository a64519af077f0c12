"""`kb.knowledge` on a real library: extraction at ingest, tag edits, entities, related
documents, resources, the query log, deletes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import zhiku.knowledge.library
from zhiku import KnowledgeBase, SearchFilters, Settings
from zhiku.embedders.protocol import Embedder
from zhiku.errors import InputError, NotFound
from zhiku.lock import WriteLock

LORA = "lora-finetuning.txt"


@pytest.fixture
def loaded(kb: KnowledgeBase, sample_library: Path) -> KnowledgeBase:
    kb.add([sample_library])
    return kb


def doc_of(kb: KnowledgeBase, name: str) -> str:
    return next(d.id for d in kb.documents() if (d.path or "").endswith(name))


def test_ingest_extracts_tags_and_entities_whose_spans_index_the_text(
    loaded: KnowledgeBase,
) -> None:
    knowledge = loaded.knowledge
    counts = {t.tag_id: t.documents for t in knowledge.tags()}
    assert counts["rag"] >= 1 and counts["fine-tuning"] >= 1
    for doc in loaded.documents():
        for tag in knowledge.document_tags(doc.id):
            assert tag.origin == "auto" and tag.start is not None and tag.end is not None
            assert doc.text[tag.start : tag.end].strip()
        for entity in knowledge.document_entities(doc.id):
            for start, end in entity.spans:
                assert doc.text[start:end].strip()
    lora = doc_of(loaded, LORA)
    text = loaded.get(lora).text
    entities = {e.entity_id: e for e in knowledge.document_entities(lora)}
    start, end = entities["project:peft"].spans[0]
    assert text[start:end] == "PEFT"
    assert "fine-tuning" in {t.tag_id for t in knowledge.document_tags(lora)}


def test_entity_by_alias_in_any_script_and_unknown_names(loaded: KnowledgeBase) -> None:
    profile = loaded.knowledge.entity("抱抱臉")  # zh-Hant alias of Hugging Face
    assert profile.entity.id == "org:hugging-face"
    first = profile.documents[0]
    assert loaded.get(first.doc_id).text[first.start : first.end] == "Hugging Face"
    assert "Hugging Face" in first.context
    assert "project:peft" in {r.entity_id for r in profile.related}
    graph = loaded.knowledge.entity_graph("org:hugging-face")
    assert graph.nodes[0].id == "org:hugging-face"
    assert any({e.source, e.target} == {"org:hugging-face", "project:peft"} for e in graph.edges)
    assert loaded.knowledge.entity_graph().nodes  # the most mentioned entities
    with pytest.raises(NotFound, match="no entity 'no such thing'"):
        loaded.knowledge.entity("no such thing")


def test_related_leaves_out_the_same_story(
    kb: KnowledgeBase, sample_library: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    shutil.copytree(sample_library, folder)
    lines = (folder / LORA).read_text(encoding="utf-8").splitlines()
    repost = [*lines[:3], "笔者补充：实际微调时秩取 8 往往就够了。", *lines[3:]]
    (folder / "lora-repost.txt").write_text("\n".join(repost) + "\n", encoding="utf-8")
    results = kb.add([folder])
    assert any(r.reason.startswith("same story as") for r in results)
    lora, repost = doc_of(kb, LORA), doc_of(kb, "lora-repost.txt")
    related = kb.knowledge.related(lora, k=10)
    ids = [r.doc_id for r in related]
    assert repost not in ids and lora not in ids
    assert len(ids) >= 3 and all(r.title for r in related)
    assert related == sorted(related, key=lambda r: -r.score)
    with pytest.raises(NotFound):
        kb.knowledge.related("nope")


def test_resources_carry_a_reason_and_evidence(loaded: KnowledgeBase) -> None:
    lora = doc_of(loaded, LORA)
    text = loaded.get(lora).text
    matches = {m.resource.name: m for m in loaded.knowledge.resources(lora)}
    assert "PEFT" in matches
    peft = matches["PEFT"]
    assert peft.reason.startswith("mentions PEFT") and peft.evidence is not None
    assert text[peft.evidence[0] : peft.evidence[1]] == "PEFT"


def test_user_resource_files(
    settings: Settings, fake_embedder: Embedder, sample_library: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"name": "My PEFT notes", "kind": "course", "url": "https://example.org/peft", "entities": ["project:peft"]}\n',
        encoding="utf-8",
    )
    custom = Settings(home=settings.home, resource_files=f" {mine} ,")
    with KnowledgeBase.open(custom, embedder=fake_embedder) as kb:
        kb.add([sample_library / LORA])
        names = {m.resource.name for m in kb.knowledge.resources(doc_of(kb, LORA), limit=10)}
    assert "My PEFT notes" in names


def test_manual_tag_edits_survive_readding(
    kb: KnowledgeBase, sample_library: Path, tmp_path: Path
) -> None:
    path = tmp_path / LORA
    path.write_text((sample_library / LORA).read_text(encoding="utf-8"), encoding="utf-8")
    kb.add([path])
    doc_id = doc_of(kb, LORA)
    knowledge = kb.knowledge
    assert knowledge.add_tag(doc_id, "必读") == "user:必读"
    assert knowledge.add_tag(doc_id, "检索增强生成") == "rag"  # a taxonomy label finds its tag
    knowledge.remove_tag(doc_id, "infrastructure")
    with pytest.raises(NotFound):
        knowledge.remove_tag(doc_id, "infrastructure")
    path.write_text(
        path.read_text(encoding="utf-8") + "\n补充：LoRA 也常用于多模态模型的微调。\n",
        encoding="utf-8",
    )
    assert [r.status for r in kb.add([path])] == ["updated"]
    tags = {t.tag_id: t for t in knowledge.document_tags(doc_id)}
    assert tags["user:必读"].origin == "manual" and tags["user:必读"].start is None
    assert "rag" in tags and "infrastructure" not in tags and "fine-tuning" in tags
    knowledge.rename_tag("user:必读", label_zh="必讀", label_en="Must read")
    assert {t.label_en for t in knowledge.document_tags(doc_id)} >= {"Must read"}
    assert knowledge.merge_tags("Must read", "rag") == 1
    assert "user:必读" not in {t.tag_id for t in knowledge.tags()}
    with pytest.raises(InputError, match="no tag"):
        knowledge.rename_tag("no-such-tag", label_en="x")
    with pytest.raises(NotFound):
        knowledge.add_tag("nope", "rag")


def test_search_filters_by_tag(loaded: KnowledgeBase) -> None:
    rag_docs = loaded.knowledge.tagged("rag")
    assert rag_docs
    hits = loaded.search("模型 model", k=10, filters=SearchFilters(tag="检索增强生成"))
    assert hits and {h.chunk.doc_id for h in hits} <= rag_docs
    with pytest.raises(InputError, match="no tag 'nope'"):
        loaded.search("模型", filters=SearchFilters(tag="nope"))


def test_query_log_on_off_and_clear(
    loaded: KnowledgeBase, settings: Settings, fake_embedder: Embedder
) -> None:
    knowledge = loaded.knowledge
    loaded.search("LoRA 微调")
    loaded.search("lora  微调")
    loaded.ask("什么是 RAG？")
    hot = {q.query: q.count for q in knowledge.hot_queries()}
    assert hot == {"LoRA 微调": 2, "什么是 RAG？": 1}  # ask logs once, not its inner search too
    assert knowledge.clear_queries() == 3 and knowledge.hot_queries() == []
    loaded.close()
    with KnowledgeBase.open(
        Settings(home=settings.home, query_log=False), embedder=fake_embedder
    ) as quiet:
        quiet.search("LoRA")
        quiet.ask("LoRA 是什么")
        assert quiet.knowledge.hot_queries() == []


def test_a_query_is_skipped_while_another_process_writes(
    settings: Settings, fake_embedder: Embedder
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        other = WriteLock(settings.home_path / "write.lock", timeout_s=0)
        other.acquire()
        try:
            assert kb.search("RAG") == []  # no error
            kb.knowledge.flush_queries()  # the batch is skipped, not waited for
        finally:
            other.release()
        assert kb.knowledge.hot_queries() == []
        kb.search("RAG")
        assert [q.count for q in kb.knowledge.hot_queries()] == [1]
        # the lock was taken for the write only: another writer can have it now
        assert other.try_acquire()
        other.release()


def test_trends_count_documents_per_period(loaded: KnowledgeBase) -> None:
    trends = loaded.knowledge.trends(kind="tag", bucket="year")
    assert "rag" in trends.series and trends.labels["rag"].endswith(
        "Retrieval-augmented generation"
    )
    assert all(p.documents >= 1 for points in trends.series.values() for p in points)
    entities = loaded.knowledge.trends(kind="entity", bucket="month", limit=3)
    assert len(entities.series) == 3
    with pytest.raises(InputError, match="period"):
        loaded.knowledge.trends(bucket="decade")


def test_delete_cascades_to_knowledge(loaded: KnowledgeBase) -> None:
    lora = doc_of(loaded, LORA)
    loaded.knowledge.add_tag(lora, "必读")
    loaded.delete(lora)
    store = loaded.store
    assert store.document_mentions(lora) == [] and store.document_tags(lora) == []
    assert store.outbound_links(lora) == [] and lora not in store.profiles([lora])
    assert loaded.knowledge.entity("PEFT").documents == ()
    assert lora not in loaded.knowledge.tagged("fine-tuning")


def test_reextract_uses_new_entity_files(
    settings: Settings, fake_embedder: Embedder, sample_library: Path, tmp_path: Path
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([sample_library / LORA])
        lora = doc_of(kb, LORA)
        kb.knowledge.add_tag(lora, "必读")
    mine = tmp_path / "mine.jsonl"
    # the catalogue matches aliases: a user entry lists its name among them
    mine.write_text(
        '{"name": "Edward Hu", "type": "person", "aliases": ["Edward Hu", "胡爱德"]}\n',
        encoding="utf-8",
    )
    with KnowledgeBase.open(
        Settings(home=settings.home, entity_files=str(mine)), embedder=fake_embedder
    ) as kb:
        assert kb.knowledge.reextract() == 1
        found = {e.name for e in kb.knowledge.document_entities(lora)}
        assert "Edward Hu" in found and "PEFT" in found
        assert "user:必读" in {t.tag_id for t in kb.knowledge.document_tags(lora)}


def test_queries_are_written_in_batches_and_on_close(
    settings: Settings, fake_embedder: Embedder
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.search("RAG")
        kb.search("rag")
        assert kb.store.logged_queries(since="") == []  # not yet written: no commit per search
        kb.search("LoRA")
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        assert {q.query.lower(): q.count for q in kb.knowledge.hot_queries()} == {
            "rag": 2,
            "lora": 1,
        }


def test_only_the_opening_of_a_huge_document_is_analyzed(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyzed: list[int] = []
    real = zhiku.knowledge.library.analyze_document

    def spy(text: str, *args: object, **kwargs: object) -> object:
        analyzed.append(len(text))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zhiku.knowledge.library, "analyze_document", spy)
    monkeypatch.setattr(zhiku.knowledge.library, "ANALYZED_CHARS", 3_000)
    long = tmp_path / "long.txt"
    long.write_text("PEFT adapters let LoRA fine-tune a model with few trainable weights. " * 200)
    [result] = kb.add([long])
    assert result.status == "added" and len(kb.get(result.doc_id).text) > 3_000
    assert analyzed == [3_000]
