"""Numbered schema steps for the SQLite store, each applied once (in its own transaction) and
recorded in ``_migrations``, so reopening a library applies nothing twice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

Migration = Callable[[sqlite3.Connection], None]


def m001_documents(db: sqlite3.Connection) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            path TEXT,
            author TEXT,
            published TEXT,
            language TEXT NOT NULL,
            script TEXT NOT NULL,
            encoding TEXT,
            raw BLOB NOT NULL,
            text TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_content_hash ON documents (content_hash);
        """,
    )


def m002_chunks(db: sqlite3.Connection) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE chunks (
            key INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            tokens TEXT NOT NULL,
            text_hash TEXT NOT NULL
        );
        CREATE INDEX chunks_doc ON chunks (doc_id, ordinal);
        """,
    )


def m003_embeddings(db: sqlite3.Connection) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE embeddings (
            text_hash TEXT NOT NULL,
            model TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (text_hash, model)
        ) WITHOUT ROWID;
        """,
    )


def m004_changes(db: sqlite3.Connection) -> None:
    """The change sequence that derived indexes replay to catch up with the record."""
    _execute_script(
        db,
        """
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('upsert', 'delete'))
        );
        """,
    )


def m005_site_chrome(db: sqlite3.Connection) -> None:
    """Chrome-like line fingerprints per site, so cleaning learns a site's template."""
    _execute_script(
        db,
        """
        CREATE TABLE site_chrome (
            site TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            PRIMARY KEY (site, fingerprint, doc_id)
        ) WITHOUT ROWID;
        CREATE INDEX site_chrome_doc ON site_chrome (doc_id);
        """,
    )


def m006_stories(db: sqlite3.Connection) -> None:
    """Near-duplicates are linked as one story; exact copies seen elsewhere are appearances."""
    _execute_script(
        db,
        """
        ALTER TABLE documents ADD COLUMN story_id TEXT;
        ALTER TABLE documents ADD COLUMN exact_key TEXT;
        ALTER TABLE documents ADD COLUMN signature BLOB;
        UPDATE documents SET story_id = id;
        CREATE INDEX documents_story ON documents (story_id);
        CREATE INDEX documents_exact_key ON documents (exact_key);
        CREATE TABLE appearances (
            origin TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            path TEXT,
            added_at TEXT NOT NULL
        );
        CREATE INDEX appearances_doc ON appearances (doc_id);
        """,
    )


def m007_knowledge(db: sqlite3.Connection) -> None:
    """Tags, entities and mentions, keywords, document links, the query log."""
    _execute_script(
        db,
        """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('person', 'org', 'project', 'model', 'product')),
            url TEXT,
            aliases TEXT NOT NULL DEFAULT '[]',
            origin TEXT NOT NULL DEFAULT 'catalogue'
        );
        CREATE TABLE mentions (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            chunk INTEGER,
            source TEXT NOT NULL CHECK (source IN ('catalogue', 'pattern', 'pos')),
            PRIMARY KEY (doc_id, start)
        ) WITHOUT ROWID;
        CREATE INDEX mentions_entity ON mentions (entity_id, doc_id);
        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            label_zh TEXT NOT NULL,
            label_en TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('taxonomy', 'user')),
            merged_into TEXT REFERENCES tags (id)
        );
        CREATE TABLE document_tags (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            tag_id TEXT NOT NULL REFERENCES tags (id),
            score REAL NOT NULL,
            start INTEGER,
            end INTEGER,
            origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual', 'removed')),
            PRIMARY KEY (doc_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX document_tags_tag ON document_tags (tag_id, doc_id);
        CREATE TABLE keywords (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            score REAL NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            PRIMARY KEY (doc_id, term)
        ) WITHOUT ROWID;
        CREATE TABLE document_links (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            PRIMARY KEY (doc_id, url)
        ) WITHOUT ROWID;
        CREATE INDEX document_links_url ON document_links (url);
        CREATE TABLE query_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            query TEXT NOT NULL,
            folded TEXT NOT NULL,
            at TEXT NOT NULL,
            results INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX query_log_at ON query_log (at);
        CREATE TABLE knowledge_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
    )


def m008_embedding_keys(db: sqlite3.Connection) -> None:
    """Which chunk texts have a vector, answerable without reading the vectors: each 2 KB row
    of `embeddings` spills onto overflow pages, so the primary-key lookups of a join touched
    ~1 KB per chunk (3.5 s at 100k chunks, ~45 s at 1M, on every stale-snapshot open)."""
    db.execute("CREATE INDEX embeddings_model_hash ON embeddings (model, text_hash)")


def m009_built_with(db: sqlite3.Connection) -> None:
    """What the library was built with (embedder, dimension, chunking): see `zhiku.profile`."""
    db.execute("CREATE TABLE built_with (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def m010_conversations(db: sqlite3.Connection) -> None:
    """Conversations (`zhiku chat`, the API, MCP): each turn keeps the question as asked, as
    searched, and the answer shown."""
    _execute_script(
        db,
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE turns (
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL, question TEXT NOT NULL, asked TEXT NOT NULL,
            answer_text TEXT NOT NULL, answer TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (conversation_id, ordinal)
        );
        CREATE INDEX conversations_updated ON conversations (updated_at)
        """,
    )


def m011_subscriptions(db: sqlite3.Connection) -> None:
    """Live sources (`zhiku sources`): what to poll, how often, and how the last run went."""
    db.execute(
        """
        CREATE TABLE subscriptions (
            id TEXT PRIMARY KEY, url TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
            every_s INTEGER NOT NULL, allow_private INTEGER NOT NULL DEFAULT 0, etag TEXT,
            last_modified TEXT, created_at TEXT NOT NULL, last_run_at TEXT,
            next_run_at TEXT NOT NULL, last_status TEXT NOT NULL, last_error TEXT NOT NULL,
            last_added INTEGER NOT NULL, failures INTEGER NOT NULL
        )
        """
    )


def _execute_script(db: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the surrounding transaction; run statement by statement
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    m001_documents,
    m002_chunks,
    m003_embeddings,
    m004_changes,
    m005_site_chrome,
    m006_stories,
    m007_knowledge,
    m008_embedding_keys,
    m009_built_with,
    m010_conversations,
    m011_subscriptions,
)


def apply_migrations(
    db: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> list[str]:
    """Apply the steps not yet recorded, each in its own transaction; returns their names.
    `db` must be in autocommit mode (``isolation_level=None``)."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for step in migrations:
        if step.__name__ in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            step(db)
            db.execute(
                "INSERT INTO _migrations VALUES (?, ?)",
                (step.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        applied.append(step.__name__)
    return applied
