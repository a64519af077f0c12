"""Live sources against a local feed server: conditional GET (304), only new entries fetched,
backoff after failures, pages and sitemaps."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from zhiku import KnowledgeBase
from zhiku.errors import InputError
from zhiku.sources.subscriptions import SourceRunner, is_due, new_subscription, parse_interval

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>{body}</p><p>这一段是正文的第二段，讲的是同一件事的细节和背景。</p></article></body></html>"
)
PAGES = {
    "/a.html": ARTICLE.format(
        title="混合检索入门", body="混合检索把关键词检索和向量检索结合起来。"
    ),
    "/b.html": ARTICLE.format(
        title="Chunking for RAG", body="Chunks that keep whole sentences cite exactly."
    ),
    "/c.html": ARTICLE.format(title="量化与显存", body="四比特量化让大模型在笔记本上运行。"),
}


class FeedServer(BaseHTTPRequestHandler):
    entries: ClassVar[list[str]] = ["/a.html", "/b.html"]
    version: ClassVar[int] = 1
    log: ClassVar[list[tuple[str, int]]] = []

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html") -> None:
        self.log.append((self.path, status))
        self.send_response(status)
        if status == 200:
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", f'"v{self.version}"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        host = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == f'"v{self.version}"':
                self._send(304)
                return
            items = "".join(
                f"<item><title>{p}</title><link>{host}{p}</link></item>" for p in self.entries
            )
            feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
            self._send(200, feed.encode(), "application/rss+xml")
        elif self.path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{host}{p}</loc></url>" for p in self.entries)
            body = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            self._send(200, body.encode(), "application/xml")
        elif self.path in PAGES:
            self._send(200, PAGES[self.path].encode("utf-8"), "text/html; charset=utf-8")
        else:
            self._send(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    FeedServer.entries, FeedServer.version, FeedServer.log = ["/a.html", "/b.html"], 1, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _runner(kb: KnowledgeBase, clock: list[datetime]) -> SourceRunner:
    return SourceRunner(kb, politeness_s=0, clock=lambda: clock[0])


def test_a_feed_polled_twice_gets_a_304_and_only_new_entries_later(
    kb: KnowledgeBase, site: str
) -> None:
    clock = [NOW]
    sub = new_subscription(
        f"{site}/feed.xml", every_s=parse_interval("6h"), allow_private=True, now=NOW
    )
    kb.store.put_subscription(sub)
    runner = _runner(kb, clock)
    first = runner.run(kb.store.subscription(sub.id))
    assert (first.status, first.added, first.subscription.kind) == ("ok", 2, "feed")
    assert first.subscription.next_run_at == (NOW + timedelta(hours=6)).isoformat(
        timespec="seconds"
    )
    second = runner.run(kb.store.subscription(sub.id))
    assert (second.status, second.added) == ("not_modified", 0)
    assert ("/feed.xml", 304) in FeedServer.log
    FeedServer.entries, FeedServer.version = [*FeedServer.entries, "/c.html"], 2
    third = runner.run(kb.store.subscription(sub.id))
    assert (third.status, third.added) == ("ok", 1)
    fetched_pages = [path for path, status in FeedServer.log if path.endswith(".html")]
    assert sorted(fetched_pages) == ["/a.html", "/b.html", "/c.html"]  # none fetched twice


def test_due_runs_only_what_is_due_and_failures_back_off(kb: KnowledgeBase, site: str) -> None:
    clock = [NOW]
    broken = new_subscription(f"{site}/missing.xml", every_s=3600, allow_private=True, now=NOW)
    kb.store.put_subscription(broken)
    runner = _runner(kb, clock)
    [report] = runner.run_due()
    assert report.status == "error" and "404" in report.error
    assert report.subscription.next_run_at == (NOW + timedelta(hours=2)).isoformat(
        timespec="seconds"
    )
    assert runner.run_due() == []  # not due yet
    clock[0] = NOW + timedelta(hours=2)
    assert is_due(kb.store.subscription(broken.id), clock[0])
    [again] = runner.run_due()
    assert again.subscription.failures == 2
    assert again.subscription.next_run_at == (clock[0] + timedelta(hours=4)).isoformat(
        timespec="seconds"
    )


def test_pages_and_sitemaps(kb: KnowledgeBase, site: str) -> None:
    runner = _runner(kb, [NOW])
    for path, kind, added in (("/c.html", "page", 1), ("/sitemap.xml", "sitemap", 2)):
        sub = new_subscription(f"{site}{path}", every_s=3600, allow_private=True, now=NOW)
        kb.store.put_subscription(sub)
        report = runner.run(sub)
        assert (report.subscription.kind, report.added) == (kind, added)


def test_private_addresses_need_consent_and_intervals_are_checked(
    kb: KnowledgeBase, site: str
) -> None:
    sub = new_subscription(f"{site}/feed.xml", every_s=3600, now=NOW)
    report = _runner(kb, [NOW]).run(sub)
    assert report.status == "error"
    assert "private" in report.error.lower() or "loopback" in report.error.lower()
    with pytest.raises(InputError, match="at least 1m"):
        parse_interval("10s")
    with pytest.raises(InputError, match="6h"):
        parse_interval("often")
