"""Documents and jobs: upload several files, poll the job, list with filters and paging, get, delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zhiku.payloads import document_payload


def test_upload_runs_a_job_with_progress_and_results(
    client: TestClient, ingest, sample_library: Path
) -> None:
    paths = sorted(sample_library.iterdir())
    job = ingest(paths)
    assert job["status"] == "done"
    assert job["kind"] == "upload"
    assert (
        job["progress"]["done"] == job["progress"]["total"] == 7
    )  # the JSONL file holds 2 articles
    assert job["counts"] == {"added": 7}
    assert all(r["origin"].startswith(("upload:", "http")) for r in job["results"])
    assert set(job["results"][0]) == {"origin", "status", "doc_id", "title", "reason", "chunks"}
    assert client.get("/api/jobs").json()["jobs"][0]["id"] == job["id"]


def test_reupload_is_unchanged_and_bad_files_fail_without_stopping_others(
    client: TestClient, ingest, sample_library: Path, tmp_path: Path
) -> None:
    rag = sample_library / "rag-explained.html"
    ingest([rag])
    bad = tmp_path / "slides.pptx"
    bad.write_bytes(b"%PDF-1.4")
    empty = tmp_path / "empty.txt"
    empty.write_text("  ")
    job = ingest([rag, bad, empty])
    assert [r["status"] for r in job["results"]] == ["unchanged", "failed", "failed"]
    assert "unsupported file type" in job["results"][1]["reason"]
    assert job["results"][2]["origin"] == "upload:empty.txt"


def test_upload_path_cannot_escape(client: TestClient, ingest, tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        "# Escape test\n\nHybrid search combines BM25 and dense vectors.", encoding="utf-8"
    )
    files = [("files", ("../../../../etc/evil.md", note.read_bytes()))]
    job_id = client.post("/api/documents", files=files).json()["job"]["id"]
    client.app.state.jobs.wait(job_id)  # type: ignore[attr-defined]
    result = client.get(f"/api/jobs/{job_id}").json()["results"][0]
    assert result["origin"] == "upload:evil.md"
    assert client.get(f"/api/documents/{result['doc_id']}").json()["path"] == "uploads/evil.md"


def test_list_pages_and_counts(loaded: TestClient) -> None:
    first = loaded.get("/api/documents?limit=3").json()
    second = loaded.get("/api/documents?limit=3&offset=3").json()
    assert first["total"] == second["total"] == 7
    assert len(first["documents"]) == 3 and len(second["documents"]) == 3
    assert not {d["id"] for d in first["documents"]} & {d["id"] for d in second["documents"]}
    assert "text" not in first["documents"][0]


def test_list_filters_by_language_script_source_and_date(loaded: TestClient) -> None:
    docs = loaded.get("/api/documents?limit=100").json()["documents"]
    english = loaded.get("/api/documents?language=en").json()
    assert english["total"] == sum(d["language"] == "en" for d in docs) > 0
    assert english["filters"] == {"language": "en"}
    hant = loaded.get("/api/documents?script=zh-Hant").json()
    assert {d["script"] for d in hant["documents"]} == {"zh-Hant"}
    source = docs[0]["source"]
    assert all(
        d["source"] == source
        for d in loaded.get("/api/documents", params={"source": source}).json()["documents"]
    )
    dated = [d for d in docs if d["published"]]
    assert dated, "the sample library has dated articles"
    day = min(d["published"][:10] for d in dated)
    since = loaded.get("/api/documents", params={"published_from": day}).json()
    # an undated document is dated by when it was added (today), as in search
    assert since["total"] == len(docs) > len(dated)
    until = loaded.get(
        "/api/documents", params={"published_to": max(d["published"][:10] for d in dated)}
    )
    assert until.json()["total"] == len(dated)
    before = loaded.get("/api/documents", params={"published_to": "1999-12-31"}).json()
    assert before["total"] == 0
    paged = loaded.get("/api/documents?language=en&limit=1&offset=1").json()
    assert paged["total"] == english["total"] and len(paged["documents"]) == 1
    assert paged["documents"][0]["id"] == english["documents"][1]["id"]


def test_get_returns_the_cli_json_shape_with_text(loaded: TestClient) -> None:
    kb = loaded.app.state.access.kb  # type: ignore[attr-defined]
    doc = kb.documents(limit=1)[0]
    assert loaded.get(f"/api/documents/{doc.id}").json() == document_payload(doc, with_text=True)


def test_delete_removes_from_list_and_search(loaded: TestClient) -> None:
    hits = loaded.get("/api/search", params={"q": "LoRA 显存"}).json()["hits"]
    doc_id = hits[0]["doc_id"]
    assert loaded.delete(f"/api/documents/{doc_id}").json() == {"deleted": doc_id}
    assert loaded.get(f"/api/documents/{doc_id}").status_code == 404
    assert doc_id not in {
        h["doc_id"] for h in loaded.get("/api/search", params={"q": "LoRA 显存"}).json()["hits"]
    }
    assert loaded.get("/api/documents").json()["total"] == 6


def test_url_ingestion_fetches_outside_the_write_lock(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow site delays its own job, never a search: the fetch holds no lock."""
    import threading

    from zhiku.api import uploads
    from zhiku.sources.files import RawInput

    access = client.app.state.access  # type: ignore[attr-defined]
    seen: list[str] = []
    searched_meanwhile: list[bool] = []

    def fetch_urls(urls: list[str], *, feeds=(), sitemaps=()) -> list[RawInput]:  # type: ignore[no-untyped-def]
        seen.extend([*urls, *feeds, *sitemaps])
        reader = threading.Thread(target=lambda: client.get("/api/search", params={"q": "x"}))
        reader.start()
        reader.join(timeout=10)
        searched_meanwhile.append(not reader.is_alive())
        page = "<html><body><article><p>A fetched page about retrieval and ranking.</p></article></body></html>"
        return (
            [RawInput(urls[0], "html", page, page.encode(), "utf-8", url=urls[0])] if urls else []
        )

    monkeypatch.setattr(uploads, "fetch_urls", fetch_urls)
    response = client.post("/api/documents/urls", json={"urls": ["https://example.com/a"]})
    assert response.status_code == 202
    assert response.headers["location"].startswith("/api/jobs/")
    job_id = response.json()["job"]["id"]
    client.app.state.jobs.wait(job_id)  # type: ignore[attr-defined]
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["status"] == "done" and job["results"][0]["status"] == "added", job
    assert seen == ["https://example.com/a"] and searched_meanwhile == [True]
    assert not access._writing
    feeds = client.post("/api/documents/urls", json={"feeds": ["https://example.com/feed.xml"]})
    client.app.state.jobs.wait(feeds.json()["job"]["id"])  # type: ignore[attr-defined]
    assert seen[-1] == "https://example.com/feed.xml"
    bad = client.post("/api/documents/urls", json={"urls": ["file:///etc/passwd"]})
    assert bad.status_code == 422 and bad.json()["error"]["type"] == "InputError"


def test_a_failing_job_reports_the_error_shape(
    client: TestClient, ingest, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from zhiku.errors import LockedError

    kb = client.app.state.access.kb  # type: ignore[attr-defined]

    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise LockedError("library is being written by pid 42")

    monkeypatch.setattr(kb, "add_inputs", locked)
    note = tmp_path / "a.md"
    note.write_text("# A\n\ntext", encoding="utf-8")
    job = ingest([note])
    assert job["status"] == "failed"
    assert job["error"] == {
        "type": "LockedError",
        "message": "library is being written by pid 42",
        "status": 409,
    }
