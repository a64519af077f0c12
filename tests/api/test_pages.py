"""The web UI's server-rendered pages: content, language, and hostile documents kept inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}


class ActiveContent(HTMLParser):
    """Collects everything in a page that could run code."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[tuple[str, str]] = []
        self.code_links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if (
                name in ("href", "src", "action")
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE)
            ):
                self.code_links.append(value)


def active(html: str) -> ActiveContent:
    parser = ActiveContent()
    parser.feed(html)
    return parser


def assert_inert(html: str) -> None:
    found = active(html)
    # our scripts only: the UI strings (JSON data), the packaged app.js, and on the document,
    # graph and trends pages the packaged knowledge.js (with the page's data as JSON)
    ours = [
        {"type": "application/json", "id": "ui-strings"},
        {"src": "/static/app.js", "defer": None},
    ]
    knowledge = [{"src": "/static/knowledge.js", "defer": None}]
    data = [{"type": "application/json", "id": i} for i in ("graph-data", "trends-data")]
    assert found.scripts[:2] == ours
    assert all(s in knowledge + data for s in found.scripts[2:]), found.scripts
    assert found.handlers == []
    assert found.code_links == []
    assert "img" not in found.tags and "b" not in found.tags


def test_ask_page_renders_a_cited_answer(loaded: TestClient) -> None:
    page = loaded.get("/", params={"q": "什么是检索增强生成？"}, headers=HTML)
    assert page.status_code == 200
    answer = loaded.post("/api/ask", json={"question": "什么是检索增强生成？"}).json()
    c = answer["citations"][0]
    assert (
        f'href="/documents/{c["doc_id"]}?start={c["start"]}&amp;end={c["end"]}#cited"' in page.text
    )
    assert 'class="cite"' in page.text
    assert "data-abstained" not in page.text


def test_ask_page_shows_an_abstention_as_such(loaded: TestClient) -> None:
    page = loaded.get("/", params={"q": "红烧肉的家常做法需要几勺酱油", "lang": "en"}, headers=HTML)
    assert 'data-abstained="true"' in page.text
    assert "The library does not answer this." in page.text


def test_document_page_highlights_the_cited_span(loaded: TestClient) -> None:
    c = loaded.post("/api/ask", json={"question": "什么是检索增强生成？"}).json()["citations"][0]
    page = loaded.get(
        f"/documents/{c['doc_id']}", params={"start": c["start"], "end": c["end"]}, headers=HTML
    )
    cited = re.search(r'<mark id="cited"[^>]*>(.*?)</mark>', page.text, re.DOTALL)
    assert (
        cited is not None and cited.group(1) == c["text"]
    )  # sample text has no characters to escape


@pytest.mark.parametrize(
    "span",
    [{"start": "5", "end": "2"}, {"start": "0", "end": "999999"}, {"start": "x", "end": "3"}],
)
def test_document_page_ignores_bad_spans(loaded: TestClient, span: dict[str, str]) -> None:
    doc_id = loaded.get("/api/documents?limit=1").json()["documents"][0]["id"]
    page = loaded.get(f"/documents/{doc_id}", params=span, headers=HTML)
    assert page.status_code == 200 and 'id="cited"' not in page.text


def test_search_page_marks_matched_terms_and_filters(loaded: TestClient) -> None:
    page = loaded.get("/search", params={"q": "LoRA"}, headers=HTML)
    assert "<mark>LoRA</mark>" in page.text
    filtered = loaded.get(
        "/search", params={"q": "LoRA", "language": "en", "published_to": "1990"}, headers=HTML
    )
    assert "<mark>" not in filtered.text and 'value="en" selected' in filtered.text


def test_library_page_lists_pages_and_filters(loaded: TestClient) -> None:
    page = loaded.get("/library", headers={**HTML, "Accept-Language": "en"})
    assert page.text.count('class="doc-link"') == 7
    assert "7 documents" in page.text
    assert 'id="dropzone"' in page.text
    url_input = re.search(r'<input type="url" id="url-input"[^>]*>', page.text)
    assert url_input and "disabled" not in url_input.group(0)  # the library can fetch URLs
    english = loaded.get("/library", params={"language": "en"}, headers=HTML)
    assert english.text.count('class="doc-link"') == 4


def test_language_follows_the_browser_and_the_switch(loaded: TestClient) -> None:
    zh = loaded.get("/library", headers={**HTML, "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert '<html lang="zh-CN">' in zh.text and "文库" in zh.text
    en = loaded.get("/library", headers={**HTML, "Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in en.text and "Library" in en.text
    switched = loaded.get("/library?lang=en", headers={**HTML, "Accept-Language": "zh-CN"})
    assert '<html lang="en">' in switched.text
    assert "zhiku_lang=en" in switched.headers["set-cookie"]
    # the cookie now wins over the browser's language
    assert (
        '<html lang="en">'
        in loaded.get("/library", headers={**HTML, "Accept-Language": "zh-CN"}).text
    )


def test_page_errors_are_pages_and_api_errors_are_json(loaded: TestClient) -> None:
    page = loaded.get("/documents/nope", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'data-error-type="NotFound"' in page.text
    assert loaded.get("/documents/nope").json()["error"]["type"] == "NotFound"
    assert loaded.get("/api/documents/nope", headers=HTML).json()["error"]["status"] == 404


def test_static_assets_are_served(client: TestClient) -> None:
    assert "textContent" in client.get("/static/app.js").text
    assert client.get("/static/style.css").status_code == 200


def test_hostile_documents_are_escaped_everywhere(hostile: TestClient) -> None:
    docs = hostile.get("/api/documents").json()["documents"]
    assert any("<script>" in d["title"] for d in docs), (
        "the payload survived ingestion, so escaping is tested"
    )
    pages = [
        "/library",
        "/search?q=prompt+injection",
        "/?q=prompt+injection+attacks",
        "/?q=javascript+URL+link",
        *(f"/documents/{d['id']}" for d in docs),
    ]
    for c in hostile.post("/api/ask", json={"question": "prompt injection attacks"}).json()[
        "citations"
    ]:
        pages.append(f"/documents/{c['doc_id']}?start={c['start']}&end={c['end']}")
    for url in pages:
        page = hostile.get(url, headers=HTML)
        assert page.status_code == 200, url
        assert_inert(page.text)
    library = hostile.get("/library", headers=HTML).text
    assert "&lt;script&gt;window.__xss=" in library
    jsonl_doc = next(d for d in docs if d["url"] and d["url"].startswith("javascript:"))
    page = hostile.get(f"/documents/{jsonl_doc['id']}", headers=HTML).text
    assert "javascript:window.__xss=&#39;jsonl-url&#39;" in page  # shown as text, not a link
