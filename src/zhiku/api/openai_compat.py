"""An OpenAI-compatible face for the library: ``GET /v1/models`` and ``POST /v1/chat/completions``.

Chat clients (Open WebUI, Cherry Studio, LobeChat, ChatBox, any OpenAI SDK) can then use a zhiku
library as a "model". The reply is zhiku's cited answer: its text carries the ``[n]`` markers and a
"Sources" list, and the structured field ``zhiku`` (on the completion and on the last stream chunk)
holds the same answer as ``POST /api/ask`` returns it. An abstention is an answer, not an error.
Earlier turns of the conversation make a follow-up self-contained (`zhiku.followup`).

Models: ``zhiku`` answers in the ``answer_mode`` setting; ``zhiku-extractive`` quotes;
``zhiku-llm`` writes with the configured LLM and verifies every sentence.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse

from zhiku.api.answering import Answerer
from zhiku.errors import InputError, NotFound
from zhiku.followup import Turn, condensed_question, standalone_question
from zhiku.payloads import answer_payload
from zhiku.records import Answer

MODELS = {
    "zhiku": None,  # the answer_mode setting decides
    "zhiku-extractive": "extractive",
    "zhiku-llm": "llm",
}
SOURCES_HEADING = "Sources:"
_STREAM_PIECE_CHARS = 48
_MAX_HISTORY_TURNS = 6


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    model: str = Field("zhiku", description="`zhiku`, `zhiku-extractive` or `zhiku-llm`")
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False
    # accepted for compatibility; the answer is grounded, so sampling options do not apply
    temperature: float | None = None
    max_tokens: int | None = None
    n: int | None = Field(None, ge=1, le=1)


def message_text(message: ChatMessage) -> str:
    """The text of a message; OpenAI's content parts (``[{"type": "text", "text": …}]``) joined."""
    if message.content is None:
        return ""
    if isinstance(message.content, str):
        return message.content
    return "".join(
        str(part.get("text", "")) for part in message.content if part.get("type") == "text"
    )


def conversation(messages: list[ChatMessage]) -> tuple[str, list[Turn]]:
    """The last user question and the (question, answer) turns before it."""
    users = [i for i, m in enumerate(messages) if m.role == "user"]
    if not users or not message_text(messages[users[-1]]).strip():
        raise InputError("the last user message is empty")
    last = users[-1]
    turns: list[Turn] = []
    question: str | None = None
    for message in messages[:last]:
        if message.role == "user":
            question = message_text(message)
        elif message.role == "assistant" and question is not None:
            answer = message_text(message).split(f"\n\n{SOURCES_HEADING}", 1)[0]
            turns.append(Turn(question, answer))
            question = None
    return message_text(messages[last]).strip(), turns[-_MAX_HISTORY_TURNS:]


def reply_text(answer: Answer) -> str:
    """The answer as a chat message: cited sentences (or the refusal), then the sources."""
    if answer.abstained:
        return answer.reason or "The library does not answer this question."
    lines = [answer.text, "", SOURCES_HEADING]
    for c in answer.citations:
        where = c.url or c.path or c.source
        page = f", p. {c.page}" if c.page else ""
        lines.append(
            f"[{c.number}] {c.title} — {where}{page}" if where else f"[{c.number}] {c.title}{page}"
        )
    return "\n".join(lines)


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


def completion(model: str, answer: Answer) -> dict[str, Any]:
    text = reply_text(answer)
    return {
        "id": _completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "zhiku": answer_payload(answer),
    }


def completion_chunks(model: str, answer: Answer) -> Iterator[dict[str, Any]]:
    """The reply as ``chat.completion.chunk`` objects: the role, text pieces, then the end."""
    base = {
        "id": _completion_id(),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return {**base, "choices": [choice], **extra}

    yield chunk({"role": "assistant", "content": ""})
    text = reply_text(answer)
    for start in range(0, len(text), _STREAM_PIECE_CHARS):
        yield chunk({"content": text[start : start + _STREAM_PIECE_CHARS]})
    yield chunk({}, "stop", zhiku=answer_payload(answer))


def openai_routes(answerer: Answerer) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["openai-compatible"])

    @router.get("/models", summary="The library as OpenAI-style models")
    def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [
                {"id": name, "object": "model", "created": 0, "owned_by": "zhiku"}
                for name in MODELS
            ],
        }

    @router.post("/chat/completions", summary="A cited answer as an OpenAI chat completion")
    async def chat_completions(request: ChatRequest) -> Any:
        if request.model not in MODELS:
            raise NotFound(f"unknown model {request.model!r}; use one of {', '.join(MODELS)}")
        mode = answerer.mode(MODELS[request.model])
        asked, turns = conversation(request.messages)
        if mode == "llm" and answerer.llm is not None:
            question = await run_in_threadpool(condensed_question, asked, turns, answerer.llm)
        else:
            question = standalone_question(asked, turns)
        answer = await run_in_threadpool(answerer.answer, question, mode=mode)
        if not request.stream:
            return completion(request.model, answer)

        async def events() -> AsyncIterator[str]:
            for piece in completion_chunks(request.model, answer):
                yield json.dumps(piece, ensure_ascii=False)
            yield "[DONE]"

        return EventSourceResponse(events())

    return router
