"""`POST /api/ask` with the LLM: mode choice, verified sentences, SSE deltas, errors in band.

A scripted fake LLM (tests/conftest.py) stands in for the model; the real one is in
test_ask_llm_integration.py.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_queries import sse_events

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app
from zhiku.llm.client import NO_LLM

QUESTION = "Who started llama.cpp?"
# the second sentence is not in any passage: the verifier removes it
REPLY = "Georgi Gerganov started llama.cpp [1]. He also sells bread [1]."

Client = Callable[..., TestClient]


@pytest.fixture
def make_client(
    settings: Settings, fake_embedder: Any, sample_library: Path, tmp_path: Path
) -> Iterator[Client]:
    """`make_client(llm=None, **settings)`: a client over the sample library."""
    stack: list[Any] = []

    def make(llm: Any = None, **changes: Any) -> TestClient:
        home = tmp_path / f"library-{len(stack)}"
        kb = KnowledgeBase.open(
            dataclasses.replace(settings, home=str(home), **changes), embedder=fake_embedder
        )
        stack.append(kb)
        kb.add([sample_library])
        client = TestClient(create_app(kb, llm=llm))
        stack.append(client.__enter__())
        return client

    yield make
    for item in reversed(stack):
        if isinstance(item, TestClient):
            item.__exit__(None, None, None)
        else:
            item.close()


def ask(client: TestClient, **body: Any) -> Any:
    response = client.post("/api/ask", json={"question": QUESTION, **body})
    assert response.status_code == 200, response.text
    return response.json()


def stream(client: TestClient, **body: Any) -> list[tuple[str, dict[str, Any]]]:
    with client.stream("POST", "/api/ask?stream=true", json={"question": QUESTION, **body}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        return sse_events(r.read().decode())


def hot_queries(client: TestClient) -> list[str]:
    return [q["query"] for q in client.get("/api/queries/hot").json()["hot_queries"]]


def test_llm_answer_carries_support_status_spans_and_removed_sentences(make_client, scripted_llm):
    llm = scripted_llm(REPLY)
    client = make_client(llm)
    body = ask(client, mode="llm")
    assert llm.prompts, "the model was asked"
    assert not body["abstained"] and "1 unsupported sentence removed" in body["reason"]
    [sentence] = body["sentences"]
    assert sentence["text"] == "Georgi Gerganov started llama.cpp."
    assert sentence["status"] == "supported" and sentence["support"] >= 0.5
    assert body["removed"] == [
        {
            "text": "He also sells bread.",
            "citations": [],
            "support": body["removed"][0]["support"],
            "status": "unsupported",
        }
    ]
    assert body["removed"][0]["support"] < 0.5
    for citation in body["citations"]:
        text = client.get(f"/api/documents/{citation['doc_id']}").json()["text"]
        assert text[citation["start"] : citation["end"]] == citation["text"]
        assert "Gerganov" in citation["text"]


def test_mode_defaults_to_the_answer_mode_setting(make_client, scripted_llm):
    extractive_llm = scripted_llm(REPLY)
    extractive = make_client(extractive_llm)
    body = ask(extractive)
    assert extractive_llm.prompts == [] and body["removed"] == []
    assert {s["status"] for s in body["sentences"]} == {"supported"}

    llm = scripted_llm(REPLY)
    generated = make_client(llm, answer_mode="llm")
    assert ask(generated)["sentences"][0]["text"] == "Georgi Gerganov started llama.cpp."
    assert len(llm.prompts) == 1
    ask(generated, mode="extractive")
    assert len(llm.prompts) == 1, "a request's mode wins over the setting"


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask?stream=true"])
def test_llm_request_without_a_configured_llm_is_a_503(make_client, path):
    client = make_client()
    response = client.post(path, json={"question": QUESTION, "mode": "llm"})
    assert response.status_code == 503 and response.headers["content-type"] == "application/json"
    assert response.json() == {"error": {"type": "ModelError", "message": NO_LLM, "status": 503}}


def test_answer_mode_llm_without_an_llm_fails_asks_but_not_the_ask_page(make_client):
    client = make_client(answer_mode="llm")
    assert client.post("/api/ask", json={"question": QUESTION}).status_code == 503
    assert client.get("/").status_code == 200
    page = client.get("/", params={"q": QUESTION}, headers={"Accept": "text/html"})
    assert page.status_code == 503 and "no LLM configured" in page.text


def test_the_configured_endpoint_is_used_and_its_failure_is_a_503(make_client):
    # nothing listens on port 9 (discard) of loopback: the settings' endpoint is what was called
    client = make_client(llm_base_url="http://127.0.0.1:9/v1", llm_model="m", llm_timeout_s=2.0)
    response = client.post("/api/ask", json={"question": QUESTION, "mode": "llm"})
    error = response.json()["error"]
    assert response.status_code == 503 and error["type"] == "ModelError"
    assert "LLM m at http://127.0.0.1:9/v1/chat/completions: cannot connect" in error["message"]


def test_stream_sends_sources_deltas_then_the_verified_answer(make_client, scripted_llm):
    client = make_client(scripted_llm(REPLY))
    events = stream(client, mode="llm")
    names = [name for name, _ in events]
    deltas = names.count("delta")
    assert names == ["sources", *["delta"] * deltas, "sources", "sentence", "done"]
    assert deltas > 1 and "".join(d["text"] for n, d in events if n == "delta") == REPLY
    passages = events[0][1]["citations"]
    assert [p["number"] for p in passages] == list(range(1, len(passages) + 1))
    for p in passages:
        text = client.get(f"/api/documents/{p['doc_id']}").json()["text"]
        assert text[p["start"] : p["end"]] == p["text"]
    done = events[-1][1]
    assert done == ask(client, mode="llm")
    assert events[-3][1]["citations"] == done["citations"]
    assert events[-2][1] == done["sentences"][0]
    assert QUESTION in hot_queries(client)


def test_evidence_gate_abstention_streams_without_deltas(make_client, scripted_llm):
    llm = scripted_llm("Sourdough needs a starter [1].")
    client = make_client(llm)
    with client.stream(
        "POST",
        "/api/ask?stream=true",
        json={"question": "How do I bake sourdough bread?", "mode": "llm"},
    ) as response:
        events = sse_events(response.read().decode())
    assert [name for name, _ in events] == ["sources", "sources", "done"]
    assert events[-1][1]["abstained"] is True and llm.prompts == []


def test_model_dying_mid_stream_is_an_error_event_and_nothing_is_stored(make_client, scripted_llm):
    client = make_client(scripted_llm(REPLY, fail_after=2))
    documents = client.get("/api/documents").json()
    events = stream(client, mode="llm")
    assert [name for name, _ in events] == ["sources", "delta", "delta", "error"]
    assert events[-1][1] == {
        "error": {
            "type": "ModelError",
            "message": "LLM scripted at http://127.0.0.1:1/v1/chat/completions: connection lost",
            "status": 503,
        }
    }
    assert client.get("/api/documents").json() == documents
    assert QUESTION not in hot_queries(client), "an incomplete answer is not logged"
    assert client.post("/api/ask", json={"question": QUESTION}).json()["citations"]


def test_a_slow_model_does_not_block_other_requests(make_client, scripted_llm):
    release = threading.Event()
    client = make_client(scripted_llm(REPLY, before_first=lambda: release.wait(10)))
    result: dict[str, Any] = {}
    asking = threading.Thread(target=lambda: result.update(events=stream(client, mode="llm")))
    asking.start()
    try:
        time.sleep(0.3)  # the stream is waiting for the model's first piece
        started = time.monotonic()
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/search", params={"q": "llama.cpp"}).json()["hits"]
        assert time.monotonic() - started < 5 and asking.is_alive()
    finally:
        release.set()
        asking.join(10)
    assert result["events"][-1][0] == "done"


def test_ask_page_renders_verified_and_removed_sentences_escaped(make_client, scripted_llm):
    hostile = (
        "Georgi Gerganov started llama.cpp [1]. <script>alert(1)</script> Bread is <b>sold</b> [1]."
    )
    client = make_client(scripted_llm(hostile), answer_mode="llm")
    html = client.get("/", params={"q": QUESTION, "lang": "en"}).text
    assert 'data-status="supported"' in html and "Georgi Gerganov started llama.cpp." in html
    assert "Removed: not supported by the sources" in html and "<del" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>sold</b>" not in html
    assert 'class="cite"' in html and "#cited" in html
