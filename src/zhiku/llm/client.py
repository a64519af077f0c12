"""`OpenAICompatibleLLM`: chat completions over HTTP (OpenAI, DeepSeek, Qwen API, ollama, vLLM,
llama.cpp server, LM Studio, and our own `LocalLLMServer`).

Retries with exponential backoff on 429, 5xx and connection failures, before any text has
arrived; never after, so a retried stream cannot repeat or splice text. Every failure becomes a
`ModelError` that names the endpoint and the model.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx

from zhiku.errors import ConfigError, ModelError
from zhiku.llm.protocol import Message
from zhiku.settings import Settings

log = logging.getLogger(__name__)

_RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
_MAX_RETRY_AFTER_S = 30.0


class OpenAICompatibleLLM:
    """A chat model behind an OpenAI-compatible ``/chat/completions`` endpoint.

    `base_url` is the API root, usually ending in ``/v1`` (``http://127.0.0.1:11434/v1`` for
    ollama). `timeout_s` bounds connecting and each wait for the next piece of the response.

    >>> llm = OpenAICompatibleLLM("http://127.0.0.1:8080/v1", "qwen2.5")      # doctest: +SKIP
    >>> llm.complete([{"role": "user", "content": "你好"}], max_tokens=16)    # doctest: +SKIP
    '你好！有什么可以帮你的吗？'
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        retries: int = 2,
        backoff_s: float = 0.5,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ModelError(
                f"LLM {model}: base URL {base_url!r} must start with http:// or https://"
            )
        self.name = model
        self.base_url = base_url.rstrip("/")
        self.url = f"{self.base_url}/chat/completions"
        self.timeout_s = timeout_s
        self.retries = retries
        self.backoff_s = backoff_s
        self._sleep = sleep
        headers = {"Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s), headers=headers, transport=transport
        )

    def __repr__(self) -> str:
        return f"OpenAICompatibleLLM({self.base_url!r}, {self.name!r})"

    # -- public ----------------------------------------------------------------------------

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> str:
        body = self._body(messages, max_tokens, temperature, stream=False)
        response = self._send(body)
        try:
            response.read()
        except httpx.TimeoutException as exc:
            raise self._error(
                f"no answer within {self.timeout_s:g}s (raise llm_timeout_s, lower max_tokens "
                "or use a smaller model)"
            ) from exc
        except httpx.HTTPError as exc:
            raise self._error(f"connection lost while answering ({type(exc).__name__})") from exc
        finally:
            response.close()
        try:
            data = response.json()
            choice = data["choices"][0]
            content = choice["message"].get("content") or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise self._error(f"unexpected response: {response.text[:200]!r}") from exc
        if choice.get("finish_reason") == "length":
            log.info("LLM %s stopped at max_tokens=%d", self.name, max_tokens)
        return str(content)

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> Iterator[str]:
        """Pieces of the reply as they arrive; raises `ModelError` if the stream is cut."""
        body = self._body(messages, max_tokens, temperature, stream=True)
        response = self._send(body)
        finished = False
        try:
            for data in _sse_data(response.iter_lines()):
                if data == "[DONE]":
                    finished = True
                    break
                event = _json(data)
                if event is None:
                    raise self._error(f"invalid stream event: {data[:200]!r}")
                if "error" in event:
                    raise self._error(f"server error mid-answer: {_error_text(event)}")
                for choice in event.get("choices") or ():
                    piece = (choice.get("delta") or choice.get("message") or {}).get("content")
                    if piece:
                        yield str(piece)
                    if choice.get("finish_reason"):
                        finished = True
        except httpx.TimeoutException as exc:
            raise self._error(
                f"no data for {self.timeout_s:g}s in the middle of the answer; the answer is "
                "incomplete (raise llm_timeout_s or use a smaller model)"
            ) from exc
        except httpx.HTTPError as exc:
            raise self._error(
                f"connection lost in the middle of the answer ({type(exc).__name__}); "
                "the answer is incomplete"
            ) from exc
        finally:
            response.close()
        if not finished:
            raise self._error("the stream ended before the answer was complete")

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> OpenAICompatibleLLM:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------

    def _body(
        self, messages: Sequence[Message], max_tokens: int, temperature: float, *, stream: bool
    ) -> dict[str, Any]:
        return {
            "model": self.name,
            "messages": [dict(m) for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": stream,
        }

    def _error(self, reason: str) -> ModelError:
        return ModelError(f"LLM {self.name} at {self.url}: {reason}")

    def _send(self, body: dict[str, Any]) -> httpx.Response:
        """POST with retries; returns an open response with a 2xx status."""
        attempt = 0
        while True:
            try:
                request = self._client.build_request("POST", self.url, json=body)
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                # a timeout may mean the model is busy generating: retrying would only repeat it
                raise self._error(
                    f"no response within {self.timeout_s:g}s (raise llm_timeout_s, lower "
                    "max_tokens or use a smaller model)"
                ) from exc
            except httpx.TransportError as exc:
                if attempt < self.retries:
                    attempt += 1
                    self._sleep(self._delay(attempt, None))
                    continue
                raise self._error(
                    f"cannot connect ({type(exc).__name__}: {exc}); is the server running?"
                ) from exc
            if response.status_code < 400:
                return response
            response.read()
            response.close()
            if response.status_code in _RETRY_STATUS and attempt < self.retries:
                attempt += 1
                delay = self._delay(attempt, response.headers.get("retry-after"))
                log.info(
                    "LLM %s: HTTP %d, retry %d in %.1fs",
                    self.name,
                    response.status_code,
                    attempt,
                    delay,
                )
                self._sleep(delay)
                continue
            raise self._error(_status_reason(response))

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), _MAX_RETRY_AFTER_S)
            except ValueError:
                pass
        return float(self.backoff_s * 2 ** (attempt - 1))


def _status_reason(response: httpx.Response) -> str:
    status = response.status_code
    detail = _error_text(_json(response.text)) or response.text[:200]
    if status in (401, 403):
        return f"HTTP {status}: the API key was rejected; set ZHIKU_LLM_API_KEY ({detail})"
    if status == 404:
        return f"HTTP 404: no such endpoint or model; check llm_base_url (usually ends in /v1) and llm_model ({detail})"
    if status == 429:
        return f"HTTP 429: rate limited after retries ({detail})"
    return f"HTTP {status}: {detail}"


def _sse_data(lines: Iterator[str]) -> Iterator[str]:
    """The data payloads of a server-sent event stream (multi-line data joined by newlines)."""
    buffer: list[str] = []
    for line in lines:
        if not line:
            if buffer:
                yield "\n".join(buffer)
                buffer = []
            continue
        if line.startswith(":"):
            continue  # comment / keep-alive
        field, _, value = line.partition(":")
        if field == "data":
            buffer.append(value.removeprefix(" "))
        elif field not in ("event", "id", "retry"):
            # not SSE at all: a server that answered a stream request with plain JSON
            buffer.append(line)
    if buffer:
        yield "\n".join(buffer)


def _json(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _error_text(data: dict[str, Any] | None) -> str:
    if not data:
        return ""
    error = data.get("error", data.get("detail"))
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error) if error else ""


NO_LLM = (
    "no LLM configured: set ZHIKU_LLM_BASE_URL and ZHIKU_LLM_MODEL (or llm_base_url / "
    "llm_model in the config file), or start a local one with `zhiku llm serve`"
)


def answer_mode(settings: Settings, requested: str | None = None) -> str:
    """How `ask` answers: ``llm`` (generated, then verified) or ``extractive``.

    The caller's choice (``zhiku ask --llm``, an API request's ``mode``) wins over the
    ``answer_mode`` setting; anything but ``llm`` is extractive.

    >>> answer_mode(Settings(answer_mode="llm")), answer_mode(Settings(), "llm")
    ('llm', 'llm')
    >>> answer_mode(Settings(answer_mode="llm"), "extractive")
    'extractive'
    """
    return "llm" if (requested or settings.answer_mode) == "llm" else "extractive"


def configured_llm(settings: Settings) -> OpenAICompatibleLLM | None:
    """The configured LLM endpoint, or None when ``llm_base_url`` or ``llm_model`` is unset."""
    if not settings.llm_base_url or not settings.llm_model:
        return None
    return OpenAICompatibleLLM(
        settings.llm_base_url,
        settings.llm_model,
        api_key=settings.llm_api_key or None,
        timeout_s=settings.llm_timeout_s,
    )


def llm_from_settings(settings: Settings) -> OpenAICompatibleLLM:
    """The configured LLM endpoint; a `ConfigError` says what to set when it is not configured."""
    llm = configured_llm(settings)
    if llm is None:
        raise ConfigError(NO_LLM)
    return llm


def answer_llm(settings: Settings, requested: str | None = None) -> OpenAICompatibleLLM | None:
    """The LLM to answer with in `answer_mode` (None: extractive); `ConfigError` when the mode
    is ``llm`` and no LLM is configured."""
    return llm_from_settings(settings) if answer_mode(settings, requested) == "llm" else None
