"""The MCP tools in-process (fake embedder): bounds, and add_url's failures as errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anyio
import pytest

from zhiku import KnowledgeBase

pytest.importorskip("mcp")

from zhiku.mcp_server import ToolError, build_server

PAGE = (
    "<html><head><title>Fusion notes</title></head><body><article><h1>Fusion notes</h1>"
    + "".join(
        f"<p>Note {n}: reciprocal rank fusion merges lexical and dense rankings.</p>"
        for n in range(5)
    )
    + "</article></body></html>"
).encode()


def _call(kb: KnowledgeBase, name: str, arguments: dict[str, Any]) -> Any:
    server = build_server(kb)
    return anyio.run(server.call_tool, name, arguments)


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("search", {"query": "x" * 100_000}, "query is 100,000 characters, over the 2,000 limit"),
        ("search", {"query": "rag", "k": 100_000}, "k must be between 1 and 100 (got 100000)"),
        ("search", {"query": "rag", "k": 0}, "k must be between 1 and 100"),
        ("search", {"query": "   "}, "query is empty"),
        ("ask", {"question": "问" * 2001}, "over the 2,000 limit"),
        ("ask", {"question": "what is rag?", "k": 51}, "k must be between 1 and 50 (got 51)"),
    ],
)
def test_queries_and_k_are_bounded(
    kb: KnowledgeBase, tool: str, arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(ToolError, match="InputError: ") as caught:
        _call(kb, tool, arguments)
    assert message in str(caught.value)


def test_add_url_that_fails_is_an_error_result(kb: KnowledgeBase) -> None:
    with pytest.raises(ToolError) as caught:
        _call(kb, "add_url", {"url": "http://127.0.0.1:9/page"})
    text = str(caught.value)
    assert "InputError: http://127.0.0.1:9/page: refused" in text
    assert "--" not in text  # no CLI flag for an agent that cannot pass one
    assert kb.store.count_documents() == 0


@pytest.fixture
def page_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body, status = (PAGE, 200) if self.path == "/page" else (b"", 404)
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_add_url_that_works_returns_its_result(
    kb: KnowledgeBase, page_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhiku import mcp_server
    from zhiku.knowledge_base import fetch_urls

    # the test page is on loopback, which the MCP tool (rightly) refuses: allow it here only
    monkeypatch.setattr(mcp_server, "fetch_urls", lambda urls: fetch_urls(urls, allow_private=True))
    result = _call(kb, "add_url", {"url": f"{page_server}/page"})
    data = result.structured_content or {}
    payload = data.get("result", data)
    assert [r["status"] for r in payload["results"]] == ["added"], payload
    assert kb.store.count_documents() == 1
