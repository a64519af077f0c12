import json
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.errors import InputError, LockedError, NotFound

ZH_HANS = (
    "检索增强生成是一种把搜索和大语言模型结合起来的方法。系统先从知识库中找出相关段落，"
    "再让模型根据段落回答问题。这样每一句回答都可以追溯到原文。"
)
ZH_HANT = (
    "向量資料庫儲存文字的嵌入向量，並回答最近鄰查詢。軟體工程師常用它來實作語意搜尋。"
    "當資料量很大時，會使用近似最近鄰索引來加速。"
)
EN = (
    "Quantization stores model weights with fewer bits. A seven billion parameter model "
    "shrinks to about four gigabytes with four-bit weights, so it fits in laptop memory."
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def statuses(results) -> list[str]:
    return [r.status for r in results]


def test_add_is_idempotent_and_updates_changed_files(kb: KnowledgeBase, tmp_path: Path) -> None:
    a = write(tmp_path / "lib", "rag.md", ZH_HANS)
    write(tmp_path / "lib", "vectors.md", ZH_HANT)
    assert statuses(kb.add([tmp_path / "lib"])) == ["added", "added"]
    assert statuses(kb.add([tmp_path / "lib"])) == ["unchanged", "unchanged"]
    a.write_text(ZH_HANS + "\n\n新增的一段：混合检索结合关键词和向量。", encoding="utf-8")
    assert statuses(kb.add([a])) == ["updated"]
    assert kb.store.count_documents() == 2
    (doc,) = [d for d in kb.documents() if d.path == str(a.resolve())]
    assert "混合检索" in doc.text
    assert kb.search("混合检索", mode="lexical")[0].chunk.doc_id == doc.id


def test_the_same_content_under_another_name_is_a_duplicate(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    write(tmp_path, "a.md", EN)
    write(tmp_path, "copy.md", EN)
    assert statuses(kb.add([tmp_path])) == ["added", "duplicate"]


def test_zh_hant_query_finds_zh_hans_document_and_back(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add([write(tmp_path, "hans.md", ZH_HANS), write(tmp_path, "hant.md", ZH_HANT)])
    hans = kb.search("檢索增強生成", mode="lexical")
    hant = kb.search("向量数据库 软件工程师", mode="lexical")
    assert "检索增强生成" in hans[0].chunk.text
    assert "向量資料庫" in hant[0].chunk.text


def test_chunk_offsets_index_the_clean_text(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add([write(tmp_path, "en.md", EN * 20)])
    (doc,) = kb.documents()
    chunks = kb.store.chunks_of(doc.id)
    assert len(chunks) > 1
    for stored in chunks:
        assert doc.text[stored.chunk.start : stored.chunk.end] == stored.chunk.text


def test_bad_inputs_fail_alone(kb: KnowledgeBase, tmp_path: Path) -> None:
    good = write(tmp_path, "good.md", EN)
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    line = json.dumps({"text": ZH_HANS, "url": "https://example.org/q"})
    jsonl = write(tmp_path, "feed.jsonl", line + "\n{oops\n")
    results = kb.add([good, empty, binary, jsonl, tmp_path / "missing.md"])
    by_status = {(r.status, Path(r.origin.split("#")[0].rsplit(":", 1)[0]).name) for r in results}
    assert ("added", "good.md") in by_status
    assert ("added", "https://example.org/q") in {(r.status, r.origin) for r in results}
    failed = {r.origin: r.reason for r in results if r.status == "failed"}
    assert len(failed) == 4
    assert any(o.endswith("empty.txt") and "empty file" in why for o, why in failed.items())
    assert any(o.endswith("blob.txt") and "binary" in why for o, why in failed.items())
    assert any(o.endswith("feed.jsonl:2") and "malformed JSON" in why for o, why in failed.items())
    assert any(o.endswith("missing.md") and "no such file" in why for o, why in failed.items())
    assert kb.store.count_documents() == 2


def test_an_empty_query_or_one_that_is_not_unicode_text_is_an_input_error(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add([write(tmp_path, "good.md", EN)])
    broken = "retrieval" + b"\xff".decode("utf-8", "surrogateescape")  # how argv carries bad bytes
    for call in (lambda: kb.search(broken), lambda: kb.ask(broken)):
        with pytest.raises(
            InputError, match=r"query has an unpaired surrogate \\udcff at character 9"
        ):
            call()
    for blank in ("", "  \n"):
        with pytest.raises(InputError, match="empty query"):
            kb.search(blank)
    assert kb.search("retrieval")  # the library is untouched


def test_delete_removes_document_chunks_and_index_entries(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add([write(tmp_path, "en.md", EN), write(tmp_path, "hans.md", ZH_HANS)])
    doc_id = kb.search("quantization", mode="lexical")[0].chunk.doc_id
    kb.delete(doc_id)
    assert all(
        h.chunk.doc_id != doc_id for h in kb.search("quantization laptop memory", mode="hybrid")
    )
    assert kb.store.chunks_of(doc_id) == []
    with pytest.raises(NotFound):
        kb.get(doc_id)
    with pytest.raises(NotFound):
        kb.delete(doc_id)


def test_reindex_rebuilds_the_same_results(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add([write(tmp_path, "en.md", EN), write(tmp_path, "hant.md", ZH_HANT)])
    before = [(h.chunk.doc_id, round(h.score, 5)) for h in kb.search("向量資料庫 memory")]
    assert kb.reindex() == 2
    after = [(h.chunk.doc_id, round(h.score, 5)) for h in kb.search("向量資料庫 memory")]
    assert before == after


def test_an_index_left_behind_by_a_crash_heals_on_open(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([write(tmp_path, "en.md", EN)])
        seq_before = kb.index.applied_seq
        # a crash after the record committed but before the index did: the index never hears
        kb.store.delete_document(kb.documents()[0].id)
        assert kb.index.applied_seq == seq_before < kb.store.last_seq()
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        assert kb.index.applied_seq == kb.store.last_seq()
        assert kb.search("quantization", mode="lexical") == []


class _Untouchable:
    """A store or index that fails on any use: the constructor must only assign."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the constructor used .{name}")


def test_the_constructor_only_assigns(settings: Settings, fake_embedder) -> None:
    kb = KnowledgeBase(_Untouchable(), fake_embedder, _Untouchable(), settings)  # type: ignore[arg-type]
    assert kb.settings is settings


def test_catch_up_replays_what_the_index_missed(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([write(tmp_path, "en.md", EN)])
        kb.store.delete_document(kb.documents()[0].id)  # behind the index's back
        assert kb.index.applied_seq < kb.store.last_seq()
        kb.catch_up()
        assert kb.index.applied_seq == kb.store.last_seq()
        assert kb.search("quantization", mode="lexical") == []


def test_a_second_writer_is_refused_with_the_holder_named(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    path = write(tmp_path, "en.md", EN)
    impatient = Settings(home=settings.home, lock_timeout_s=0.2)
    with KnowledgeBase.open(settings, embedder=fake_embedder) as first:
        first.add([path])
        with KnowledgeBase.open(impatient, embedder=fake_embedder) as second:
            with pytest.raises(LockedError, match=r"being written by pid \d+"):
                second.delete(first.documents()[0].id)
            assert second.search("quantization", mode="lexical")  # readers are not blocked
        assert first.documents()


def test_search_filters_by_script_language_source_and_date(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    from zhiku.records import SearchFilters

    kb.add(
        [
            write(tmp_path / "a", "hans.md", ZH_HANS),
            write(tmp_path / "b", "hant.md", ZH_HANT),
            write(tmp_path / "b", "en.md", EN),
        ]
    )
    everything = kb.search("向量 检索 model", k=10, mode="hybrid")
    assert len({h.chunk.doc_id for h in everything}) == 3
    only_hant = kb.search("向量 检索 model", k=10, filters=SearchFilters(script="zh-Hant"))
    assert {kb.get(h.chunk.doc_id).script for h in only_hant} == {"zh-Hant"}
    only_en = kb.search(
        "向量 检索 model", k=10, mode="lexical", filters=SearchFilters(language="en")
    )
    assert {kb.get(h.chunk.doc_id).language for h in only_en} <= {"en"}
    assert kb.search("向量", filters=SearchFilters(source="nowhere")) == []
    assert kb.search("向量", filters=SearchFilters(published_to="1999-01-01")) == []
    assert kb.search("向量", k=10, filters=SearchFilters(published_from="2000-01-01"))


def test_a_failing_embedder_leaves_nothing_half_stored(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    from zhiku.errors import ModelError

    class Flaky(type(fake_embedder)):  # type: ignore[misc]
        def embed(self, texts):
            if any("Quantization" in t for t in texts):
                raise ModelError("embedder fake: out of memory")
            return super().embed(texts)

    with KnowledgeBase.open(settings, embedder=Flaky()) as kb:
        with pytest.raises(ModelError):
            kb.add([write(tmp_path, "a.md", ZH_HANS), write(tmp_path, "b.md", EN)])
        assert kb.store.count_documents() == 1
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        (doc,) = kb.documents()
        assert "检索增强生成" in doc.text
        assert kb.search("检索增强生成", mode="lexical")[0].chunk.doc_id == doc.id
        assert kb.search("quantization", mode="lexical") == []
        assert [r.status for r in kb.add([tmp_path / "b.md"])] == ["added"]


def test_one_hostile_jsonl_line_does_not_stop_an_add(kb: KnowledgeBase, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    deep = '{"a": ' * 50_000 + "1" + "}" * 50_000
    crawl.write_bytes(
        b'{"text": "Retrieval-augmented generation grounds a model in documents it can cite."}\n'
        + deep.encode()
        + b"\n\x00\x00\n"
    )
    other = tmp_path / "other.txt"
    other.write_text(
        "Vector databases store embeddings so that similar passages can be found quickly."
    )
    results = kb.add([crawl, other])
    statuses = sorted(r.status for r in results)
    assert statuses == ["added", "added", "failed", "failed"]
    assert kb.store.count_documents() == 2


def test_a_document_over_the_character_limit_is_refused_up_front(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    small = Settings(home=settings.home, max_document_chars=5_000)
    big = tmp_path / "dump.txt"
    big.write_text("Transformers attend to every token of their context window. " * 200)
    fine = tmp_path / "note.txt"
    fine.write_text("Mixture-of-experts models route each token to a few of many expert layers.")
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        results = {Path(r.origin).name: r for r in kb.add([big, fine])}
        assert results["dump.txt"].status == "failed"
        assert "over the 5,000-character limit" in results["dump.txt"].reason
        assert "max_document_chars" in results["dump.txt"].reason
        assert results["note.txt"].status == "added"
        assert fake_embedder.texts_embedded > 0
