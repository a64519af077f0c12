"""A generated answer streamed through the API from the real local model (packaged 0.5B GGUF,
the session's one server from tests/conftest.py), configured the way a user configures it:
``answer_mode=llm`` and the server's ``llm_base_url`` / ``llm_model``. Marked `integration`;
skipped with the reason when the model or its runtime is not installed.

One question, one passage, few tokens: the model is slow on two busy cores.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_queries import sse_events

from zhiku import KnowledgeBase, Settings
from zhiku.api import create_app
from zhiku.llm import LocalLLMServer

pytestmark = pytest.mark.integration


@pytest.fixture
def client(
    settings: Settings,
    fake_embedder: object,
    sample_library: Path,
    local_llm_server: LocalLLMServer,
) -> Iterator[TestClient]:
    configured = dataclasses.replace(
        settings,
        answer_mode="llm",
        llm_base_url=local_llm_server.base_url,
        llm_model=local_llm_server.alias,
        llm_max_tokens=40,
        llm_timeout_s=600.0,
    )
    with KnowledgeBase.open(configured, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        with TestClient(create_app(kb)) as test_client:
            yield test_client


def test_streamed_answer_from_the_local_model_is_verified_and_cited(client: TestClient) -> None:
    question = "微軟開源的多代理協作框架叫什麼？"
    with client.stream(
        "POST", "/api/ask?stream=true", json={"question": question, "k": 1}
    ) as response:
        assert response.status_code == 200
        events = sse_events(response.read().decode())
    names = [name for name, _ in events]
    assert names[0] == "sources" and events[0][1]["citations"], "the passage the model reads"
    deltas = names.count("delta")
    assert deltas >= 1 and names[1 : 1 + deltas] == ["delta"] * deltas
    assert names[1 + deltas] == "sources" and names[-1] == "done"
    assert set(names[2 + deltas : -1]) == {"sentence"}
    done = events[-1][1]
    assert not done["abstained"], (
        done["reason"],
        "".join(d["text"] for n, d in events if n == "delta"),
    )
    assert "AutoGen" in done["answer"]
    for sentence in done["sentences"]:
        assert sentence["citations"] and sentence["support"] >= 0.5
        assert sentence["status"] in ("supported", "reattached")
    for citation in done["citations"]:
        text = client.get(f"/api/documents/{citation['doc_id']}").json()["text"]
        assert text[citation["start"] : citation["end"]] == citation["text"]
