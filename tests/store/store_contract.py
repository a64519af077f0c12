"""Helpers of the `Store` contract suite: documents, chunks and vectors made up for the tests."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from zhiku.records import Chunk, Document
from zhiku.store import NewChunk, Store

MODEL = "test-model"
DIM = 8


def document(doc_id: str, text: str, **fields: object) -> Document:
    """A document whose text is `text`; its content hash follows the text."""
    values: dict[str, object] = {
        "title": f"Title of {doc_id}",
        "source": "notes",
        "language": "en",
        "script": "Latn",
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
    }
    values.update(fields)
    return Document(doc_id, text=text, **values)  # type: ignore[arg-type]


def chunks_of(doc: Document, size: int = 20) -> list[NewChunk]:
    """`doc.text` cut every `size` characters."""
    found = []
    for ordinal, start in enumerate(range(0, len(doc.text), size)):
        text = doc.text[start : start + size]
        found.append(
            NewChunk(
                Chunk(doc.id, ordinal, start, start + len(text), text), text.lower(), text_key(text)
            )
        )
    return found


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def vector_of(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest(), "little")
    vector = np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)
    return vector / np.linalg.norm(vector)


def vectors_of(chunks: Sequence[NewChunk]) -> dict[str, np.ndarray]:
    return {c.text_hash: vector_of(c.chunk.text) for c in chunks}


def put(store: Store, doc: Document, **options: object) -> list[NewChunk]:
    """Store `doc` with its chunks and vectors; returns the chunks."""
    chunks = chunks_of(doc)
    store.put_document(
        doc,
        origin=options.pop("origin", f"notes/{doc.id}.txt"),  # type: ignore[arg-type]
        raw=doc.text.encode(),
        kind="text",
        chunks=chunks,
        vectors=vectors_of(chunks),
        model=MODEL,
        **options,  # type: ignore[arg-type]
    )
    return chunks
