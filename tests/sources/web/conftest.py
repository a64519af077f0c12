"""A real HTTP server on 127.0.0.1 (stdlib, in a thread) serving tests/fixtures/site/."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"

# path -> (fixture file, Content-Type header, encoding the file is served in)
STATIC = {
    "/zh/gbk-header.html": ("zh_portal.html", "text/html; charset=GBK", "gbk"),
    "/zh/gbk-meta.html": ("zh_portal_meta.html", "text/html", "gbk"),
    "/zh/big5.html": ("zh_hant_big5.html", "text/html", "big5"),
    "/en/news.html": ("en_news.html", "text/html; charset=utf-8", "utf-8"),
    "/private/secret.html": ("en_news.html", "text/html; charset=utf-8", "utf-8"),
    "/members-only.html": ("en_news.html", "text/html; charset=utf-8", "utf-8"),
    "/notes.txt": ("notes.txt", "text/plain; charset=utf-8", "utf-8"),
    "/notes-undeclared": ("notes.txt", "", "utf-8"),
    "/robots.txt": ("robots.txt", "text/plain", "utf-8"),
    "/feed.rss": ("feed.rss", "application/rss+xml", "utf-8"),
    "/feed.atom": ("feed.atom", "application/atom+xml", "utf-8"),
    "/sitemap.xml": ("sitemap.xml", "application/xml", "utf-8"),
    "/sitemap_index.xml": ("sitemap_index.xml", "application/xml", "utf-8"),
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


@dataclass
class Site:
    """The running server: its base URL and how often each path was requested."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.hits[self.path] += 1
            count = site.hits[self.path]
            path = self.path.split("?", 1)[0]
            if path in STATIC:
                name, content_type, encoding = STATIC[path]
                self._send(
                    200, (SITE / name).read_text(encoding="utf-8").encode(encoding), content_type
                )
            elif path == "/sitemap-news.xml.gz":
                body = gzip.compress((SITE / "sitemap_news.xml").read_bytes())
                self._send(200, body, "application/x-gzip")
            elif path.startswith("/hop/"):  # /hop/3 -> /hop/2 -> /hop/1 -> /hop/0 -> page
                left = int(path.rsplit("/", 1)[1])
                target = f"/hop/{left - 1}" if left else "/en/news.html#top"
                self._send(302 if left % 2 else 301, b"", "text/html", location=target)
            elif path == "/loop/a":
                self._send(302, b"", "text/html", location="/loop/b")
            elif path == "/loop/b":
                self._send(307, b"", "text/html", location=site.url("/loop/a"))
            elif path == "/to-private":
                self._send(302, b"", "text/html", location="/private/secret.html")
            elif path == "/flaky":  # 500, then the page
                if count == 1:
                    self._send(500, b"oops", "text/plain")
                else:
                    self._send(
                        200, b"<html><body><p>second time lucky</p></body></html>", "text/html"
                    )
            elif path == "/busy":  # 429 with Retry-After, then the page
                if count == 1:
                    self._send(429, b"slow down", "text/plain", retry_after="1")
                else:
                    self._send(200, b"<html><body><p>now served</p></body></html>", "text/html")
            elif path == "/down":
                self._send(503, b"maintenance", "text/plain")
            elif path == "/very-busy":
                self._send(429, b"come back tomorrow", "text/plain", retry_after="86400")
            elif path == "/slow":
                time.sleep(1.5)
                self._send(200, b"<html><body>late</body></html>", "text/html")
            elif path == "/huge":  # no Content-Length: the limit must hold while reading
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>\n")
            elif path == "/huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "50000000")
                self.end_headers()
                self.wfile.write(b"<html>")
            elif path == "/image.png":
                self._send(200, PNG, "image/png")
            elif path == "/paper.pdf":
                self._send(200, b"%PDF-1.7\n" + bytes(100), "application/pdf")
            elif path == "/empty":
                self._send(200, b"", "text/html")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str,
            *,
            location: str | None = None,
            retry_after: str | None = None,
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if location:
                self.send_header("Location", location)
            if retry_after:
                self.send_header("Retry-After", retry_after)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out and hung up is expected here


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    state = Site(base="")
    server = _QuietServer(("127.0.0.1", 0), _handler(state))
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
