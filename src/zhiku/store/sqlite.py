"""`SQLiteStore`: the `Store` on SQLite, the library's system of record.

Every SQL statement of zhiku lives in this package: documents, chunks, vectors, stories and the
change log here, the knowledge tables in `zhiku.store.sqlite_knowledge`, the schema in
`zhiku.store.migrations`. One document is written in one transaction, with its knowledge rows
and an entry in the change log that derived indexes replay. Every `sqlite3.Error` becomes a
`StoreError` naming the database file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from zhiku.errors import NotFound, StoreError
from zhiku.records import Chunk, Document, Source
from zhiku.store.migrations import apply_migrations
from zhiku.store.records import (
    Change,
    DocumentHeader,
    LibraryCounts,
    NewChunk,
    StoredChunk,
    StoryFields,
)
from zhiku.store.sqlite_conversations import SQLiteConversations
from zhiku.store.sqlite_knowledge import SQLiteKnowledgeTables, save_knowledge
from zhiku.store.sqlite_subscriptions import SQLiteSubscriptions

if TYPE_CHECKING:
    from zhiku.knowledge.extract import DocumentKnowledge

_DOC_COLUMNS = (
    "id, title, text, source, url, path, author, published, language, script, encoding, "
    "content_hash, added_at, metadata, story_id"
)


def _document(row: sqlite3.Row) -> Document:
    values = dict(row)
    values["metadata"] = json.loads(values["metadata"])
    return Document(**values)


_HIT_CACHE_ROWS = 50_000
# A library is in one language when that language holds two thirds of its text: below that, a
# question in its second language has that language's passages to match (search's cross-language
# discount, `zhiku.retrieve.lexical_trust`, must not apply to it).
MAIN_LANGUAGE_SHARE = 2 / 3


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(SQLiteKnowledgeTables, SQLiteConversations, SQLiteSubscriptions):
    """SQLite in WAL mode; ``SQLiteStore(":memory:")`` for a throwaway library."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._hit_cache: dict[int, tuple[Chunk, DocumentHeader]] = {}
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            apply_migrations(self._db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open library database {self.path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it (errors become StoreError)."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot {what}: {exc}") from exc

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def _batches(self, sql: str, params: Sequence[Any], size: int) -> Iterator[list[sqlite3.Row]]:
        """The rows of a long query in batches of `size` (errors become StoreError)."""
        try:
            cursor = self._db.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield rows
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    def find_by_origin(self, origin: str) -> Document | None:
        rows = self._query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE origin = ?", (origin,))
        return _document(rows[0]) if rows else None

    def documents_under(self, folder: str) -> list[tuple[str, str]]:
        """(id, path) of the documents read from files under `folder` (a path ending in a
        separator)."""
        rows = self._query(
            "SELECT id, path FROM documents WHERE substr(path, 1, length(?)) = ? ORDER BY path",
            (folder, folder),
        )
        return [(row[0], row[1]) for row in rows]

    def find_by_hash(self, content_hash: str) -> Document | None:
        rows = self._query(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE content_hash = ? LIMIT 1", (content_hash,)
        )
        return _document(rows[0]) if rows else None

    def put_document(
        self,
        doc: Document,
        *,
        origin: str,
        raw: bytes,
        kind: str,
        chunks: Sequence[NewChunk],
        vectors: Mapping[str, np.ndarray],
        model: str,
        site: str | None = None,
        fingerprints: frozenset[str] = frozenset(),
        story: StoryFields | None = None,
        knowledge: DocumentKnowledge | None = None,
    ) -> None:
        """Insert or replace one document with its chunks, vectors, chrome fingerprints and
        the knowledge extracted from it, in one transaction."""
        now = _now()
        with self._transaction(f"store {doc.id}") as db:
            old = db.execute("SELECT added_at FROM documents WHERE id = ?", (doc.id,)).fetchone()
            db.execute("DELETE FROM chunks WHERE doc_id = ?", (doc.id,))
            # an upsert, not INSERT OR REPLACE: a replaced row would cascade-delete the rows
            # that outlive a new version (appearances, manual tags)
            db.execute(
                "INSERT INTO documents (id, origin, content_hash, kind, title, "
                "source, url, path, author, published, language, script, encoding, raw, text, "
                "metadata, added_at, updated_at, story_id, exact_key, signature) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, "
                "content_hash = excluded.content_hash, kind = excluded.kind, title = excluded.title, "
                "source = excluded.source, url = excluded.url, path = excluded.path, "
                "author = excluded.author, published = excluded.published, "
                "language = excluded.language, script = excluded.script, encoding = excluded.encoding, "
                "raw = excluded.raw, text = excluded.text, metadata = excluded.metadata, "
                "added_at = excluded.added_at, updated_at = excluded.updated_at, "
                "story_id = excluded.story_id, exact_key = excluded.exact_key, "
                "signature = excluded.signature",
                (
                    doc.id,
                    origin,
                    doc.content_hash,
                    kind,
                    doc.title,
                    doc.source,
                    doc.url,
                    doc.path,
                    doc.author,
                    doc.published,
                    doc.language,
                    doc.script,
                    doc.encoding,
                    raw,
                    doc.text,
                    json.dumps(doc.metadata, ensure_ascii=False),
                    old["added_at"] if old else (doc.added_at or now),
                    now,
                    story.story_id if story else doc.id,
                    story.exact_key if story else None,
                    story.signature if story else None,
                ),
            )
            db.executemany(
                "INSERT INTO chunks (doc_id, ordinal, start, end, text, tokens, text_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        doc.id,
                        c.chunk.ordinal,
                        c.chunk.start,
                        c.chunk.end,
                        c.chunk.text,
                        c.tokens,
                        c.text_hash,
                    )
                    for c in chunks
                ],
            )
            self._insert_vectors(db, vectors, model)
            db.execute("DELETE FROM site_chrome WHERE doc_id = ?", (doc.id,))
            if site:
                db.executemany(
                    "INSERT OR IGNORE INTO site_chrome (site, fingerprint, doc_id) VALUES (?, ?, ?)",
                    [(site, fp, doc.id) for fp in fingerprints],
                )
            if knowledge is not None:
                # the metadata passage (kind "metadata") is not a span of the clean text
                spans = [(c.chunk.start, c.chunk.end) for c in chunks if c.chunk.kind == "text"]
                save_knowledge(db, doc.id, knowledge, chunk_spans=spans)
            db.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'upsert')", (doc.id,))

    def site_chrome(self, site: str) -> dict[str, frozenset[str]]:
        """The chrome fingerprints of each stored page of `site`, by document id."""
        pages: dict[str, set[str]] = {}
        rows = self._query("SELECT doc_id, fingerprint FROM site_chrome WHERE site = ?", (site,))
        for row in rows:
            pages.setdefault(row[0], set()).add(row[1])
        return {doc_id: frozenset(prints) for doc_id, prints in pages.items()}

    def find_by_exact_key(self, key: str) -> Document | None:
        rows = self._query(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE exact_key = ? LIMIT 1", (key,)
        )
        return _document(rows[0]) if rows else None

    def add_appearance(
        self,
        doc_id: str,
        *,
        origin: str,
        title: str,
        source: str,
        url: str | None,
        path: str | None,
    ) -> None:
        """Record that the article `doc_id` was also found at `origin` (an exact copy)."""
        with self._transaction(f"record {origin} as a copy of {doc_id}") as db:
            db.execute(
                "INSERT OR REPLACE INTO appearances (origin, doc_id, title, source, url, path, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (origin, doc_id, title, source, url, path, _now()),
            )

    def signatures(self) -> list[tuple[str, bytes]]:
        rows = self._query("SELECT id, signature FROM documents WHERE signature IS NOT NULL")
        return [(r[0], bytes(r[1])) for r in rows]

    def shared_stories(self) -> set[str]:
        """Stories with more than one place: several documents, or recorded copies."""
        rows = self._query(
            "SELECT story_id FROM documents GROUP BY story_id HAVING count(*) > 1 "
            "UNION SELECT d.story_id FROM appearances a JOIN documents d ON d.id = a.doc_id"
        )
        return {r[0] for r in rows}

    def story_sources(self, story_ids: Sequence[str]) -> dict[str, list[Source]]:
        """Every document and recorded copy of each story (oldest first)."""
        ids = list(dict.fromkeys(story_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._query(
            "SELECT story, title, source, url, path, doc_id FROM ("
            "SELECT story_id AS story, title, source, url, path, id AS doc_id, added_at "
            f"FROM documents WHERE story_id IN ({marks}) "
            "UNION ALL SELECT d.story_id, a.title, a.source, a.url, a.path, NULL, a.added_at "
            f"FROM appearances a JOIN documents d ON d.id = a.doc_id WHERE d.story_id IN ({marks})"
            ") ORDER BY added_at",
            [*ids, *ids],
        )
        found: dict[str, list[Source]] = {}
        for r in rows:
            found.setdefault(r[0], []).append(Source(r[1], r[2], r[3], r[4], r[5]))
        return found

    def forget_hits(self, doc_ids: Sequence[str]) -> None:
        """Drop cached rows of `doc_ids` (changed by another process: their keys may be gone)."""
        gone = set(doc_ids)
        self._hit_cache = {k: v for k, v in self._hit_cache.items() if v[0].doc_id not in gone}

    def delete_document(self, doc_id: str) -> None:
        self.forget_hits([doc_id])
        with self._transaction(f"delete {doc_id}") as db:
            gone = db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
            if gone:
                db.execute("INSERT INTO changes (doc_id, op) VALUES (?, 'delete')", (doc_id,))
        if not gone:
            raise NotFound(f"no document with id {doc_id!r}; `zhiku docs` lists them")

    def get_document(self, doc_id: str) -> Document:
        rows = self._query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}; `zhiku docs` lists them")
        return _document(rows[0])

    def list_documents(self, *, limit: int = 100, offset: int = 0) -> list[Document]:
        rows = self._query(
            f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY added_at, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_document(r) for r in rows]

    def count_documents(self) -> int:
        return int(self._query("SELECT count(*) FROM documents")[0][0])

    def library_counts(self) -> LibraryCounts:
        languages = self._query(
            "SELECT language, count(*) FROM documents GROUP BY language ORDER BY count(*) DESC, language"
        )
        chunks = int(self._query("SELECT count(*) FROM chunks")[0][0])
        return LibraryCounts(
            sum(int(n) for _, n in languages),
            chunks,
            tuple((str(lang), int(n)) for lang, n in languages),
        )

    def set_title(self, doc_id: str, title: str) -> None:
        self._hit_cache = {k: v for k, v in self._hit_cache.items() if v[0].doc_id != doc_id}
        with self._transaction(f"retitle {doc_id}") as db:
            found = db.execute(
                "UPDATE documents SET title = ? WHERE id = ?", (title, doc_id)
            ).rowcount
        if not found:
            raise NotFound(f"no document with id {doc_id!r}")

    def raw_of(self, doc_id: str) -> tuple[bytes, str]:
        rows = self._query("SELECT raw, kind FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}")
        return bytes(rows[0]["raw"]), str(rows[0]["kind"])

    def origin_of(self, doc_id: str) -> str:
        """Where the document was read from: its file path (``path#L3`` for a JSONL line), its
        URL, or ``upload:NAME``."""
        rows = self._query("SELECT origin FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFound(f"no document with id {doc_id!r}")
        return str(rows[0]["origin"])

    def _stored_chunks(self, where: str, params: Sequence[Any]) -> list[StoredChunk]:
        rows = self._query(
            "SELECT key, doc_id, ordinal, start, end, text, tokens, text_hash FROM chunks "
            f"WHERE {where}",
            params,
        )
        return [
            StoredChunk(
                r["key"],
                Chunk(r["doc_id"], r["ordinal"], r["start"], r["end"], r["text"]),
                r["tokens"],
                r["text_hash"],
            )
            for r in rows
        ]

    def chunks_by_key(self, keys: Sequence[int]) -> dict[int, tuple[Chunk, DocumentHeader]]:
        """The chunks for a list of keys with their documents' headers.

        Rows are cached: a chunk key is never reused and a stored chunk never changes (an
        updated document gets new chunks), so a cached row is valid as long as its key exists.
        """
        found = {k: self._hit_cache[k] for k in keys if k in self._hit_cache}
        missing = [k for k in keys if k not in found]
        if missing:
            rows = self._query(
                "SELECT c.key, c.doc_id, c.ordinal, c.start, c.end, c.text, d.title, d.source, "
                "d.url, d.path, d.story_id, d.language, d.script, d.published, "
                "d.added_at "
                "FROM chunks c JOIN documents d ON d.id = c.doc_id "
                f"WHERE c.key IN ({','.join('?' * len(missing))})",
                missing,
            )
            for r in rows:
                found[r[0]] = (Chunk(r[1], r[2], r[3], r[4], r[5]), DocumentHeader(*r[6:15]))
                self._hit_cache[r[0]] = found[r[0]]
            while len(self._hit_cache) > _HIT_CACHE_ROWS:
                del self._hit_cache[next(iter(self._hit_cache))]
        return found

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        return self._stored_chunks("doc_id = ? ORDER BY ordinal", (doc_id,))

    def cached_vectors(self, text_hashes: Sequence[str], model: str) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        hashes = list(dict.fromkeys(text_hashes))
        for i in range(0, len(hashes), 500):
            batch = hashes[i : i + 500]
            marks = ",".join("?" * len(batch))
            for row in self._query(
                f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({marks})",
                [model, *batch],
            ):
                found[row[0]] = np.frombuffer(row[1], dtype=np.float32)
        return found

    def iter_vectors(
        self, model: str, batch: int = 20000
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(chunk keys, vectors) of every chunk that has a vector for `model`, in batches."""
        for rows in self._batches(
            "SELECT c.key, e.vector FROM chunks c JOIN embeddings e "
            "ON e.text_hash = c.text_hash AND e.model = ? ORDER BY c.key",
            (model,),
            batch,
        ):
            keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
            yield keys, vectors.reshape(len(rows), -1)

    def vector_keys(self, model: str) -> np.ndarray:
        """Keys of every chunk that has a vector for `model`, ascending, without reading vectors."""
        rows = self._query(  # the planner would pick the primary key, which reads rows
            "SELECT c.key FROM chunks c JOIN embeddings e INDEXED BY embeddings_model_hash "
            "ON e.text_hash = c.text_hash AND e.model = ? ORDER BY c.key",
            (model,),
        )
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def vector_models(self) -> dict[str, int]:
        """model -> vector dimension of every model with cached vectors (one index probe each)."""
        found: dict[str, int] = {}
        model = ""
        while rows := self._query(
            "SELECT model, length(vector) FROM embeddings INDEXED BY embeddings_model_hash "
            "WHERE model > ? ORDER BY model LIMIT 1",
            (model,),
        ):
            model = str(rows[0][0])
            found[model] = int(rows[0][1]) // 4
        return found

    def iter_chunk_texts(self, batch: int = 2000) -> Iterator[list[tuple[int, str]]]:
        """(chunk key, text) of every chunk, in batches, by key."""
        for rows in self._batches("SELECT key, text FROM chunks ORDER BY key", (), batch):
            yield [(r[0], r[1]) for r in rows]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self._query("SELECT id FROM documents ORDER BY added_at, id")]

    def update_tokens(self, tokens: Sequence[tuple[int, str]]) -> None:
        """Replace the stored lexical tokens of chunks (after the tokenizer changed)."""
        with self._transaction("update chunk tokens") as db:
            db.executemany(
                "UPDATE chunks SET tokens = ? WHERE key = ?", [(t, k) for k, t in tokens]
            )

    def put_vectors(self, vectors: Mapping[str, np.ndarray], model: str) -> None:
        with self._transaction("store vectors") as db:
            self._insert_vectors(db, vectors, model)

    @staticmethod
    def _insert_vectors(
        db: sqlite3.Connection, vectors: Mapping[str, np.ndarray], model: str
    ) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO embeddings (text_hash, model, vector) VALUES (?, ?, ?)",
            [(h, model, v.astype(np.float32).tobytes()) for h, v in vectors.items()],
        )

    def main_language(self) -> str:
        """The language holding most of the library's characters when it holds a clear majority
        (`MAIN_LANGUAGE_SHARE`), else ``mul`` (a mixed library); ``und`` when empty."""
        shares = self.language_shares()
        if not shares:
            return "und"
        main = max(shares, key=lambda language: shares[language])
        return main if shares[main] >= MAIN_LANGUAGE_SHARE else "mul"

    def language_shares(self) -> dict[str, float]:
        """Each document language's share of the library's characters (empty when it has none)."""
        rows = self._query("SELECT language, sum(length(text)) FROM documents GROUP BY language")
        total = sum(int(r[1] or 0) for r in rows)
        return {str(r[0]): int(r[1] or 0) / total for r in rows} if total else {}

    def last_seq(self) -> int:
        return int(self._query("SELECT coalesce(max(seq), 0) FROM changes")[0][0])

    def changes_since(self, seq: int) -> list[Change]:
        rows = self._query("SELECT seq, doc_id, op FROM changes WHERE seq > ? ORDER BY seq", (seq,))
        return [Change(r[0], r[1], r[2]) for r in rows]

    def built_with(self) -> dict[str, str]:
        """What the library records about how it was built (see `zhiku.profile`)."""
        return {r[0]: r[1] for r in self._query("SELECT key, value FROM built_with")}

    def record_built_with(self, values: Mapping[str, str]) -> None:
        """Replace the record of how the library was built."""
        with self._transaction("record the library's build settings") as db:
            db.execute("DELETE FROM built_with")
            db.executemany(
                "INSERT INTO built_with (key, value) VALUES (?, ?)", list(values.items())
            )
