"""OpenAICompatibleLLM against in-process fake servers (httpx.MockTransport): no network."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from zhiku.errors import ConfigError, ModelError
from zhiku.llm import LLM, OpenAICompatibleLLM
from zhiku.llm.client import NO_LLM, answer_llm
from zhiku.settings import Settings

URL = "http://llm.test/v1"
MESSAGES = [{"role": "user", "content": "hi"}]


def sse(*events: object, done: bool = True) -> bytes:
    lines = [f"data: {json.dumps(e)}\n\n" for e in events]
    if done:
        lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def delta(text: str, finish: str | None = None) -> dict:
    return {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]}


def client(handler, **kwargs) -> OpenAICompatibleLLM:
    sleeps: list[float] = []
    llm = OpenAICompatibleLLM(
        URL, "tiny", transport=httpx.MockTransport(handler), sleep=sleeps.append, **kwargs
    )
    llm.sleeps = sleeps  # type: ignore[attr-defined]
    return llm


def test_is_an_llm():
    assert isinstance(OpenAICompatibleLLM(URL, "m"), LLM)


def test_complete_sends_an_openai_request_with_the_api_key():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        seen["auth"] = request.headers.get("authorization")
        seen["body"] = json.loads(request.content)
        return httpx.Response(
            200, json={"choices": [{"message": {"content": "你好[1]"}, "finish_reason": "stop"}]}
        )

    assert client(handler, api_key="sk-test").complete(MESSAGES, max_tokens=7) == "你好[1]"
    assert seen["url"] == f"{URL}/chat/completions" and seen["auth"] == "Bearer sk-test"
    assert (
        seen["body"]["model"] == "tiny"
        and seen["body"]["max_tokens"] == 7
        and seen["body"]["stream"] is False
    )


def test_stream_parses_server_sent_events():
    body = b": keep-alive\n\n" + sse(delta("Geo"), delta("rgi"), delta("", "stop"))
    llm = client(
        lambda r: httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})
    )
    assert list(llm.stream(MESSAGES)) == ["Geo", "rgi"]


def test_retries_with_backoff_on_429_and_5xx():
    statuses = iter([429, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(statuses)
        if status != 200:
            return httpx.Response(status, json={"error": {"message": "busy"}})
        return httpx.Response(200, json={"choices": [{"message": {"content": "ok"}}]})

    llm = client(handler, retries=2, backoff_s=0.5)
    assert llm.complete(MESSAGES) == "ok"
    assert llm.sleeps == [0.5, 1.0]


def test_retry_after_header_is_honoured():
    statuses = iter([429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        if next(statuses) == 429:
            return httpx.Response(429, headers={"retry-after": "3"})
        return httpx.Response(200, json={"choices": [{"message": {"content": "ok"}}]})

    llm = client(handler)
    assert llm.complete(MESSAGES) == "ok" and llm.sleeps == [3.0]


def test_gives_up_after_retries_naming_endpoint_and_model():
    llm = client(
        lambda r: httpx.Response(503, json={"error": {"message": "overloaded"}}), retries=1
    )
    with pytest.raises(
        ModelError, match=r"LLM tiny at http://llm.test/v1/chat/completions: HTTP 503: overloaded"
    ):
        llm.complete(MESSAGES)
    assert len(llm.sleeps) == 1


def test_connection_refused_is_a_model_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    llm = client(handler, retries=2)
    with pytest.raises(ModelError, match=r"cannot connect .*is the server running"):
        list(llm.stream(MESSAGES))
    assert len(llm.sleeps) == 2


@pytest.mark.parametrize(
    ("status", "hint"), [(401, "ZHIKU_LLM_API_KEY"), (404, "llm_base_url"), (400, "bad")]
)
def test_client_errors_are_explained_and_not_retried(status, hint):
    llm = client(lambda r: httpx.Response(status, json={"error": {"message": "bad"}}))
    with pytest.raises(ModelError, match=hint):
        llm.complete(MESSAGES)
    assert llm.sleeps == []


def test_timeout_is_a_model_error_and_not_retried():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    llm = client(handler, timeout_s=1.5)
    with pytest.raises(ModelError, match=r"no response within 1.5s"):
        llm.complete(MESSAGES)
    assert llm.sleeps == []


class _DyingStream(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        yield sse(delta("LoRA was proposed "), done=False)
        raise httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body"
        )


def test_server_dying_mid_stream_raises_instead_of_ending_quietly():
    llm = client(lambda r: httpx.Response(200, stream=_DyingStream()))
    got: list[str] = []
    with pytest.raises(ModelError, match="connection lost in the middle of the answer"):
        got.extend(llm.stream(MESSAGES))
    assert got == ["LoRA was proposed "]


def test_stream_cut_without_finish_is_incomplete():
    llm = client(lambda r: httpx.Response(200, content=sse(delta("half"), done=False)))
    with pytest.raises(ModelError, match="ended before the answer was complete"):
        list(llm.stream(MESSAGES))


def test_error_event_in_stream_is_raised():
    llm = client(
        lambda r: httpx.Response(
            200, content=sse(delta("a"), {"error": {"message": "context full"}})
        )
    )
    with pytest.raises(ModelError, match="context full"):
        list(llm.stream(MESSAGES))


def test_malformed_response_is_a_model_error():
    llm = client(lambda r: httpx.Response(200, text="<html>proxy</html>"))
    with pytest.raises(ModelError, match="unexpected response"):
        llm.complete(MESSAGES)


def test_base_url_must_be_http():
    with pytest.raises(ModelError, match="must start with http"):
        OpenAICompatibleLLM("llm.test/v1", "m")


def test_answer_llm_follows_the_mode_and_names_missing_settings():
    configured = Settings(llm_base_url="http://127.0.0.1:8080/v1", llm_model="qwen")
    assert answer_llm(configured) is None, "configured is not enough: answer_mode decides"
    assert answer_llm(Settings(answer_mode="llm"), "extractive") is None
    with answer_llm(configured, "llm") as llm:  # type: ignore[union-attr]
        assert (llm.url, llm.name) == ("http://127.0.0.1:8080/v1/chat/completions", "qwen")
    with pytest.raises(ConfigError) as error:
        answer_llm(Settings(answer_mode="llm"))
    assert str(error.value) == NO_LLM
