"""The `Embedder` protocol: what a library needs from a model that maps texts to vectors.

An embedder declares what it can do instead of being probed for it: ``embed_query`` (queries
may need their own form, as e5's ``query:`` prefix; without one it is ``embed``),
``fusion_weight`` (how much hybrid search weighs its cosine gaps) and ``sentence_vectors``
(whether the ``auto`` setting ranks chunks by their sentences too with this model).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalized float32 vectors of a fixed dimension.

    >>> class Constant:
    ...     name, dim, fusion_weight, sentence_vectors = "constant", 2, 1.0, False
    ...     def embed(self, texts): return np.tile(np.float32([0.6, 0.8]), (len(texts), 1))
    ...     def embed_query(self, texts): return self.embed(texts)
    >>> isinstance(Constant(), Embedder)
    True
    """

    name: str  # vectors are cached per name: a new model (or new weights) needs a new name
    dim: int
    fusion_weight: float  # weight of the dense cosine gap in hybrid search (usem3: 1.0)
    sentence_vectors: bool  # what the ``sentence_vectors = "auto"`` setting means for it

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors, one row per text."""
        ...

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors, one row per text (the same as `embed` for most models)."""
        ...


@runtime_checkable
class BoundedCache(Protocol):
    """An embedder with a per-process cache whose size a long-running server bounds."""

    def limit_cache(self, max_bytes: int) -> None:
        """Keep at most `max_bytes` cached from now on (what is cached already may stay)."""
        ...


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalized: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return normalized
