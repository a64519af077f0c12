"""A request uvicorn cannot parse (raw UTF-8 in the URL) still gets the JSON error shape."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from zhiku import KnowledgeBase
from zhiku.api import create_app
from zhiku.api.http_protocol import JsonErrorProtocol


@pytest.fixture
def port(kb: KnowledgeBase) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = int(probe.getsockname()[1])
    config = uvicorn.Config(
        create_app(kb),
        host="127.0.0.1",
        port=free,
        http=JsonErrorProtocol,
        log_level="error",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield free
    server.should_exit = True
    thread.join(timeout=10)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_raw_utf8_in_the_url_gets_the_json_error_shape(port: int) -> None:
    reply = _raw(port, "GET /api/search?q=检索 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/json" in head.lower()
    error = json.loads(body)["error"]
    assert error["status"] == 400 and error["type"] == "BadRequest"
    assert "percent-encoded" in error["message"]


def test_an_encoded_url_is_served(port: int) -> None:
    reply = _raw(
        port,
        b"GET /api/search?q=%E6%A3%80%E7%B4%A2 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )
    assert reply.startswith(b"HTTP/1.1 200")
