"""Reading the knowledge tables: the light knowledge graph, tags, profiles for related articles.

Every function takes a `sqlite3.Connection` on a library with `m007_knowledge` applied (the
`KnowledgeBase` passes the store's connection) and only reads.

An entity's neighbours are weighted by how much their document sets overlap (Ochiai:
``together / sqrt(docs_a * docs_b)``), plus a bonus for sharing a chunk, which is a closer tie
than sharing a long document.
"""

from __future__ import annotations

import json
import math
import sqlite3
from typing import Any

from zhiku.knowledge.catalogue import EntityCatalogue
from zhiku.knowledge.records import (
    DocumentProfile,
    Entity,
    EntityMention,
    RelatedEntity,
    TagAssignment,
)
from zhiku.normalize import fold_key

CHUNK_BONUS = 0.5


def find_entity(db: sqlite3.Connection, name: str, *, catalogue: EntityCatalogue | None = None) -> list[Entity]:
    """Entities the user may mean by `name`: an id or an alias in any script or language first,
    then stored names containing it (folded), most mentioned first."""
    exact: list[str] = []
    partial: list[str] = []
    if catalogue is not None and (known := catalogue.lookup(name)) is not None:
        exact.append(known.id)
    key = fold_key(name).strip()
    rows = db.execute(
        "SELECT e.id, e.name, e.aliases, count(m.doc_id) AS n FROM entities e "
        "LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY n DESC, e.id"
    ).fetchall()
    for entity_id, entity_name, aliases, _ in rows:
        names = [fold_key(n) for n in (entity_id, entity_name, *json.loads(aliases or "[]"))]
        if key in names:
            exact.append(entity_id)
        elif key and any(key in n for n in names):
            partial.append(entity_id)
    found = (entity(db, i, catalogue=catalogue) for i in dict.fromkeys(exact + partial))
    return [e for e in found if e is not None]


def entity(db: sqlite3.Connection, entity_id: str, *, catalogue: EntityCatalogue | None = None) -> Entity | None:
    row = db.execute("SELECT id, name, type, url, aliases FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return catalogue.get(entity_id) if catalogue else None
    known = catalogue.get(entity_id) if catalogue else None
    return Entity(row[0], row[1], row[2], row[3], tuple(json.loads(row[4] or "[]")), known.by if known else None)


def documents_mentioning(db: sqlite3.Connection, entity_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Documents that mention the entity, most mentions first, with the first mention's span."""
    rows = db.execute(
        "SELECT m.doc_id, d.title, count(*) AS n, min(m.start) AS first, coalesce(d.published, d.added_at) AS date "
        "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? "
        "GROUP BY m.doc_id ORDER BY n DESC, date DESC LIMIT ?",
        (entity_id, limit),
    ).fetchall()
    out = []
    for doc_id, title, n, first, date in rows:
        end = db.execute("SELECT end FROM mentions WHERE doc_id = ? AND start = ?", (doc_id, first)).fetchone()[0]
        out.append({"doc_id": doc_id, "title": title, "mentions": n, "start": first, "end": end, "date": date})
    return out


def related_entities(db: sqlite3.Connection, entity_id: str, *, limit: int = 20) -> list[RelatedEntity]:
    """What `entity_id` is related to: co-occurring entities, weighted (see module doc)."""
    rows = db.execute(
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
    ).fetchall()
    mine = db.execute("SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?", (entity_id,)).fetchone()[0]
    my_chunks = db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT doc_id, chunk FROM mentions WHERE entity_id = ? AND chunk IS NOT NULL)",
        (entity_id,),
    ).fetchone()[0]
    names = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, name, type FROM entities")}
    out = []
    for other, together, theirs, in_chunk in rows:
        weight = together / math.sqrt(max(mine, 1) * max(theirs, 1))
        weight += CHUNK_BONUS * in_chunk / max(my_chunks, 1)
        name, kind = names.get(other, (other, "org"))
        out.append(RelatedEntity(other, name, kind, round(weight, 4), together, in_chunk))
    out.sort(key=lambda r: (-r.weight, -r.documents, r.entity_id))
    return out[:limit]


def entity_graph(db: sqlite3.Connection, entity_id: str, *, limit: int = 25) -> dict[str, list[dict[str, Any]]]:
    """Nodes and weighted edges around one entity, for the API route and the graph view."""
    centre = entity(db, entity_id)
    if centre is None:
        return {"nodes": [], "edges": []}
    neighbours = related_entities(db, entity_id, limit=limit)
    nodes = [{"id": centre.id, "name": centre.name, "type": centre.type}]
    nodes += [{"id": n.entity_id, "name": n.name, "type": n.type} for n in neighbours]
    edges = [{"source": entity_id, "target": n.entity_id, "weight": n.weight, "documents": n.documents} for n in neighbours]
    return {"nodes": nodes, "edges": edges}


def document_mentions(db: sqlite3.Connection, doc_id: str) -> list[EntityMention]:
    rows = db.execute(
        "SELECT m.entity_id, e.name, e.type, m.start, m.end, m.source FROM mentions m "
        "JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ? ORDER BY m.start",
        (doc_id,),
    ).fetchall()
    return [EntityMention(*row) for row in rows]


def document_tags(db: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """A document's tags (automatic and manual, not removed), best first, with evidence spans."""
    rows = db.execute(
        "SELECT t.id, t.label_zh, t.label_en, dt.score, dt.start, dt.end, dt.origin FROM document_tags dt "
        "JOIN tags t ON t.id = dt.tag_id WHERE dt.doc_id = ? AND dt.origin != 'removed' ORDER BY dt.score DESC",
        (doc_id,),
    ).fetchall()
    keys = ("tag_id", "label_zh", "label_en", "score", "start", "end", "origin")
    return [dict(zip(keys, row)) for row in rows]


def document_tag_assignments(db: sqlite3.Connection, doc_id: str) -> list[TagAssignment]:
    """A document's tags as `TagAssignment`s (manual ones have no evidence), for `match_resources`."""
    return [
        TagAssignment(t["tag_id"], t["label_zh"], t["label_en"], t["score"],
                      None if t["start"] is None else (t["start"], t["end"]))
        for t in document_tags(db, doc_id)
    ]


def outbound_links(db: sqlite3.Connection, doc_id: str) -> list[str]:
    """The URLs a document links to (in its text or kept from removed blocks)."""
    return [r[0] for r in db.execute("SELECT url FROM document_links WHERE doc_id = ? ORDER BY url", (doc_id,))]


def tag_counts(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every tag with how many documents carry it (for ``zhiku tags``)."""
    rows = db.execute(
        "SELECT t.id, t.label_zh, t.label_en, t.origin, count(dt.doc_id) FROM tags t "
        "LEFT JOIN document_tags dt ON dt.tag_id = t.id AND dt.origin != 'removed' "
        "WHERE t.merged_into IS NULL GROUP BY t.id ORDER BY count(dt.doc_id) DESC, t.id"
    ).fetchall()
    return [dict(zip(("tag_id", "label_zh", "label_en", "origin", "documents"), row)) for row in rows]


def documents_with_tag(db: sqlite3.Connection, tag_id: str) -> set[str]:
    """Ids of documents carrying the tag (a search filter)."""
    rows = db.execute("SELECT doc_id FROM document_tags WHERE tag_id = ? AND origin != 'removed'", (tag_id,))
    return {row[0] for row in rows}


def links_between(db: sqlite3.Connection, doc_id: str) -> dict[str, list[str]]:
    """Documents this one links to and documents linking to it (by stored URL)."""
    out_rows = db.execute(
        "SELECT DISTINCT d.id FROM document_links l JOIN documents d ON d.url = l.url WHERE l.doc_id = ? AND d.id != ?",
        (doc_id, doc_id),
    ).fetchall()
    in_rows = db.execute(
        "SELECT DISTINCT l.doc_id FROM document_links l JOIN documents d ON d.url = l.url WHERE d.id = ? AND l.doc_id != ?",
        (doc_id, doc_id),
    ).fetchall()
    return {"links_to": [r[0] for r in out_rows], "linked_from": [r[0] for r in in_rows]}


def profiles(db: sqlite3.Connection, doc_ids: list[str] | None = None) -> dict[str, DocumentProfile]:
    """Entity and tag profiles (no vectors: the caller adds them) of some or all documents."""
    ids = list(dict.fromkeys(doc_ids)) if doc_ids is not None else [r[0] for r in db.execute("SELECT id FROM documents")]
    out: dict[str, DocumentProfile] = {}
    for start in range(0, len(ids), 500):  # SQLite caps the number of parameters
        batch = ids[start:start + 500]
        marks = ",".join("?" * len(batch))
        for doc_id, story in db.execute(f"SELECT id, coalesce(story_id, id) FROM documents WHERE id IN ({marks})", batch):
            out[doc_id] = DocumentProfile(doc_id, story, None, {}, {})
        for doc_id, entity_id, n in db.execute(
            f"SELECT doc_id, entity_id, count(*) FROM mentions WHERE doc_id IN ({marks}) GROUP BY doc_id, entity_id", batch
        ):
            out[doc_id].entities[entity_id] = n
        for doc_id, tag_id, score in db.execute(
            f"SELECT doc_id, tag_id, score FROM document_tags WHERE doc_id IN ({marks}) AND origin != 'removed'", batch
        ):
            out[doc_id].tags[tag_id] = score
    return out


def candidate_documents(db: sqlite3.Connection, doc_id: str, *, limit: int = 200) -> list[str]:
    """Documents sharing at least one entity or tag with `doc_id`, most shared first."""
    rows = db.execute(
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
    ).fetchall()
    return [r[0] for r in rows]


def entity_document_frequency(db: sqlite3.Connection) -> tuple[dict[str, int], int]:
    """entity id -> documents mentioning it, and the number of documents (for IDF weights)."""
    df = dict(db.execute("SELECT entity_id, count(DISTINCT doc_id) FROM mentions GROUP BY entity_id").fetchall())
    return df, db.execute("SELECT count(*) FROM documents").fetchone()[0]


def trend_rows(db: sqlite3.Connection, *, kind: str = "tag") -> list[tuple[str, str | None, str | None]]:
    """``(key, published, added_at)`` per document and tag (kind="tag") or entity ("entity")."""
    if kind == "tag":
        sql = ("SELECT dt.tag_id, d.published, d.added_at FROM document_tags dt JOIN documents d ON d.id = dt.doc_id "
               "WHERE dt.origin != 'removed'")
    elif kind == "entity":
        sql = ("SELECT DISTINCT m.entity_id, d.published, d.added_at, m.doc_id FROM mentions m "
               "JOIN documents d ON d.id = m.doc_id")
    else:
        raise ValueError(f"kind must be 'tag' or 'entity', not {kind!r}")
    return [(r[0], r[1], r[2]) for r in db.execute(sql)]


def query_log_rows(db: sqlite3.Connection, *, since: str) -> list[tuple[str, str]]:
    """``(query, at)`` rows at or after `since` (ISO), for `hot_queries`."""
    return [(r[0], r[1]) for r in db.execute("SELECT query, at FROM query_log WHERE at >= ? ORDER BY at", (since,))]
