"""Routes for conversations: ask in a conversation (JSON or server-sent events), list, read and
delete them. A follow-up is answered in the context of the conversation's earlier turns."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent

from zhiku.api.answering import Answerer, sse, step_events
from zhiku.api.errors import describe
from zhiku.conversation import ChatTurn
from zhiku.errors import ZhikuError
from zhiku.lock import LibraryAccess
from zhiku.payloads import answer_payload
from zhiku.records import Answer
from zhiku.store.records import ConversationSummary, StoredTurn

log = logging.getLogger(__name__)


class ChatRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["它是谁提出的？"])
    conversation_id: str | None = Field(
        None, max_length=64, description="Continue this conversation; omit to start one"
    )
    k: int | None = Field(None, ge=1, le=50, description="Passages to read (default: top_k)")
    mode: Literal["extractive", "llm"] | None = Field(
        None, description="`extractive` or `llm`; default: setting answer_mode"
    )


def turn_payload(turn: ChatTurn) -> dict[str, Any]:
    return {
        "conversation_id": turn.conversation_id,
        "ordinal": turn.ordinal,
        "question": turn.question,
        "asked": turn.asked,
        "answer": answer_payload(turn.answer),
    }


def summary_payload(summary: ConversationSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "created_at": summary.created_at,
        "updated_at": summary.updated_at,
        "turns": summary.turns,
    }


def stored_turn_payload(turn: StoredTurn) -> dict[str, Any]:
    return {
        "ordinal": turn.ordinal,
        "question": turn.question,
        "asked": turn.asked,
        "created_at": turn.created_at,
        "answer": json.loads(turn.answer),
    }


def conversation_routes(access: LibraryAccess, answerer: Answerer) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["conversations"])

    def resolve(body: ChatRequest, mode: str) -> tuple[str, str]:
        llm = answerer.llm if mode == "llm" else None
        with access.read() as kb:
            return kb.conversations.resolve(body.question, body.conversation_id, llm=llm)

    def save(conversation_id: str, body: ChatRequest, asked: str, answer: Answer) -> ChatTurn:
        with access.write() as kb:
            return kb.conversations.save(conversation_id, body.question, asked, answer)

    @router.post(
        "/chat",
        summary="Ask in a conversation (a follow-up is resolved against the earlier turns)",
        description="Returns the turn: `conversation_id` (new when none was given), `asked` "
        "(the question as searched) and `answer` (as `POST /api/ask`). With `?stream=true`: "
        "a `conversation` event, then the events of `POST /api/ask?stream=true`.",
        response_model=None,
    )
    async def chat(body: ChatRequest, stream: bool = False) -> JSONResponse | EventSourceResponse:
        mode = answerer.mode(body.mode)
        conversation_id, asked = await run_in_threadpool(resolve, body, mode)
        if not stream:
            answer = await run_in_threadpool(answerer.answer, asked, k=body.k, mode=mode)
            turn = await run_in_threadpool(save, conversation_id, body, asked, answer)
            return JSONResponse(turn_payload(turn))

        async def events() -> AsyncIterator[ServerSentEvent]:
            yield sse("conversation", {"conversation_id": conversation_id, "asked": asked})
            steps = answerer.steps(asked, k=body.k, mode=mode)
            try:
                while (step := await run_in_threadpool(next, steps, None)) is not None:
                    if isinstance(step, Answer):
                        await run_in_threadpool(save, conversation_id, body, asked, step)
                    for event in step_events(step):
                        yield event
            except ZhikuError as error:
                yield sse("error", describe(error))
            except Exception as error:
                log.exception("chat failed while streaming")
                yield sse("error", describe(error))
            finally:
                steps.close()

        return EventSourceResponse(events(), ping=15)

    @router.get("/conversations", summary="Conversations, most recent first")
    def conversations(
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
    ) -> dict[str, Any]:
        with access.read() as kb:
            listed = kb.conversations.recent(limit=limit, offset=offset)
        return {"conversations": [summary_payload(s) for s in listed]}

    @router.get("/conversations/{conversation_id}", summary="A conversation's turns")
    def conversation(conversation_id: str) -> dict[str, Any]:
        with access.read() as kb:
            turns = kb.conversations.turns(conversation_id)
        return {"id": conversation_id, "turns": [stored_turn_payload(t) for t in turns]}

    @router.delete("/conversations/{conversation_id}", summary="Delete a conversation")
    def delete(conversation_id: str) -> dict[str, Any]:
        with access.write() as kb:
            kb.conversations.delete(conversation_id)
        return {"deleted": conversation_id}

    return router
