"""Hostile servers and DNS: trickled headers, rebinding. A real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import httpx
import pytest

from zhiku.errors import InputError
from zhiku.sources.web import Fetcher, FetchPolicy
from zhiku.sources.web.pinning import PinnedBackend, PinnedTransport

PAGE = b"<html><body><p>pinned page body</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/trickle":  # a header line every 0.3 s, for up to 30 s
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            try:
                for n in range(100):
                    self.wfile.write(f"X-Slow-{n}: x\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                return
            self.wfile.write(b"Content-Length: 0\r\n\r\n")
        elif self.path == "/hop":
            port = self.server.server_address[1]
            self.send_response(302)
            self.send_header("Location", f"http://second.test:{port}/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_trickled_headers_end_at_the_total_deadline(port: int) -> None:
    policy = FetchPolicy(allow_private=True, timeout_s=5.0, total_timeout_s=1.0, retries=0)
    start = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(InputError, match=r"longer than 1 s"):
        fetcher.fetch(f"http://127.0.0.1:{port}/trickle")
    assert time.monotonic() - start < 3.0


def test_every_hop_connects_to_the_address_that_was_checked(port: int) -> None:
    """Neither name exists in DNS: the fetch works only if zhiku connects to the checked address."""
    lookups: list[str] = []

    def resolve(host: str, _port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    policy = FetchPolicy(allow_private=True, timeout_s=3.0, retries=0)
    with Fetcher(policy, resolve=resolve) as fetcher:
        page = fetcher.fetch(f"http://first.test:{port}/hop")
    assert "pinned page body" in page.text
    assert page.url == f"http://second.test:{port}/page"
    assert {"first.test", "second.test"} <= set(lookups)


class _Recorder(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self.connected: list[str] = []

    def connect_tcp(
        self, host: str, port: int, *args: object, **kwargs: object
    ) -> httpcore.NetworkStream:
        self.connected.append(host)
        raise httpcore.ConnectError("recorded, not connected")


def test_a_rebinding_answer_is_never_used_for_the_connection() -> None:
    """DNS answers a public address to the check, then 127.0.0.1: the connection goes to the first."""
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    recorder = _Recorder()
    backend = PinnedBackend(recorder)
    with Fetcher(
        FetchPolicy(retries=0, respect_robots=False), resolve=lambda h, p: next(answers)
    ) as fetcher:
        fetcher._backend = backend  # the fetcher's own pinning, recorded instead of connected
        fetcher._client = httpx.Client(transport=PinnedTransport(backend))
        with pytest.raises(InputError, match="unreachable"):
            fetcher.fetch("http://rebind.example/")
    assert recorder.connected == ["93.184.216.34"]


def test_an_unchecked_host_is_never_connected() -> None:
    recorder = _Recorder()
    backend = PinnedBackend(recorder)
    with pytest.raises(httpcore.ConnectError, match="not checked"):
        backend.connect_tcp("unchecked.example", 80)
    assert recorder.connected == []
