"""Which documents a `SearchFilters` admits: the one rule for the library, CLI, API and web UI.

Source, language and script compare without regard to case. Dates are ISO strings compared on
their first 10 characters, against the document's publication date or, when the page states
none, the date it was added; a prefix covers its whole period (``published_to="2024"`` ends
with the last day of 2024). Tags need the library's tag tables, so `KnowledgeBase.search`
applies ``tag`` itself; `matches` checks every other field.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Protocol

from zhiku.records import SearchFilters


class Filterable(Protocol):
    """The fields of a document that filters read (`Document`, a stored document's header)."""

    @property
    def source(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def script(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def added_at(self) -> str: ...


def _same(value: str, wanted: str | None) -> bool:
    return not wanted or value.casefold() == wanted.strip().casefold()


def _day(value: str) -> str:
    return value.strip()[:10]


def matches(doc: Filterable, filters: SearchFilters) -> bool:
    """Whether `doc` passes every set field of `filters` but ``tag``.

    >>> from zhiku.records import Document
    >>> doc = Document("d1", "t", "x", "36kr.com", language="zh", script="zh-Hans", published="2024-05-01")
    >>> matches(doc, SearchFilters(source="36KR.com", published_from="2024"))
    True
    >>> matches(doc, SearchFilters(published_to="2024")), matches(doc, SearchFilters(published_to="2023-12-31"))
    (True, False)
    >>> undated = Document("d2", "t", "x", "blog", added_at="2025-01-02T08:00:00")
    >>> matches(undated, SearchFilters(published_from="2025"))
    True
    """
    if not (
        _same(doc.source, filters.source)
        and _same(doc.language, filters.language)
        and _same(doc.script, filters.script)
    ):
        return False
    if filters.published_from or filters.published_to:
        day = _day(doc.published or doc.added_at or "")
        if not day:
            return False
        if filters.published_from and day < _day(filters.published_from):
            return False
        until = _day(filters.published_to or "")
        if until and day[: len(until)] > until:
            return False
    return True


def filter_fields(filters: SearchFilters | None) -> dict[str, str]:
    """The set fields of `filters` (as query parameters, for links and payloads).

    >>> filter_fields(SearchFilters(source="36kr.com", tag="rag"))
    {'source': '36kr.com', 'tag': 'rag'}
    """
    if filters is None:
        return {}
    found = {f.name: getattr(filters, f.name) for f in fields(filters)}
    return {name: value for name, value in found.items() if value}


def search_filters(**values: str | None) -> SearchFilters | None:
    """`SearchFilters` from form or query values, blanks left out; None when nothing is set.

    >>> search_filters(source=" ", language="en")
    SearchFilters(source=None, language='en', script=None, published_from=None, published_to=None, tag=None)
    >>> search_filters(source="") is None
    True
    """
    given = {name: value.strip() for name, value in values.items() if value and value.strip()}
    return SearchFilters(**given) if given else None
