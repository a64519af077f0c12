"""DOCX -> text (python-docx): paragraphs and tables in document order, headings as titles."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from zhiku.errors import InputError
from zhiku.formats.layout import ExtractedDocument


def read_docx(data: bytes, *, name: str) -> ExtractedDocument:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"not a readable DOCX file ({exc})", path=name) from exc
    blocks, title = [], None
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            style = (block.style.name if block.style is not None else "") or ""
            if text and title is None and (style == "Title" or style.startswith("Heading")):
                title = text
        else:
            text = _table_text(block)
        if text:
            blocks.append(text)
    if not blocks:
        raise InputError("the DOCX file has no text", path=name)
    core = document.core_properties
    return ExtractedDocument(
        text="\n\n".join(blocks),
        title=(core.title or "").strip() or title,
        author=(core.author or "").strip() or None,
        published=core.created.date().isoformat() if core.created else None,
    )


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


__all__ = ["DocxDocument", "read_docx"]
