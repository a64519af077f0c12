from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.embedders.protocol import Embedder
from zhiku.errors import ModelError
from zhiku.llm import LocalLLMServer, Message
from zhiku.llm.packaged import packaged_model_path
from zhiku.segment import tokenize

pytest_plugins = ["cluster_fixtures"]  # PostgreSQL and Milvus servers for the cluster tests

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


class FakeEmbedder:
    """Hash-based bag-of-tokens vectors: deterministic, fast, similar texts get close vectors."""

    name = "fake-hash-64"
    dim = 64
    fusion_weight = 1.0
    sentence_vectors = False

    def __init__(self) -> None:
        self.calls = 0
        self.texts_embedded = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokenize(text) or ["\u2400"]:
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "zhiku-home"
    monkeypatch.setenv("ZHIKU_HOME", str(home))
    monkeypatch.delenv("ZHIKU_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user config file
    return home


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(isolated_home: Path) -> Settings:
    return Settings(home=str(isolated_home))


@pytest.fixture
def kb(settings: Settings, fake_embedder: FakeEmbedder) -> Iterator[KnowledgeBase]:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as library:
        yield library


@pytest.fixture
def sample_library() -> Path:
    return REPO / "src" / "zhiku" / "sample_library"


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path.relative_to(SHARED.parent)}")
    return path


class ScriptedLLM:
    """Replies with a fixed script, streamed word by word; records the prompts it was given.

    With `fail_after`, the stream dies with a `ModelError` before that piece, as a cut
    connection does; with `before_first`, it calls that first (a test can hold the model up).
    """

    name = "scripted"

    def __init__(
        self,
        reply: str,
        *,
        fail_after: int | None = None,
        before_first: Callable[[], object] | None = None,
    ) -> None:
        self.reply = reply
        self.fail_after = fail_after
        self.before_first = before_first
        self.prompts: list[Sequence[Message]] = []

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> str:
        return "".join(self.stream(messages, max_tokens=max_tokens, temperature=temperature))

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 512, temperature: float = 0.0
    ) -> Iterator[str]:
        self.prompts.append(messages)
        if self.before_first is not None:
            self.before_first()
        for i, piece in enumerate(re.findall(r"\S+\s*", self.reply)):
            if self.fail_after is not None and i == self.fail_after:
                raise ModelError(
                    "LLM scripted at http://127.0.0.1:1/v1/chat/completions: connection lost"
                )
            yield piece


@pytest.fixture
def scripted_llm() -> type[ScriptedLLM]:
    """`scripted_llm(reply, fail_after=None)`: a fake LLM (conftest is not importable)."""
    return ScriptedLLM


@pytest.fixture(scope="session")
def gguf_model_path() -> Path:
    """The packaged test model (docs/llm.md); skips with the reason when it is not installed."""
    if importlib.util.find_spec("xllamacpp") is None:
        pytest.skip(
            "xllamacpp not installed: run scripts/fetch-test-model.sh (or pip install 'zhiku[local-llm]')"
        )
    explicit = os.environ.get("ZHIKU_TEST_GGUF")
    if explicit:
        return Path(explicit)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhiku" / "models"
    try:
        return packaged_model_path(cache)
    except ModelError as error:
        pytest.skip(
            f"test model not installed ({error}); run scripts/fetch-test-model.sh or set ZHIKU_TEST_GGUF"
        )


@pytest.fixture(scope="session")
def local_llm_server(gguf_model_path: Path) -> Iterator[LocalLLMServer]:
    """One real local model server for every integration test of the session."""
    with LocalLLMServer(gguf_model_path, ctx=1024, threads=2) as running:
        yield running


@pytest.fixture
def loadable_fake_embedder(
    fake_embedder: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> FakeEmbedder:
    """`fake_embedder`, loadable by its name as a setting, as a library built with it reopens it."""
    import zhiku.knowledge_base

    real = zhiku.knowledge_base.load_embedder

    def load(name: str) -> Embedder:
        return fake_embedder if name == fake_embedder.name else real(name)

    monkeypatch.setattr(zhiku.knowledge_base, "load_embedder", load)
    return fake_embedder
