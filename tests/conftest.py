from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.segment import tokenize

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


class FakeEmbedder:
    """Hash-based bag-of-tokens vectors: deterministic, fast, similar texts get close vectors."""

    name = "fake-hash-64"
    dim = 64

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


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "zhiku-home"
    monkeypatch.setenv("ZHIKU_HOME", str(home))
    monkeypatch.delenv("ZHIKU_CONFIG", raising=False)
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
