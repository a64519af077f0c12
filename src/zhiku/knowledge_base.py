"""`KnowledgeBase`: the library. CLI, HTTP API and MCP server are thin layers over it."""

from __future__ import annotations

import bisect
import logging
import math
import threading
import time
from collections.abc import (
    Callable,
    Collection,
    Generator,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from zhiku.answer import extract_answer
from zhiku.backends import is_cluster_store, open_index, open_store
from zhiku.clean import CleanText
from zhiku.conversation import Conversations
from zhiku.embedders import Embedder, load_embedder
from zhiku.errors import ConfigError, InputError, NotFound
from zhiku.filters import matches
from zhiku.generate import generate_answer, stream_answer
from zhiku.index import SearchIndex
from zhiku.index.parts import part_hashes
from zhiku.ingest import (
    AS_IS_KEY,
    PreparedDocument,
    content_hash,
    document_id,
    page_fingerprints,
    prepare,
    site_of,
    stored_tokens,
    text_hash,
)
from zhiku.knowledge.library import LibraryKnowledge
from zhiku.llm.protocol import LLM
from zhiku.lock import WriteLock
from zhiku.metadata_passage import NAMED_PAGE, asks_about_metadata, cite_fields, named_share
from zhiku.normalize import detect_script, language_of, unpaired_surrogate
from zhiku.profile import BuildProfile, embedder_model, infer_profile, open_settings
from zhiku.query_expansion import LANGUAGES, expansion_terms
from zhiku.records import Answer, Document, Hit, SearchFilters
from zhiku.reingest import StoredSource, read_sources
from zhiku.retrieve import dense_weight_of, fuse, lexical_trust, with_expansion
from zhiku.search_results import WINDOW, diversified, shown
from zhiku.segment import lexical_query
from zhiku.sentence_vectors import sentence_parts
from zhiku.settings import Settings
from zhiku.shared_embedder import SharedEmbedder
from zhiku.site_chrome import PageChrome, SiteTemplate, changed_pages
from zhiku.sources.files import RawInput, iter_files, read_file, skipped_files
from zhiku.sources.web import Fetcher, FetchPolicy
from zhiku.store import Store, StoredChunk, StoryFields
from zhiku.stories import StoryLinker
from zhiku.verify import Passage

log = logging.getLogger(__name__)

MODES = ("hybrid", "lexical", "dense")
_CANDIDATES = 100
# a language holding less of the library than this has too few passages to search its words for
_LANGUAGE_PRESENT = 0.02


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What happened to one input: added, updated, unchanged, duplicate or failed."""

    origin: str
    status: str
    doc_id: str | None = None
    title: str = ""
    reason: str = ""
    chunks: int = 0


ProgressCallback = Callable[[int, int, str], None]


class KnowledgeBase:
    """A library of cleaned, chunked, indexed documents that answers with citations.

    >>> kb = KnowledgeBase.open(Settings(home="/tmp/my-library"))   # doctest: +SKIP
    >>> kb.add(["notes/"]); kb.ask("什么是 RAG?")                      # doctest: +SKIP
    """

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        index: SearchIndex,
        settings: Settings | None = None,
        *,
        lock: WriteLock | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        # query-time embedding (searches, answer checks): cached and batched across threads
        self._query_embedder = SharedEmbedder(embedder)
        self.index = index
        self.settings = settings or Settings()
        self._lock = lock
        self._stories = StoryLinker(store)
        self._language: str | None = None  # cached library_language(), reset on every write
        self._shares: dict[str, float] | None = None  # cached store.language_shares(), likewise
        self._following = threading.Lock()  # one catch-up at a time (`_follow_other_writers`)
        # tags, entities, related articles, resources, trends: `kb.knowledge.tags()` etc.
        self.knowledge = LibraryKnowledge(store, index, embedder, self.settings, lock=lock)
        # follow-up questions in context, kept in the library: `kb.conversations.ask(...)`
        self.conversations = Conversations(self)

    @classmethod
    def open(
        cls,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        reembed: bool = False,
    ) -> KnowledgeBase:
        """The library in ``settings.home``, created on first use, with the embedder and
        chunking it was built with (`zhiku.profile`), its index caught up with the store.

        `reembed` opens it with a chosen embedder other than the recorded one, for `reindex`.
        """
        settings = settings or Settings.load()
        home = settings.home_path
        home.mkdir(parents=True, exist_ok=True)
        store = open_store(settings)
        try:
            settings, embedder = open_settings(
                _recorded_profile(store, settings, embedder),
                settings,
                embedder=embedder,
                load=load_embedder,
                reembed=reembed,
            )
            kb = cls._open_indexes(store, embedder, settings)
        except BaseException:
            store.close()
            raise
        try:
            kb.catch_up()
        except BaseException:
            kb.close()
            raise
        return kb

    @classmethod
    def _open_indexes(cls, store: Store, embedder: Embedder, settings: Settings) -> KnowledgeBase:
        index = open_index(settings, store, embedder)
        # a cluster store serialises writers itself (transactions, advisory locks)
        lock = (
            None
            if is_cluster_store(settings.store)
            else WriteLock(settings.home_path / "write.lock", timeout_s=settings.lock_timeout_s)
        )
        return cls(store, embedder, index, settings, lock=lock)

    # -- writing ---------------------------------------------------------------------------

    def _writable(self) -> None:
        """Take the write lock; check (or, on the first write, record) what the library is
        built with, so that no write mixes embedders or chunkings."""
        if self._lock is not None and not self._lock.held:
            self._lock.acquire()
            # another process may have written since this one opened the library
            self._follow_other_writers()
            self.catch_up()
        current = self.build_profile()
        recorded = BuildProfile.from_record(self.store.built_with())
        if recorded is None:
            self.store.record_built_with(current.to_record())
        elif recorded != current:
            raise ConfigError(
                f"this library was built with embedder {recorded.describe()} and is open with "
                f"{current.describe()}; run `zhiku reindex` to re-embed it before adding or "
                "deleting documents"
            )

    def _follow_other_writers(self) -> None:
        """Catch up with the changes other processes committed since this one last looked.

        Runs before every search, so a server sees what the CLI added or deleted without a
        restart: one `last_seq` query when nothing changed; otherwise the lexical index re-reads
        its commits and the in-memory vectors follow the store (`LocalSearchIndex.follow`).
        """
        last = self.store.last_seq()
        if last <= self.index.seen_seq:
            return
        with self._following:
            seen = self.index.seen_seq
            if last <= seen:
                return
            changed = list(dict.fromkeys(c.doc_id for c in self.store.changes_since(seen)))
            log.info("following %d documents changed by another process", len(changed))
            stored = [c for doc_id in changed for c in self.store.chunks_of(doc_id)]
            cached, _ = self._vectors_for(
                self._texts_to_embed((c.text_hash, c.chunk.text) for c in stored)
            )
            vectors = (
                np.stack([cached[c.text_hash] for c in stored])
                if stored
                else np.zeros((0, self.embedder.dim), dtype=np.float32)
            )
            self.index.follow(
                last,
                live_keys=self.store.vector_keys(self.embedder.name),
                keys=np.asarray([c.key for c in stored], dtype=np.int64),
                vectors=vectors,
                parts=self._part_vectors(stored, cached),
            )
            self.store.forget_hits(changed)
            self._stories = StoryLinker(self.store)
            self._language = None
            self._shares = None

    def load_story_index(self) -> None:
        """Build the near-duplicate index the first write would build (`zhiku serve` at start)."""
        self._stories.load()

    def build_profile(self) -> BuildProfile:
        """What this library writes with: embedder, sentence vectors, chunking."""
        return BuildProfile.of(
            self.embedder, self.settings, sentence_vectors=self.index.holds_parts
        )

    def catch_up(self) -> None:
        """Replay changes the lexical index has not seen (after a crash between commits)."""
        applied, last = self.index.applied_seq, self.store.last_seq()
        # documents a writer (another process, maybe dead) began changing and did not finish
        # indexing: with several writers the applied sequence is the last committer's and
        # says nothing of them
        unfinished = self.index.unfinished_documents()
        if applied >= last and not unfinished:
            return
        if self._lock is not None and not self._lock.try_acquire():
            return
        changed = dict.fromkeys(change.doc_id for change in self.store.changes_since(applied))
        log.info("replaying %d changed documents into the index", len(changed))
        # a document another process is writing now is indexed by that process
        for doc_id in dict.fromkeys([*unfinished, *changed]):
            if self.index.claim_replay(doc_id):
                self._replay(doc_id)
        self.index.commit(last)

    def _replay(self, doc_id: str) -> None:
        """Index `doc_id` as the store holds it now. Repeated until the store's chunk keys
        (never reused) are the same before and after: a writer that changed the document
        meanwhile may have had its index writes overtaken by this replay's."""
        while True:
            chunks = self.store.chunks_of(doc_id)
            self.index.remove_document(doc_id, [])
            # the dense side was loaded from the store when the library was opened
            self.index.add_document(doc_id, [(c.key, c.tokens) for c in chunks], None)
            if [c.key for c in self.store.chunks_of(doc_id)] == [c.key for c in chunks]:
                return

    def add(
        self,
        paths: Iterable[str | Path],
        *,
        clean: bool = True,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestResult]:
        """Ingest files and folders; one result per input, failures included (never raised)."""
        results: list[IngestResult] = []
        files: list[Path] = []
        own = self.settings.home_path.resolve()
        for path in paths:
            try:
                files.extend(iter_files(Path(path)))
                results += [
                    IngestResult(str(f), "skipped", reason=why)
                    for f, why in skipped_files(Path(path))
                    if not f.resolve().is_relative_to(own)  # the library's own files
                ]
            except InputError as error:
                results.append(IngestResult(str(path), "failed", reason=error.reason))
        inputs: list[RawInput | InputError] = []
        for file in files:
            try:
                inputs.extend(read_file(file.resolve(), max_bytes=self.settings.max_file_bytes))
            except InputError as error:
                inputs.append(error)
        return results + self.add_inputs(inputs, clean=clean, on_progress=on_progress)

    def add_urls(
        self,
        urls: Iterable[str] = (),
        *,
        feeds: Iterable[str] = (),
        sitemaps: Iterable[str] = (),
        allow_private: bool = False,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestResult]:
        """Fetch and ingest web pages, every article of RSS/Atom feeds and of sitemaps.

        Private, loopback and link-local addresses are refused unless `allow_private`;
        robots.txt is respected; one bad URL fails alone.
        """
        inputs = fetch_urls(urls, feeds=feeds, sitemaps=sitemaps, allow_private=allow_private)
        return self.add_inputs(inputs, on_progress=on_progress)

    def add_inputs(
        self,
        inputs: Sequence[RawInput | InputError],
        *,
        clean: bool = True,
        on_progress: ProgressCallback | None = None,
        cleaned: Mapping[str, CleanText | InputError] | None = None,
        as_is: Collection[str] = (),
        prepared: Mapping[str, tuple[PreparedDocument, Mapping[str, np.ndarray]]] | None = None,
    ) -> list[IngestResult]:
        """Ingest already-read inputs (errors among them are reported as failed).
        `cleaned`: origin -> the input cleaned ahead (`zhiku.ingest.clean_ahead`), or why not.
        `prepared`: origin -> (prepared document, its vectors by text hash) computed elsewhere
        (Ray workers, `zhiku.ray_ingest`), stored as they are instead of prepared again.
        `as_is`: origins indexed without cleaning even when `clean` is set."""
        self._writable()
        results = []
        pending, last_commit = 0, time.monotonic()
        ready_prints = {o: p.fingerprints for o, (p, _) in (prepared or {}).items()}
        sites, known = self._count_site_chrome(
            inputs if clean else (), skip=set(as_is), counted=ready_prints
        )
        applied: dict[str, frozenset[str]] = {}  # the site chrome each stored page lost
        for done, item in enumerate(inputs, start=1):
            if isinstance(item, InputError):
                results.append(_failed(item))
            else:
                clean_item = clean and item.origin not in as_is
                ahead = cleaned.get(item.origin) if cleaned and clean_item else None
                ready, vectors = (prepared or {}).get(item.origin, (None, None))
                chrome = self._chrome_of(item, sites)
                result = (
                    _failed(ahead)
                    if isinstance(ahead, InputError)
                    else self._add_one(
                        item,
                        clean=clean_item,
                        cleaned=ahead,
                        prepared=ready,
                        vectors=vectors,
                        site=chrome,
                    )
                )
                results.append(result)
                pending += result.status in ("added", "updated")
                if chrome is not None and result.doc_id and result.status in ("added", "updated"):
                    # pages prepared elsewhere (Ray workers) were cleaned without the library
                    applied[result.doc_id] = frozenset() if ready else chrome.chrome
            due = time.monotonic() - last_commit >= self.settings.commit_interval_s
            if pending >= self.settings.commit_every or (pending and due):
                self.index.commit(self.store.last_seq())
                pending, last_commit = 0, time.monotonic()
            if on_progress is not None:
                origin = item.path or "" if isinstance(item, InputError) else item.origin
                on_progress(done, len(inputs), origin or "")
        self._reclean_site_pages(known, applied)
        self.index.commit(self.store.last_seq())
        self._language = None
        self._shares = None
        return results

    @property
    def _min_docs(self) -> int:
        return self.settings.site_chrome_min_docs

    def _count_site_chrome(
        self,
        inputs: Iterable[RawInput | InputError],
        *,
        skip: Collection[str],
        counted: Mapping[str, frozenset[str]],
    ) -> tuple[dict[str, SiteTemplate], dict[str, frozenset[str]]]:
        """The templates of the sites of `inputs`, their stored pages and then the batch's own
        (counted before any is cleaned, so a new site's first pages lose its chrome too), and
        the chrome each site was known for before the batch. `counted`: origin -> the
        fingerprints of inputs prepared elsewhere."""
        sites: dict[str, SiteTemplate] = {}
        known: dict[str, frozenset[str]] = {}
        for raw in raws(inputs):
            site = site_of(raw)
            if site is None or raw.origin in skip or raw.kind != "text":
                continue
            if site not in sites:
                sites[site] = SiteTemplate(self.store.site_chrome(site))
                known[site] = sites[site].known_chrome(min_docs=self._min_docs)
            prints = counted.get(raw.origin)
            sites[site].note(
                document_id(raw.origin), page_fingerprints(raw) if prints is None else prints
            )
        return sites, known

    def _chrome_of(self, raw: RawInput, sites: Mapping[str, SiteTemplate]) -> PageChrome | None:
        site = site_of(raw)
        template = sites.get(site) if site else None
        if template is None:
            return None
        return template.page_chrome(document_id(raw.origin), min_docs=self._min_docs)

    def _reclean_site_pages(
        self, known: Mapping[str, frozenset[str]], applied: Mapping[str, frozenset[str]]
    ) -> None:
        """Clean again the stored pages (read from their files) whose site chrome is out of
        date after a batch (`changed_pages`); pages whose file is gone keep their cleaning."""
        for site, before in known.items():
            template = SiteTemplate(self.store.site_chrome(site))
            stale = changed_pages(before, template, min_docs=self._min_docs, applied=applied)
            local = [(s, e) for s, e in self.stored_sources(stale) if e is None and s.path]
            for _, raw in read_sources(local, max_bytes=self.settings.max_file_bytes):
                if isinstance(raw, RawInput):
                    template.note(document_id(raw.origin), page_fingerprints(raw))
                    chrome = self._chrome_of(raw, {site: template})
                    result = self._add_one(raw, clean=True, site=chrome, force=True)
                    log.info(
                        "cleaned %s again with %s's chrome: %s", raw.origin, site, result.status
                    )

    def _add_one(
        self,
        raw: RawInput,
        *,
        clean: bool,
        cleaned: CleanText | None = None,
        prepared: PreparedDocument | None = None,
        vectors: Mapping[str, np.ndarray] | None = None,
        site: PageChrome | None = None,
        force: bool = False,
    ) -> IngestResult:
        """Add one input; `prepared` and `vectors`: done elsewhere already (`zhiku.ray_ingest`);
        `site`: its chrome fingerprints and those its site repeats (`zhiku.site_chrome`);
        `force`: clean and
        store it again even when its text is unchanged."""
        if len(raw.text) > self.settings.max_document_chars:
            return IngestResult(
                raw.origin,
                "failed",
                reason=(
                    f"{len(raw.text):,} characters of text, over the {self.settings.max_document_chars:,}"
                    "-character limit for one document (setting max_document_chars); split it into "
                    "smaller files, e.g. by chapter"
                ),
            )
        existing = self.store.find_by_origin(raw.origin)
        digest = content_hash(raw.text)
        if existing is not None and existing.content_hash == digest and not force:
            return IngestResult(raw.origin, "unchanged", existing.id, existing.title)
        twin = self.store.find_by_hash(digest)
        if twin is not None and twin.id != document_id(raw.origin):
            return self._appearance(raw, twin)
        try:
            prepared = prepared or prepare(
                raw,
                max_chars=self.settings.chunk_max_chars,
                overlap=self.settings.chunk_overlap,
                clean=clean,
                site_chrome=site.chrome if site and clean and cleaned is None else frozenset(),
                fingerprints=site.prints if site else None,
                cleaned=cleaned,
            )
        except InputError as error:
            return _failed(error)
        doc = prepared.document
        copy_of = self._stories.exact_copy_of(doc)
        if copy_of is not None:
            return self._appearance(raw, copy_of, title=doc.title, source=doc.source)
        story, near = self._stories.place(doc)
        self._store_prepared(prepared, story, vectors or {})
        status = "updated" if existing is not None else "added"
        reason = f"same story as {near}: shown once in search" if near else ""
        if "replaced" in raw.encoding:  # decode_bytes kept a mostly-UTF-8 file: say what it did
            reason = "; ".join(filter(None, (f"read as {raw.encoding}", reason)))
        return IngestResult(raw.origin, status, doc.id, doc.title, reason, len(prepared.chunks))

    def _appearance(
        self, raw: RawInput, twin: Document, *, title: str | None = None, source: str | None = None
    ) -> IngestResult:
        """Record an exact copy of a stored article as one more place the story appeared."""
        self.store.add_appearance(
            twin.id,
            origin=raw.origin,
            title=title or raw.title or twin.title,
            source=source or raw.source or twin.source,
            url=raw.url,
            path=raw.path,
        )
        self._stories.copied(twin.story_id or twin.id)
        return IngestResult(
            raw.origin, "duplicate", twin.id, twin.title, f"same article as {twin.id}"
        )

    def _vectors_for(self, texts: dict[str, str]) -> tuple[dict[str, np.ndarray], list[str]]:
        """Vectors of `texts` (hash -> text): from the cache, the rest embedded in one call.
        Returns them and the hashes that were embedded now."""
        cached = self.store.cached_vectors(list(texts), self.embedder.name)
        missing = [h for h in texts if h not in cached]
        if missing:
            fresh = self.embedder.embed([texts[h] for h in missing])
            cached.update({h: fresh[i] for i, h in enumerate(missing)})
        return cached, missing

    def _texts_to_embed(self, chunks: Iterable[tuple[str, str]]) -> dict[str, str]:
        """hash -> text of (hash, text) chunks and, when the library keeps them, their sentences."""
        texts = dict(chunks)
        if self.index.holds_parts:  # `open` decides, by the setting
            for text in list(texts.values()):
                texts.update((text_hash(p), p) for p in sentence_parts(text))
        return texts

    def _part_vectors(
        self, stored: Sequence[StoredChunk], vectors: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """(part keys, vectors) of the sentence vectors of `stored`, if the library keeps them."""
        if not self.index.holds_parts:
            return None
        keys, hashes = part_hashes((c.key, c.chunk.text) for c in stored)
        return (keys, np.stack([vectors[h] for h in hashes])) if hashes else None

    def _store_prepared(
        self,
        prepared: PreparedDocument,
        story: StoryFields,
        embedded: Mapping[str, np.ndarray] | None = None,
    ) -> None:
        """`embedded`: vectors computed elsewhere already, by text hash."""
        doc = prepared.document
        given = embedded or {}
        texts = self._texts_to_embed((c.text_hash, c.chunk.text) for c in prepared.chunks)
        cached, _ = self._vectors_for({h: t for h, t in texts.items() if h not in given})
        cached.update({h: v for h, v in given.items() if h in texts})
        old_keys = [c.key for c in self.store.chunks_of(doc.id)]
        # keyword extraction asks for document frequencies term by term; most of its terms
        # are the document's own tokens, which a remote index reads in one call
        self.index.warm_statistics(t for c in prepared.chunks for t in c.tokens.split())
        self.index.begin_change(doc.id)
        self.store.put_document(
            doc,
            origin=prepared.origin,
            raw=prepared.raw,
            kind=prepared.kind,
            chunks=prepared.chunks,
            vectors=cached,
            model=self.embedder.name,
            site=prepared.site,
            fingerprints=prepared.fingerprints,
            story=story,
            knowledge=self.knowledge.extract(doc),
        )
        self._stories.stored(doc.id, story)
        stored = self.store.chunks_of(doc.id)
        self.index.remove_document(doc.id, old_keys)
        vectors = (
            np.stack([cached[c.text_hash] for c in stored])
            if stored
            else np.zeros((0, self.embedder.dim))
        )
        self.index.add_document(
            doc.id, [(c.key, c.tokens) for c in stored], vectors, self._part_vectors(stored, cached)
        )

    def delete(self, doc_id: str) -> None:
        """Remove a document and everything derived from it."""
        self._writable()
        keys = [c.key for c in self.store.chunks_of(doc_id)]
        self.index.begin_change(doc_id)
        self.store.delete_document(doc_id)
        self._language = None
        self._shares = None
        self._stories.deleted(doc_id)
        self.index.remove_document(doc_id, keys)
        self.index.commit(self.store.last_seq())

    def stored_source(self, doc_id: str) -> StoredSource:
        """Where document `doc_id` was read from, to read it again (`zhiku.reingest`)."""
        doc = self.get(doc_id)
        clean = doc.metadata.get(AS_IS_KEY) is not False
        return StoredSource(doc.id, doc.title, self.store.origin_of(doc_id), doc.path, clean)

    def stored_sources(
        self, doc_ids: Iterable[str]
    ) -> list[tuple[StoredSource, InputError | None]]:
        """Where each document was read from; an unknown id comes with its error."""
        found: list[tuple[StoredSource, InputError | None]] = []
        for doc_id in dict.fromkeys(doc_ids):
            try:
                found.append((self.stored_source(doc_id), None))
            except NotFound as error:
                found.append((StoredSource(doc_id, "", doc_id, None), InputError(str(error))))
        return found

    def reingest(
        self,
        doc_ids: Iterable[str],
        *,
        allow_private: bool = False,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestResult]:
        """Read each document's file or URL again and ingest it as `add` does: the same id,
        ``unchanged`` when the source is, ``updated`` when it changed, ``failed`` (with the
        reason) when it is gone. One result per id, in order."""
        read = read_sources(
            self.stored_sources(doc_ids),
            max_bytes=self.settings.max_file_bytes,
            allow_private=allow_private,
        )
        return self.add_read_sources(read, on_progress=on_progress)

    def add_read_sources(
        self,
        read: Sequence[tuple[StoredSource, RawInput | InputError]],
        *,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestResult]:
        """Ingest sources read again by `zhiku.reingest.read_source`; one result per source."""
        added = iter(
            self.add_inputs(
                [r for _, r in read if isinstance(r, RawInput)],
                on_progress=on_progress,
                as_is={r.origin for s, r in read if isinstance(r, RawInput) and not s.clean},
            )
        )
        results = []
        for source, item in read:
            if isinstance(item, InputError):
                where = item.path or source.origin
                results.append(
                    IngestResult(where, "failed", source.doc_id or None, source.title, item.reason)
                )
            else:
                results.append(next(added))
        return results

    def retitle(self, doc_id: str, title: str) -> None:
        """Give a document a new title (shown everywhere; the lexical title field follows on reindex)."""
        self._writable()
        cleaned = " ".join(title.split())
        if not cleaned:
            raise InputError("a document title cannot be empty")
        self.store.set_title(doc_id, cleaned[:500])

    # -- reading ---------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document:
        return self.store.get_document(doc_id)

    def documents(self, *, limit: int = 100, offset: int = 0) -> list[Document]:
        return self.store.list_documents(limit=limit, offset=offset)

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        mode: str = "hybrid",
        filters: SearchFilters | None = None,
    ) -> list[Hit]:
        """The best passages for `query`, best first, optionally only from matching documents;
        as shown to a person (`zhiku.search_results`): at most two passages of one document in
        the top five unless the query names it, no negative scores."""
        k = k or self.settings.top_k
        ranked = self._search(query, k=k + WINDOW, mode=mode, filters=filters)
        hits = [shown(hit) for hit in diversified(ranked, query)[:k]]
        self.knowledge.log_query(query, len(hits))  # only when the query_log setting is on
        return hits

    def _search(
        self,
        query: str,
        *,
        k: int | None = None,
        mode: str = "hybrid",
        filters: SearchFilters | None = None,
    ) -> list[Hit]:
        if mode not in MODES:
            raise InputError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        if not query.strip():
            raise InputError("empty query: nothing to search for")
        if problem := unpaired_surrogate(query):
            raise InputError(f"query has an {problem} (from a terminal that is not set to UTF-8?)")
        k = k or self.settings.top_k
        self._follow_other_writers()
        terms = lexical_query(query)
        # reposts of one story collapse into one hit, so read a little deeper than k
        depth = _CANDIDATES if mode == "hybrid" or filters else 2 * k
        # an index that keeps the filter fields (Milvus) reads only matching candidates; the
        # filters are checked again on the stored documents below, with tags
        lexical = self._lexical(query, terms, depth, filters) if mode != "dense" else []
        dense: list[tuple[int, float]] = []
        if mode != "lexical":
            vector = self._query_embedder.embed_query([query])[0]
            dense = self.index.dense(vector, depth, filters)
        if mode == "hybrid":
            trust = lexical_trust(
                self.term_coverage(terms),
                query_language=language_of(detect_script(query)),
                library_language=self.library_language(),
            )
            weight = dense_weight_of(self.embedder.fusion_weight, self.settings.fusion_dense_weight)
            fused = fuse(lexical, dense, coverage=trust, dense_weight=weight)
            ranked = [(f.key, f.score, {"lexical": f.lexical, "dense": f.dense}) for f in fused]
        else:
            ranked = [(key, score, {mode: score}) for key, score in (lexical or dense)]
        hits = self._hits(ranked[: depth if filters else 2 * k], filters)
        if not asks_about_metadata(query):
            hits = [h for h in hits if h.chunk.kind == "text"]
        return self._stories.collapse(hits)[:k]

    def _lexical(
        self, query: str, terms: Sequence[str], depth: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        """BM25 for the query's own words, plus (down-weighted) for the words its entities and
        terms are written with in the library's languages (`zhiku.query_expansion`)."""
        own = self.index.lexical(terms, depth, filters)
        extra = expansion_terms(query, into=self._languages(), own=terms)
        if not extra:
            return list(own)
        return list(with_expansion(own, self.index.lexical(extra, depth, filters)))

    def _languages(self) -> tuple[str, ...]:
        """zh and/or en: those holding at least `_LANGUAGE_PRESENT` of the library's text (a
        mixed-language document counts for both); both when the library is empty."""
        if self._shares is None:
            self._shares = self.store.language_shares()
        mixed = self._shares.get("mul", 0.0)
        held = tuple(
            lang for lang in LANGUAGES if self._shares.get(lang, 0.0) + mixed >= _LANGUAGE_PRESENT
        )
        return held or LANGUAGES

    def library_language(self) -> str:
        """The language most of the library's text is in (``zh``, ``en``, or ``mul``)."""
        if self._language is None:
            self._language = self.store.main_language()
        return self._language

    def term_coverage(self, terms: Sequence[str]) -> float:
        """IDF-weighted share of `terms` that occur in the library (0 when none do)."""
        n = max(self.index.num_chunks(), 1)
        known = total = 0.0
        for term in terms:
            df = self.index.document_frequency(term)
            idf = math.log(1 + n / (df + 0.5)) if df else math.log(1 + 2 * n)
            total += idf
            known += idf if df else 0.0
        return known / total if total else 0.0

    def _hits(
        self,
        ranked: Sequence[tuple[int, float, dict[str, float]]],
        filters: SearchFilters | None = None,
    ) -> list[Hit]:
        found = self.store.chunks_by_key([key for key, _, _ in ranked])
        tagged = self.knowledge.tagged(filters.tag) if filters and filters.tag else None
        hits = []
        for key, score, parts in ranked:
            if key in found:  # else deleted after the index was read
                chunk, doc = found[key]
                if filters and not matches(doc, filters):
                    continue
                if tagged is not None and chunk.doc_id not in tagged:
                    continue
                hits.append(
                    Hit(chunk, score, doc.title, doc.source, doc.url, doc.path, parts, doc.story_id)
                )
        return hits

    def ask(self, question: str, *, k: int | None = None, llm: LLM | None = None) -> Answer:
        """An answer whose every sentence cites a passage that supports it, or an abstention.

        Extractive (quoted sentences) by default; with `llm`, generated from the passages and
        then verified sentence by sentence (`zhiku.verify`).
        """
        hits = self._with_named_pages(question, self._search(question, k=k))
        if llm is not None:
            answer = generate_answer(question, hits, **self._generation_options(llm))
        else:
            answer = extract_answer(
                question,
                hits,
                embedder=self._query_embedder,
                term_idf=self._idf,
                max_sentences=self.settings.answer_sentences,
            )
        answer = self._completed(answer)
        self.knowledge.log_query(question, 0 if answer.abstained else len(answer.citations))
        return answer

    def _with_named_pages(self, question: str, hits: list[Hit]) -> list[Hit]:
        """`hits` and, for a question about a page it names by its title ("Who wrote 《…》?"),
        that page's metadata passage when the search did not bring it: the fields the question
        asks are stated there, whatever language the question is in."""
        if not asks_about_metadata(question):
            return hits
        have = {h.chunk.doc_id for h in hits if h.chunk.kind == "metadata"}
        added: list[Hit] = []
        for hit in hits:
            doc = hit.chunk.doc_id
            if doc in have or named_share(question, hit.title) < NAMED_PAGE:
                continue
            have.add(doc)
            for stored in self.store.chunks_of(doc):
                if stored.chunk.kind == "metadata":
                    added.append(replace(hit, chunk=stored.chunk, scores={}, also_in=()))
        return hits + added

    def ask_stream(
        self, question: str, *, llm: LLM, k: int | None = None, with_passages: bool = False
    ) -> Generator[str | Answer | tuple[Passage, ...], None, None]:
        """Draft pieces of a generated answer as they arrive, then the verified `Answer` last
        (first the passages shown to the model, with `with_passages`). The query is logged,
        as by `ask`, only once the answer is complete."""
        hits = self._with_named_pages(question, self._search(question, k=k))
        options = self._generation_options(llm)
        for event in stream_answer(question, hits, with_passages=with_passages, **options):
            if isinstance(event, Answer):
                event = self._completed(event)
                self.knowledge.log_query(question, 0 if event.abstained else len(event.citations))
            yield event

    def _completed(self, answer: Answer) -> Answer:
        """The answer's citations completed from their documents, each read once: the field
        and raw line of a metadata citation (`cite_fields`), the page a span starts on in
        a paged document (PDF, EPUB), and the document's publication and added dates."""
        documents: dict[str, Document] = {}

        def document(doc_id: str) -> Document:
            if doc_id not in documents:
                documents[doc_id] = self.store.get_document(doc_id)
            return documents[doc_id]

        answer = cite_fields(answer, document)
        cited = []
        for c in answer.citations:
            doc = document(c.doc_id)
            pages = doc.metadata.get("pages", ())
            page = bisect.bisect_right(pages, c.start) if pages else c.page
            dated = replace(c, published=doc.published, added_at=doc.added_at or None)
            cited.append(replace(dated, page=page))
        return replace(answer, citations=tuple(cited))

    def _generation_options(self, llm: LLM) -> dict[str, Any]:
        s = self.settings
        return {
            "llm": llm,
            "embedder": self._query_embedder,
            "term_idf": self._idf,
            "min_support": s.min_support,
            "support_threshold": s.llm_support_threshold,
            "max_sentences": s.answer_sentences,
            "max_tokens": s.llm_max_tokens,
        }

    def _idf(self, term: str) -> float:
        n = max(self.index.num_chunks(), 1)
        df = self.index.document_frequency(term)
        return math.log(1 + n / (df + 0.5))

    def reindex(self, *, on_progress: ProgressCallback | None = None) -> int:
        """Rebuild every search structure from the store, re-tokenizing every chunk with the
        current tokenizer and embedding what has no vector for the current embedder (all of
        it after a change of embedder), then record the embedder; returns the number of chunks."""
        if self._lock is not None:
            self._lock.acquire()
        self.index.clear()
        total = 0
        doc_ids = self.store.document_ids()
        for done, doc_id in enumerate(doc_ids, start=1):
            document = self.store.get_document(doc_id)
            if on_progress is not None:
                on_progress(done, len(doc_ids), f"reindexing {document.title[:40]}")
            retokenized = [
                (c.key, " ".join(stored_tokens(document, c.chunk)))
                for c in self.store.chunks_of(doc_id)
            ]
            self.store.update_tokens(retokenized)
            chunks = self.store.chunks_of(doc_id)
            cached, embedded = self._vectors_for(
                self._texts_to_embed((c.text_hash, c.chunk.text) for c in chunks)
            )
            if embedded:
                self.store.put_vectors({h: cached[h] for h in embedded}, self.embedder.name)
            vectors = np.stack([cached[c.text_hash] for c in chunks]) if chunks else None
            self.index.add_document(
                doc_id,
                [(c.key, c.tokens) for c in chunks],
                vectors,
                self._part_vectors(chunks, cached),
            )
            total += len(chunks)
        self.index.commit(self.store.last_seq())
        self.store.record_built_with(self.build_profile().to_record())
        return total

    def close(self) -> None:
        self.knowledge.flush_queries()
        self.index.close()
        self.store.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _recorded_profile(
    store: Store, settings: Settings, embedder: Embedder | None
) -> BuildProfile | None:
    """What the library records it was built with; for a library from before the record,
    its embedder inferred from its vectors (None: a new library)."""
    recorded = BuildProfile.from_record(store.built_with())
    if recorded is not None or store.count_documents() == 0:
        return recorded
    preferred = embedder.name if embedder is not None else embedder_model(settings.embedder)
    return infer_profile(store.vector_models(), preferred=preferred)


def fetch_urls(
    urls: Iterable[str] = (),
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    allow_private: bool = False,
) -> list[RawInput | InputError]:
    """Fetch pages, and the pages that feeds and sitemaps list, without touching a library
    (so a server can fetch outside its write lock and ingest with `add_inputs`)."""
    found: list[RawInput | InputError] = []
    with Fetcher(FetchPolicy(allow_private=allow_private)) as fetcher:
        pages = list(urls)
        for listing, expand in ((feeds, fetcher.feed), (sitemaps, fetcher.sitemap)):
            for url in listing:
                try:
                    pages.extend(expand(url))
                except InputError as error:
                    found.append(error)
        found.extend(fetcher.fetch_all(dict.fromkeys(pages)))
    return found


def raws(inputs: Iterable[RawInput | InputError]) -> Iterator[RawInput]:
    return (item for item in inputs if isinstance(item, RawInput))


def _failed(error: InputError) -> IngestResult:
    where = error.path or ""
    if error.line is not None:
        where = f"{where}:{error.line}"
    return IngestResult(where, "failed", reason=error.reason)
