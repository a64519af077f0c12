"""EPUB -> text (ebooklib): the spine's chapters in order, each a "page" for citations."""

from __future__ import annotations

import io
import zipfile

import ebooklib
import lxml.html
from ebooklib import epub

from zhiku.errors import InputError
from zhiku.formats.layout import ExtractedDocument

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt")


def read_epub(data: bytes, *, name: str) -> ExtractedDocument:
    try:
        book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except (zipfile.BadZipFile, KeyError, ebooklib.epub.EpubException) as exc:
        raise InputError(f"not a readable EPUB file ({exc})", path=name) from exc
    chapters = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is not None and item.get_type() == ebooklib.ITEM_DOCUMENT:
            text = _chapter_text(item.get_content())
            if text:
                chapters.append(text)
    if not chapters:
        raise InputError("the EPUB file has no text", path=name)
    starts, offset = [], 0
    for chapter in chapters:
        starts.append(offset)
        offset += len(chapter) + 2
    return ExtractedDocument(
        text="\n\n".join(chapters),
        title=_first(book.get_metadata("DC", "title")),
        author=_first(book.get_metadata("DC", "creator")),
        published=_first(book.get_metadata("DC", "date")),
        page_starts=tuple(starts),
    )


def _chapter_text(content: bytes) -> str:
    if not content.strip():
        return ""
    root = lxml.html.fromstring(content)
    for junk in root.xpath("//script|//style|//nav"):
        junk.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*_BLOCKS)]
    return "\n\n".join(b for b in blocks if b)


def _first(values: list[tuple[str, dict[str, str]]]) -> str | None:
    return values[0][0].strip() or None if values else None
