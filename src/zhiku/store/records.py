"""The records a `Store` takes and returns (frozen dataclasses; no database type in any of them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.records import Chunk


@dataclass(frozen=True, slots=True)
class NewChunk:
    """A chunk to store: the chunk, its lexical tokens and the hash its vector is cached under."""

    chunk: Chunk
    tokens: str
    text_hash: str


@dataclass(frozen=True, slots=True)
class StoredChunk:
    """A chunk as stored: its integer key, tokens and the hash its vector is cached under."""

    key: int
    chunk: Chunk
    tokens: str
    text_hash: str


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    """What a search hit shows of its document, without loading the text."""

    title: str
    source: str
    url: str | None
    path: str | None
    story_id: str
    language: str = "und"
    script: str = "und"
    published: str | None = None
    added_at: str = ""


@dataclass(frozen=True, slots=True)
class StoryFields:
    """How a document joins a story: its exact key, MinHash signature and story id."""

    story_id: str
    exact_key: str
    signature: bytes


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change log that derived indexes replay: `op` is upsert or delete."""

    seq: int
    doc_id: str
    op: str


# -- the knowledge tables --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VocabularyState:
    """Which taxonomy version and how many catalogue entities the library's tables hold."""

    taxonomy_version: str | None
    catalogue_entities: int


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A stored entity's names (to match what a user typed) and how often it is mentioned."""

    id: str
    name: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class MentioningDocument:
    """A document mentioning an entity: how often, and the span of its first mention."""

    doc_id: str
    title: str
    mentions: int
    start: int
    end: int
    date: str | None


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """Another entity seen with one: in `documents` common documents, of its own
    `their_documents`, and in `chunks` common chunks."""

    entity_id: str
    documents: int
    their_documents: int
    chunks: int


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """An entity's own document and chunk counts, and every entity seen with it."""

    documents: int
    chunks: int
    neighbours: tuple[Cooccurrence, ...]


@dataclass(frozen=True, slots=True)
class PairCount:
    """Two entities (`source` < `target`) mentioned in `documents` common documents."""

    source: str
    target: str
    documents: int


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One document carrying a tag (or mentioning an entity), with its dates."""

    key: str
    published: str | None
    added_at: str | None


@dataclass(frozen=True, slots=True)
class LoggedQuery:
    """A query as the query log keeps it; `folded` groups spellings of the same question."""

    query: str
    folded: str
    at: str
    results: int = 0


def chunk_ordinal(start: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """The ordinal of the chunk span holding character `start` (None: between chunks).

    >>> chunk_ordinal(12, [(0, 10), (8, 20)])
    1
    """
    for ordinal, (chunk_start, chunk_end) in enumerate(spans):
        if chunk_start <= start < chunk_end:
            return ordinal
    return None


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A conversation as listed: its first question as title, its size and last activity."""

    id: str
    title: str
    created_at: str
    updated_at: str
    turns: int


@dataclass(frozen=True, slots=True)
class StoredTurn:
    """One question and its answer in a conversation.

    ``asked`` is the question as retrieval saw it (a follow-up made self-contained);
    ``answer`` the answer as JSON (`zhiku.payloads.answer_payload`), ``answer_text`` its text.
    """

    ordinal: int
    question: str
    asked: str
    answer_text: str
    answer: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Subscription:
    """A live source: a feed, sitemap or page polled every ``every_s`` seconds.

    ``kind`` is ``feed``, ``sitemap``, ``page`` or ``auto`` (decided by the first fetch);
    ``etag`` / ``last_modified`` are the validators of the last response (conditional GET);
    ``failures`` counts consecutive failed runs (the wait before the next one doubles).
    Times are ISO 8601 UTC.
    """

    id: str
    url: str
    kind: str
    every_s: int
    allow_private: bool = False
    etag: str | None = None
    last_modified: str | None = None
    created_at: str = ""
    last_run_at: str | None = None
    next_run_at: str = ""
    last_status: str = "never"  # never | ok | not_modified | error
    last_error: str = ""
    last_added: int = 0
    failures: int = 0


@dataclass(frozen=True, slots=True)
class LibraryCounts:
    """What a library holds: documents, chunks, and documents per language (most first)."""

    documents: int
    chunks: int
    languages: tuple[tuple[str, int], ...]
