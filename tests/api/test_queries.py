"""Search and ask return the CLI's --json fields; ask streams sources, sentences, done."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app
from zhiku.payloads import answer_payload, hit_payload


def sse_events(body: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        lines = block.strip().split("\n")
        name = next((line[6:].strip() for line in lines if line.startswith("event:")), "message")
        data = "\n".join(line[5:].strip() for line in lines if line.startswith("data:"))
        if data:
            events.append((name, json.loads(data)))
    return events


def test_search_matches_the_library_call(loaded: TestClient) -> None:
    kb = loaded.app.state.access.kb  # type: ignore[attr-defined]
    query = "向量数据库 HNSW"
    body = loaded.get("/api/search", params={"q": query, "k": 3}).json()
    expected = [hit_payload(i, h, query) for i, h in enumerate(kb.search(query, k=3), 1)]
    assert body == {"query": query, "mode": "hybrid", "filters": {}, "hits": expected}
    assert any(h["highlights"] for h in body["hits"]), "matched terms are located for highlighting"


def test_search_modes(loaded: TestClient) -> None:
    for mode in ("lexical", "dense"):
        body = loaded.get("/api/search", params={"q": "LoRA", "mode": mode}).json()
        assert body["mode"] == mode and body["hits"]
        assert set(body["hits"][0]["scores"]) == {mode}


def test_search_filters_keep_only_matching_documents(loaded: TestClient) -> None:
    body = loaded.get("/api/search", params={"q": "model", "k": 10, "language": "zh"}).json()
    assert body["filters"] == {"language": "zh"}
    for hit in body["hits"]:
        assert loaded.get(f"/api/documents/{hit['doc_id']}").json()["language"] == "zh"
    assert (
        loaded.get("/api/search", params={"q": "model", "published_to": "1990"}).json()["hits"]
        == []
    )


def test_ask_matches_the_library_call(loaded: TestClient) -> None:
    kb = loaded.app.state.access.kb  # type: ignore[attr-defined]
    question = "什么是检索增强生成？"
    body = loaded.post("/api/ask", json={"question": question}).json()
    assert body == answer_payload(kb.ask(question))
    assert not body["abstained"] and body["citations"]


def test_ask_stream_sends_sources_then_sentences_then_done(loaded: TestClient) -> None:
    question = "什么是检索增强生成？"
    with loaded.stream("POST", "/api/ask?stream=true", json={"question": question}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse_events(response.read().decode())
    names = [name for name, _ in events]
    assert names[0] == "sources" and names[-1] == "done"
    assert set(names[1:-1]) == {"sentence"}
    done = events[-1][1]
    assert done == loaded.post("/api/ask", json={"question": question}).json()
    assert events[0][1]["citations"] == done["citations"]
    assert [data for name, data in events if name == "sentence"] == done["sentences"]


def test_ask_abstains_on_an_unrelated_question(loaded: TestClient) -> None:
    body = loaded.post("/api/ask", json={"question": "红烧肉的家常做法需要几勺酱油"}).json()
    assert body["abstained"] is True and body["sentences"] == []


def test_ask_stream_reports_errors_in_band(loaded: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from zhiku.errors import ModelError

    kb = loaded.app.state.access.kb  # type: ignore[attr-defined]

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ModelError("embedder usem3 failed")

    monkeypatch.setattr(kb, "ask", broken)
    with loaded.stream("POST", "/api/ask?stream=true", json={"question": "x"}) as response:
        events = sse_events(response.read().decode())
    assert events == [
        (
            "error",
            {"error": {"type": "ModelError", "message": "embedder usem3 failed", "status": 503}},
        )
    ]


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/documents/urls",
        "/api/search",
        "/api/ask",
        "/api/jobs",
        "/api/jobs/{job_id}",
        "/api/health",
    ):
        assert path in spec["paths"], path
    assert "/library" not in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_openapi_documents_the_search_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "k", "mode", "source", "language", "tag"} <= set(params)
    assert params["q"]["required"] and not params["k"]["required"]
    assert params["k"]["schema"].get("default") is None and "top_k" in params["k"]["description"]
    assert {"type": "integer", "minimum": 1, "maximum": 100} in params["k"]["schema"]["anyOf"]
    assert params["mode"]["schema"]["enum"] == ["hybrid", "lexical", "dense"]
    assert all(p["in"] == "query" for p in params.values())


def test_search_validation_errors_name_the_query_parameter(client: TestClient) -> None:
    error = client.get("/api/search", params={"q": "x", "k": "many"}).json()["error"]
    assert error["status"] == 422 and error["message"].startswith("query.k:")


def test_search_and_ask_read_top_k_from_the_library_settings(
    isolated_home: Path, fake_embedder: Any, sample_library: Path
) -> None:
    settings = Settings(home=str(isolated_home), top_k=2)
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([sample_library])
        with TestClient(create_app(kb)) as client:
            hits = client.get("/api/search", params={"q": "模型 model"}).json()["hits"]
            assert len(hits) == 2
            assert (
                len(client.get("/api/search", params={"q": "模型 model", "k": 4}).json()["hits"])
                == 4
            )
            page = client.get(
                "/search", params={"q": "模型 model"}, headers={"Accept": "text/html"}
            )
            assert page.status_code == 200
