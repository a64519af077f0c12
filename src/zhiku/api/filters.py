"""Document filters for listing (and, until the library filters search, for search hits).

Pure: a `DocumentFilter` is a value, `matches` a predicate over a `Document`'s fields. Dates are
ISO strings compared on their first 10 characters (``2024-05-01``), so ``published_from=2024``
means "from the start of 2024". Tags are not filterable yet: the library has no tags.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from zhiku.records import Document


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    source: str | None = None
    language: str | None = None
    script: str | None = None
    published_from: str | None = None
    published_to: str | None = None

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def as_query(self) -> dict[str, str]:
        """The filter as query parameters (for paging links)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _day(value: str) -> str:
    return value.strip()[:10]


def matches(doc: Document, where: DocumentFilter) -> bool:
    """Whether `doc` passes every set field of `where` (source and language ignore case).

    >>> doc = Document("d1", "t", "x", "36kr.com", language="zh", script="Hans", published="2024-05-01")
    >>> matches(doc, DocumentFilter(source="36KR.com", published_from="2024"))
    True
    >>> matches(doc, DocumentFilter(published_to="2023-12-31"))
    False
    """
    if where.source and doc.source.casefold() != where.source.casefold():
        return False
    if where.language and doc.language.casefold() != where.language.casefold():
        return False
    if where.script and doc.script.casefold() != where.script.casefold():
        return False
    if where.published_from or where.published_to:
        if not doc.published:
            return False
        day = _day(doc.published)
        if where.published_from and day < _day(where.published_from):
            return False
        if where.published_to and day[: len(_day(where.published_to))] > _day(where.published_to):
            return False
    return True
