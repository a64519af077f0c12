"""The JSON shapes of the knowledge features, shared by the CLI's ``--json`` and the HTTP API.

Every span is ``[start, end]`` into the document's clean text, and comes with its ``quote``
(``text[start:end]``) so a reader can check it without fetching the document.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from zhiku.knowledge.library import context_of
from zhiku.knowledge.records import (
    DocumentEntity,
    DocumentTag,
    EntityGraph,
    EntityProfile,
    HotQuery,
    RelatedArticle,
    ResourceMatch,
    TagCount,
    Trends,
)


def _quote(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return text[start:end]


def tag_count_payload(tag: TagCount) -> dict[str, Any]:
    return asdict(tag)


def document_tag_payload(tag: DocumentTag, text: str) -> dict[str, Any]:
    return {**asdict(tag), "quote": _quote(text, tag.start, tag.end)}


def document_entity_payload(entity: DocumentEntity, text: str) -> dict[str, Any]:
    start, end = entity.spans[0]
    return {
        "entity_id": entity.entity_id,
        "name": entity.name,
        "type": entity.type,
        "source": entity.source,
        "mentions": len(entity.spans),
        "spans": [list(s) for s in entity.spans],
        "quote": _quote(text, start, end),
        "context": context_of(text, start, end),
    }


def entity_payload(profile: EntityProfile) -> dict[str, Any]:
    return {
        "entity": asdict(profile.entity),
        "documents": [asdict(d) for d in profile.documents],
        "related": [asdict(r) for r in profile.related],
        "also_matching": [
            {"id": e.id, "name": e.name, "type": e.type} for e in profile.also_matching
        ],
    }


def graph_payload(found: EntityGraph) -> dict[str, Any]:
    return {"nodes": [asdict(n) for n in found.nodes], "edges": [asdict(e) for e in found.edges]}


def related_payload(article: RelatedArticle) -> dict[str, Any]:
    return asdict(article)


def resource_payload(match: ResourceMatch, text: str) -> dict[str, Any]:
    r = match.resource
    start, end = match.evidence or (None, None)
    return {
        "id": r.id,
        "name": r.name,
        "kind": r.kind,
        "url": r.url,
        "description_zh": r.description_zh,
        "description_en": r.description_en,
        "origin": r.origin,
        "score": match.score,
        "reason": match.reason,
        "shared_entities": list(match.shared_entities),
        "shared_tags": list(match.shared_tags),
        "evidence": [start, end] if start is not None else None,
        "quote": _quote(text, start, end),
        "context": context_of(text, start, end) if start is not None and end is not None else None,
    }


def trends_payload(trends: Trends) -> dict[str, Any]:
    return {
        "kind": trends.kind,
        "bucket": trends.bucket,
        "date": trends.date,
        "undated": trends.undated,
        "series": [
            {
                "key": key,
                "label": trends.labels.get(key, key),
                "points": [{"period": p.period, "documents": p.documents} for p in points],
            }
            for key, points in trends.series.items()
        ],
        "rising": [
            {"key": key, "label": trends.labels.get(key, key), "ratio": ratio}
            for key, ratio in trends.rising
        ],
    }


def hot_query_payload(query: HotQuery) -> dict[str, Any]:
    return asdict(query)
