"""The API key (every route but health) and request size limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from zhiku import KnowledgeBase
from zhiku.api import create_app

KEY = "s3cret-key"


@pytest.fixture
def locked(kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(kb, api_key=KEY)) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/documents"),
        ("GET", "/api/search?q=x"),
        ("POST", "/api/ask"),
        ("GET", "/api/jobs"),
        ("DELETE", "/api/documents/x"),
        ("POST", "/api/documents"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
        ("GET", "/api/nope"),
    ],
)
def test_every_route_needs_the_key(locked: TestClient, method: str, url: str) -> None:
    missing = locked.request(method, url)
    assert missing.status_code == 401
    assert missing.json()["error"]["type"] == "Unauthorized"
    assert "X-API-Key" in missing.json()["error"]["message"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = locked.request(method, url, headers={"X-API-Key": "nope"})
    assert wrong.json() == {
        "error": {"type": "Unauthorized", "message": "wrong API key", "status": 401}
    }


def test_health_is_open(locked: TestClient) -> None:
    assert locked.get("/api/health").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{"Authorization": f"Bearer {KEY}"}, {"X-API-Key": KEY}, {"Cookie": f"zhiku_key={KEY}"}],
)
def test_the_key_is_accepted_three_ways(locked: TestClient, headers: dict[str, str]) -> None:
    assert locked.get("/api/documents", headers=headers).status_code == 200


def test_pages_send_browsers_to_login_and_login_sets_a_cookie(locked: TestClient) -> None:
    page = locked.get("/library?page=2", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Flibrary%3Fpage%3D2"
    assert locked.get("/login").status_code == 200
    wrong = locked.post("/login", data={"key": "nope", "next": "/library"}, follow_redirects=False)
    assert wrong.status_code == 401
    right = locked.post("/login", data={"key": KEY, "next": "/library"}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/library"
    cookie = right.headers["set-cookie"]
    assert "zhiku_key=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert (
        locked.get("/library", headers={"Accept": "text/html"}).status_code == 200
    )  # the client kept the cookie


def test_login_never_redirects_off_site(locked: TestClient) -> None:
    response = locked.post(
        "/login", data={"key": KEY, "next": "//evil.example/"}, follow_redirects=False
    )
    assert response.headers["location"] == "/"


def test_no_key_means_open(client: TestClient) -> None:
    assert client.get("/api/documents").status_code == 200


def test_declared_length_over_the_limit_is_refused_before_reading(client: TestClient) -> None:
    response = client.post(
        "/api/ask",
        content=b"{}",
        headers={"content-length": "999999999", "content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "PayloadTooLarge"


def test_uploads_have_their_own_larger_limit(client: TestClient) -> None:
    # 100 kB is over the JSON limit (20 kB here) but under the upload limit (200 kB)
    text = ("Hybrid retrieval fuses BM25 and dense scores. " * 2200).encode()
    response = client.post("/api/documents", files=[("files", ("long.txt", text))])
    assert response.status_code == 202


def test_cross_site_browser_writes_are_refused(loaded: TestClient) -> None:
    doc_id = loaded.get("/api/documents?limit=1").json()["documents"][0]["id"]
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ):
        response = loaded.delete(f"/api/documents/{doc_id}", headers=headers)
        assert response.status_code == 403, headers
        assert response.json()["error"]["type"] == "Forbidden"
        note = loaded.post(
            "/api/documents", files=[("files", ("x.md", b"# x\n\ny"))], headers=headers
        )
        assert note.status_code == 403
    # the server's own pages (same origin) and scripts (no Origin) may write
    assert (
        loaded.delete(
            f"/api/documents/{doc_id}", headers={"Origin": "http://testserver"}
        ).status_code
        == 200
    )
    assert (
        loaded.get("/api/documents", headers={"Origin": "https://evil.example"}).status_code == 200
    )


def test_only_allowed_host_names_are_served(kb: KnowledgeBase) -> None:
    app = create_app(kb, allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/health", headers={"Host": "localhost:8765"}).status_code == 200
        assert client.get("/api/health", headers={"Host": "[::1]:8765"}).status_code == 200
        rebound = client.get("/api/documents", headers={"Host": "evil.example:8765"})
        assert rebound.status_code == 403
        assert rebound.json()["error"] == {
            "type": "Forbidden",
            "message": "host 'evil.example' is not served here",
            "status": 403,
        }
