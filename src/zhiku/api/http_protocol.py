"""uvicorn's HTTP protocol, answering requests it cannot parse in zhiku's JSON error shape.

A request line uvicorn's parser rejects never reaches the app, so no handler of ours runs:
uvicorn answers ``400 Invalid HTTP request received.`` in plain text. The commonest cause is a
URL with raw (not percent-encoded) UTF-8, such as ``/api/search?q=检索`` typed into a script.
`JsonErrorProtocol` is uvicorn's own protocol (httptools, or h11 without it) with only that
answer replaced by ``{"error": {"type", "message", "status"}}``; ``zhiku serve`` runs with it.
"""

from __future__ import annotations

import json

from zhiku.api.errors import error_body

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Protocol
except ImportError:  # pragma: no cover - without httptools uvicorn parses with h11
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Protocol  # type: ignore[assignment]

BAD_REQUEST = json.dumps(
    error_body(
        "BadRequest",
        "malformed HTTP request: the request line or a header could not be parsed; characters "
        "outside ASCII in a URL must be percent-encoded as UTF-8 (检索 -> %E6%A3%80%E7%B4%A2)",
        400,
    ),
    ensure_ascii=True,
).encode("ascii")


class JsonErrorProtocol(_Protocol):
    """uvicorn's HTTP protocol whose parse-error answer is zhiku's JSON error (400)."""

    def send_400_response(self, msg: str) -> None:
        head = (
            b"HTTP/1.1 400 Bad Request\r\n"
            b"content-type: application/json\r\n"
            b"content-length: " + str(len(BAD_REQUEST)).encode("ascii") + b"\r\n"
            b"x-content-type-options: nosniff\r\n"
            b"connection: close\r\n\r\n"
        )
        self.transport.write(head + BAD_REQUEST)
        self.transport.close()
