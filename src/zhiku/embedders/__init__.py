"""Embedders: the `Embedder` protocol and the models a library can name."""

from zhiku.embedders.protocol import Embedder, embed_queries, load_embedder, normalize_rows

__all__ = ["Embedder", "embed_queries", "load_embedder", "normalize_rows"]
