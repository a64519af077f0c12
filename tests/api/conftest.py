from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from zhiku import KnowledgeBase
from zhiku.api import create_app

HOSTILE = Path(__file__).resolve().parents[1] / "web" / "fixtures"


@pytest.fixture
def app(kb: KnowledgeBase) -> FastAPI:
    return create_app(kb, max_upload_bytes=200_000, max_json_bytes=20_000)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def upload(client: TestClient, paths: list[Path]) -> dict[str, Any]:
    """Upload files, wait for the ingestion job, return its final state."""
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    response = client.post("/api/documents", files=files)
    assert response.status_code == 202, response.text
    job = response.json()["job"]
    state = client.app.state.jobs.wait(job["id"])  # type: ignore[attr-defined]
    assert state is not None
    return client.get(f"/api/jobs/{job['id']}").json()


Upload = Callable[[list[Path]], dict[str, Any]]


@pytest.fixture
def ingest(client: TestClient) -> Upload:
    """`ingest(paths)`: upload through the API and return the finished job."""
    return lambda paths: upload(client, paths)


@pytest.fixture
def loaded(client: TestClient, sample_library: Path) -> TestClient:
    """A client over a library holding the bundled sample articles."""
    job = upload(client, sorted(sample_library.iterdir()))
    assert job["status"] == "done", job
    return client


@pytest.fixture
def hostile(client: TestClient) -> TestClient:
    """A client over a library holding pages that carry script, onerror and javascript: payloads."""
    job = upload(client, [HOSTILE / "hostile.md", HOSTILE / "hostile.jsonl"])
    assert [r["status"] for r in job["results"]] == ["added", "added"], job
    return client
