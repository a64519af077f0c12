"""Milvus as the search index: the same `SearchIndex` contract as the embedded tantivy + numpy.

One collection per library holds each chunk's folded lexical tokens under Milvus's BM25
function (a whitespace analyzer over zhiku's own tokens, so Chinese folding, bigrams and IDs
stay zhiku's), its dense vector, and scalar fields for every search filter (source, language,
script, date, story). Sentence vectors, when the library keeps them, live in a second
collection. Fusion stays zhiku's (`zhiku.retrieve`): this index only returns the two candidate
lists. A small state collection records the store's change sequence the index reflects, so a
writer that died between the store and the index is healed by replaying the change log (as
the tantivy index is). With several writers that sequence is the last committing writer's, so
each writer also marks a document as unfinished (``NAME_pending``) before it changes it in the
store and clears the mark once the index holds the change: a writer killed in between leaves
its mark, and the next catch-up re-reads that document from the store.

Document frequencies come from the store's term statistics when it keeps them (PostgreSQL,
kept by a trigger in the chunks' own transaction), so a query reads a few rows by key; other
stores fall back to counting in Milvus (TEXT_MATCH, or a LIKE scan on milvus-lite). Search
filters are pushed into Milvus as a filter expression on the scalar fields.

Setting: ``index = "milvus://HOST:PORT/COLLECTION"`` (collection ``zhiku`` when omitted).
"""

from __future__ import annotations

import functools
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable
from urllib.parse import parse_qsl, urlsplit

import numpy as np

from zhiku.errors import ConfigError, StoreError
from zhiku.records import SearchFilters

T = TypeVar("T")

_MAX_TOKENS_BYTES = 65_533  # Milvus VARCHAR limit, less the two padding spaces
_MAX_ID = 512
_BATCH = 500  # rows per insert call
_STATS_S = 30.0  # longest a reader keeps term statistics
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,200}$")


@dataclass(frozen=True, slots=True)
class MilvusTarget:
    """Where a library's collections live: ``milvus://host:port/collection``."""

    url: str
    uri: str
    collection: str
    timeout_s: float = 10.0  # ?timeout=SECONDS: how long a call may wait for the server

    @classmethod
    def parse(cls, url: str) -> MilvusTarget:
        parts = urlsplit(url)
        if parts.scheme not in ("milvus", "milvus+https") or not parts.hostname:
            raise ConfigError(f"index {url!r}: expected milvus://HOST:PORT/COLLECTION")
        name = parts.path.strip("/") or "zhiku"
        if not _NAME.match(name):
            raise ConfigError(
                f"index {url!r}: collection {name!r} must be letters, digits and _ (not first a digit)"
            )
        scheme = "https" if parts.scheme.endswith("https") else "http"
        options = dict(parse_qsl(parts.query))
        try:
            timeout = float(options.pop("timeout", 10.0))
        except ValueError:
            raise ConfigError(f"index {url!r}: timeout must be a number of seconds") from None
        if options:
            raise ConfigError(f"index {url!r}: unknown option(s) {', '.join(sorted(options))}")
        return cls(url, f"{scheme}://{parts.hostname}:{parts.port or 19530}", name, timeout)


@dataclass(frozen=True, slots=True)
class ChunkFields:
    """What the index keeps of a chunk's document, one scalar field per search filter."""

    source: str = ""
    language: str = ""
    script: str = ""
    date: str = ""
    story_id: str = ""

    @classmethod
    def of(
        cls, *, source: str, language: str, script: str, date: str, story_id: str
    ) -> ChunkFields:
        """The fields as the index keeps them: source, language and script casefolded (the
        filters compare them without regard to case), the date cut to its day."""
        return cls(
            source.casefold()[:_MAX_ID],
            language.casefold()[:_MAX_ID],
            script.casefold()[:_MAX_ID],
            date.strip()[:10],
            story_id[:_MAX_ID],
        )


@runtime_checkable
class TermStatistics(Protocol):
    """Document frequencies kept by the system of record (`PostgresStore`)."""

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]: ...
    def chunk_count(self) -> int: ...


@runtime_checkable
class DocumentLocks(Protocol):
    """Locks on documents, shared by the processes that write one library (`PostgresStore`).
    A process's locks end with it, however it ends."""

    def take_document(self, doc_id: str) -> bool: ...
    def wait_for_document(self, doc_id: str) -> None: ...
    def release_documents(self) -> None: ...


Parts = tuple[np.ndarray, np.ndarray]
FieldsOf = Callable[[str], ChunkFields]
VectorsOf = Callable[[str], tuple[np.ndarray, Parts | None]]


class MilvusSearchIndex:
    """A `SearchIndex` over Milvus collections ``NAME`` (chunks), ``NAME_parts`` (sentence
    vectors, with `parts`) and ``NAME_state`` (the applied change sequence).

    `fields_of(doc_id)` gives the filter fields of a document being indexed and
    `vectors_of(doc_id)` its chunk vectors (in chunk order) and sentence vectors, both from the
    store; `statistics`, when the store keeps them, its term statistics; `locks`, when
    several processes write the library, locks on its documents.

    Milvus keeps both copies of a primary key upserted by two processes at once, so the rows of
    one document are never written by two processes at a time: a process holds a lock on each
    document it changes until its commit. A writer that must wait for one first writes its rows
    and lets go of its locks, and a catch-up replay never waits (`claim_replay`), so no two
    processes wait on each other.
    """

    def __init__(
        self,
        url: str,
        *,
        dim: int,
        model: str,
        parts: bool = False,
        fields_of: FieldsOf,
        vectors_of: VectorsOf,
        statistics: TermStatistics | None = None,
        locks: DocumentLocks | None = None,
    ) -> None:
        self.target = MilvusTarget.parse(url)
        timeout_s = self.target.timeout_s
        self.dim = dim
        self.model = model
        self._parts = parts
        self._fields_of = fields_of
        self._vectors_of = vectors_of
        self._statistics = statistics
        self._locks = locks
        # rows written at the next commit (as tantivy's writer does), one upsert per _BATCH
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._part_rows: dict[str, list[dict[str, Any]]] = {}
        self._unfinished: set[int] = set()  # this writer's marks in NAME_pending
        # other writers' marks (mark -> document), removed by the commit after their replay
        self._abandoned: dict[int, str] = {}
        self._replayed: set[str] = set()
        self._text_match = True
        # as tantivy's searcher, statistics reflect the last commit: cached until the next one
        # (or _STATS_S, for a replica that only reads while others write)
        self._frequencies: dict[str, int] = {}
        self._chunk_count: int | None = None
        self._stats_at = time.monotonic()
        self._timeout = timeout_s
        self._client = self._call("connect", self._connect)
        self._chunks = self.target.collection
        self._parts_name = f"{self._chunks}_parts"
        self._state = f"{self._chunks}_state"
        self._pending = f"{self._chunks}_pending"
        self._call("create collections", self._ensure_collections)
        self._seq = self._call("read the applied sequence", self._read_seq)

    # -- plumbing ----------------------------------------------------------------------------

    def _call(self, what: str, action: Callable[[], T]) -> T:
        """Run `action`; any Milvus or network failure becomes a StoreError naming the URL."""
        from pymilvus.exceptions import MilvusException

        try:
            return action()
        except MilvusException as exc:
            raise StoreError(f"Milvus at {self.target.url}: cannot {what}: {exc.message}") from exc
        except (ConnectionError, OSError, TimeoutError) as exc:
            raise StoreError(f"Milvus at {self.target.url}: cannot {what}: {exc}") from exc

    def _connect(self) -> Any:
        from pymilvus import MilvusClient

        return _Timed(MilvusClient(uri=self.target.uri, timeout=self._timeout), self._timeout)

    def _ensure_collections(self) -> None:
        client = self._client
        if not client.has_collection(self._chunks):
            self._create_chunks()
        else:
            self._check_dimension()
        if self._parts and not client.has_collection(self._parts_name):
            self._create_parts()
        if not client.has_collection(self._state):
            self._create_state()
        if not client.has_collection(self._pending):
            self._create_pending()
        for name in (
            self._chunks,
            self._state,
            self._pending,
            *([self._parts_name] if self._parts else []),
        ):
            client.load_collection(name)

    def _check_dimension(self) -> None:
        info = self._client.describe_collection(self._chunks)
        for field in info["fields"]:
            if field["name"] == "dense" and int(field["params"]["dim"]) != self.dim:
                raise StoreError(
                    f"Milvus at {self.target.url}: collection {self._chunks} holds "
                    f"{field['params']['dim']}-d vectors, the embedder {self.model} gives {self.dim}-d; "
                    "use another collection or `zhiku reindex` into a new one"
                )

    def _create_chunks(self) -> None:
        from pymilvus import DataType, Function, FunctionType

        client = self._client
        schema = client.create_schema(auto_id=False, description=f"zhiku chunks ({self.model})")
        schema.add_field("key", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_field(
            "tokens",
            DataType.VARCHAR,
            max_length=_MAX_TOKENS_BYTES,
            enable_analyzer=True,
            enable_match=True,
            analyzer_params={"tokenizer": "whitespace"},
        )
        schema.add_field("bm25", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dim)
        for name in ("source", "language", "script", "date", "story_id"):
            schema.add_field(name, DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_function(
            Function(
                name="tokens_bm25",
                function_type=FunctionType.BM25,
                input_field_names=["tokens"],
                output_field_names=["bm25"],
            )
        )
        params = client.prepare_index_params()
        params.add_index(
            "bm25",
            index_type="SPARSE_INVERTED_INDEX",
            metric_type="BM25",
            params={"bm25_k1": 1.2, "bm25_b": 0.75},
        )
        params.add_index("dense", index_type="AUTOINDEX", metric_type="COSINE")
        params.add_index("doc_id", index_type="INVERTED")
        client.create_collection(
            self._chunks, schema=schema, index_params=params, consistency_level="Strong"
        )

    def _create_parts(self) -> None:
        from pymilvus import DataType

        client = self._client
        schema = client.create_schema(
            auto_id=False, description=f"zhiku sentence vectors ({self.model})"
        )
        schema.add_field("key", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dim)
        params = client.prepare_index_params()
        params.add_index("dense", index_type="AUTOINDEX", metric_type="COSINE")
        params.add_index("doc_id", index_type="INVERTED")
        client.create_collection(
            self._parts_name, schema=schema, index_params=params, consistency_level="Strong"
        )

    def _create_state(self) -> None:
        from pymilvus import DataType

        client = self._client
        schema = client.create_schema(auto_id=False, description="zhiku: applied change sequence")
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("seq", DataType.INT64)
        schema.add_field("unused", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector field
        params = client.prepare_index_params()
        params.add_index("unused", index_type="FLAT", metric_type="L2")
        client.create_collection(
            self._state, schema=schema, index_params=params, consistency_level="Strong"
        )

    def _create_pending(self) -> None:
        from pymilvus import DataType

        client = self._client
        schema = client.create_schema(
            auto_id=False, description="zhiku: documents changed in the store, not yet indexed"
        )
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=_MAX_ID)
        schema.add_field("at", DataType.DOUBLE)  # seconds since the epoch
        schema.add_field("unused", DataType.FLOAT_VECTOR, dim=2)
        params = client.prepare_index_params()
        params.add_index("unused", index_type="FLAT", metric_type="L2")
        client.create_collection(
            self._pending, schema=schema, index_params=params, consistency_level="Strong"
        )

    def _read_seq(self) -> int:
        rows = self._client.query(self._state, filter="id == 0", output_fields=["seq"])
        return int(rows[0]["seq"]) if rows else 0

    # -- SearchIndex -------------------------------------------------------------------------

    @property
    def applied_seq(self) -> int:
        return self._seq

    @property
    def holds_parts(self) -> bool:
        return self._parts

    def begin_change(self, doc_id: str) -> None:
        """Mark `doc_id` unfinished before the store changes it; `commit` clears the mark once
        the index holds the change, so a writer killed in between leaves it for the catch-up."""
        if self._locks is not None and not self._locks.take_document(doc_id):
            self._flush()
            self._locks.release_documents()
            self._locks.wait_for_document(doc_id)
        mark = random.getrandbits(63)
        row = {"id": mark, "doc_id": doc_id, "at": time.time(), "unused": [0.0, 0.0]}
        self._call(f"mark {doc_id} unfinished", lambda: self._client.upsert(self._pending, [row]))
        self._unfinished.add(mark)

    def unfinished_documents(self) -> list[str]:
        """Documents another writer began changing and has not finished indexing: it died, or
        it is still at work (`claim_replay` tells them apart). The marks of those replayed are
        removed by the next `commit`."""
        rows = self._call(
            "read unfinished documents",
            lambda: self._client.query(
                self._pending, filter="id >= 0 or id < 0", output_fields=["id", "doc_id", "at"]
            ),
        )
        found = [r for r in rows if int(r["id"]) not in self._unfinished]
        self._abandoned.update((int(r["id"]), str(r["doc_id"])) for r in found)
        return list(dict.fromkeys(str(r["doc_id"]) for r in found))

    def claim_replay(self, doc_id: str) -> bool:
        """Whether this process may index `doc_id` again from the store now: no other process
        is writing it (that one indexes it itself). Held until the next `commit`."""
        return self._locks is None or self._locks.take_document(doc_id)

    def remove_document(self, doc_id: str, keys: Sequence[int]) -> None:
        del keys  # every row carries its document id
        self._rows.pop(doc_id, None)
        self._part_rows.pop(doc_id, None)
        expression = f"doc_id == {_quoted(doc_id)}"
        self._call(f"remove {doc_id}", lambda: self._client.delete(self._chunks, filter=expression))
        if self._parts:
            self._call(
                f"remove {doc_id}", lambda: self._client.delete(self._parts_name, filter=expression)
            )

    def add_document(
        self,
        doc_id: str,
        chunks: Sequence[tuple[int, str]],
        vectors: np.ndarray | None,
        parts: Parts | None = None,
    ) -> None:
        """Index one document's chunks; without `vectors` (a catch-up replay) its vectors
        come from the record through `vectors_of`."""
        if vectors is None:
            self._replayed.add(doc_id)
        if not chunks:
            return
        if vectors is None:  # a replay: Milvus keeps both sides in one row, so it needs them
            vectors, parts = self._vectors_of(doc_id)
        fields = self._fields_of(doc_id)
        rows = [
            {
                "key": int(key),
                "doc_id": doc_id,
                "tokens": f" {_fit(tokens)} ",
                "dense": np.asarray(vector, dtype=np.float32).tolist(),
                "source": fields.source,
                "language": fields.language,
                "script": fields.script,
                "date": fields.date,
                "story_id": fields.story_id,
            }
            for (key, tokens), vector in zip(chunks, vectors, strict=True)
        ]
        self._rows.setdefault(doc_id, []).extend(rows)
        if self._parts and parts is not None and len(parts[0]):
            self._part_rows.setdefault(doc_id, []).extend(
                {"key": int(k), "doc_id": doc_id, "dense": np.asarray(v, dtype=np.float32).tolist()}
                for k, v in zip(*parts, strict=True)
            )
        if sum(len(r) for r in self._rows.values()) >= 4 * _BATCH:
            self._flush()

    def _flush(self) -> None:
        """Write the rows added since the last flush (in batches of `_BATCH`)."""
        for collection, pending in (
            (self._chunks, self._rows),
            (self._parts_name, self._part_rows),
        ):
            rows = [row for rows in pending.values() for row in rows]
            for i in range(0, len(rows), _BATCH):
                batch = rows[i : i + _BATCH]
                what = f"index {batch[0]['doc_id']} and {len(batch) - 1} more rows"
                self._call(what, lambda c=collection, b=batch: self._client.upsert(c, b))  # type: ignore[misc]
            pending.clear()

    def clear(self) -> None:
        self._rows.clear()
        self._part_rows.clear()

        def recreate() -> None:
            for name in (self._chunks, self._parts_name):
                if self._client.has_collection(name):
                    self._client.drop_collection(name)
            self._create_chunks()
            self._client.load_collection(self._chunks)
            if self._parts:
                self._create_parts()
                self._client.load_collection(self._parts_name)

        self._call("clear the index", recreate)

    @property
    def seen_seq(self) -> int:
        """Nothing of the index lives in this process: every replica searches the same
        collection, so there is never another writer's change to follow here."""
        return sys.maxsize

    def follow(
        self,
        seq: int,
        *,
        live_keys: np.ndarray,
        keys: np.ndarray,
        vectors: np.ndarray,
        parts: Parts | None = None,
    ) -> None:
        """Nothing to do (see `seen_seq`)."""

    def commit(self, seq: int) -> None:
        """Write the rows added since the last commit and record that the store's changes up
        to `seq` are in the index (rows are visible to every replica as soon as Milvus
        acknowledged them: the collections use strong consistency)."""
        self._flush()
        row = {"id": 0, "seq": int(seq), "unused": [0.0, 0.0]}
        self._call("record the applied sequence", lambda: self._client.upsert(self._state, [row]))
        self._seq = seq
        healed = {m for m, doc_id in self._abandoned.items() if doc_id in self._replayed}
        if marks := sorted(self._unfinished | healed):
            expression = f"id in {marks}"
            self._call(
                "clear unfinished marks",
                lambda: self._client.delete(self._pending, filter=expression),
            )
            self._unfinished.clear()
            for mark in healed:
                del self._abandoned[mark]
        self._replayed.clear()
        if self._locks is not None:
            self._locks.release_documents()
        self._expire_statistics(now=True)

    def lexical(
        self, terms: Sequence[str], k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        if not terms:
            return []
        expression = filter_expression(filters)
        hits = self._call(
            "search",
            lambda: self._client.search(
                self._chunks,
                data=[" ".join(terms)],
                anns_field="bm25",
                limit=k,
                filter=expression,
                search_params={"metric_type": "BM25"},
                output_fields=[],
            ),
        )
        return [(int(h["id"]), float(h["distance"])) for h in hits[0]]

    def dense(
        self, vector: np.ndarray, k: int, filters: SearchFilters | None = None
    ) -> list[tuple[int, float]]:
        query = np.asarray(vector, dtype=np.float32).tolist()
        params = {"metric_type": "COSINE"}
        expression = filter_expression(filters)
        hits = self._call(
            "search",
            lambda: self._client.search(
                self._chunks,
                data=[query],
                anns_field="dense",
                limit=k,
                filter=expression,
                search_params=params,
            ),
        )
        chunks = [(int(h["id"]), float(h["distance"])) for h in hits[0]]
        if not self._parts:
            return chunks
        from zhiku.index import _PART_DEPTH
        from zhiku.sentence_vectors import SLOTS, best_per_chunk

        depth = min(k * _PART_DEPTH, 16_384)
        part_hits = self._call(
            "search",
            lambda: self._client.search(
                self._parts_name,
                data=[query],
                anns_field="dense",
                limit=depth,
                search_params={"metric_type": "COSINE"},
            ),
        )
        found = [(int(h["id"]), float(h["distance"])) for h in part_hits[0]]
        if expression:  # sentence vectors carry no filter fields: they re-rank filtered chunks
            allowed = {key for key, _ in chunks}
            found = [(key, score) for key, score in found if key // SLOTS in allowed]
        return best_per_chunk(chunks, found, k)

    def document_frequency(self, term: str) -> int:
        """Chunks holding `term`: from the store's term statistics when it keeps them, else
        TEXT_MATCH on Milvus; milvus-lite's core refuses it, so there a LIKE over the
        space-padded token string (a scan, fine for tests)."""
        return self.document_frequencies([term])[term]

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """`document_frequency` of several terms, those not cached read in one call."""
        self._expire_statistics()
        missing = [t for t in dict.fromkeys(terms) if t not in self._frequencies]
        if missing:
            if len(self._frequencies) > 100_000:
                self._frequencies.clear()
            if self._statistics is not None:
                statistics = self._statistics
                self._frequencies.update(statistics.document_frequencies(missing))
            else:
                self._frequencies.update((t, self._frequency(t)) for t in missing)
        return {t: self._frequencies.get(t, 0) for t in terms}

    def warm_statistics(self, terms: Iterable[str]) -> None:
        """Read the frequencies of `terms` in one call when the store keeps them (keyword
        extraction then asks for them one by one)."""
        if self._statistics is not None:
            self.document_frequencies(list(dict.fromkeys(terms)))

    def _frequency(self, term: str) -> int:
        from pymilvus.exceptions import MilvusException

        if self._text_match:
            try:
                return self._count(f"TEXT_MATCH(tokens, {_quoted(term)})")
            except MilvusException:
                self._text_match = False
        pattern = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._call(
            "count a term", lambda: self._count(f"tokens like {_quoted(f'% {pattern} %')}")
        )

    def _count(self, expression: str) -> int:
        rows = self._client.query(self._chunks, filter=expression, output_fields=["count(*)"])
        return int(rows[0]["count(*)"]) if rows else 0

    def _expire_statistics(self, *, now: bool = False) -> None:
        if now or time.monotonic() - self._stats_at > _STATS_S:
            self._frequencies.clear()
            self._chunk_count = None
            self._stats_at = time.monotonic()

    def num_chunks(self) -> int:
        """The number of chunks term statistics are relative to (the store's count when it
        keeps term statistics, else the index's: `indexed_count`)."""
        self._expire_statistics()
        if self._chunk_count is None:
            statistics = self._statistics
            self._chunk_count = (
                statistics.chunk_count() if statistics is not None else self.indexed_count()
            )
        return self._chunk_count

    def indexed_count(self) -> int:
        """The number of chunk rows in the Milvus collection."""
        rows = self._call(
            "count chunks",
            lambda: self._client.query(self._chunks, filter="", output_fields=["count(*)"]),
        )
        return int(rows[0]["count(*)"]) if rows else 0

    def indexed_keys(self) -> np.ndarray:
        """Every chunk key in the index, ascending (for verifying a migration)."""
        keys: list[int] = []

        def read() -> None:
            iterator = self._client.query_iterator(
                self._chunks, batch_size=10_000, filter="", output_fields=["key"]
            )
            while batch := iterator.next():
                keys.extend(int(r["key"]) for r in batch)
            iterator.close()

        self._call("list keys", read)
        return np.sort(np.asarray(keys, dtype=np.int64))

    def close(self) -> None:
        self._client.close()


class _Timed:
    """A MilvusClient whose calls give up after `timeout_s` (pymilvus otherwise retries an
    unreachable server 75 times, for minutes)."""

    _CALLS = frozenset(
        {
            "has_collection",
            "create_collection",
            "describe_collection",
            "drop_collection",
            "load_collection",
            "insert",
            "upsert",
            "delete",
            "query",
            "search",
            "query_iterator",
        }
    )

    def __init__(self, client: Any, timeout_s: float) -> None:
        self._client = client
        self._timeout = timeout_s

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if name in self._CALLS:
            # an int: pymilvus bounds its retries only by an int timeout
            return functools.partial(attribute, timeout=max(1, round(self._timeout)))
        return attribute


def filter_expression(filters: SearchFilters | None) -> str:
    """A Milvus filter expression admitting what `zhiku.filters.matches` admits on the index's
    scalar fields (stored casefolded, `ChunkFields.of`); "" for no filter. Tags are not in the
    index: the library applies them after the search, as it re-checks every other field.

    >>> filter_expression(SearchFilters(source="36KR.com", published_to="2024"))
    'source == "36kr.com" and date != "" and date <= "2024~"'
    """
    if not filters:
        return ""
    parts = [
        f"{name} == {_quoted(value.strip().casefold())}"
        for name, value in (
            ("source", filters.source),
            ("language", filters.language),
            ("script", filters.script),
        )
        if value and value.strip()
    ]
    since, until = (filters.published_from or "").strip(), (filters.published_to or "").strip()
    if since or until:
        parts.append('date != ""')
    if since:
        parts.append(f"date >= {_quoted(since[:10])}")
    if until:  # a prefix covers its whole period; "~" sorts after every digit and "-"
        parts.append(f"date <= {_quoted(until[:10] + '~')}")
    return " and ".join(parts)


def _quoted(value: str) -> str:
    """A Milvus expression string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fit(tokens: str) -> str:
    """Tokens cut to Milvus's VARCHAR limit at a token boundary (a 1000-character chunk stays
    far below it; only an absurd setting of chunk_max_chars reaches it)."""
    data = tokens.encode("utf-8")
    if len(data) <= _MAX_TOKENS_BYTES:
        return tokens
    cut = data[:_MAX_TOKENS_BYTES].decode("utf-8", errors="ignore")
    return cut[: cut.rfind(" ")] if " " in cut else cut
