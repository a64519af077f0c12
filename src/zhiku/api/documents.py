"""Routes for documents (upload, add URLs, list, get, delete) and ingestion jobs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from zhiku.api.errors import ApiError
from zhiku.api.jobs import KEEP, JobQueue, Progress, Work
from zhiku.api.uploads import ingest_inputs, ingest_urls, read_upload
from zhiku.errors import InputError, NotFound
from zhiku.filters import filter_fields, matches, search_filters
from zhiku.knowledge_base import IngestResult, KnowledgeBase
from zhiku.lock import LibraryAccess
from zhiku.payloads import document_payload
from zhiku.records import Document, SearchFilters
from zhiku.reingest import read_sources
from zhiku.sources.files import RawInput

_SCAN = 500  # page size when filtering in this layer


class UrlsRequest(BaseModel):
    urls: list[str] = Field([], max_length=100, examples=[["https://example.com/post"]])
    feeds: list[str] = Field([], max_length=20, description="RSS/Atom feeds: every entry is added")
    sitemaps: list[str] = Field([], max_length=20, description="Sitemaps: every page is added")


class DocumentEdit(BaseModel):
    title: str = Field(min_length=1, max_length=500, examples=["检索增强生成入门"])


class BulkDelete(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=500, description="Document ids to delete")


class Reingest(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=500, description="Document ids to read again")


class DocumentQuery(BaseModel):
    """Filters (`zhiku.filters`, all but tag) and paging for the document list."""

    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)
    source: str | None = None
    language: str | None = Field(None, description="zh, en, ... (from the detected script)")
    script: str | None = Field(None, description="zh-Hans, zh-Hant, en, ...")
    published_from: str | None = Field(None, description="ISO date or prefix: 2024, 2024-05")
    published_to: str | None = None

    @property
    def filters(self) -> SearchFilters | None:
        return search_filters(
            source=self.source,
            language=self.language,
            script=self.script,
            published_from=self.published_from,
            published_to=self.published_to,
        )


def list_documents(
    kb: KnowledgeBase, filters: SearchFilters | None, *, limit: int, offset: int
) -> tuple[int, list[Document]]:
    """(total matching, one page). Unfiltered lists page in SQL; filters scan in pages of 500."""
    if not filters:
        return kb.store.count_documents(), kb.documents(limit=limit, offset=offset)
    kept: list[Document] = []
    total = 0
    scanned = 0
    while batch := kb.documents(limit=_SCAN, offset=scanned):
        scanned += len(batch)
        for doc in batch:
            if matches(doc, filters):
                if offset <= total < offset + limit:
                    kept.append(doc)
                total += 1
    return total, kept


def reingest_work(doc_ids: list[str]) -> Work:
    """Work that reads each document's source again without any lock (files, fetches), then
    ingests what it read under the write lock, as `KnowledgeBase.reingest` does. The API never
    fetches private or loopback addresses."""

    def work(access: LibraryAccess, progress: Progress) -> list[IngestResult]:
        progress(0, len(doc_ids), "reading")
        with access.read() as kb:
            found = kb.stored_sources(doc_ids)
            max_bytes = kb.settings.max_file_bytes
        read = read_sources(found, max_bytes=max_bytes)
        with access.write() as kb:
            return kb.add_read_sources(read, on_progress=progress)

    return work


def _accepted(payload: dict[str, Any]) -> JSONResponse:
    return JSONResponse(
        {"job": payload}, status_code=202, headers={"Location": f"/api/jobs/{payload['id']}"}
    )


def document_routes(access: LibraryAccess, jobs: JobQueue) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["documents"])

    @router.post(
        "/documents", status_code=202, summary="Upload files for ingestion (a background job)"
    )
    async def upload(
        files: Annotated[
            list[UploadFile], File(description=".txt .md .html .jsonl, several at once")
        ],
        clean: Annotated[bool, Form()] = True,
    ) -> JSONResponse:
        max_bytes = access.kb.settings.max_file_bytes
        inputs: list[RawInput | InputError] = []
        for upload in files:
            data = await upload.read()
            inputs.extend(
                await run_in_threadpool(read_upload, upload.filename, data, max_bytes=max_bytes)
            )
        state = jobs.submit("upload", ingest_inputs(inputs, clean=clean), total=len(inputs))
        return _accepted(state.payload())

    @router.post(
        "/documents/urls",
        status_code=202,
        summary="Fetch and ingest web pages, feeds and sitemaps (a background job)",
    )
    def add_urls(body: UrlsRequest) -> JSONResponse:
        every = [*body.urls, *body.feeds, *body.sitemaps]
        if not every:
            raise InputError("nothing to add: give at least one of 'urls', 'feeds', 'sitemaps'")
        bad = [u for u in every if not u.strip().lower().startswith(("http://", "https://"))]
        if bad:
            raise InputError(f"not an http(s) URL: {bad[0]!r}")
        work = ingest_urls(body.urls, feeds=body.feeds, sitemaps=body.sitemaps)
        state = jobs.submit("urls", work, total=len(body.urls))
        return _accepted(state.payload())

    @router.get("/documents", summary="List documents, with filters and paging")
    def documents(query: Annotated[DocumentQuery, Query()]) -> JSONResponse:
        with access.read() as kb:
            total, page = list_documents(kb, query.filters, limit=query.limit, offset=query.offset)
        return JSONResponse(
            {
                "total": total,
                "limit": query.limit,
                "offset": query.offset,
                "filters": filter_fields(query.filters),
                "documents": [document_payload(d) for d in page],
            }
        )

    @router.get("/documents/{doc_id}", summary="One document: metadata and clean text")
    def document(doc_id: str) -> JSONResponse:
        with access.read() as kb:
            return JSONResponse(document_payload(kb.get(doc_id), with_text=True))

    @router.delete(
        "/documents/{doc_id}", summary="Delete a document and everything derived from it"
    )
    def delete(doc_id: str) -> dict[str, Any]:
        with access.write() as kb:
            kb.delete(doc_id)
        return {"deleted": doc_id}

    @router.patch("/documents/{doc_id}", summary="Edit a document: its title")
    def edit(doc_id: str, body: DocumentEdit) -> JSONResponse:
        with access.write() as kb:
            kb.retitle(doc_id, body.title)
            return JSONResponse(document_payload(kb.get(doc_id)))

    @router.post(
        "/documents/delete",
        summary="Delete several documents; ids not in the library are reported, not an error",
    )
    def delete_many(body: BulkDelete) -> dict[str, Any]:
        deleted: list[str] = []
        missing: list[str] = []
        with access.write() as kb:
            for doc_id in dict.fromkeys(body.ids):
                try:
                    kb.delete(doc_id)
                except NotFound:
                    missing.append(doc_id)
                else:
                    deleted.append(doc_id)
        return {"deleted": deleted, "missing": missing}

    @router.post(
        "/documents/reingest",
        status_code=202,
        summary="Read documents' files or URLs again and re-ingest them (a background job)",
    )
    def reingest(body: Reingest) -> JSONResponse:
        ids = list(dict.fromkeys(body.ids))
        state = jobs.submit("reingest", reingest_work(ids), total=len(ids))
        return _accepted(state.payload())

    @router.get("/jobs", tags=["jobs"], summary="Recent ingestion jobs, newest first")
    def all_jobs() -> dict[str, Any]:
        return {"jobs": [state.payload() for state in jobs.all()]}

    @router.get("/jobs/{job_id}", tags=["jobs"], summary="One ingestion job's progress and results")
    def job(job_id: str) -> dict[str, Any]:
        state = jobs.get(job_id)
        if state is None:
            raise ApiError(404, f"no job with id {job_id!r}; the {KEEP} most recent jobs are kept")
        return state.payload()

    return router
