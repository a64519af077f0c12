"""The knowledge tables on SQLite: tags, entities and mentions, keywords, links, the query log.

`SQLiteKnowledgeTables` is the part of `SQLiteStore` behind the `KnowledgeStore` protocol;
`save_knowledge` runs on the caller's connection and never BEGINs or COMMITs, so
`SQLiteStore.put_document` stores a document with all of its tags, entities and keywords, or
none of them. The tables are created by migration ``m007_knowledge``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from zhiku.errors import InputError, NotFound
from zhiku.knowledge.records import (
    DocumentProfile,
    DocumentTag,
    Entity,
    EntityMention,
    TagCount,
    Topic,
)
from zhiku.store.records import (
    Cooccurrence,
    EntitySummary,
    LoggedQuery,
    MentioningDocument,
    Neighbourhood,
    PairCount,
    TrendRow,
    VocabularyState,
    chunk_ordinal,
)

if TYPE_CHECKING:
    from zhiku.knowledge.extract import DocumentKnowledge

_BATCH = 500  # SQLite caps the number of parameters of one statement


def save_knowledge(
    db: sqlite3.Connection,
    doc_id: str,
    knowledge: DocumentKnowledge,
    *,
    chunk_spans: Sequence[tuple[int, int]],
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
        [
            (doc_id, m.entity_id, m.start, m.end, chunk_ordinal(m.start, chunk_spans), m.source)
            for m in knowledge.entities
        ],
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
    db.executemany(
        "INSERT OR IGNORE INTO document_links VALUES (?, ?)",
        [(doc_id, url) for url in knowledge.links],
    )


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


def _tag_exists(db: sqlite3.Connection, tag_id: str) -> bool:
    return db.execute("SELECT 1 FROM tags WHERE id = ?", (tag_id,)).fetchone() is not None


class SQLiteKnowledgeTables:
    """The `KnowledgeStore` half of `SQLiteStore`, which supplies the connection."""

    def _transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SQLiteStore's

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError  # SQLiteStore's

    # -- vocabulary and extracted knowledge ----------------------------------------------------

    def vocabulary_state(self) -> VocabularyState:
        row = self._query("SELECT value FROM knowledge_meta WHERE key = 'taxonomy_version'")
        known = self._query("SELECT count(*) FROM entities WHERE origin = 'catalogue'")[0][0]
        return VocabularyState(row[0][0] if row else None, int(known))

    def sync_vocabulary(
        self, topics: Iterable[Topic], entities: Iterable[Entity], *, version: str
    ) -> None:
        """Upsert the taxonomy's topics (user renames are kept) and catalogue entities."""
        with self._transaction("sync the knowledge vocabulary") as db:
            db.executemany(
                "INSERT INTO tags (id, label_zh, label_en, origin) VALUES (?, ?, ?, 'taxonomy') "
                "ON CONFLICT (id) DO NOTHING",
                [(t.id, t.label_zh, t.label_en) for t in topics],
            )
            db.executemany(
                "INSERT INTO entities (id, name, type, url, aliases, origin) VALUES (?, ?, ?, ?, ?, 'catalogue') "
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, url = excluded.url, "
                "aliases = excluded.aliases",
                [
                    (e.id, e.name, e.type, e.url, json.dumps(list(e.aliases), ensure_ascii=False))
                    for e in entities
                ],
            )
            db.execute(
                "INSERT OR REPLACE INTO knowledge_meta VALUES ('taxonomy_version', ?)", (version,)
            )

    def save_knowledge(
        self, doc_id: str, knowledge: DocumentKnowledge, *, chunk_spans: Sequence[tuple[int, int]]
    ) -> None:
        with self._transaction(f"extract knowledge of {doc_id}") as db:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                raise NotFound(f"no document {doc_id!r}; `zhiku docs` lists them")
            save_knowledge(db, doc_id, knowledge, chunk_spans=chunk_spans)

    # -- tags ----------------------------------------------------------------------------------

    def find_tag(self, name: str) -> str | None:
        """The tag `name` means (an id, or a label in either language), following merges."""
        rows = self._query(
            "SELECT id FROM tags WHERE id = ? OR label_zh = ? OR label_en = ? COLLATE NOCASE "
            "ORDER BY id = ? DESC LIMIT 1",
            (name, name, name, name),
        )
        if not rows:
            return None
        tag_id: str = rows[0][0]
        seen = set()
        while tag_id not in seen:  # follow merges, as `_resolve_tag` does inside a write
            seen.add(tag_id)
            target = self._query("SELECT merged_into FROM tags WHERE id = ?", (tag_id,))
            if not target or target[0][0] is None:
                break
            tag_id = target[0][0]
        return tag_id

    def add_tag(self, doc_id: str, label: str, *, new_id: str) -> str:
        """Tag a document by hand with a tag's id or label, or (none has it) a new user tag
        `new_id` labelled `label`; returns the tag id assigned."""
        with self._transaction(f"tag {doc_id}") as db:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
                raise NotFound(f"no document {doc_id!r}; `zhiku docs` lists them")
            row = db.execute(
                "SELECT id FROM tags WHERE id = ? OR label_zh = ? OR label_en = ? COLLATE NOCASE",
                (label, label, label),
            ).fetchone()
            tag_id = _resolve_tag(db, row[0]) if row else new_id
            db.execute(
                "INSERT OR IGNORE INTO tags (id, label_zh, label_en, origin) VALUES (?, ?, ?, 'user')",
                (tag_id, label, label),
            )
            db.execute(
                "INSERT INTO document_tags VALUES (?, ?, 1.0, NULL, NULL, 'manual') "
                "ON CONFLICT (doc_id, tag_id) DO UPDATE SET origin = 'manual', score = 1.0",
                (doc_id, tag_id),
            )
        return tag_id

    def remove_tag(self, doc_id: str, tag_id: str) -> None:
        """Untag a document; an automatic tag is remembered as removed so re-extraction won't re-add it."""
        with self._transaction(f"untag {doc_id}") as db:
            db.execute(
                "INSERT INTO document_tags VALUES (?, ?, 0, NULL, NULL, 'removed') "
                "ON CONFLICT (doc_id, tag_id) DO UPDATE SET origin = 'removed'",
                (doc_id, _resolve_tag(db, tag_id)),
            )

    def rename_tag(
        self, tag_id: str, *, label_zh: str | None = None, label_en: str | None = None
    ) -> None:
        """Change how a tag is shown; its id (and so every assignment) stays."""
        with self._transaction(f"rename tag {tag_id}") as db:
            renamed = db.execute(
                "UPDATE tags SET label_zh = coalesce(?, label_zh), label_en = coalesce(?, label_en) WHERE id = ?",
                (label_zh, label_en, tag_id),
            ).rowcount
            if renamed == 0:
                raise NotFound(f"no tag {tag_id!r}; `zhiku tags` lists them")

    def merge_tags(self, source: str, target: str) -> int:
        """Move every assignment of `source` to `target` and keep mapping future ones; returns how
        many documents moved."""
        with self._transaction(f"merge tag {source}") as db:
            for tag_id in (source, target):
                if not _tag_exists(db, tag_id):
                    raise NotFound(f"no tag {tag_id!r}; `zhiku tags` lists them")
            if _resolve_tag(db, target) == source:
                raise InputError(
                    f"cannot merge {source!r} into {target!r}: {target!r} is already merged into {source!r}"
                )
            moved: int = db.execute(
                "INSERT INTO document_tags SELECT doc_id, ?, score, start, end, origin FROM document_tags "
                "WHERE tag_id = ? ON CONFLICT (doc_id, tag_id) DO UPDATE SET score = max(score, excluded.score)",
                (target, source),
            ).rowcount
            db.execute("DELETE FROM document_tags WHERE tag_id = ?", (source,))
            db.execute("UPDATE tags SET merged_into = ? WHERE id = ?", (target, source))
        return moved

    def tag_counts(self) -> list[TagCount]:
        """Every tag (not merged away) with how many documents carry it, most first."""
        rows = self._query(
            "SELECT t.id, t.label_zh, t.label_en, t.origin, count(dt.doc_id) FROM tags t "
            "LEFT JOIN document_tags dt ON dt.tag_id = t.id AND dt.origin != 'removed' "
            "WHERE t.merged_into IS NULL GROUP BY t.id ORDER BY count(dt.doc_id) DESC, t.id"
        )
        return [TagCount(*r) for r in rows]

    def tag_labels(self) -> dict[str, tuple[str, str]]:
        """tag id -> (Chinese label, English label)."""
        return {r[0]: (r[1], r[2]) for r in self._query("SELECT id, label_zh, label_en FROM tags")}

    def document_tags(self, doc_id: str) -> list[DocumentTag]:
        """A document's tags (automatic and manual, not removed), best first, with evidence spans."""
        rows = self._query(
            "SELECT t.id, t.label_zh, t.label_en, dt.score, dt.start, dt.end, dt.origin FROM document_tags dt "
            "JOIN tags t ON t.id = dt.tag_id WHERE dt.doc_id = ? AND dt.origin != 'removed' "
            "ORDER BY dt.score DESC",
            (doc_id,),
        )
        return [DocumentTag(*r) for r in rows]

    def documents_with_tag(self, tag_id: str) -> frozenset[str]:
        rows = self._query(
            "SELECT doc_id FROM document_tags WHERE tag_id = ? AND origin != 'removed'", (tag_id,)
        )
        return frozenset(r[0] for r in rows)

    # -- entities and the graph ----------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity | None:
        rows = self._query(
            "SELECT id, name, type, url, aliases FROM entities WHERE id = ?", (entity_id,)
        )
        if not rows:
            return None
        r = rows[0]
        return Entity(r[0], r[1], r[2], r[3], tuple(json.loads(r[4] or "[]")))

    def entity_summaries(self) -> list[EntitySummary]:
        """Every entity's names with its mention count, most mentioned first."""
        rows = self._query(
            "SELECT e.id, e.name, e.aliases, count(m.doc_id) AS n FROM entities e "
            "LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY n DESC, e.id"
        )
        return [EntitySummary(r[0], r[1], tuple(json.loads(r[2] or "[]")), r[3]) for r in rows]

    def entity_names(self) -> dict[str, tuple[str, str]]:
        """entity id -> (name, type)."""
        return {r[0]: (r[1], r[2]) for r in self._query("SELECT id, name, type FROM entities")}

    def document_mentions(self, doc_id: str) -> list[EntityMention]:
        rows = self._query(
            "SELECT m.entity_id, e.name, e.type, m.start, m.end, m.source FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? ORDER BY m.start",
            (doc_id,),
        )
        return [EntityMention(*r) for r in rows]

    def documents_mentioning(self, entity_id: str, *, limit: int) -> list[MentioningDocument]:
        """Documents that mention the entity, most mentions first, with the first mention's span."""
        rows = self._query(
            "SELECT m.doc_id, d.title, count(*) AS n, min(m.start) AS first, "
            "coalesce(d.published, d.added_at) AS date "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? "
            "GROUP BY m.doc_id ORDER BY n DESC, date DESC LIMIT ?",
            (entity_id, limit),
        )
        found = []
        for doc_id, title, n, first, date in rows:
            end = self._query(
                "SELECT end FROM mentions WHERE doc_id = ? AND start = ?", (doc_id, first)
            )
            found.append(MentioningDocument(doc_id, title, n, first, end[0][0], date))
        return found

    def neighbourhood(self, entity_id: str) -> Neighbourhood:
        """The entities mentioned in a document (and in a chunk) with `entity_id`."""
        rows = self._query(
            """
            WITH docs AS (SELECT DISTINCT entity_id, doc_id FROM mentions),
                 mine AS (SELECT doc_id FROM docs WHERE entity_id = :e),
                 chunks AS (SELECT DISTINCT entity_id, doc_id, chunk FROM mentions WHERE chunk IS NOT NULL),
                 my_chunks AS (SELECT doc_id, chunk FROM chunks WHERE entity_id = :e)
            SELECT d.entity_id,
                   count(*) AS together,
                   (SELECT count(*) FROM docs x WHERE x.entity_id = d.entity_id) AS theirs,
                   (SELECT count(*) FROM chunks c JOIN my_chunks mc USING (doc_id, chunk)
                     WHERE c.entity_id = d.entity_id) AS in_chunk
            FROM docs d JOIN mine USING (doc_id)
            WHERE d.entity_id != :e
            GROUP BY d.entity_id
            """,
            {"e": entity_id},
        )
        documents = self._query(
            "SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?", (entity_id,)
        )[0][0]
        chunks = self._query(
            "SELECT count(*) FROM (SELECT DISTINCT doc_id, chunk FROM mentions "
            "WHERE entity_id = ? AND chunk IS NOT NULL)",
            (entity_id,),
        )[0][0]
        return Neighbourhood(documents, chunks, tuple(Cooccurrence(*r) for r in rows))

    def most_mentioned_entities(self, *, limit: int) -> list[str]:
        rows = self._query(
            "SELECT entity_id FROM mentions GROUP BY entity_id "
            "ORDER BY count(DISTINCT doc_id) DESC, entity_id LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def entity_document_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for batch in _batched(entity_ids):
            counts.update(
                (r[0], r[1])
                for r in self._query(
                    "SELECT entity_id, count(DISTINCT doc_id) FROM mentions "
                    f"WHERE entity_id IN ({_marks(batch)}) GROUP BY entity_id",
                    batch,
                )
            )
        return counts

    def entity_pairs(self, entity_ids: Sequence[str]) -> list[PairCount]:
        """Every pair of `entity_ids` mentioned in a common document, with how many."""
        ids = list(dict.fromkeys(entity_ids))
        if not ids:
            return []
        rows = self._query(
            f"""
            WITH docs AS (SELECT DISTINCT entity_id, doc_id FROM mentions WHERE entity_id IN ({_marks(ids)}))
            SELECT a.entity_id, b.entity_id, count(*) FROM docs a JOIN docs b
                ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
            GROUP BY a.entity_id, b.entity_id
            """,
            ids,
        )
        return [PairCount(*r) for r in rows]

    def entity_document_frequency(self) -> tuple[dict[str, int], int]:
        """entity id -> documents mentioning it, and the number of documents (for IDF weights)."""
        rows = self._query(
            "SELECT entity_id, count(DISTINCT doc_id) FROM mentions GROUP BY entity_id"
        )
        return {r[0]: r[1] for r in rows}, int(self._query("SELECT count(*) FROM documents")[0][0])

    # -- related articles, resources, trends ---------------------------------------------------

    def outbound_links(self, doc_id: str) -> list[str]:
        """The URLs a document links to (in its text or kept from removed blocks)."""
        return [
            r[0]
            for r in self._query(
                "SELECT url FROM document_links WHERE doc_id = ? ORDER BY url", (doc_id,)
            )
        ]

    def profiles(self, doc_ids: Sequence[str]) -> dict[str, DocumentProfile]:
        """Entity and tag profiles (no vectors: the caller adds them) of the documents."""
        stories: dict[str, str] = {}
        entities: dict[str, dict[str, int]] = {}
        tags: dict[str, dict[str, float]] = {}
        for batch in _batched(doc_ids):
            marks = _marks(batch)
            for doc_id, story in self._query(
                f"SELECT id, coalesce(story_id, id) FROM documents WHERE id IN ({marks})", batch
            ):
                stories[doc_id] = story
            for doc_id, entity_id, n in self._query(
                f"SELECT doc_id, entity_id, count(*) FROM mentions WHERE doc_id IN ({marks}) "
                "GROUP BY doc_id, entity_id",
                batch,
            ):
                entities.setdefault(doc_id, {})[entity_id] = n
            for doc_id, tag_id, score in self._query(
                f"SELECT doc_id, tag_id, score FROM document_tags WHERE doc_id IN ({marks}) "
                "AND origin != 'removed'",
                batch,
            ):
                tags.setdefault(doc_id, {})[tag_id] = score
        return {
            doc_id: DocumentProfile(
                doc_id, story, None, entities.get(doc_id, {}), tags.get(doc_id, {})
            )
            for doc_id, story in stories.items()
        }

    def candidate_documents(self, doc_id: str, *, limit: int) -> list[str]:
        """Documents sharing at least one entity or tag with `doc_id`, most shared first."""
        rows = self._query(
            """
            SELECT doc_id, sum(n) AS shared FROM (
                SELECT m2.doc_id, count(DISTINCT m2.entity_id) AS n FROM mentions m1
                  JOIN mentions m2 ON m2.entity_id = m1.entity_id AND m2.doc_id != m1.doc_id
                 WHERE m1.doc_id = :d GROUP BY m2.doc_id
                UNION ALL
                SELECT t2.doc_id, count(*) FROM document_tags t1
                  JOIN document_tags t2 ON t2.tag_id = t1.tag_id AND t2.doc_id != t1.doc_id
                 WHERE t1.doc_id = :d AND t1.origin != 'removed' AND t2.origin != 'removed' GROUP BY t2.doc_id
            ) GROUP BY doc_id ORDER BY shared DESC LIMIT :k
            """,
            {"d": doc_id, "k": limit},
        )
        return [r[0] for r in rows]

    def trend_rows(self, kind: str) -> list[TrendRow]:
        """One row per document and tag (kind="tag") or entity ("entity") it carries."""
        if kind == "tag":
            sql = (
                "SELECT dt.tag_id, d.published, d.added_at FROM document_tags dt "
                "JOIN documents d ON d.id = dt.doc_id WHERE dt.origin != 'removed'"
            )
        elif kind == "entity":
            sql = (
                "SELECT DISTINCT m.entity_id, d.published, d.added_at, m.doc_id FROM mentions m "
                "JOIN documents d ON d.id = m.doc_id"
            )
        else:
            raise InputError(f"unknown trend kind {kind!r}; use tag or entity")
        return [TrendRow(r[0], r[1], r[2]) for r in self._query(sql)]

    # -- the query log -------------------------------------------------------------------------

    def log_queries(self, queries: Sequence[LoggedQuery]) -> None:
        if not queries:
            return
        with self._transaction("log queries") as db:
            db.executemany(
                "INSERT INTO query_log (query, folded, at, results) VALUES (?, ?, ?, ?)",
                [(q.query, q.folded, q.at, q.results) for q in queries],
            )

    def logged_queries(self, *, since: str) -> list[LoggedQuery]:
        """Queries logged at or after `since` (ISO time), oldest first."""
        rows = self._query(
            "SELECT query, folded, at, results FROM query_log WHERE at >= ? ORDER BY at, id",
            (since,),
        )
        return [LoggedQuery(*r) for r in rows]

    def clear_query_log(self, *, before: str | None = None) -> int:
        """Delete the query log (or the part older than `before`); returns rows deleted."""
        with self._transaction("clear the query log") as db:
            if before is None:
                return int(db.execute("DELETE FROM query_log").rowcount)
            return int(db.execute("DELETE FROM query_log WHERE at < ?", (before,)).rowcount)


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _batched(values: Sequence[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(values))
    for start in range(0, len(unique), _BATCH):
        yield unique[start : start + _BATCH]
