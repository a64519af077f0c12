"""One filter rule (`zhiku.filters.matches`) for the library, the API, the web UI and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from zhiku import KnowledgeBase, SearchFilters, Settings
from zhiku.api import create_app
from zhiku.filters import filter_fields, matches, search_filters
from zhiku.records import Document

DOC = Document(
    "d1",
    "LoRA notes",
    "text",
    "Example Blog",
    language="en",
    script="en",
    published="2024-05-01",
    added_at="2026-01-02T10:00:00",
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(source="Example Blog"), True),
        (SearchFilters(source="example BLOG"), True),  # case does not matter
        (SearchFilters(source="Example"), False),  # the whole source, not a part
        (SearchFilters(language="EN", script="En"), True),
        (SearchFilters(language="zh"), False),
        (SearchFilters(published_from="2024"), True),
        (SearchFilters(published_from="2024-05-02"), False),
        (SearchFilters(published_to="2024-05"), True),  # a prefix covers its whole month
        (SearchFilters(published_to="2024-04-30"), False),
        (SearchFilters(published_from="2024-05-01", published_to="2024-05-01"), True),
        (SearchFilters(tag="rag"), True),  # tags are the library's to check
    ],
)
def test_matches(filters: SearchFilters, expected: bool) -> None:
    assert matches(DOC, filters) is expected


def test_an_undated_document_is_dated_by_when_it_was_added() -> None:
    undated = Document("d2", "t", "x", "s", added_at="2026-01-02T10:00:00")
    assert matches(undated, SearchFilters(published_from="2026"))
    assert not matches(undated, SearchFilters(published_to="2025-12-31"))
    assert not matches(Document("d3", "t", "x", "s"), SearchFilters(published_from="2000"))


def test_blank_values_are_not_filters() -> None:
    assert search_filters(source="", language=None, tag="  ") is None
    made = search_filters(source=" Example Blog ", tag="rag")
    assert made == SearchFilters(source="Example Blog", tag="rag")
    assert filter_fields(made) == {"source": "Example Blog", "tag": "rag"}
    assert filter_fields(None) == {}


@pytest.fixture
def library(
    settings: Settings, fake_embedder: object, sample_library: Path
) -> Iterator[KnowledgeBase]:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        yield kb


def test_library_and_api_apply_the_same_source_filter(library: KnowledgeBase) -> None:
    query = "模型 model"
    source = next(d.source for d in library.documents() if d.source)
    exact = library.search(query, k=10, filters=SearchFilters(source=source))
    assert exact and {h.source for h in exact} == {source}
    other_case = library.search(query, k=10, filters=SearchFilters(source=source.swapcase()))
    assert [(h.chunk.doc_id, h.chunk.ordinal) for h in other_case] == [
        (h.chunk.doc_id, h.chunk.ordinal) for h in exact
    ]
    with TestClient(create_app(library)) as client:
        found = client.get("/api/search", params={"q": query, "k": 10, "source": source.swapcase()})
        listed = client.get("/api/documents", params={"source": source.swapcase()})
    assert [(h["doc_id"], h["chunk"]) for h in found.json()["hits"]] == [
        (h.chunk.doc_id, h.chunk.ordinal) for h in exact
    ]
    assert {d["source"] for d in listed.json()["documents"]} == {source}
