"""Hypothesis over the OpenAPI routes (a schemathesis-style generator, in-process): any path,
query or body the schema admits, and many it does not, gets a 2xx/3xx/4xx answer in the one
JSON error shape, never a 500 or a traceback; afterwards the library is whole (issue 16).

``POST /api/documents/urls`` is left out: its job would try to reach the network. Bounded by
``max_examples`` so the suite stays fast.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz_readers import encoded, hostile_text

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app

SKIPPED = {("post", "/api/documents/urls")}


class CharacterEmbedder:
    """Characters hashed into 32 dimensions: enough for the routes to have vectors to search."""

    name, dim, fusion_weight, sentence_vectors = "fuzz-chars-32", 32, 1.0, False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.full((len(texts), self.dim), 1e-3, dtype=np.float32)
        for row, text in enumerate(texts):
            for char in text:
                out[row, ord(char) % self.dim] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, sample_library_dir: Path
) -> Iterator[tuple[TestClient, KnowledgeBase]]:
    home = tmp_path_factory.mktemp("fuzz-library")
    with KnowledgeBase.open(Settings(home=str(home)), embedder=CharacterEmbedder()) as kb:
        kb.add([sample_library_dir])
        with TestClient(create_app(kb, max_upload_bytes=200_000, max_json_bytes=20_000)) as client:
            yield client, kb


@pytest.fixture(scope="module")
def sample_library_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "src" / "zhiku" / "sample_library"


def _routes(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = client.app.openapi()  # type: ignore[attr-defined]
    return [
        (method, path, op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if (method, path) not in SKIPPED
    ]


scalar = st.one_of(
    hostile_text,
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["", "0", "-1", "true", "hybrid", "zh", "%00", "../.."]),
)
json_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False),
        hostile_text,
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def requests(
    draw: st.DrawFn,
    routes: list[tuple[str, str, dict[str, Any]]],
    doc_ids: list[str],
    spec: dict[str, Any],
) -> dict[str, Any]:
    method, path, op = draw(st.sampled_from(routes))
    url, params = path, {}
    for p in op.get("parameters", []):
        if p["in"] == "path":
            value = (
                draw(st.one_of(st.sampled_from(doc_ids), scalar))
                if p["name"] == "doc_id"
                else draw(scalar)
            )
            url = url.replace("{" + p["name"] + "}", quote(value, safe="") or "x")
        elif p["in"] == "query" and draw(st.booleans()):
            params[p["name"]] = draw(scalar)
    request: dict[str, Any] = {"method": method.upper(), "url": url, "params": params}
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        ref = content["application/json"]["schema"].get("$ref", "")
        props = spec["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
        body = {name: draw(json_value) for name in props if draw(st.booleans())}
        body.update(draw(st.dictionaries(hostile_text, json_value, max_size=2)))
        request["content"] = json.dumps(
            body if draw(st.integers(0, 9)) else draw(json_value)
        ).encode()
        request["headers"] = {"content-type": "application/json"}
    elif "multipart/form-data" in content:
        names = st.one_of(
            st.sampled_from(["a.txt", "b.jsonl", "c.html", "d.md", "e.pdf"]), hostile_text
        )
        request["files"] = [
            ("files", (draw(names), draw(encoded()))) for _ in range(draw(st.integers(1, 3)))
        ]
    return request


def test_no_route_answers_500_or_a_traceback(served: tuple[TestClient, KnowledgeBase]) -> None:
    client, kb = served
    spec = client.app.openapi()  # type: ignore[attr-defined]
    doc_ids = [d.id for d in kb.documents()]

    @FUZZ
    @given(request=requests(_routes(client), doc_ids, spec))
    def check(request: dict[str, Any]) -> None:
        response = client.request(**request)
        where = f"{request['method']} {request['url']} {request.get('params')}"
        assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
        assert "Traceback" not in response.text, where
        if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
            "application/json"
        ):
            error = response.json()["error"]
            assert error["status"] == response.status_code and error["message"], where

    check()


def test_the_library_is_whole_after_the_fuzzing(served: tuple[TestClient, KnowledgeBase]) -> None:
    client, kb = served
    for job in client.get("/api/jobs").json()["jobs"]:
        client.app.state.jobs.wait(job["id"], timeout_s=60)  # type: ignore[attr-defined]
    db = sqlite3.connect(kb.settings.home_path / "library.db")  # a reader of its own
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    chunks = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert (
        db.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.doc_id = d.id)"
        ).fetchone()[0]
        == 0
    )
    kb.search("model", k=1)
    assert kb.index.num_chunks() == chunks
