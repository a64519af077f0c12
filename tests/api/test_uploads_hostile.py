"""Uploads a hostile test sends: over-long names, pathological HTML; and jobs that outlive the server."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient

from zhiku import KnowledgeBase
from zhiku.api import create_app, uploads
from zhiku.clean.bounds import MAX_TAGS


def _finished(client: TestClient, response_json: dict) -> dict:  # type: ignore[type-arg]
    job_id = response_json["job"]["id"]
    client.app.state.jobs.wait(job_id)  # type: ignore[attr-defined]
    return client.get(f"/api/jobs/{job_id}").json()  # type: ignore[no-any-return]


def test_a_filename_over_255_bytes_keeps_every_file(client: TestClient) -> None:
    long_a = "检索增强生成" * 17 + "甲.md"  # 100+ Chinese characters: over 300 bytes of UTF-8
    long_b = "检索增强生成" * 17 + "乙.md"
    files = [
        ("files", (long_a, "# 甲\n\n第一份笔记：向量检索。".encode())),
        ("files", ("short.md", b"# short\n\nA short note on ranking.")),
        ("files", (long_b, "# 乙\n\n第二份笔记：关键词检索。".encode())),
    ]
    response = client.post("/api/documents", files=files)
    assert response.status_code == 202, response.text
    job = _finished(client, response.json())
    assert [r["status"] for r in job["results"]] == ["added", "added", "added"], job
    origins = [r["origin"] for r in job["results"]]
    assert len(set(origins)) == 3  # the two long names stay two documents
    assert all(len(o.encode()) <= 7 + uploads.MAX_NAME_BYTES for o in origins)
    assert client.get("/api/health").status_code == 200  # the connection still works


ARTICLE = (
    "<html><head><title>Ranking notes</title></head><body><article><h1>Ranking notes</h1>"
    + "".join(
        f"<p>Paragraph {n}: hybrid search fuses a lexical ranking with a dense one, and the "
        "fused list is verified before it is quoted as an answer.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def test_pathological_html_fails_alone_with_a_reason(kb: KnowledgeBase) -> None:
    huge = "<html><body>" + "<p><b>x</b></p>" * (MAX_TAGS // 2 + 10) + "</body></html>"
    deep = "<html><body>" + "<div>" * 400 + "deep" + "</div>" * 400 + "</body></html>"
    good = ARTICLE
    files = [
        ("files", ("huge.html", huge.encode())),
        ("files", ("deep.html", deep.encode())),
        ("files", ("good.html", good.encode())),
    ]
    start = time.monotonic()
    with TestClient(create_app(kb)) as client:
        job = _finished(client, client.post("/api/documents", files=files).json())
    assert time.monotonic() - start < 30
    huge_r, deep_r, good_r = job["results"]
    assert huge_r["status"] == "failed" and f"more than {MAX_TAGS:,} tags" in huge_r["reason"]
    assert deep_r["status"] == "failed" and "levels deep" in deep_r["reason"]
    assert good_r["status"] == "added", good_r


def test_html_is_cleaned_outside_the_write_lock(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    access = client.app.state.access  # type: ignore[attr-defined]
    writing: list[bool] = []
    original = uploads.clean_ahead

    def watched(raw):  # type: ignore[no-untyped-def]
        writing.append(access._writing)
        return original(raw)

    monkeypatch.setattr(uploads, "clean_ahead", watched)
    page = ARTICLE.encode()
    job = _finished(
        client, client.post("/api/documents", files=[("files", ("p.html", page))]).json()
    )
    assert job["results"][0]["status"] == "added"
    assert writing == [False]


def test_jobs_outlive_a_restart_and_unfinished_ones_say_so(kb: KnowledgeBase) -> None:
    with TestClient(create_app(kb)) as client:
        files = [
            ("files", ("kept.md", b"# kept\n\nA note that must stay listed.")),
            ("files", ("bad.pptx", b"PK\x03\x04")),
        ]
        job = _finished(client, client.post("/api/documents", files=files).json())
    folder = kb.settings.home_path / "jobs"
    stale = dict(json.loads((folder / f"{job['id']}.json").read_text("utf-8")))
    stale.update(
        id="0000-deadbeef", status="running", results=[], created_at="2000-01-01T00:00:00+00:00"
    )
    (folder / "0000-deadbeef.json").write_text(json.dumps(stale), "utf-8")

    with TestClient(create_app(kb)) as client:  # a new server over the same library
        again = client.get(f"/api/jobs/{job['id']}").json()
        assert again["status"] == "done"
        assert [r["status"] for r in again["results"]] == ["added", "failed"]
        assert "unsupported file type" in again["results"][1]["reason"]
        interrupted = client.get("/api/jobs/0000-deadbeef").json()
        assert interrupted["status"] == "failed" and interrupted["error"]["type"] == "Interrupted"
        listed = [j["id"] for j in client.get("/api/jobs").json()["jobs"]]
        assert {job["id"], "0000-deadbeef"} <= set(listed)
