"""The records that flow through the pipeline.

Offsets (`start`, `end`) are always character offsets into a document's clean text:
``document.text[chunk.start:chunk.end] == chunk.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One article in the library: its clean text and what we know about it."""

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    path: str | None = None
    author: str | None = None
    published: str | None = None
    language: str = "und"
    script: str = "und"
    encoding: str | None = None
    content_hash: str = ""
    added_at: str = ""
    story_id: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A passage of a document: ``doc.text[start:end] == text``.

    One chunk per document may be of kind ``"metadata"`` (ordinal -1): the sentences stating
    what the page says about itself (author, translator, date …), whose offsets index that
    passage instead of the clean text (see ``zhiku.metadata_passage``).
    """

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.ordinal}"

    @property
    def kind(self) -> str:
        return "metadata" if self.ordinal < 0 else "text"


@dataclass(frozen=True, slots=True)
class Source:
    """Another place a story appeared: a near-duplicate document or an exact copy elsewhere."""

    title: str
    source: str
    url: str | None = None
    path: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk found by a query, with the score of the run that found it.

    ``also_in`` lists the other places the same story appeared (reposts, translations).
    """

    chunk: Chunk
    score: float
    title: str = ""
    source: str = ""
    url: str | None = None
    path: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    story_id: str = ""
    also_in: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrict search to documents with these fields; None means any.

    `published_from` / `published_to` are ISO dates compared on the document's publication date
    (its added date when the page states none); `language` is ``zh``/``en``/``mul``, `script`
    ``zh-Hans``/``zh-Hant``/``en``/``mixed``; `tag` a tag id (``rag``, ``user:必读``) or label.
    """

    source: str | None = None
    language: str | None = None
    script: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    tag: str | None = None

    def __bool__(self) -> bool:
        return any(
            v is not None
            for v in (
                self.source,
                self.language,
                self.script,
                self.published_from,
                self.published_to,
                self.tag,
            )
        )


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited span: ``document.text[start:end]``, numbered as shown to the user.

    When ``field`` is set (``author``, ``translator``, ``published`` …) the span is in the
    document's metadata passage instead of its clean text, and ``raw_line`` is the 1-based
    line of the raw page the value was read from (``None`` when it came from HTML markup).
    """

    number: int
    doc_id: str
    title: str
    source: str
    url: str | None
    path: str | None
    start: int
    end: int
    text: str
    page: int | None = None  # 1-based page (PDF) or chapter (EPUB) where the span starts
    field: str | None = None
    raw_line: int | None = None
    published: str | None = None  # the cited document's publication date, when it states one
    added_at: str | None = None  # when the cited document was added to the library


@dataclass(frozen=True, slots=True)
class AnswerSentence:
    """One sentence of an answer and the citations (by number) that support it.

    ``status`` is the verifier's verdict: ``supported``, ``reattached`` (supported by another
    passage than the one the model cited), ``cut`` (cut to the clauses a span supports; in
    ``Answer.removed``: the clauses cut off), ``unsupported``, or, in ``Answer.removed`` only,
    ``off_question`` (supported, but the answer gives no name or figure of those asked for).
    """

    text: str
    citations: tuple[int, ...]
    support: float = 1.0
    status: str = "supported"


@dataclass(frozen=True, slots=True)
class Answer:
    """A grounded answer, or an abstention (``abstained`` and no sentences).

    ``removed`` holds generated sentences the verifier took out as unsupported (never cited).
    """

    question: str
    sentences: tuple[AnswerSentence, ...]
    citations: tuple[Citation, ...]
    abstained: bool
    reason: str = ""
    removed: tuple[AnswerSentence, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text + "".join(f"[{n}]" for n in s.citations) for s in self.sentences)
