"""`zhiku ask` says when an answer is LLM-written and what the verifier removed."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from zhiku.cli import core as cli
from zhiku.records import Answer, AnswerSentence, Citation


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buffer = io.StringIO()
    monkeypatch.setattr(
        cli, "out", Console(file=buffer, highlight=False, soft_wrap=True, width=200)
    )
    return buffer


ANSWER = Answer(
    "Who started llama.cpp?",
    (AnswerSentence("Georgi Gerganov started llama.cpp.", (1,), 0.9),),
    (Citation(1, "d1", "Running LLMs on a laptop", "notes", None, "notes.html", 0, 40, "…"),),
    abstained=False,
    reason="1 unsupported sentence removed",
    removed=(AnswerSentence("He also sells bread.", (), 0.1, "unsupported"),),
)


def test_generated_answer_is_labelled_with_what_the_verifier_removed(printed):
    cli.render_answer(ANSWER, generated=True)
    text = printed.getvalue()
    assert "Written by the language model, then checked against the sources." in text
    assert "Verifier: 1 unsupported sentence removed" in text
    assert "Removed: not supported by the sources" in text and "He also sells bread." in text


def test_extractive_answer_has_no_model_label(printed):
    cli.render_answer(Answer("q", ANSWER.sentences, ANSWER.citations, abstained=False))
    assert "language model" not in printed.getvalue() and "Removed" not in printed.getvalue()


def test_generated_abstention_still_lists_what_was_removed(printed):
    abstained = Answer(
        "q",
        (),
        (),
        abstained=True,
        reason="the passages do not support the generated answer",
        removed=ANSWER.removed,
    )
    cli.render_answer(abstained, generated=True)
    text = printed.getvalue()
    assert "does not answer" in text and "language model" in text and "He also sells bread." in text
