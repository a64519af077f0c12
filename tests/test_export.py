"""Export: JSONL and Markdown that `zhiku add` reads back unchanged, and grounded QA pairs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.export import (
    grounded_pairs,
    library_documents,
    library_records,
    qa_answers,
    qa_record,
    write_jsonl,
    write_markdown_folder,
)
from zhiku.records import Answer

NOTE = """# 混合检索为什么有用

关键词检索擅长精确名称，例如 Qwen2.5-7B 这样的型号。向量检索擅长同义表达。

两者融合以后，英文问题也能找到中文文章。
"""


@pytest.fixture
def filled(kb: KnowledgeBase, tmp_path: Path, sample_library: Path) -> KnowledgeBase:
    (tmp_path / "hybrid.md").write_text(NOTE, encoding="utf-8")
    kb.add([tmp_path / "hybrid.md", sample_library / "lora-finetuning.txt"])
    return kb


def _reimport(tmp_path: Path, fake_embedder: object, paths: list[Path]) -> KnowledgeBase:
    kb = KnowledgeBase.open(Settings(home=str(tmp_path / "second")), embedder=fake_embedder)  # type: ignore[arg-type]
    results = kb.add(paths)
    assert {r.status for r in results} == {"added"}, results
    return kb


def test_jsonl_export_reimports_the_same_clean_text(
    filled: KnowledgeBase, tmp_path: Path, fake_embedder: object
) -> None:
    out = tmp_path / "export.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        assert write_jsonl(library_records(filled), handle) == 2
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in records:
        for chunk in record["chunks"]:
            assert 0 <= chunk["start"] < chunk["end"] <= len(record["text"])
    with _reimport(tmp_path, fake_embedder, [out]) as again:
        before = {d.title: d.text for d in library_documents(filled)}
        after = {d.title: d.text for d in library_documents(again)}
        assert after == before


def test_vectors_are_exported_on_request(filled: KnowledgeBase) -> None:
    [record, *_] = library_records(filled, with_vectors=True)
    assert len(record["chunks"][0]["vector"]) == filled.embedder.dim
    [plain, *_] = library_records(filled)
    assert "vector" not in plain["chunks"][0]


def test_markdown_folder_reimports_with_metadata(
    filled: KnowledgeBase, tmp_path: Path, fake_embedder: object
) -> None:
    folder = tmp_path / "notes"
    assert write_markdown_folder(library_documents(filled), folder) == 2
    with _reimport(tmp_path, fake_embedder, [folder]) as again:
        titles = sorted(d.title for d in library_documents(again))
        assert titles == sorted(d.title for d in library_documents(filled))
        texts = {d.text for d in library_documents(again)}
        assert any("两者融合以后" in t for t in texts)


@pytest.mark.parametrize("fmt", ["sharegpt", "alpaca", "xtuner"])
def test_qa_pairs_without_an_llm_come_from_the_query_log_and_skip_abstentions(
    filled: KnowledgeBase, fmt: str
) -> None:
    filled.ask("关键词检索擅长什么？")
    filled.ask("What is the capital of Atlantis in the year 3000?")
    filled.knowledge.flush_queries()
    pairs = list(grounded_pairs(qa_answers(filled, llm=None), fmt))
    assert len(pairs) == 1
    text = json.dumps(pairs[0], ensure_ascii=False)
    assert "关键词检索擅长什么" in text and "[1]" in text


def test_unknown_qa_format_is_refused() -> None:
    answer = Answer(question="q", sentences=(), citations=(), abstained=False)
    with pytest.raises(ValueError, match="sharegpt"):
        qa_record(answer, "chatml")


def test_write_jsonl_counts_lines() -> None:
    buffer = io.StringIO()
    assert write_jsonl([{"a": 1}, {"b": "中"}], buffer) == 2
    assert buffer.getvalue().splitlines()[1] == '{"b": "中"}'
