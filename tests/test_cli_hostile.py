"""The CLI against hostile library content and interrupted runs: escapes never reach the
terminal, and ``zhiku rm`` can be run again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhiku import KnowledgeBase, Settings
from zhiku.cli import app
from zhiku.embedders.protocol import Embedder
from zhiku.sources.files import RawInput

runner = CliRunner()
HOSTILE_TITLE = "Clear\x1b[2J screen\x1b]0;owned\x07 title\r\x9b31m"


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, fake_embedder: Embedder) -> None:
    monkeypatch.setattr("zhiku.knowledge_base.load_embedder", lambda name: fake_embedder)


@pytest.fixture
def hostile_library(settings: Settings, fake_embedder: Embedder) -> list[str]:
    text = (
        "Hybrid retrieval\x1b[31m fuses lexical and dense rankings\x1b]8;;http://x\x07 for answers."
    )
    raw = RawInput(
        "notes/\x1b[2Jevil.md",
        "text",
        text,
        text.encode(),
        "utf-8",
        path="notes/\x1b[2Jevil.md",
        title=HOSTILE_TITLE,
    )
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        [result] = kb.add_inputs([raw])
        assert result.status == "added"
        return [d.id for d in kb.documents()]


@pytest.mark.parametrize(
    "command",
    [["docs"], ["search", "hybrid retrieval"], ["ask", "what does hybrid retrieval fuse?"]],
)
def test_no_control_character_reaches_the_terminal(
    hostile_library: list[str], command: list[str]
) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    shown = result.output
    assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown and "\x9b" not in shown
    assert "Clear" in shown or "Hybrid retrieval" in shown  # the rest of the text is still shown


def test_show_strips_them_too_and_json_escapes_them(hostile_library: list[str]) -> None:
    shown = runner.invoke(app, ["show", hostile_library[0]]).output
    assert not any(c in shown for c in "\x1b\x07\r\x9b") and "Clear" in shown
    raw = runner.invoke(app, ["show", hostile_library[0], "--json"]).output
    assert "\x1b" not in raw and "\x9b" not in raw
    assert json.loads(raw)["title"] == HOSTILE_TITLE  # the data itself is kept as it was


def test_rm_skips_unknown_ids_and_can_be_run_again(
    settings: Settings, fake_embedder: Embedder, tmp_path: Path
) -> None:
    for n in range(3):
        (tmp_path / f"n{n}.md").write_text(
            f"# Note {n}\n\nDistinct body number {n} about ranking.", "utf-8"
        )
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([tmp_path])
        ids = [d.id for d in kb.documents()]
    first = runner.invoke(app, ["rm", ids[0]])
    assert first.exit_code == 0
    again = runner.invoke(app, ["rm", ids[0], "nope-000", *ids[1:]])  # an interrupted rm, re-run
    assert again.exit_code == 3, again.output
    assert "not found: nope-000 (skipped)" in again.output
    assert f"deleted {ids[1]}" in again.output and f"deleted {ids[2]}" in again.output
    as_json = runner.invoke(app, ["rm", *ids, "--json"])
    assert as_json.exit_code == 3
    assert json.loads(as_json.stdout) == {"deleted": [], "missing": ids}
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        assert kb.store.count_documents() == 0
