"""Tables of the knowledge features and every write to them (one place, like `SQLiteStore`).

`m007_knowledge` is a migration step in the shape of `zhiku.migrations` (append it to
``MIGRATIONS``). The writers run on the caller's connection and never BEGIN or COMMIT, so
`save_knowledge` can join the transaction that stores the document: a crash leaves a document
with all of its tags, entities and keywords, or none of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from zhiku.errors import InputError, NotFound
from zhiku.knowledge.extract import DocumentKnowledge
from zhiku.knowledge.records import Entity
from zhiku.knowledge.tags import Taxonomy
from zhiku.normalize import fold_key

SCHEMA = """
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
"""


def m007_knowledge(db: sqlite3.Connection) -> None:
    """Tags, entities and mentions, keywords, document links, the query log."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def sync_vocabulary(db: sqlite3.Connection, *, taxonomy: Taxonomy, entities: Iterable[Entity]) -> None:
    """Upsert the taxonomy's topics (user renames are kept) and catalogue entities; run at open
    when the versions in ``knowledge_meta`` differ from the bundled ones."""
    for topic in taxonomy.topics.values():
        db.execute(
            "INSERT INTO tags (id, label_zh, label_en, origin) VALUES (?, ?, ?, 'taxonomy') ON CONFLICT (id) DO NOTHING",
            (topic.id, topic.label_zh, topic.label_en),
        )
    db.executemany(
        "INSERT INTO entities (id, name, type, url, aliases, origin) VALUES (?, ?, ?, ?, ?, 'catalogue') "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, url = excluded.url, "
        "aliases = excluded.aliases",
        [(e.id, e.name, e.type, e.url, json.dumps(list(e.aliases), ensure_ascii=False)) for e in entities],
    )
    db.execute("INSERT OR REPLACE INTO knowledge_meta VALUES ('taxonomy_version', ?)", (taxonomy.version,))


def save_knowledge(
    db: sqlite3.Connection, doc_id: str, knowledge: DocumentKnowledge, *, chunk_spans: Sequence[tuple[int, int]] = ()
) -> None:
    """Replace what was extracted from `doc_id` (manual and removed tags are kept)."""
    db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
    db.execute("DELETE FROM keywords WHERE doc_id = ?", (doc_id,))
    db.execute("DELETE FROM document_links WHERE doc_id = ?", (doc_id,))
    db.execute("DELETE FROM document_tags WHERE doc_id = ? AND origin = 'auto'", (doc_id,))
    for mention in knowledge.entities:
        db.execute(
            "INSERT INTO entities (id, name, type, origin) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (mention.entity_id, mention.name, mention.type, mention.source),
        )
    db.executemany(
        "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
        [(doc_id, m.entity_id, m.start, m.end, _chunk_of(m.start, chunk_spans), m.source) for m in knowledge.entities],
    )
    for tag in knowledge.tags:
        target = _resolve_tag(db, tag.tag_id)
        db.execute(
            "INSERT INTO tags (id, label_zh, label_en, origin) VALUES (?, ?, ?, 'taxonomy') ON CONFLICT (id) DO NOTHING",
            (target, tag.label_zh, tag.label_en),
        )
        db.execute(
            "INSERT INTO document_tags VALUES (?, ?, ?, ?, ?, 'auto') ON CONFLICT (doc_id, tag_id) DO NOTHING",
            (doc_id, target, tag.score, *(tag.evidence or (None, None))),
        )
    db.executemany(
        "INSERT OR IGNORE INTO keywords VALUES (?, ?, ?, ?, ?)",
        [(doc_id, k.term, k.score, k.start, k.end) for k in knowledge.keywords],
    )
    db.executemany("INSERT OR IGNORE INTO document_links VALUES (?, ?)", [(doc_id, url) for url in knowledge.links])


def _chunk_of(start: int, spans: Sequence[tuple[int, int]]) -> int | None:
    for ordinal, (chunk_start, chunk_end) in enumerate(spans):
        if chunk_start <= start < chunk_end:
            return ordinal
    return None


def _resolve_tag(db: sqlite3.Connection, tag_id: str) -> str:
    """Follow merges: a tag merged into another is assigned as the other."""
    seen = set()
    while tag_id not in seen:
        seen.add(tag_id)
        row = db.execute("SELECT merged_into FROM tags WHERE id = ?", (tag_id,)).fetchone()
        if row is None or row[0] is None:
            return tag_id
        tag_id = row[0]
    return tag_id


def add_tag(db: sqlite3.Connection, doc_id: str, label: str) -> str:
    """Tag a document by hand with a taxonomy id or any label (a new user tag); returns its id."""
    label = label.strip()
    if not label:
        raise InputError("a tag needs a name")
    if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
        raise NotFound(f"no document {doc_id!r}; `zhiku docs` lists them")
    row = db.execute(
        "SELECT id FROM tags WHERE id = ? OR label_zh = ? OR label_en = ? COLLATE NOCASE", (label, label, label)
    ).fetchone()
    tag_id = _resolve_tag(db, row[0]) if row else "user:" + fold_key(label).replace(" ", "-")
    db.execute("INSERT OR IGNORE INTO tags (id, label_zh, label_en, origin) VALUES (?, ?, ?, 'user')", (tag_id, label, label))
    db.execute(
        "INSERT INTO document_tags VALUES (?, ?, 1.0, NULL, NULL, 'manual') "
        "ON CONFLICT (doc_id, tag_id) DO UPDATE SET origin = 'manual', score = 1.0",
        (doc_id, tag_id),
    )
    return tag_id


def remove_tag(db: sqlite3.Connection, doc_id: str, tag_id: str) -> None:
    """Untag a document; an automatic tag is remembered as removed so re-extraction won't re-add it."""
    db.execute(
        "INSERT INTO document_tags VALUES (?, ?, 0, NULL, NULL, 'removed') "
        "ON CONFLICT (doc_id, tag_id) DO UPDATE SET origin = 'removed'",
        (doc_id, _resolve_tag(db, tag_id)),
    )


def rename_tag(db: sqlite3.Connection, tag_id: str, *, label_zh: str | None = None, label_en: str | None = None) -> None:
    """Change how a tag is shown; its id (and so every assignment) stays."""
    cursor = db.execute(
        "UPDATE tags SET label_zh = coalesce(?, label_zh), label_en = coalesce(?, label_en) WHERE id = ?",
        (label_zh, label_en, tag_id),
    )
    if cursor.rowcount == 0:
        raise NotFound(f"no tag {tag_id!r}; `zhiku tags` lists them")


def merge_tags(db: sqlite3.Connection, source: str, target: str) -> int:
    """Move every assignment of `source` to `target` and keep mapping future ones; returns how
    many documents moved."""
    for tag_id in (source, target):
        if db.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone() is None:
            raise NotFound(f"no tag {tag_id!r}; `zhiku tags` lists them")
    if _resolve_tag(db, target) == source:
        raise InputError(f"cannot merge {source!r} into {target!r}: {target!r} is already merged into {source!r}")
    moved = db.execute(
        "INSERT INTO document_tags SELECT doc_id, ?, score, start, end, origin FROM document_tags WHERE tag_id = ? "
        "ON CONFLICT (doc_id, tag_id) DO UPDATE SET score = max(score, excluded.score)",
        (target, source),
    ).rowcount
    db.execute("DELETE FROM document_tags WHERE tag_id = ?", (source,))
    db.execute("UPDATE tags SET merged_into = ? WHERE id = ?", (target, source))
    return moved


def log_query(db: sqlite3.Connection, query: str, *, at: str, results: int) -> None:
    """Record a query (call only when the query log setting is on)."""
    if query.strip():
        db.execute(
            "INSERT INTO query_log (query, folded, at, results) VALUES (?, ?, ?, ?)",
            (query.strip(), " ".join(fold_key(query).split()), at, results),
        )


def clear_query_log(db: sqlite3.Connection, *, before: str | None = None) -> int:
    """Delete the query log (or the part older than `before`); returns rows deleted."""
    if before is None:
        return db.execute("DELETE FROM query_log").rowcount
    return db.execute("DELETE FROM query_log WHERE at < ?", (before,)).rowcount
