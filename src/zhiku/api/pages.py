"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same library access.

Every string from a document reaches the page through Jinja's autoescape or, in `app.js`,
through ``textContent``; document URLs become links only when they are http(s).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from zhiku.api.answering import Answerer
from zhiku.api.documents import list_documents
from zhiku.api.guards import KEY_COOKIE, key_matches, too_many_failures
from zhiku.api.i18n import LANG_COOKIE, REASON_PATTERNS, STRINGS, localize_reason, pick_language
from zhiku.api.ratelimit import FailureLimiter, client_of
from zhiku.api.sources import subscription_payload
from zhiku.filters import filter_fields, search_filters
from zhiku.knowledge_base import KnowledgeBase
from zhiku.lock import LibraryAccess
from zhiku.payloads import answer_payload, document_payload, hit_payload
from zhiku.records import Document, SearchFilters

WEB = Path(str(resources.files("zhiku") / "web"))
PAGE_SIZE = 25
SEARCH_PAGE_HITS = 10  # a results page shows more than the top_k passages ask reads
SORTS = ("added_desc", "added_asc", "published_desc", "title")


def safe_href(url: str | None) -> str | None:
    """`url` if it is an http(s) link, else None (no ``javascript:`` or ``data:`` links).

    >>> safe_href("https://example.com/a"), safe_href(" JavaScript:alert(1)"), safe_href(None)
    ('https://example.com/a', None, None)
    """
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def marked_segments(
    text: str, marks: list[list[int]] | list[tuple[int, int]]
) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_marked) around the (start, end) `marks`.

    >>> marked_segments("hybrid search works", [(0, 6), (7, 13)])
    [('hybrid', True), (' ', False), ('search', True), (' works', False)]
    """
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in marks:
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], False))
    return pieces


def cited_parts(text: str, start: int | None, end: int | None) -> tuple[str, str, str] | None:
    """(before, cited, after) when [start, end) is a valid span of `text`."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return text[:start], text[start:end], text[end:]


_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})(?:\s*[-/月.]\s*(\d{1,2}))?")


def local_date(value: str | None, lang: str) -> str:
    """A stored date (ISO, ``2024/5/3``, ``2024年5月3日`` or a prefix) as the UI writes it:
    ``2024年5月3日`` in Chinese, ``3 May 2024`` in English; unparsed text as it is.

    >>> local_date("2024-05-03T09:30:00+08:00", "zh"), local_date("2024-05", "en")
    ('2024年5月3日', 'May 2024')
    """
    found = _DATE.search(value or "")
    if not found:
        return (value or "").strip()
    year, month, day = found.group(1), int(found.group(2)), found.group(3)
    if not 1 <= month <= 12:
        return (value or "").strip()
    if lang == "zh":
        return f"{year}年{month}月" + (f"{int(day)}日" if day else "")
    name = _MONTHS[month - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def card_date(citation: dict[str, Any], strings: dict[str, str], lang: str) -> str:
    """A source card's date: "Published …" when the document states it, else "Added …".

    >>> card_date({"published": None, "added_at": "2025-01-02T03:04:05+00:00"}, {"added_on": "Added"}, "en")
    'Added 2 Jan 2025'
    """
    if citation.get("published"):
        return f"{strings['published_on']} {local_date(citation['published'], lang)}"
    if citation.get("added_at"):
        return f"{strings['added_on']} {local_date(citation['added_at'], lang)}"
    return ""


def sort_documents(docs: list[Document], sort: str) -> list[Document]:
    """`docs` in the library page's `sort` order (ties: newest added first).

    >>> from zhiku.records import Document as D
    >>> a = D("a", "B title", "", "x", published="2024-01-01", added_at="2025-01-01")
    >>> b = D("b", "a title", "", "x", added_at="2025-02-01")
    >>> [d.id for d in sort_documents([a, b], "title")], [d.id for d in sort_documents([a, b], "published_desc")]
    (['b', 'a'], ['a', 'b'])
    """
    newest = sorted(docs, key=lambda d: (d.added_at, d.id), reverse=True)
    if sort == "added_asc":
        return newest[::-1]
    if sort == "title":
        return sorted(newest, key=lambda d: d.title.casefold())
    if sort == "published_desc":
        return sorted(newest, key=lambda d: d.published or "", reverse=True)
    return newest


def library_page_of(
    kb: KnowledgeBase, filters: SearchFilters | None, sort: str, page: int
) -> tuple[int, list[Document]]:
    """(total matching, the documents of `page` in `sort` order)."""
    offset = (page - 1) * PAGE_SIZE
    if sort == "added_asc":
        return list_documents(kb, filters, limit=PAGE_SIZE, offset=offset)
    if sort == "added_desc" and not filters:  # the store pages oldest first: read from the end
        total = kb.store.count_documents()
        start = max(total - offset - PAGE_SIZE, 0)
        docs = kb.documents(limit=max(total - offset - start, 0), offset=start)
        return total, sort_documents(docs, sort)
    total, docs = list_documents(kb, filters, limit=10**9, offset=0)
    return total, sort_documents(docs, sort)[offset : offset + PAGE_SIZE]


def row_tags(kb: KnowledgeBase, doc_id: str, lang: str) -> list[dict[str, str]]:
    """A library row's tags: id and label in the UI language (for the row's tag editor)."""
    return [
        {"id": t.tag_id, "label": (t.label_zh if lang == "zh" else t.label_en) or t.tag_id}
        for t in kb.knowledge.document_tags(doc_id)
    ]


def home_context(kb: KnowledgeBase, lang: str) -> dict[str, Any]:
    """What the start page shows: counts, recent additions, questions to try, recent chats."""
    counts = kb.store.library_counts()
    recent = sort_documents(
        kb.documents(limit=8, offset=max(counts.documents - 8, 0)), "added_desc"
    )
    asked = [q.query for q in kb.knowledge.hot_queries(days=30, limit=4)]
    suggestions = list(dict.fromkeys(asked))
    for doc in recent:
        if len(suggestions) >= 4:
            break
        topic = doc.title.strip()
        if topic:
            suggestions.append(
                f"{topic} 讲了什么？" if lang == "zh" else f"What does “{topic}” say?"
            )
    return {
        "counts": counts,
        "recent_docs": [document_payload(d) for d in recent[:5]],
        "suggestions": suggestions[:4],
        "recent_chats": kb.conversations.recent(limit=6),
    }


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


class Pages:
    """Renders templates with the request's language; used by routes and error pages."""

    def __init__(self, *, api_key: str | None) -> None:
        self.templates = Jinja2Templates(directory=str(WEB / "templates"))
        self.templates.env.filters["safe_href"] = safe_href
        self.templates.env.globals["marked_segments"] = marked_segments
        self.templates.env.filters["localize_reason"] = localize_reason
        self.templates.env.globals["card_date"] = card_date
        self.api_key = api_key

    @staticmethod
    def language(request: Request) -> str:
        return pick_language(
            request.query_params.get("lang"),
            request.cookies.get(LANG_COOKIE),
            request.headers.get("accept-language"),
        )

    def render(
        self, request: Request, name: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        query_lang = request.query_params.get("lang")
        lang = self.language(request)
        here = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
        other = "en" if lang == "zh" else "zh"
        context.update(
            lang=lang,
            t=STRINGS[lang],
            ui_strings={**STRINGS[lang], "reason_patterns": REASON_PATTERNS},
            switch_url=f"{request.url.path}?{urlencode([*here, ('lang', other)])}",
            path=request.url.path,
        )
        response = self.templates.TemplateResponse(request, name, context, status_code=status)
        if query_lang in STRINGS:
            response.set_cookie(LANG_COOKIE, query_lang, max_age=365 * 86400, samesite="lax")
        return response

    def error(self, request: Request, body: dict[str, Any]) -> Response | None:
        if "text/html" not in request.headers.get("accept", ""):
            return None
        err = body["error"]
        return self.render(request, "error.html", status=err["status"], error=err)


def page_routes(access: LibraryAccess, pages: Pages, answerer: Answerer) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    async def ask_page(request: Request, q: str = "", c: str = "") -> Response:
        answer = None
        mode: str | None = None
        if q.strip():
            mode = answerer.mode()  # the library's answer mode, as the page's script asks
            found = await run_in_threadpool(answerer.answer, q.strip(), mode=mode)
            answer = answer_payload(found)
        lang = pages.language(request)

        def overview() -> dict[str, Any]:
            with access.read() as kb:
                return home_context(kb, lang)

        home = await run_in_threadpool(overview)
        return pages.render(
            request, "ask.html", q=q, answer=answer, mode=mode, conversation_id=c, **home
        )

    @router.get("/search", response_class=HTMLResponse)
    def search_page(
        request: Request,
        q: str = "",
        source: str = "",
        language: str = "",
        script: str = "",
        published_from: str = "",
        published_to: str = "",
        tag: str = "",
    ) -> Response:
        filters = search_filters(
            source=source,
            language=language,
            script=script,
            published_from=published_from,
            published_to=published_to,
            tag=tag,
        )
        hits: list[dict[str, Any]] = []
        if q.strip():
            with access.read() as kb:
                found = kb.search(q.strip(), k=SEARCH_PAGE_HITS, mode="hybrid", filters=filters)
            hits = [hit_payload(i, h, q) for i, h in enumerate(found, 1)]
        where = filters or SearchFilters()
        return pages.render(request, "search.html", q=q, hits=hits, where=where, tag=tag)

    @router.get("/library", response_class=HTMLResponse)
    def library_page(
        request: Request,
        page: int = 1,
        source: str = "",
        language: str = "",
        script: str = "",
        published_from: str = "",
        published_to: str = "",
        sort: str = "added_desc",
    ) -> Response:
        page = max(page, 1)
        sort = sort if sort in SORTS else "added_desc"
        filters = search_filters(
            source=source,
            language=language,
            script=script,
            published_from=published_from,
            published_to=published_to,
        )
        lang = pages.language(request)
        with access.read() as kb:
            total, docs = library_page_of(kb, filters, sort, page)
            sources = [subscription_payload(s) for s in kb.store.subscriptions()]
            tags = {d.id: row_tags(kb, d.id, lang) for d in docs}
        pages_total = max(1, -(-total // PAGE_SIZE))
        return pages.render(
            request,
            "library.html",
            docs=[document_payload(d) for d in docs],
            total=total,
            page=page,
            pages_total=pages_total,
            where=filters or SearchFilters(),
            where_fields=filter_fields(filters),
            filter_query=urlencode({**filter_fields(filters), "sort": sort}),
            sort=sort,
            sorts=SORTS,
            sources=sources,
            tags=tags,
        )

    @router.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(
        request: Request, doc_id: str, start: str | None = None, end: str | None = None
    ) -> Response:
        with access.read() as kb:
            doc = document_payload(kb.get(doc_id), with_text=True)
            chunks = [
                (s.chunk.start, s.chunk.end, s.chunk.text) for s in kb.store.chunks_of(doc_id)
            ]
        parts = cited_parts(doc["text"], _int(start), _int(end))
        return pages.render(request, "document.html", doc=doc, parts=parts, chunks=chunks)

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/") -> Response:
        return pages.render(
            request, "login.html", next=next if next.startswith("/") else "/", wrong=False
        )

    @router.post("/login", response_class=HTMLResponse)
    def login(request: Request, key: str = Form(""), next: str = Form("/")) -> Response:
        target = next if next.startswith("/") and not next.startswith("//") else "/"
        limiter: FailureLimiter = request.app.state.key_failures
        client = client_of(request.scope.get("client"))
        if (wait := limiter.retry_after(client)) is not None:
            return too_many_failures(wait)
        if pages.api_key is None or not key_matches(key, pages.api_key):
            limiter.failed(client)
            return pages.render(request, "login.html", status=401, next=target, wrong=True)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(KEY_COOKIE, key, httponly=True, samesite="strict")
        return response

    return router
