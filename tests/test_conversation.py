"""Conversations: follow-ups answered in context, stored, listed, resumed and deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.errors import NotFound


@pytest.fixture
def library(kb: KnowledgeBase, sample_library: Path) -> KnowledgeBase:
    kb.add([sample_library])
    return kb


def test_a_follow_up_is_searched_with_the_subject_of_the_previous_turn(
    library: KnowledgeBase,
) -> None:
    first = library.conversations.ask("What is llama.cpp?")
    follow = library.conversations.ask("Who started it?", first.conversation_id)
    assert follow.conversation_id == first.conversation_id and follow.ordinal == 2
    assert "llama.cpp" in follow.asked
    assert not follow.answer.abstained
    assert any("llama" in c.title.lower() for c in follow.answer.citations)


def test_without_the_conversation_the_follow_up_has_no_subject(library: KnowledgeBase) -> None:
    alone = library.conversations.ask("Who started it?")
    assert alone.asked == "Who started it?"


def test_conversations_are_listed_resumed_after_reopening_and_deleted(
    library: KnowledgeBase, settings: Settings, fake_embedder: object
) -> None:
    turn = library.conversations.ask("什么是 RAG？")
    library.conversations.ask("它有什么好处？", turn.conversation_id)
    library.close()
    with KnowledgeBase.open(settings, embedder=fake_embedder) as again:  # type: ignore[arg-type]
        [summary] = again.conversations.recent()
        assert (summary.id, summary.title, summary.turns) == (
            turn.conversation_id,
            "什么是 RAG？",
            2,
        )
        turns = again.conversations.turns(turn.conversation_id)
        assert [t.question for t in turns] == ["什么是 RAG？", "它有什么好处？"]
        assert "RAG" in turns[1].asked
        resumed = again.conversations.ask("那 LoRA 呢？", turn.conversation_id)
        assert resumed.ordinal == 3
        again.conversations.delete(turn.conversation_id)
        assert again.conversations.recent() == []
        with pytest.raises(NotFound):
            again.conversations.turns(turn.conversation_id)
        with pytest.raises(NotFound):
            again.conversations.delete(turn.conversation_id)
