"""Conversations: follow-up questions answered in the context of the turns before them, and
kept in the library so they can be listed, resumed and deleted.

``kb.conversations.ask(question, conversation_id)`` makes the follow-up self-contained
(`zhiku.followup`: rules in extractive mode, the model condenses with an LLM), answers it as
``kb.ask`` would, and stores the turn. A new conversation gets an id on its first question.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhiku.errors import InputError
from zhiku.followup import Turn, condensed_question, standalone_question
from zhiku.llm.protocol import LLM
from zhiku.payloads import answer_payload
from zhiku.records import Answer
from zhiku.store.records import ConversationSummary, StoredTurn

if TYPE_CHECKING:
    from zhiku.knowledge_base import KnowledgeBase

_CONTEXT_TURNS = 6  # earlier turns a follow-up is resolved against


@dataclass(frozen=True, slots=True)
class ChatTurn:
    """A question answered in a conversation: ``asked`` is what retrieval searched for."""

    conversation_id: str
    ordinal: int
    question: str
    asked: str
    answer: Answer


def new_conversation_id() -> str:
    return uuid.uuid4().hex[:12]


class Conversations:
    """The conversations of one library."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def recent(self, *, limit: int = 50, offset: int = 0) -> list[ConversationSummary]:
        """Conversations, most recently active first."""
        return self.kb.store.conversations(limit=limit, offset=offset)

    def turns(self, conversation_id: str) -> list[StoredTurn]:
        """The turns of a conversation, oldest first; `NotFound` for an unknown id."""
        return self.kb.store.conversation_turns(conversation_id)

    def delete(self, conversation_id: str) -> None:
        self.kb.store.delete_conversation(conversation_id)

    def resolve(
        self, question: str, conversation_id: str | None, *, llm: LLM | None = None
    ) -> tuple[str, str]:
        """(conversation id, the question as it will be searched)."""
        if not question.strip():
            raise InputError("empty question")
        if conversation_id is None:
            return new_conversation_id(), question
        history = [Turn(t.question, t.answer_text) for t in self.turns(conversation_id)]
        history = history[-_CONTEXT_TURNS:]
        if llm is not None:
            return conversation_id, condensed_question(question, history, llm)
        return conversation_id, standalone_question(question, history)

    def ask(
        self,
        question: str,
        conversation_id: str | None = None,
        *,
        llm: LLM | None = None,
        k: int | None = None,
    ) -> ChatTurn:
        """Answer `question` as the next turn of `conversation_id` (a new one when None)."""
        conversation_id, asked = self.resolve(question, conversation_id, llm=llm)
        answer = self.kb.ask(asked, k=k, llm=llm)
        return self.save(conversation_id, question, asked, answer)

    def ask_stream(
        self,
        question: str,
        conversation_id: str | None = None,
        *,
        llm: LLM,
        k: int | None = None,
    ) -> Iterator[str | ChatTurn]:
        """Draft pieces from `llm` as they arrive, then the verified turn (saved) last."""
        conversation_id, asked = self.resolve(question, conversation_id, llm=llm)
        for event in self.kb.ask_stream(asked, llm=llm, k=k):
            if isinstance(event, Answer):
                yield self.save(conversation_id, question, asked, event)
            elif isinstance(event, str):
                yield event

    def save(self, conversation_id: str, question: str, asked: str, answer: Answer) -> ChatTurn:
        """Store an answered turn (the HTTP API answers under a read lock, then saves)."""
        shown = answer.text if not answer.abstained else answer.reason
        ordinal = self.kb.store.add_turn(
            conversation_id,
            question=question,
            asked=asked,
            answer_text=shown,
            answer=json.dumps(answer_payload(answer), ensure_ascii=False),
        )
        return ChatTurn(conversation_id, ordinal, question, asked, answer)
