"""Raw input -> a document ready to store: clean, normalize, chunk, tokenize (pure).

Identity: a document's id is derived from its origin (path, url, or ``path#Ln``), so re-adding
the same origin updates it in place; its content hash decides whether anything changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from zhiku.chunk import split_into_chunks
from zhiku.clean import CleanText, Removal, chrome_fingerprints, clean_html, clean_plain_text
from zhiku.clean.bounds import check_html_bounds, thorough
from zhiku.clean.front_matter import metadata, split_front_matter
from zhiku.clean.headline import headline_of
from zhiku.errors import InputError
from zhiku.metadata_passage import (
    METADATA_KEY,
    MetadataPassage,
    build_passage,
    metadata_chunk,
)
from zhiku.normalize import detect_script, language_of
from zhiku.records import Chunk, Document
from zhiku.segment import lexical_tokens
from zhiku.sources.files import RawInput
from zhiku.store import NewChunk

_FIRST_LINE_TITLE_CHARS = 80
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """Everything about one input that the store needs, computed without I/O."""

    document: Document
    origin: str
    raw: bytes
    kind: str
    chunks: tuple[NewChunk, ...]
    removed: tuple[Removal, ...] = field(default=())
    site: str | None = None
    fingerprints: frozenset[str] = frozenset()


def site_of(raw: RawInput) -> str | None:
    """The site whose template a page shares: its host, or for saved files their folder."""
    if raw.url:
        return re.sub(r"^[a-z]+://", "", raw.url.lower()).split("/", 1)[0].removeprefix("www.")
    if raw.path:
        return str(PurePath(raw.path).parent) if not raw.path.endswith(".jsonl") else raw.path
    return None


def page_fingerprints(raw: RawInput) -> frozenset[str]:
    """Fingerprints of a crawled text page's chrome-like lines (none for HTML and notes)."""
    return chrome_fingerprints(raw.text) if raw.kind == "text" else frozenset()


def document_id(origin: str) -> str:
    return hashlib.sha1(origin.encode("utf-8")).hexdigest()[:12]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def clean_input(raw: RawInput, *, site_chrome: frozenset[str] = frozenset()) -> CleanText:
    """The article in `raw`: HTML through trafilatura, crawled text through the text cleaner."""
    if raw.document is not None:  # PDF, DOCX, EPUB: laid out by zhiku.formats
        d = raw.document
        return CleanText(
            text=d.text, title=d.title, author=d.author, published=d.published, removed=d.removed
        )
    if raw.kind == "clean":
        return CleanText(text=raw.text)
    if raw.kind == "html":
        tags = check_html_bounds(raw.text, path=raw.origin)
        return clean_html(raw.text, url=raw.url, site_chrome=site_chrome, thorough=thorough(tags))
    if raw.kind == "markdown":
        return _markdown_note(raw.text.replace("\r\n", "\n"))
    return clean_plain_text(raw.text.replace("\r\n", "\n"), site_chrome=site_chrome)


def clean_ahead(raw: RawInput) -> CleanText | InputError | None:
    """The cleaning of `raw` that needs nothing from the library (HTML: its chrome is found in
    the page's own structure, not across the library's pages), done before taking the write
    lock; None for the kinds cleaned against the library (crawled text), an `InputError` for a
    page that cannot be cleaned (too many tags, say)."""
    if raw.kind != "html":
        return None
    try:
        return clean_input(raw)
    except InputError as error:
        return error


def _markdown_note(text: str) -> CleanText:
    """A Markdown note as written, its front matter (if any) moved to metadata."""
    fields, rest = split_front_matter(text)
    body = rest.strip()
    found = metadata(fields)
    heading = _MARKDOWN_HEADING.search(body)
    block = text[: len(text) - len(rest)].strip()
    removed = (
        Removal("front_matter", block, "the note's metadata block (title, date, author kept)"),
    )
    return CleanText(
        text=body,
        title=found.get("title") or (heading.group(1) if heading else None),
        author=found.get("author"),
        published=found.get("published"),
        url=found.get("url"),
        source=found.get("source"),
        removed=removed if fields else (),
    )


def _title(raw: RawInput, cleaned: CleanText) -> str:
    """The title the source gives, else the page's own, else its first line when short, else
    its first heading or sentence (`headline_of`); the file name only when there is no text."""
    if raw.title:
        return raw.title
    if cleaned.title:
        return cleaned.title
    first_line = cleaned.text.strip().split("\n", 1)[0].strip()
    if len(first_line) <= _FIRST_LINE_TITLE_CHARS or not raw.path or raw.path.endswith(".jsonl"):
        # JSONL rows keep their first line: retrieval benchmarks index the title with every chunk
        return first_line[:_FIRST_LINE_TITLE_CHARS] or PurePath(raw.origin).name
    return headline_of(cleaned.text) or PurePath(raw.origin).name


AS_IS_KEY = "cleaned"  # metadata key, False for a document indexed as is (`zhiku add --no-clean`)


def prepare(
    raw: RawInput,
    *,
    max_chars: int,
    overlap: int,
    clean: bool = True,
    site_chrome: frozenset[str] = frozenset(),
    cleaned: CleanText | None = None,
    fingerprints: frozenset[str] | None = None,
) -> PreparedDocument:
    """Clean and chunk one input; raises `InputError` when no article text is left.
    `cleaned`: the input already cleaned (`clean_ahead`), so the cleaning is not repeated;
    `fingerprints`: its `page_fingerprints`, when computed already."""
    if cleaned is None:
        cleaned = (
            clean_input(raw, site_chrome=site_chrome) if clean else CleanText(text=raw.text.strip())
        )
    text = cleaned.text.strip()
    if not text:
        raise InputError(
            "no article text found (everything was site chrome or empty)", path=raw.origin
        )
    doc_id = document_id(raw.origin)
    script = detect_script(text)
    metadata: dict[str, object] = {"kind": raw.kind}
    if not clean:
        metadata[AS_IS_KEY] = False  # re-ingestion indexes it as is again
    if cleaned.links:
        metadata["links"] = list(cleaned.links)
    if cleaned.removed:
        metadata["removed"] = [
            {"step": r.step, "text": r.text, "reason": r.reason} for r in cleaned.removed
        ]
    if raw.document is not None and raw.document.page_starts:
        metadata["pages"] = list(raw.document.page_starts)
    if cleaned.translator:
        metadata["translator"] = cleaned.translator
    if cleaned.editor:
        metadata["editor"] = cleaned.editor
    passage = _metadata_passage(raw, cleaned)
    if passage is not None:
        metadata[METADATA_KEY] = passage.as_metadata()
    document = Document(
        id=doc_id,
        title=_title(raw, cleaned),
        text=text,
        source=raw.source or cleaned.source or _source_of(raw),
        url=raw.url or cleaned.url,
        path=raw.path,
        author=cleaned.author,
        published=raw.published or cleaned.published,
        language=language_of(script),
        script=script,
        encoding=raw.encoding,
        content_hash=content_hash(raw.text),
        metadata=metadata,
    )
    chunks = tuple(
        NewChunk(c, " ".join(chunk_tokens(document.title, c.text)), text_hash(c.text))
        for c in split_into_chunks(text, doc_id=doc_id, max_chars=max_chars, overlap=overlap)
    )
    if passage is not None:
        meta = metadata_chunk(doc_id, passage)
        chunks += (NewChunk(meta, " ".join(stored_tokens(document, meta)), text_hash(meta.text)),)
    return PreparedDocument(
        document,
        raw.origin,
        raw.raw,
        raw.kind,
        chunks,
        cleaned.removed,
        site=site_of(raw),
        fingerprints=(page_fingerprints(raw) if fingerprints is None else fingerprints)
        if clean
        else frozenset(),
    )


def _metadata_passage(raw: RawInput, cleaned: CleanText) -> MetadataPassage | None:
    """The sentences stating the page's fields (see `zhiku.metadata_passage`); raw lines are
    known for crawled text, whose lines cleaning reads one for one.

    Only a page that says who made it or when has one: a source and a URL alone are known for
    every document (its folder, its site) and would give every document a second passage that
    competes for the candidate lists and skews the lexical statistics.
    """
    if not (
        cleaned.author or cleaned.translator or cleaned.editor or raw.published or cleaned.published
    ):
        return None
    values = {
        "author": cleaned.author,
        "translator": cleaned.translator,
        "editor": cleaned.editor,
        "source": source if (source := raw.source or cleaned.source) != cleaned.title else None,
        "published": raw.published or cleaned.published,
        "url": raw.url or cleaned.url,
    }
    from_page = raw.kind == "text"
    lines = {
        name: index + 1
        for name, index in cleaned.field_lines.items()
        if from_page and not (name in ("source", "published", "url") and getattr(raw, name))
    }
    return build_passage(values, raw_lines=lines)


def stored_tokens(document: Document, chunk: Chunk) -> list[str]:
    """A chunk's lexical tokens: with the document's title, except for the metadata passage,
    which must not compete with the article's passages on the words of its title."""
    return (
        lexical_tokens(chunk.text)
        if chunk.kind == "metadata"
        else chunk_tokens(document.title, chunk.text)
    )


def chunk_tokens(title: str, text: str) -> list[str]:
    """A chunk's lexical tokens; the title is indexed with every chunk, since questions often
    name what the article is about rather than repeat the passage's words."""
    return lexical_tokens(f"{title}\n{text}")


def _source_of(raw: RawInput) -> str:
    if raw.url:
        host = re.sub(r"^[a-z]+://", "", raw.url).split("/", 1)[0]
        return host.removeprefix("www.")
    return PurePath(raw.path).parent.name if raw.path else "unknown"
