"""Live-source routes and the serve-time poller, against a local page server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from zhiku.api.sources import SourcePoller
from zhiku.sources.subscriptions import new_subscription

PAGE = (
    "<html><head><title>向量数据库选型</title></head><body><article><h1>向量数据库选型</h1>"
    "<p>选型时要看召回率、延迟和运维成本。</p><p>小团队常从嵌入式方案开始，规模大了再迁移。</p>"
    "</article></body></html>"
).encode()


class Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/post.html" else 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        body = PAGE if status == 200 else b""
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/post.html"
    server.shutdown()
    server.server_close()


def test_add_list_and_delete_sources(client: TestClient) -> None:
    created = client.post(
        "/api/sources", json={"url": "https://example.com/feed.xml", "every": "1d"}
    )
    assert created.status_code == 201, created.text
    listed = client.get("/api/sources").json()["sources"]
    assert [(s["url"], s["every_s"], s["last_status"]) for s in listed] == [
        ("https://example.com/feed.xml", 86400, "never")
    ]
    assert (
        client.post(
            "/api/sources", json={"url": "https://example.com/x", "every": "5s"}
        ).status_code
        == 422
    )
    assert client.delete(f"/api/sources/{listed[0]['id']}").status_code == 200
    assert client.get("/api/sources").json()["sources"] == []
    assert client.delete("/api/sources/nope").status_code == 404


def test_run_now_and_the_poller_ingest_and_record_the_run(
    client: TestClient, page_url: str
) -> None:
    access = client.app.state.access  # type: ignore[attr-defined]
    sub = new_subscription(page_url, every_s=3600, allow_private=True, now=datetime.now(UTC))
    access.kb.store.put_subscription(sub)
    [report] = SourcePoller(access).poll_once()
    assert (report.status, report.added) == ("ok", 1)
    assert SourcePoller(access).poll_once() == []  # not due again for an hour
    ran = client.post(f"/api/sources/{sub.id}/run").json()
    assert ran["last_status"] == "ok" and ran["added"] == 0  # unchanged page
    hits = client.get("/api/search", params={"q": "向量数据库选型"}).json()["hits"]
    assert hits and hits[0]["url"] == page_url
