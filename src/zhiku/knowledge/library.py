"""`LibraryKnowledge`: the knowledge features over one stored library (``kb.knowledge``).

Extraction runs at ingest (`extract`) and the store saves it in the document's own transaction,
so a document is stored with all of its tags, entities and keywords or none of them. Reads and
writes go through the store's `KnowledgeStore` methods; each write is one transaction, made
under the library's write lock (held only for the write); `zhiku.knowledge.graph` ranks. The extraction data (`KnowledgeKit`)
loads on first use; the taxonomy and entity catalogue are copied into the library's tables then,
when their version or size changed.

>>> kb = KnowledgeBase.open()                                 # doctest: +SKIP
>>> [t.tag_id for t in kb.knowledge.document_tags(doc_id)]    # doctest: +SKIP
['rag', 'llm']
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol, TypeVar

import numpy as np

from zhiku.errors import InputError, LockedError, NotFound, StoreError
from zhiku.index import SearchIndex
from zhiku.knowledge.extract import DocumentKnowledge, KnowledgeKit, analyze_document
from zhiku.knowledge.graph import graph_among, matching_entities, rank_neighbours
from zhiku.knowledge.keywords import FrequencyLookup
from zhiku.knowledge.records import (
    DocumentEntity,
    DocumentTag,
    Entity,
    EntityDocument,
    EntityGraph,
    EntityMention,
    EntityProfile,
    HotQuery,
    RelatedArticle,
    RelatedEntity,
    ResourceMatch,
    TagAssignment,
    TagCount,
    Trends,
)
from zhiku.knowledge.related import document_vector, rank_related
from zhiku.knowledge.resources import match_resources
from zhiku.knowledge.trends import BUCKETS, DATES, hot_queries, mention_trends, rising
from zhiku.lock import WriteLock
from zhiku.normalize import fold_key
from zhiku.records import Document
from zhiku.settings import Settings
from zhiku.store import LoggedQuery, Store

log = logging.getLogger(__name__)

# False while serving a request another site's page made a browser send: such a query is not
# the user's, and must not plant "hot queries" (set by zhiku.api.guards.SameSiteMiddleware)
QUERY_LOGGING: ContextVar[bool] = ContextVar("zhiku_query_logging", default=True)

_DENSE_NEIGHBOURS = 50  # chunks read from the vector index for related-article candidates
ANALYZED_CHARS = 200_000  # of a document, for keywords, tags and entities (see `writes_for`)


T = TypeVar("T")


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
    return datetime.now(UTC)


class LibraryKnowledge:
    """Tags, entities, the entity graph, related articles, resources and trends of a library."""

    def __init__(
        self,
        store: Store,
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
        self._lock = lock or WriteLock(None)  # without a lock file, threads still write one by one
        self._kit = kit
        self._synced = False
        self._force_sync = False  # `reextract` copies the vocabulary even when it looks unchanged
        self._mutex = threading.RLock()  # loading the kit once, from any thread
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
        state = self.store.vocabulary_state()
        unchanged = (
            state.taxonomy_version == kit.taxonomy.version
            and state.catalogue_entities == len(kit.catalogue)
        )
        if unchanged and not force:
            self._synced = True
            return

        def sync() -> None:
            self.store.sync_vocabulary(
                kit.taxonomy.topics.values(),
                kit.catalogue.entities.values(),
                version=kit.taxonomy.version,
            )

        # a reader that cannot take the lock works from the catalogue in memory and syncs later
        self._force_sync = False
        self._synced = self._wrote_if_free("sync the knowledge vocabulary", sync)

    def _wrote(self, what: str, writes: Callable[[], T]) -> T:
        """Run one store write under the write lock, waiting for it."""
        with self._lock.holding(wait=True):
            return writes()

    def _wrote_if_free(self, what: str, writes: Callable[[], object]) -> bool:
        """Run one store write if no other process holds the write lock; False: skipped."""
        with self._lock.holding(wait=False) as locked:
            if not locked:
                log.debug("skipped %s: another process is writing to the library", what)
                return False
            writes()
            return True

    def extract(self, document: Document) -> DocumentKnowledge:
        """Keywords, tags, entities and links of `document`, for `Store.put_document` to save
        in the document's own transaction."""
        return analyze_document(
            document.text[:ANALYZED_CHARS],
            document.title,
            kit=self.kit,
            links=document.metadata.get("links", []) if isinstance(document.metadata, dict) else [],
            df=FrequencyLookup(self.index.document_frequency),
            n_docs=self.index.num_chunks(),
        )

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
            knowledge = self.extract(doc)
            spans = [(c.chunk.start, c.chunk.end) for c in self.store.chunks_of(doc_id)]
            save = partial(self.store.save_knowledge, doc_id, knowledge, chunk_spans=spans)
            self._wrote(f"extract knowledge of {doc_id}", save)
            if on_progress is not None:
                on_progress(done, len(ids), doc.title)
        return len(ids)

    # -- tags ------------------------------------------------------------------------------

    def tags(self) -> list[TagCount]:
        return self.store.tag_counts()

    def document_tags(self, doc_id: str) -> list[DocumentTag]:
        self.store.get_document(doc_id)  # NotFound for an unknown id
        return self.store.document_tags(doc_id)

    def resolve_tag(self, name: str) -> str:
        """The tag id `name` means (an id or a label in either language), following merges."""
        tag_id = self.store.find_tag(name)
        if tag_id is None:
            raise InputError(f"no tag {name!r}; `zhiku tags` lists them")
        return tag_id

    def tagged(self, name: str) -> set[str]:
        """Ids of the documents carrying the tag `name` (id or label): the search filter."""
        return set(self.store.documents_with_tag(self.resolve_tag(name)))

    def add_tag(self, doc_id: str, label: str) -> str:
        """Tag a document by hand (a taxonomy id or label, or a new tag); returns the tag id."""
        label = label.strip()
        if not label:
            raise InputError("a tag needs a name")
        self.load_kit()  # the taxonomy's tags exist before a label is looked up
        new_id = "user:" + fold_key(label).replace(" ", "-")
        return self._wrote(
            f"tag {doc_id}", lambda: self.store.add_tag(doc_id, label, new_id=new_id)
        )

    def remove_tag(self, doc_id: str, tag: str) -> None:
        """Untag a document; re-extraction will not add an automatic tag back."""
        self.store.get_document(doc_id)
        tag_id = self.resolve_tag(tag)
        if tag_id not in {t.tag_id for t in self.document_tags(doc_id)}:
            raise NotFound(
                f"document {doc_id} has no tag {tag!r}; the document's tag list shows its tags"
            )
        self._wrote(f"untag {doc_id}", lambda: self.store.remove_tag(doc_id, tag_id))

    def rename_tag(
        self, tag: str, *, label_zh: str | None = None, label_en: str | None = None
    ) -> None:
        if not (label_zh or label_en):
            raise InputError("give a new Chinese label, English label or both")
        tag_id = self.resolve_tag(tag)
        self._wrote(
            f"rename tag {tag_id}",
            lambda: self.store.rename_tag(tag_id, label_zh=label_zh, label_en=label_en),
        )

    def merge_tags(self, source: str, target: str) -> int:
        """Move every document of `source` to `target` (and future automatic ones); returns how many."""
        source_id, target_id = self.resolve_tag(source), self.resolve_tag(target)
        if source_id == target_id:
            raise InputError(f"{source!r} and {target!r} are the same tag")
        return self._wrote(
            f"merge tag {source_id}", lambda: self.store.merge_tags(source_id, target_id)
        )

    # -- entities and the graph ------------------------------------------------------------

    def document_entities(self, doc_id: str) -> list[DocumentEntity]:
        """The entities of a document, most mentioned first, each with all its spans."""
        self.store.get_document(doc_id)
        grouped: dict[str, list[EntityMention]] = {}
        for mention in self.store.document_mentions(doc_id):
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
        found = self._find_entities(name)
        if not found:
            raise NotFound(
                f"no entity {name!r} in the library; try another spelling, or an id such as org:openai"
            )
        entity = found[0]
        documents = tuple(
            EntityDocument(
                d.doc_id,
                d.title,
                d.mentions,
                d.start,
                d.end,
                d.date,
                context=context_of(self.store.get_document(d.doc_id).text, d.start, d.end),
            )
            for d in self.store.documents_mentioning(entity.id, limit=limit)
        )
        related = tuple(self._related_entities(entity.id, limit=limit))
        return EntityProfile(entity, documents, related, tuple(found[1:6]))

    def _find_entities(self, name: str) -> list[Entity]:
        """Entities the user may mean by `name` (see `graph.matching_entities`)."""
        catalogue = self.kit.catalogue
        found = []
        for entity_id in matching_entities(
            name, self.store.entity_summaries(), catalogue=catalogue
        ):
            stored, known = self.store.entity(entity_id), catalogue.get(entity_id)
            if stored is not None:
                found.append(replace(stored, by=known.by) if known else stored)
            elif known is not None:
                found.append(known)
        return found

    def _related_entities(self, entity_id: str, *, limit: int) -> list[RelatedEntity]:
        return rank_neighbours(
            self.store.neighbourhood(entity_id), self.store.entity_names(), limit=limit
        )

    def entity_graph(self, name: str | None = None, *, limit: int = 25) -> EntityGraph:
        """The entity `name` and its `limit` closest neighbours, or (no name) the `limit` most
        mentioned entities; edges join every pair of them mentioned in a common document."""
        if name:
            centre = self.entity(name).entity.id
            ids = [centre, *(r.entity_id for r in self._related_entities(centre, limit=limit))]
        else:
            ids = self.store.most_mentioned_entities(limit=limit)
        if not ids:
            return EntityGraph((), ())
        return graph_among(
            ids,
            documents=self.store.entity_document_counts(ids),
            pairs=self.store.entity_pairs(ids),
            names=self.store.entity_names(),
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
        candidates = self.store.candidate_documents(doc_id, limit=200)
        vector = self._vector(doc_id)
        if vector is not None:
            nearest = self.index.dense(vector.astype(np.float32), _DENSE_NEIGHBOURS)
            found = self.store.chunks_by_key([key for key, _ in nearest])
            candidates += [found[key][0].doc_id for key, _ in nearest if key in found]
        profiles = self.store.profiles([doc_id, *candidates])
        target = replace(profiles.pop(doc_id), vector=vector)
        others = [replace(p, vector=self._vector(p.doc_id)) for p in profiles.values()]
        entity_df, n_docs = self.store.entity_document_frequency()
        ranked = rank_related(target, others, k=k, entity_df=entity_df, n_docs=n_docs)
        names = {key: name for key, (name, _) in self.store.entity_names().items()}
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
        tags = [
            TagAssignment(
                t.tag_id,
                t.label_zh,
                t.label_en,
                t.score,
                None if t.start is None or t.end is None else (t.start, t.end),
            )
            for t in self.store.document_tags(doc_id)
        ]
        return match_resources(
            self.store.document_mentions(doc_id),
            tags,
            doc.text,
            catalogue=self.kit.resources,
            links=self.store.outbound_links(doc_id),
            limit=limit,
        )

    # -- trends and the query log ----------------------------------------------------------

    def trends(
        self, *, kind: str = "tag", bucket: str = "month", limit: int = 8, date: str = "either"
    ) -> Trends:
        """Documents per period for the `limit` tags (or entities) in most documents, dated by
        `date` (`zhiku.knowledge.trends`: either, published or added)."""
        if kind not in ("tag", "entity"):
            raise InputError(f"unknown trend kind {kind!r}; use tag or entity")
        if bucket not in BUCKETS:
            raise InputError(f"unknown period {bucket!r}; use one of {', '.join(BUCKETS)}")
        if date not in DATES:
            raise InputError(f"unknown date {date!r}; use one of {', '.join(DATES)}")
        rows = [(r.key, r.published, r.added_at) for r in self.store.trend_rows(kind)]
        series = mention_trends(rows, bucket=bucket, date=date)
        top = sorted(series, key=lambda key: (-sum(p.documents for p in series[key]), key))[:limit]
        rose = rising(series, limit=limit)
        shown = [*top, *(key for key, _ in rose)]
        if kind == "tag":
            labels = self.store.tag_labels()
            names = {
                key: f"{labels[key][0]} / {labels[key][1]}" if key in labels else key
                for key in shown
            }
        else:
            known = self.store.entity_names()
            names = {key: known[key][0] if key in known else key for key in shown}
        dated = sum(p.documents for points in series.values() for p in points)
        return Trends(
            kind,
            bucket,
            {key: tuple(series[key]) for key in top},
            names,
            tuple(rose),
            date,
            len(rows) - dated,
        )

    def hot_queries(self, *, days: int = 7, limit: int = 10) -> list[HotQuery]:
        """The most asked queries of the last `days` days (spellings folded together)."""
        self.flush_queries()
        now = _now()
        since = (now - timedelta(days=days)).isoformat(timespec="seconds")
        return hot_queries(
            [(q.query, q.at) for q in self.store.logged_queries(since=since)],
            now=now,
            days=days,
            limit=limit,
        )

    def log_query(self, query: str, results: int) -> None:
        """Record a query when the ``query_log`` setting is on, in a batch written every
        `_QUERY_BATCH` queries or `_QUERY_FLUSH_S` seconds, and before the log is read or the
        library closes. Never fails a search: when another process holds the write lock (or the
        write fails), the batch is skipped."""
        if not self.settings.query_log or not QUERY_LOGGING.get() or not query.strip():
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

        entries = [
            LoggedQuery(query.strip(), " ".join(fold_key(query).split()), at, results)
            for query, at, results in batch
        ]
        try:
            self._wrote_if_free("log queries", lambda: self.store.log_queries(entries))
        except (LockedError, StoreError) as error:
            log.debug("%d queries not logged: %s", len(batch), error)

    def clear_queries(self) -> int:
        """Delete the whole query log; returns how many queries were deleted."""
        with self._mutex:
            self._pending_queries = []
        return self._wrote("clear the query log", self.store.clear_query_log)


_QUERY_BATCH = 64
_QUERY_FLUSH_S = 5.0
