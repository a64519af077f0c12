"""The core commands end to end (add, search, ask, docs, show, rm, reindex, clean), through the
real Typer app with the fake embedder injected."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

Zhiku = Callable[..., Result]  # the `zhiku` fixture of tests/cli/conftest.py


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


@pytest.fixture
def added(zhiku: Zhiku, sample_library: Path) -> list[dict[str, object]]:
    results: list[dict[str, object]] = as_json(zhiku("add", str(sample_library), "--json"))
    return results


def test_add_reports_each_input_and_is_idempotent(
    zhiku: Zhiku, added: list[dict[str, object]]
) -> None:
    assert added and {r["status"] for r in added} == {"added"}
    again = as_json(zhiku("add", str(Path(str(added[0]["origin"]))), "--json"))
    assert [r["status"] for r in again] == ["unchanged"]
    assert "added" in zhiku("add", str(Path(str(added[0]["origin"])))).stdout


def test_add_without_inputs_is_a_usage_error(zhiku: Zhiku) -> None:
    assert "nothing to add" in zhiku("add", code=2).stderr


def test_search_returns_cited_passages(zhiku: Zhiku, added: list[dict[str, object]]) -> None:
    found = as_json(zhiku("search", "LoRA 低秩 微调", "--json"))
    assert found["mode"] == "hybrid" and found["hits"]
    assert any("lora" in hit["title"].lower() for hit in found["hits"])
    assert len(as_json(zhiku("search", "模型", "-k", "2", "--json"))["hits"]) == 2
    assert "1. " in zhiku("search", "LoRA").stdout


def test_search_and_ask_read_top_k_from_the_settings(
    zhiku: Zhiku, added: list[dict[str, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIKU_TOP_K", "2")
    assert len(as_json(zhiku("search", "模型 model", "--json"))["hits"]) == 2
    monkeypatch.setenv("ZHIKU_TOP_K", "7")
    assert len(as_json(zhiku("search", "模型 model", "--json"))["hits"]) == 7


def test_search_by_tag_and_bad_mode(zhiku: Zhiku, added: list[dict[str, object]]) -> None:
    hits = as_json(zhiku("search", "模型", "-k", "10", "--tag", "rag", "--json"))["hits"]
    assert hits
    for doc_id in {h["doc_id"] for h in hits}:
        tags = as_json(zhiku("tags", "--doc", doc_id, "--json"))["tags"]
        assert "rag" in {t["tag_id"] for t in tags}
    everything = as_json(zhiku("search", "模型", "-k", "10", "--json"))["hits"]
    assert len({h["doc_id"] for h in everything}) > len({h["doc_id"] for h in hits})
    assert "unknown search mode" in zhiku("search", "x", "--mode", "fuzzy", code=1).stderr


def test_ask_answers_with_citations_or_abstains(
    zhiku: Zhiku, added: list[dict[str, object]]
) -> None:
    answer = as_json(zhiku("ask", "什么是检索增强生成？", "--json"))
    assert not answer["abstained"] and answer["citations"]
    assert all(s["citations"] for s in answer["sentences"])
    assert "Sources" in zhiku("ask", "什么是检索增强生成？").stdout
    unrelated = as_json(zhiku("ask", "怎样烤一个巧克力蛋糕？", "--json"))
    assert unrelated["abstained"]


def test_docs_show_rm(zhiku: Zhiku, added: list[dict[str, object]]) -> None:
    listed = as_json(zhiku("docs", "--json"))
    assert listed["total"] == len(added) == len(listed["documents"])
    doc = listed["documents"][0]
    shown = as_json(zhiku("show", doc["id"], "--json"))
    assert shown["id"] == doc["id"] and shown["text"] and shown["chars"] == len(shown["text"])
    assert doc["id"] in zhiku("docs").stdout
    assert f"deleted {doc['id']}" in zhiku("rm", doc["id"]).stdout
    assert as_json(zhiku("docs", "--json"))["total"] == len(added) - 1
    assert "error:" in zhiku("show", doc["id"], code=1).stderr


def test_reindex_keeps_search_working(zhiku: Zhiku, added: list[dict[str, object]]) -> None:
    before = as_json(zhiku("search", "向量数据库", "--json"))["hits"]
    assert "reindexed" in zhiku("reindex").stdout
    after = as_json(zhiku("search", "向量数据库", "--json"))["hits"]
    assert [h["doc_id"] for h in after] == [h["doc_id"] for h in before]


def test_clean_previews_a_page_without_storing(zhiku: Zhiku, sample_library: Path) -> None:
    page = sample_library / "rag-explained.html"
    cleaned = as_json(zhiku("clean", str(page), "--json"))
    assert cleaned["text"] and cleaned["title"]
    assert "removed (" in zhiku("clean", str(page), "--diff").stdout
    assert as_json(zhiku("docs", "--json"))["total"] == 0
    assert "error:" in zhiku("clean", str(page.with_name("missing.html")), code=1).stderr


def test_reingest_reads_the_file_again(zhiku: Zhiku, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("# 重排序\n\n重排序模型再读一遍候选段落，把真正回答问题的排到前面。\n", "utf-8")
    [added] = as_json(zhiku("add", str(note), "--json"))
    doc_id = str(added["doc_id"])
    [again] = as_json(zhiku("reingest", doc_id, "--json"))
    assert (again["status"], again["doc_id"]) == ("unchanged", doc_id)
    note.write_text(note.read_text("utf-8") + "\n这一步通常比检索慢。\n", "utf-8")
    assert "updated" in zhiku("reingest", doc_id).stdout
    note.unlink()
    [gone] = as_json(zhiku("reingest", doc_id, "--json", code=1))
    assert gone["status"] == "failed" and gone["reason"] == "the source file no longer exists"
    assert gone["origin"] == str(note.resolve())
