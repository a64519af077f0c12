"""Embedders: the `Embedder` protocol and the models a library can name."""

from zhiku.embedders.protocol import Embedder, normalize_rows
from zhiku.embedders.registry import NAMES, is_embedder_name, load_embedder

__all__ = ["NAMES", "Embedder", "is_embedder_name", "load_embedder", "normalize_rows"]
