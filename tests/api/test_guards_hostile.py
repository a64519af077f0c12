"""The edge against hostile browsers and guessers: other origins on this machine, framing and
sniffing, loopback aliases, key guessing, and queries planted by other sites."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from zhiku import KnowledgeBase
from zhiku.api import create_app
from zhiku.api.pages import WEB
from zhiku.cli.serve import LOOPBACK_NAMES

SERVER = "http://127.0.0.1:8765"


def test_writes_from_another_port_of_this_machine_are_refused(kb: KnowledgeBase) -> None:
    with TestClient(create_app(kb), base_url=SERVER) as client:
        upload = client.post("/api/documents", files=[("files", ("n.md", b"# n\n\nbody text"))])
        job = client.app.state.jobs.wait(upload.json()["job"]["id"])  # type: ignore[attr-defined]
        doc_id = job.results[0].doc_id
        for headers in (
            {"Origin": "http://127.0.0.1:9999", "Sec-Fetch-Site": "same-site"},
            {"Origin": "http://127.0.0.1:9999"},  # a browser without Sec-Fetch-*
            {"Origin": "https://127.0.0.1:8765"},  # another scheme
            {"Referer": "http://localhost:8765/"},  # another host name
        ):
            refused = client.delete(f"/api/documents/{doc_id}", headers=headers)
            assert refused.status_code == 403, headers
            assert "another origin (scheme, host or port)" in refused.json()["error"]["message"]
            posted = client.post(
                "/api/documents", files=[("files", ("x.md", b"# x\n\ny"))], headers=headers
            )
            assert posted.status_code == 403, headers
        own = {"Origin": SERVER, "Sec-Fetch-Site": "same-origin"}
        assert client.delete(f"/api/documents/{doc_id}", headers=own).status_code == 200


def test_every_response_forbids_framing_sniffing_and_inline_script(client: TestClient) -> None:
    for path in ("/", "/api/health", "/static/app.js", "/api/nowhere", "/search?q=x"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp, path
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp, path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
    docs = client.get("/docs")  # Swagger UI needs its CDN and an inline bootstrap script
    assert (
        docs.status_code == 200
        and "frame-ancestors 'none'" in docs.headers["content-security-policy"]
    )


def test_the_web_ui_needs_nothing_the_policy_forbids() -> None:
    """Under script-src/style-src 'self': no inline code, handlers or style attributes."""
    for template in sorted((WEB / "templates").glob("*.html")):
        html = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (template.name, tag)
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", html), template.name
    for script in sorted((WEB / "static").glob("*.js")):
        code = script.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function\(|setAttribute\(\s*[\"']style", code), (
            script.name
        )
        assert "innerHTML" not in code.replace("never innerHTML", ""), script.name


def test_any_loopback_address_is_served(kb: KnowledgeBase) -> None:
    app = create_app(kb, allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.2:8765") as client:
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/documents").status_code == 200
        assert client.get("/").status_code == 200
        rebound = client.get("/api/documents", headers={"Host": "evil.example:8765"})
        assert rebound.status_code == 403


def test_wrong_keys_are_rate_limited(kb: KnowledgeBase) -> None:
    with TestClient(create_app(kb, api_key="right-key")) as client:
        statuses = [
            client.get("/api/documents", headers={"X-API-Key": f"guess-{n}"}).status_code
            for n in range(12)
        ]
        assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]
        limited = client.get("/api/documents", headers={"X-API-Key": "right-key"})
        assert limited.status_code == 429  # a right key answered differently would be an oracle
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.json()["error"]["type"] == "TooManyRequests"
        assert client.get("/api/health").status_code == 200  # the open routes stay open


def test_login_guesses_are_rate_limited(kb: KnowledgeBase) -> None:
    with TestClient(create_app(kb, api_key="right-key")) as client:
        statuses = [
            client.post(
                "/login", data={"key": f"guess-{n}", "next": "/"}, follow_redirects=False
            ).status_code
            for n in range(11)
        ]
        assert statuses == [401] * 10 + [429]
        right = client.post(
            "/login", data={"key": "right-key", "next": "/"}, follow_redirects=False
        )
        assert right.status_code == 429


def test_cross_site_reads_do_not_plant_hot_queries(kb: KnowledgeBase, sample_library: Path) -> None:
    kb.add([sample_library])
    with TestClient(create_app(kb), base_url=SERVER) as client:
        planted = {"Sec-Fetch-Site": "cross-site", "Referer": "https://evil.example/"}
        for _ in range(5):
            assert (
                client.get("/api/search", params={"q": "casino bonus"}, headers=planted).status_code
                == 200
            )
            assert (
                client.get("/search", params={"q": "casino bonus"}, headers=planted).status_code
                == 200
            )
        mine = {"Sec-Fetch-Site": "same-origin"}
        assert client.get("/api/search", params={"q": "LoRA 微调"}, headers=mine).status_code == 200
        assert client.get("/api/search", params={"q": "RAG"}).status_code == 200  # a script
    logged = [q.query for q in kb.knowledge.hot_queries()]
    assert "casino bonus" not in logged
    assert {"LoRA 微调", "RAG"} <= set(logged)
