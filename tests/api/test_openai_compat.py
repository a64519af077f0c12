"""The OpenAI-compatible endpoint, driven by the official `openai` client over the app in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openai
import pytest
from fastapi.testclient import TestClient

from zhiku import KnowledgeBase
from zhiku.api import create_app


@pytest.fixture
def library_client(kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(kb, api_key="sesame")) as client:
        yield client


def _ingest(client: TestClient, sample_library: Path) -> None:
    client.headers["Authorization"] = "Bearer sesame"
    files = [("files", (p.name, p.read_bytes())) for p in sorted(sample_library.iterdir())]
    job = client.post("/api/documents", files=files).json()["job"]
    client.app.state.jobs.wait(job["id"])  # type: ignore[attr-defined]
    assert client.get(f"/api/jobs/{job['id']}").json()["status"] == "done"


@pytest.fixture
def chat(library_client: TestClient, sample_library: Path) -> openai.OpenAI:
    _ingest(library_client, sample_library)
    return openai.OpenAI(
        base_url="http://testserver/v1", api_key="sesame", http_client=library_client
    )


def test_models_lists_the_library_models(chat: openai.OpenAI) -> None:
    assert {m.id for m in chat.models.list()} == {"zhiku", "zhiku-extractive", "zhiku-llm"}


def test_a_completion_is_the_cited_answer_with_structured_sources(chat: openai.OpenAI) -> None:
    reply = chat.chat.completions.create(
        model="zhiku", messages=[{"role": "user", "content": "What is LoRA?"}]
    )
    text = reply.choices[0].message.content or ""
    assert "[1]" in text and "Sources:" in text
    structured = reply.model_extra["zhiku"]  # type: ignore[index]
    assert not structured["abstained"]
    cited = structured["citations"][0]
    assert cited["title"] in text and cited["end"] > cited["start"]


def test_streaming_gives_the_same_text_and_ends_with_the_sources(chat: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "What is LoRA?"}]
    whole = chat.chat.completions.create(model="zhiku", messages=messages)  # type: ignore[arg-type]
    pieces, last = [], None
    for chunk in chat.chat.completions.create(model="zhiku", messages=messages, stream=True):  # type: ignore[arg-type]
        pieces.append(chunk.choices[0].delta.content or "")
        last = chunk
    assert "".join(pieces) == whole.choices[0].message.content
    assert last is not None and last.choices[0].finish_reason == "stop"
    assert last.model_extra["zhiku"]["citations"]  # type: ignore[index]


def test_an_unanswerable_question_is_an_answer_not_an_error(chat: openai.OpenAI) -> None:
    reply = chat.chat.completions.create(
        model="zhiku-extractive",
        messages=[{"role": "user", "content": "What is the boiling point of tungsten in kelvin?"}],
    )
    assert reply.model_extra["zhiku"]["abstained"]  # type: ignore[index]
    assert "Sources:" not in (reply.choices[0].message.content or "")


def test_a_follow_up_is_answered_in_the_context_of_the_previous_turn(chat: openai.OpenAI) -> None:
    first = chat.chat.completions.create(
        model="zhiku", messages=[{"role": "user", "content": "What is llama.cpp?"}]
    )
    follow_up = chat.chat.completions.create(
        model="zhiku",
        messages=[
            {"role": "user", "content": "What is llama.cpp?"},
            {"role": "assistant", "content": first.choices[0].message.content or ""},
            {"role": "user", "content": "Who started it?"},
        ],
    )
    structured = follow_up.model_extra["zhiku"]  # type: ignore[index]
    assert "llama.cpp" in structured["question"]
    assert not structured["abstained"]
    assert any("llama" in c["title"].lower() for c in structured["citations"])


def test_the_api_key_applies(library_client: TestClient) -> None:
    stranger = openai.OpenAI(
        base_url="http://testserver/v1", api_key="wrong", http_client=library_client, max_retries=0
    )
    with pytest.raises(openai.AuthenticationError):
        stranger.models.list()


def test_an_unknown_model_and_llm_without_a_configured_model_are_clear_errors(
    chat: openai.OpenAI,
) -> None:
    with pytest.raises(openai.NotFoundError, match="unknown model"):
        chat.chat.completions.create(model="gpt-4", messages=[{"role": "user", "content": "hi"}])
    with pytest.raises(openai.APIStatusError, match="no LLM configured") as caught:
        chat.with_options(max_retries=0).chat.completions.create(
            model="zhiku-llm", messages=[{"role": "user", "content": "hi"}]
        )
    assert caught.value.status_code == 503


class _Rewriter:
    """A scripted LLM: condenses with a fixed rewrite and answers from the first passage."""

    name = "scripted"

    def __init__(self, rewrite: str) -> None:
        self.rewrite = rewrite
        self.prompts: list[str] = []

    def complete(self, messages, *, max_tokens=512, temperature=0.0):  # type: ignore[no-untyped-def]
        self.prompts.append(messages[-1]["content"])
        return self.rewrite

    def stream(self, messages, *, max_tokens=512, temperature=0.0):  # type: ignore[no-untyped-def]
        yield self.rewrite


def test_condensed_question_uses_the_model_and_falls_back_on_a_rambling_reply() -> None:
    from zhiku.followup import Turn, condensed_question

    history = [Turn("What is llama.cpp?", "llama.cpp runs models on CPUs.[1]")]
    model = _Rewriter("Who started llama.cpp?")
    assert condensed_question("Who started it?", history, model) == "Who started llama.cpp?"
    assert "<last_question>Who started it?</last_question>" in model.prompts[0]
    rambling = _Rewriter("Sure! " + "llama.cpp was started by someone. " * 20)
    assert condensed_question("Who started it?", history, rambling) == "llama.cpp Who started it?"
