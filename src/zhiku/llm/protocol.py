"""The `LLM` protocol: chat messages in, text out (whole, or streamed piece by piece)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypedDict, runtime_checkable


class Message(TypedDict):
    """One chat message, as OpenAI-compatible servers take it."""

    role: str  # "system" | "user" | "assistant"
    content: str


@runtime_checkable
class LLM(Protocol):
    """A chat model. Implementations raise `zhiku.errors.ModelError` naming the model on failure,
    and a stream that stops early raises rather than ending quietly (a cut answer is never
    presented as complete)."""

    name: str

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> str: ...

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> Iterator[str]: ...
