"""`LibraryKnowledge`: the knowledge features over one stored library (``kb.knowledge``).

Extraction runs at ingest inside the document's own transaction (`writes_for`), so a document is
stored with all of its tags, entities and keywords or none of them. Reads go through
`zhiku.knowledge.graph`; writes through `zhiku.knowledge.schema`, in one transaction each and
under the library's write lock (held only for the write). The extraction data (`KnowledgeKit`)
loads on first use; the taxonomy and entity catalogue are copied into the library's tables then,
when their version or size changed.

>>> kb = KnowledgeBase.open()                                 # doctest: +SKIP
>>> [t.tag_id for t in kb.knowledge.document_tags(doc_id)]    # doctest: +SKIP
['rag', 'llm']
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Protocol

import numpy as np

from zhiku.errors import InputError, LockedError, NotFound, StoreError
from zhiku.index import SearchIndex
from zhiku.knowledge import graph, schema
from zhiku.knowledge.extract import KnowledgeKit, analyze_document
from zhiku.knowledge.keywords import FrequencyLookup
from zhiku.knowledge.records import (
    DocumentEntity,
    DocumentTag,
    EntityDocument,
    EntityGraph,
    EntityMention,
    EntityProfile,
    GraphEdge,
    GraphNode,
    HotQuery,
    RelatedArticle,
    ResourceMatch,
    TagCount,
    Trends,
)
from zhiku.knowledge.related import document_vector, rank_related
from zhiku.knowledge.resources import match_resources
from zhiku.knowledge.trends import BUCKETS, hot_queries, mention_trends, rising
from zhiku.lock import WriteLock
from zhiku.records import Document
from zhiku.settings import Settings

log = logging.getLogger(__name__)

_DENSE_NEIGHBOURS = 50  # chunks read from the vector index for related-article candidates
ANALYZED_CHARS = 200_000  # of a document, for keywords, tags and entities (see `writes_for`)


class KnowledgeStore(Protocol):
    """What the knowledge features need of the store (`SQLiteStore` has it)."""

    @property
    def connection(self) -> sqlite3.Connection: ...
    def write(self, what: str, writes: Callable[[sqlite3.Connection], Any]) -> Any: ...
    def get_document(self, doc_id: str) -> Document: ...
    def document_ids(self) -> list[str]: ...
    def chunks_of(self, doc_id: str) -> list[Any]: ...
    def chunks_by_key(self, keys: Sequence[int]) -> dict[int, tuple[Any, Any]]: ...
    def cached_vectors(self, text_hashes: Sequence[str], model: str) -> dict[str, np.ndarray]: ...


class NamedModel(Protocol):
    name: str


def context_of(text: str, start: int, end: int, *, margin: int = 60) -> str:
    """The passage around ``text[start:end]``, within its line, "…" where it was cut.

    >>> context_of("第一行\\nOpenAI 发布了 GPT-4o，支持语音。\\n第三行", 15, 21, margin=4)
    '…发布了 GPT-4o，支持语…'
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left, right = max(line_start, start - margin), min(line_end, end + margin)
    return ("…" if left > line_start else "") + text[left:right] + ("…" if right < line_end else "")


def _paths(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def _now() -> datetime:
    return datetime.now(timezone.utc)


class LibraryKnowledge:
    """Tags, entities, the entity graph, related articles, resources and trends of a library."""

    def __init__(
        self,
        store: KnowledgeStore,
        index: SearchIndex,
        embedder: NamedModel,
        settings: Settings,
        *,
        lock: WriteLock | None = None,
        kit: KnowledgeKit | None = None,
    ) -> None:
        self.store = store
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._lock = lock
        self._kit = kit
        self._synced = False
        self._force_sync = False  # `reextract` copies the vocabulary even when it looks unchanged
        self._mutex = threading.RLock()  # one write at a time on the shared connection
        # queries are written in batches: a commit per search would cost more than the search
        self._pending_queries: list[tuple[str, str, int]] = []
        self._queries_flushed_at = time.monotonic()

    # -- data and writing ------------------------------------------------------------------

    @property
    def kit(self) -> KnowledgeKit:
        """The taxonomy and catalogues (loaded on first use, with the user's files)."""
        return self.load_kit()

    def load_kit(self) -> KnowledgeKit:
        with self._mutex:
            if self._kit is None:
                self._kit = KnowledgeKit.load(
                    taxonomy=self.settings.taxonomy_file or None,
                    entity_files=_paths(self.settings.entity_files),
                    resource_files=_paths(self.settings.resource_files),
                )
            if not self._synced:
                self._sync_vocabulary(self._kit, force=self._force_sync)
            return self._kit

    def _sync_vocabulary(self, kit: KnowledgeKit, *, force: bool = False) -> None:
        db = self.store.connection
        row = db.execute(
            "SELECT value FROM knowledge_meta WHERE key = 'taxonomy_version'"
        ).fetchone()
        known = db.execute("SELECT count(*) FROM entities WHERE origin = 'catalogue'").fetchone()[0]
        unchanged = (
            row is not None and row[0] == kit.taxonomy.version and known == len(kit.catalogue)
        )
        if unchanged and not force:
            self._synced = True
            return

        def sync(db: sqlite3.Connection) -> None:
            schema.sync_vocabulary(
                db, taxonomy=kit.taxonomy, entities=kit.catalogue.entities.values()
            )

        # a reader that cannot take the lock works from the catalogue in memory and syncs later
        self._force_sync = False
        self._synced = (
            self._write("sync the knowledge vocabulary", sync, wait=False) is not _SKIPPED
        )

    @contextmanager
    def _locked(self, *, wait: bool) -> Iterator[bool]:
        """Hold the library's write lock for one write (False: another process has it)."""
        if self._lock is None:
            yield True
            return
        held = self._lock.held
        if wait:
            self._lock.acquire()
        elif not self._lock.try_acquire():
            yield False
            return
        try:
            yield True
        finally:
            if not held:
                self._lock.release()

    def _write(
        self, what: str, writes: Callable[[sqlite3.Connection], Any], *, wait: bool = True
    ) -> Any:
        with self._mutex, self._locked(wait=wait) as locked:
            if not locked:
                log.debug("skipped %s: another process is writing to the library", what)
                return _SKIPPED
            return self.store.write(what, writes)

    def writes_for(
        self, document: Document, chunks: Sequence[Any]
    ) -> Callable[[sqlite3.Connection], None]:
        """Extract now; return the write that saves it in the document's own transaction.

        Only the first `ANALYZED_CHARS` characters are analyzed: keyword extraction grows
        faster than the text (a 2 MB text took 105 s here, 1 MB 17 s), and what a book-length
        dump is about shows in its opening pages. Entity mentions past the prefix are not kept.

        `chunks` are the document's new chunks (anything with ``.chunk.start`` / ``.chunk.end``).
        """
        knowledge = analyze_document(
            document.text[:ANALYZED_CHARS],
            document.title,
            kit=self.kit,
            links=document.metadata.get("links", []) if isinstance(document.metadata, dict) else [],
            df=FrequencyLookup(self.index.document_frequency),
            n_docs=self.index.num_chunks(),
        )
        spans = [(c.chunk.start, c.chunk.end) for c in chunks]

        def save(db: sqlite3.Connection) -> None:
            schema.save_knowledge(db, document.id, knowledge, chunk_spans=spans)

        return save

    def reextract(self, *, on_progress: Callable[[int, int, str], None] | None = None) -> int:
        """Extract every document again (after the taxonomy or a catalogue changed); manual and
        removed tags are kept. Returns the number of documents."""
        with self._mutex:
            self._synced, self._force_sync = False, True
            self._kit = None
        self.load_kit()
        ids = self.store.document_ids()
        for done, doc_id in enumerate(ids, start=1):
            doc = self.store.get_document(doc_id)
            save = self.writes_for(doc, self.store.chunks_of(doc_id))
            self._write(f"extract knowledge of {doc_id}", save)
            if on_progress is not None:
                on_progress(done, len(ids), doc.title)
        return len(ids)

    # -- tags ------------------------------------------------------------------------------

    def tags(self) -> list[TagCount]:
        return [TagCount(**row) for row in graph.tag_counts(self.store.connection)]

    def document_tags(self, doc_id: str) -> list[DocumentTag]:
        self.store.get_document(doc_id)  # NotFound for an unknown id
        return [DocumentTag(**row) for row in graph.document_tags(self.store.connection, doc_id)]

    def resolve_tag(self, name: str) -> str:
        """The tag id `name` means (an id or a label in either language), following merges."""
        db = self.store.connection
        row = db.execute(
            "SELECT id FROM tags WHERE id = ? OR label_zh = ? OR label_en = ? COLLATE NOCASE "
            "ORDER BY id = ? DESC LIMIT 1",
            (name, name, name, name),
        ).fetchone()
        if row is None:
            raise InputError(f"no tag {name!r}; `zhiku tags` lists them")
        tag_id: str = row[0]
        seen = set()
        while tag_id not in seen:
            seen.add(tag_id)
            target = db.execute("SELECT merged_into FROM tags WHERE id = ?", (tag_id,)).fetchone()
            if target is None or target[0] is None:
                break
            tag_id = target[0]
        return tag_id

    def tagged(self, name: str) -> set[str]:
        """Ids of the documents carrying the tag `name` (id or label): the search filter."""
        return graph.documents_with_tag(self.store.connection, self.resolve_tag(name))

    def add_tag(self, doc_id: str, label: str) -> str:
        """Tag a document by hand (a taxonomy id or label, or a new tag); returns the tag id."""
        self.load_kit()  # the taxonomy's tags exist before a label is looked up
        tag_id: str = self._write(f"tag {doc_id}", lambda db: schema.add_tag(db, doc_id, label))
        return tag_id

    def remove_tag(self, doc_id: str, tag: str) -> None:
        """Untag a document; re-extraction will not add an automatic tag back."""
        self.store.get_document(doc_id)
        tag_id = self.resolve_tag(tag)
        if tag_id not in {t.tag_id for t in self.document_tags(doc_id)}:
            raise NotFound(
                f"document {doc_id} has no tag {tag!r}; `zhiku tags --doc {doc_id}` lists its tags"
            )
        self._write(f"untag {doc_id}", lambda db: schema.remove_tag(db, doc_id, tag_id))

    def rename_tag(
        self, tag: str, *, label_zh: str | None = None, label_en: str | None = None
    ) -> None:
        if not (label_zh or label_en):
            raise InputError("give a new Chinese label (--zh), English label (--en) or both")
        tag_id = self.resolve_tag(tag)
        self._write(
            f"rename tag {tag_id}",
            lambda db: schema.rename_tag(db, tag_id, label_zh=label_zh, label_en=label_en),
        )

    def merge_tags(self, source: str, target: str) -> int:
        """Move every document of `source` to `target` (and future automatic ones); returns how many."""
        source_id, target_id = self.resolve_tag(source), self.resolve_tag(target)
        if source_id == target_id:
            raise InputError(f"{source!r} and {target!r} are the same tag")
        moved: int = self._write(
            f"merge tag {source_id}", lambda db: schema.merge_tags(db, source_id, target_id)
        )
        return moved

    # -- entities and the graph ------------------------------------------------------------

    def document_entities(self, doc_id: str) -> list[DocumentEntity]:
        """The entities of a document, most mentioned first, each with all its spans."""
        self.store.get_document(doc_id)
        grouped: dict[str, list[EntityMention]] = {}
        for mention in graph.document_mentions(self.store.connection, doc_id):
            grouped.setdefault(mention.entity_id, []).append(mention)
        found = [
            DocumentEntity(
                m[0].entity_id,
                m[0].name,
                m[0].type,
                tuple((x.start, x.end) for x in m),
                m[0].source,
            )
            for m in grouped.values()
        ]
        found.sort(key=lambda e: (-len(e.spans), e.spans[0][0]))
        return found

    def entity(self, name: str, *, limit: int = 20) -> EntityProfile:
        """The entity `name` means (an id, or an alias in any script or language)."""
        db = self.store.connection
        found = graph.find_entity(db, name, catalogue=self.kit.catalogue)
        if not found:
            raise NotFound(
                f"no entity {name!r} in the library; try another spelling, or an id such as org:openai"
            )
        entity = found[0]
        documents = tuple(
            EntityDocument(
                **d,
                context=context_of(self.store.get_document(d["doc_id"]).text, d["start"], d["end"]),
            )
            for d in graph.documents_mentioning(db, entity.id, limit=limit)
        )
        related = tuple(graph.related_entities(db, entity.id, limit=limit))
        return EntityProfile(entity, documents, related, tuple(found[1:6]))

    def entity_graph(self, name: str | None = None, *, limit: int = 25) -> EntityGraph:
        """The entity `name` and its `limit` closest neighbours, or (no name) the `limit` most
        mentioned entities; edges join every pair of them mentioned in a common document."""
        db = self.store.connection
        if name:
            centre = self.entity(name).entity.id
            ids = [centre, *(r.entity_id for r in graph.related_entities(db, centre, limit=limit))]
        else:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(DISTINCT doc_id) DESC, entity_id LIMIT ?",
                    (limit,),
                )
            ]
        return _graph_among(
            db,
            ids,
            catalogue_name=lambda i: (e.name, e.type) if (e := self.kit.catalogue.get(i)) else None,
        )

    # -- related articles and resources ----------------------------------------------------

    def _vector(self, doc_id: str) -> np.ndarray | None:
        chunks = self.store.chunks_of(doc_id)
        vectors = self.store.cached_vectors([c.text_hash for c in chunks], self.embedder.name)
        rows = [vectors[c.text_hash] for c in chunks if c.text_hash in vectors]
        return document_vector(np.stack(rows)) if rows else None

    def related(self, doc_id: str, *, k: int = 5) -> list[RelatedArticle]:
        """The `k` documents most related to `doc_id`: similar text, shared entities and tags;
        the same story (reposts, translations) and near-duplicates are left out."""
        self.store.get_document(doc_id)
        db = self.store.connection
        candidates = graph.candidate_documents(db, doc_id)
        vector = self._vector(doc_id)
        if vector is not None:
            nearest = self.index.dense(vector.astype(np.float32), _DENSE_NEIGHBOURS)
            found = self.store.chunks_by_key([key for key, _ in nearest])
            candidates += [found[key][0].doc_id for key, _ in nearest if key in found]
        profiles = graph.profiles(db, [doc_id, *candidates])
        target = replace(profiles.pop(doc_id), vector=vector)
        others = [replace(p, vector=self._vector(p.doc_id)) for p in profiles.values()]
        entity_df, n_docs = graph.entity_document_frequency(db)
        ranked = rank_related(target, others, k=k, entity_df=entity_df, n_docs=n_docs)
        names = dict(db.execute("SELECT id, name FROM entities").fetchall())
        out = []
        for r in ranked:
            doc = self.store.get_document(r.doc_id)
            out.append(
                RelatedArticle(
                    r.doc_id,
                    doc.title,
                    doc.source,
                    r.score,
                    r.similarity,
                    r.shared_entities,
                    tuple(names.get(e, e) for e in r.shared_entities),
                    r.shared_tags,
                )
            )
        return out

    def resources(self, doc_id: str, *, limit: int = 5) -> list[ResourceMatch]:
        """Resources for a document, best first, each with its reason and evidence span."""
        doc = self.store.get_document(doc_id)
        db = self.store.connection
        return match_resources(
            graph.document_mentions(db, doc_id),
            graph.document_tag_assignments(db, doc_id),
            doc.text,
            catalogue=self.kit.resources,
            links=graph.outbound_links(db, doc_id),
            limit=limit,
        )

    # -- trends and the query log ----------------------------------------------------------

    def trends(self, *, kind: str = "tag", bucket: str = "month", limit: int = 8) -> Trends:
        """Documents per period for the `limit` tags (or entities) in most documents."""
        if kind not in ("tag", "entity"):
            raise InputError(f"unknown trend kind {kind!r}; use tag or entity")
        if bucket not in BUCKETS:
            raise InputError(f"unknown period {bucket!r}; use one of {', '.join(BUCKETS)}")
        db = self.store.connection
        series = mention_trends(graph.trend_rows(db, kind=kind), bucket=bucket)
        top = sorted(series, key=lambda key: (-sum(p.documents for p in series[key]), key))[:limit]
        rose = rising(series, limit=limit)
        shown = [*top, *(key for key, _ in rose)]
        if kind == "tag":
            labels = {
                r[0]: (r[1], r[2]) for r in db.execute("SELECT id, label_zh, label_en FROM tags")
            }
            names = {
                key: f"{labels[key][0]} / {labels[key][1]}" if key in labels else key
                for key in shown
            }
        else:
            known = dict(db.execute("SELECT id, name FROM entities").fetchall())
            names = {key: known.get(key, key) for key in shown}
        return Trends(kind, bucket, {key: tuple(series[key]) for key in top}, names, tuple(rose))

    def hot_queries(self, *, days: int = 7, limit: int = 10) -> list[HotQuery]:
        """The most asked queries of the last `days` days (spellings folded together)."""
        self.flush_queries()
        now = _now()
        since = (now - timedelta(days=days)).isoformat(timespec="seconds")
        return hot_queries(
            graph.query_log_rows(self.store.connection, since=since),
            now=now,
            days=days,
            limit=limit,
        )

    def log_query(self, query: str, results: int) -> None:
        """Record a query when the ``query_log`` setting is on, in a batch written every
        `_QUERY_BATCH` queries or `_QUERY_FLUSH_S` seconds, and before the log is read or the
        library closes. Never fails a search: when another process holds the write lock (or the
        write fails), the batch is skipped."""
        if not self.settings.query_log or not query.strip():
            return
        with self._mutex:
            self._pending_queries.append((query, _now().isoformat(timespec="seconds"), results))
            due = time.monotonic() - self._queries_flushed_at >= _QUERY_FLUSH_S
            if len(self._pending_queries) >= _QUERY_BATCH or due:
                self.flush_queries()

    def flush_queries(self) -> None:
        """Write the queries logged since the last flush."""
        with self._mutex:
            batch, self._pending_queries = self._pending_queries, []
            self._queries_flushed_at = time.monotonic()
        if not batch:
            return

        def write(db: sqlite3.Connection) -> None:
            for query, at, results in batch:
                schema.log_query(db, query, at=at, results=results)

        try:
            self._write("log queries", write, wait=False)
        except (LockedError, StoreError) as error:
            log.debug("%d queries not logged: %s", len(batch), error)

    def clear_queries(self) -> int:
        """Delete the whole query log; returns how many queries were deleted."""
        with self._mutex:
            self._pending_queries = []
        deleted: int = self._write("clear the query log", schema.clear_query_log)
        return deleted


_SKIPPED = object()
_QUERY_BATCH = 64
_QUERY_FLUSH_S = 5.0


def _graph_among(
    db: sqlite3.Connection,
    ids: list[str],
    *,
    catalogue_name: Callable[[str], tuple[str, str] | None],
) -> EntityGraph:
    """Nodes `ids` and an edge for every pair of them mentioned in a common document (weight:
    common documents / sqrt(documents of each), as `graph.related_entities`)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return EntityGraph((), ())
    marks = ",".join("?" * len(ids))
    counts = dict(
        db.execute(
            f"SELECT entity_id, count(DISTINCT doc_id) FROM mentions WHERE entity_id IN ({marks}) GROUP BY entity_id",
            ids,
        ).fetchall()
    )
    stored = {
        r[0]: (r[1], r[2])
        for r in db.execute(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", ids)
    }
    nodes = []
    for entity_id in ids:
        name, kind = stored.get(entity_id) or catalogue_name(entity_id) or (entity_id, "org")
        nodes.append(GraphNode(entity_id, name, kind, counts.get(entity_id, 0)))
    pairs = db.execute(
        f"""
        WITH docs AS (SELECT DISTINCT entity_id, doc_id FROM mentions WHERE entity_id IN ({marks}))
        SELECT a.entity_id, b.entity_id, count(*) FROM docs a JOIN docs b
            ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
        GROUP BY a.entity_id, b.entity_id
        """,
        ids,
    ).fetchall()
    edges = [
        GraphEdge(a, b, round(n / max(counts.get(a, 1) * counts.get(b, 1), 1) ** 0.5, 4), n)
        for a, b, n in pairs
    ]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return EntityGraph(tuple(nodes), tuple(edges))
