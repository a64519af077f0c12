"""Documents in binary formats (PDF, DOCX, EPUB) -> text with page offsets."""

from __future__ import annotations

from zhiku.formats.docx import read_docx
from zhiku.formats.epub import read_epub
from zhiku.formats.layout import ExtractedDocument
from zhiku.formats.pdf import read_pdf

DOCUMENT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".epub": "epub"}
_READERS = {"pdf": read_pdf, "docx": read_docx, "epub": read_epub}


def read_document(data: bytes, *, kind: str, name: str) -> ExtractedDocument:
    """The text of a ``pdf``, ``docx`` or ``epub`` file called `name`."""
    return _READERS[kind](data, name=name)


__all__ = ["DOCUMENT_SUFFIXES", "ExtractedDocument", "read_document"]
