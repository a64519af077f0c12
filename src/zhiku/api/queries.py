"""Routes for search and ask (JSON, or ask as server-sent events)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent

from zhiku.api.answering import Answerer, sse
from zhiku.api.errors import describe
from zhiku.api.params import parse_query, query_parameters
from zhiku.api.responses import FastJSONResponse
from zhiku.errors import ZhikuError
from zhiku.filters import filter_fields, search_filters
from zhiku.lock import LibraryAccess
from zhiku.payloads import answer_payload, hit_payload
from zhiku.records import Hit, SearchFilters

log = logging.getLogger(__name__)


class SearchQuery(BaseModel):
    q: str = Field(min_length=1, max_length=2000, description="The query, Chinese or English")
    k: int | None = Field(None, ge=1, le=100, description="Passages (default: setting top_k)")
    mode: Literal["hybrid", "lexical", "dense"] = "hybrid"
    source: str | None = None
    language: str | None = None
    script: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    tag: str | None = Field(None, max_length=200, description="A tag id or label (`GET /api/tags`)")

    @property
    def filters(self) -> SearchFilters | None:
        return search_filters(
            source=self.source,
            language=self.language,
            script=self.script,
            published_from=self.published_from,
            published_to=self.published_to,
            tag=self.tag,
        )


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["什么是检索增强生成？"])
    k: int | None = Field(
        None, ge=1, le=50, description="Passages to read (default: setting top_k)"
    )
    mode: Literal["extractive", "llm"] | None = Field(
        None,
        description="`extractive` (quotes) or `llm` (generated, then verified); "
        "default: setting answer_mode",
    )


def search_payload(query: SearchQuery, hits: list[Hit]) -> dict[str, Any]:
    return {
        "query": query.q,
        "mode": query.mode,
        "filters": filter_fields(query.filters),
        "hits": [hit_payload(i, h, query.q) for i, h in enumerate(hits, 1)],
    }


def query_routes(access: LibraryAccess, answerer: Answerer) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["queries"])

    def run_search(query: SearchQuery) -> list[Hit]:
        with access.read() as kb:
            return kb.search(query.q, k=query.k, mode=query.mode, filters=query.filters)

    # One pydantic validation of the query string: FastAPI's per-field model handling cost
    # more than half a millisecond per search, a quarter of the API's overhead.
    @router.get(
        "/search",
        summary="Ranked passages (same fields as `zhiku search --json`)",
        openapi_extra={"parameters": query_parameters(SearchQuery)},
    )
    def search(request: Request) -> JSONResponse:
        query = parse_query(SearchQuery, request)
        return FastJSONResponse(search_payload(query, run_search(query)))

    @router.post(
        "/ask",
        summary="A cited answer or an abstention (same fields as `zhiku ask --json`)",
        description="`mode` `llm` generates the answer with the configured LLM and verifies it "
        "(503 when none is configured); the default is the `answer_mode` setting. "
        "With `?stream=true` the answer comes as server-sent events: with the LLM `sources` "
        "(the passages it reads) and `delta` per piece of its draft; then `sources`, "
        "`sentence` per verified sentence, and `done` (or `error`).",
        response_model=None,
    )
    async def ask(body: AskRequest, stream: bool = False) -> JSONResponse | EventSourceResponse:
        mode = answerer.mode(body.mode)  # before the stream starts: a plain JSON error
        if not stream:
            answer = await run_in_threadpool(answerer.answer, body.question, k=body.k, mode=mode)
            return JSONResponse(answer_payload(answer))

        async def events() -> AsyncIterator[ServerSentEvent]:
            # the response has started: errors are reported in-band, in the same shape
            try:
                async for event in answerer.events(body.question, k=body.k, mode=mode):
                    yield event
            except ZhikuError as error:
                yield _error_event(error)
            except Exception as error:
                log.exception("ask failed while streaming")
                yield _error_event(error)

        return EventSourceResponse(events(), ping=15)

    return router


def _error_event(error: BaseException) -> ServerSentEvent:
    return sse("error", describe(error))
