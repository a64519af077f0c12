"""BM25 over our own folded tokens, in tantivy (derived from the store, rebuildable).

Tokens are produced by `zhiku.segment` and joined with spaces; tantivy's whitespace tokenizer
indexes them as they are, so zhiku's tokenization is the single source of truth.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import tantivy

from zhiku.errors import StoreError

_STATE = "state.json"
_HEAP_BYTES = 64_000_000


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("key", stored=True, indexed=True, fast=True)
    builder.add_text_field("doc", stored=False, tokenizer_name="raw")
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


class LexicalIndex:
    """A tantivy index of chunk keys -> token strings, with the change sequence it has applied."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._schema = _schema()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self._schema, path=str(directory))
        except ValueError as exc:
            raise StoreError(f"lexical index at {directory} cannot be opened: {exc}") from exc
        self._writer: tantivy.IndexWriter | None = None

    @property
    def applied_seq(self) -> int:
        try:
            return int(json.loads((self._dir / _STATE).read_text())["seq"])
        except (OSError, ValueError, KeyError):
            return 0

    def _w(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=_HEAP_BYTES, num_threads=1)
            except ValueError as exc:
                raise StoreError(f"lexical index at {self._dir} is locked: {exc}") from exc
        return self._writer

    def delete_document(self, doc_id: str) -> None:
        self._w().delete_documents_by_term("doc", doc_id)

    def delete_all(self) -> None:
        self._w().delete_all_documents()

    def add_chunks(self, doc_id: str, chunks: Sequence[tuple[int, str]]) -> None:
        """Add (key, token string) pairs of one document."""
        writer = self._w()
        for key, tokens in chunks:
            writer.add_document(tantivy.Document(key=key, doc=doc_id, body=tokens))

    def commit(self, seq: int) -> None:
        """Make pending changes durable and record that changes up to `seq` are applied."""
        if self._writer is not None:
            self._writer.commit()
        tmp = self._dir / (_STATE + ".tmp")
        tmp.write_text(json.dumps({"seq": seq}))
        os.replace(tmp, self._dir / _STATE)
        self._index.reload()

    def reload(self) -> None:
        """Read commits made since (by this process or another one writing the library)."""
        self._index.reload()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    def search(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """(chunk key, BM25 score) best first for any of `terms`."""
        if not terms:
            return []
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(self._schema, "body", t))
                for t in terms
            ]
        )
        searcher = self._index.searcher()
        hits = searcher.search(query, k, count=False).hits
        if not hits:
            return []
        keys = searcher.fast_field_values("key", [address for _, address in hits])
        return [
            (int(key), float(score))
            for (score, _), key in zip(hits, keys, strict=False)
            if key is not None
        ]

    def document_frequency(self, term: str) -> int:
        return int(self._index.searcher().doc_freq("body", term))

    def num_chunks(self) -> int:
        return int(self._index.searcher().num_docs)

    @staticmethod
    def wipe(directory: Path) -> None:
        shutil.rmtree(directory, ignore_errors=True)
