"""`zhiku chat` (the REPL), `zhiku conversations` and `zhiku export`, with the fake embedder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Zhiku = Callable[..., Result]


@pytest.fixture
def filled(zhiku: Zhiku, sample_library: Path) -> Zhiku:
    zhiku("add", str(sample_library))
    return zhiku


def test_chat_answers_a_follow_up_and_shows_sources(filled: Zhiku) -> None:
    result = filled(
        "chat", input="What is llama.cpp?\nWho started it?\n/sources\n/history\n/quit\n"
    )
    assert "searched for: llama.cpp Who started it?" in result.output
    assert "Sources" in result.output and "[1]" in result.output
    assert "zhiku chat --resume" in result.output
    listed = json.loads(filled("conversations", "list", "--json").output)
    assert [c["turns"] for c in listed] == [2]


def test_chat_resumes_a_conversation_and_new_starts_over(filled: Zhiku) -> None:
    filled("chat", input="What is llama.cpp?\n")
    [conversation] = json.loads(filled("conversations", "list", "--json").output)
    resumed = filled(
        "chat", "--resume", conversation["id"], input="Who started it?\n/new\nWho started it?\n"
    )
    assert resumed.output.count("searched for: llama.cpp") == 1  # not after /new
    turns = json.loads(filled("conversations", "show", conversation["id"], "--json").output)
    assert [t["question"] for t in turns] == ["What is llama.cpp?", "Who started it?"]
    filled("conversations", "rm", conversation["id"])
    assert len(json.loads(filled("conversations", "list", "--json").output)) == 1  # the /new one


def test_export_jsonl_and_markdown_reimport(
    filled: Zhiku, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "library.jsonl"
    filled("export", "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["format"] == "clean" and r["chunks"] for r in records)
    filled("export", "--format", "markdown", "-o", str(tmp_path / "notes"))
    monkeypatch.setenv("ZHIKU_HOME", str(tmp_path / "other"))
    added = filled("add", str(out), "--json")
    assert {r["status"] for r in json.loads(added.output)} == {"added"}
    assert filled("export", "--format", "markdown", code=1).output.count("--output") == 1


def test_export_qa_without_an_llm_uses_the_logged_questions(filled: Zhiku) -> None:
    filled("ask", "What is LoRA?")
    result = filled("export", "qa", "--format", "alpaca")
    pairs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [p["instruction"] for p in pairs] == ["What is LoRA?"]
    assert "[1]" in pairs[0]["output"]


def test_version_reindex_and_extract_report(filled: Zhiku) -> None:
    assert filled("--version").output.startswith("zhiku ")
    report = json.loads(filled("reindex", "--json").output)
    documents = report["documents"]
    assert report["chunks"] >= documents > 0
    assert json.loads(filled("extract", "--json").output) == {"documents": documents}
