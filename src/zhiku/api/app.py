"""`create_app(kb)`: the HTTP API, its OpenAPI docs and the web UI over one `KnowledgeBase`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from zhiku.api.answering import Answerer
from zhiku.api.conversations import conversation_routes
from zhiku.api.documents import document_routes
from zhiku.api.errors import install_error_handlers
from zhiku.api.guards import (
    ApiKeyMiddleware,
    BodyLimitMiddleware,
    SameSiteMiddleware,
    SecurityHeadersMiddleware,
)
from zhiku.api.jobs import JobQueue
from zhiku.api.knowledge import knowledge_routes
from zhiku.api.openai_compat import openai_routes
from zhiku.api.pages import WEB, Pages, page_routes
from zhiku.api.queries import query_routes
from zhiku.api.ratelimit import FailureLimiter
from zhiku.api.sources import SourcePoller, source_routes
from zhiku.knowledge_base import KnowledgeBase
from zhiku.llm.client import configured_llm
from zhiku.llm.protocol import LLM
from zhiku.lock import LibraryAccess
from zhiku.version import package_version

MAX_UPLOAD_BYTES = 50_000_000
MAX_JSON_BYTES = 1_000_000


def create_app(
    kb: KnowledgeBase,
    *,
    api_key: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    max_json_bytes: int = MAX_JSON_BYTES,
    allowed_hosts: Sequence[str] | None = None,
    llm: LLM | None = None,
    poll_sources_s: float | None = None,
) -> FastAPI:
    """The app for `kb`. The caller owns `kb` (opens and closes it); the app owns its job worker.

    `api_key`: when set, every route but ``/api/health``, ``/login`` and ``/static`` requires it.
    `max_upload_bytes` bounds one upload request; `max_json_bytes` every other request body.
    `allowed_hosts`: host names the server answers to (``zhiku serve`` on loopback passes
    ``127.0.0.1``, ``localhost``, ``::1``); browsers' cross-site writes are always refused.
    `llm`: the model for generated answers; by default the one `kb.settings` configures
    (``llm_base_url``, ``llm_model``), if any. Answers use it when a request's ``mode`` or the
    ``answer_mode`` setting says ``llm``.
    `poll_sources_s`: run due live sources (``zhiku sources``) every so many seconds while the
    app runs (``zhiku serve`` passes 60); None never polls.
    """
    access = LibraryAccess(kb)
    jobs = JobQueue(access, folder=kb.settings.home_path / "jobs")  # outlive restarts
    owned = configured_llm(kb.settings) if llm is None else None
    answerer = Answerer(access, llm or owned)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        poller = SourcePoller(access, interval_s=poll_sources_s) if poll_sources_s else None
        if poller is not None:
            poller.start()
        yield
        if poller is not None:
            poller.close()
        jobs.close()
        if owned is not None:
            owned.close()

    app = FastAPI(
        title="zhiku",
        version=package_version(),
        description="Local knowledge base for AI articles: hybrid search and cited answers. "
        'Every error is `{"error": {"type", "message", "status"}}`.',
        lifespan=lifespan,
    )
    app.state.access = access
    app.state.jobs = jobs
    app.state.key_failures = key_failures = FailureLimiter()  # wrong keys: header and /login
    pages = Pages(api_key=api_key)
    install_error_handlers(app, html_error=pages.error)

    @app.get("/api/health", tags=["health"], summary="Liveness (never needs the API key)")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": app.version}

    app.include_router(document_routes(access, jobs))
    app.include_router(query_routes(access, answerer))
    app.include_router(page_routes(access, pages, answerer))
    app.include_router(knowledge_routes(access, pages))
    app.include_router(openai_routes(answerer))
    app.include_router(conversation_routes(access, answerer))
    app.include_router(source_routes(access))
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    # the last added is the outermost: the key is checked before a body is read
    app.add_middleware(
        BodyLimitMiddleware,
        default_bytes=max_json_bytes,
        limits=[("/api/documents", max_upload_bytes)],
    )
    if api_key:
        app.add_middleware(ApiKeyMiddleware, api_key=api_key, limiter=key_failures)
    app.add_middleware(SameSiteMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
