"""Resources matched to a document, each with its reason and the passage behind it (pure).

A resource matches a document when the document mentions an entity the resource is about
(strongest), links to the resource, or shares its topics. Tag-only matches need a confident tag
and rank below entity matches. A site's own "related resources" block is not needed: the
document's text and outbound links are the evidence.

>>> from zhiku.knowledge.records import EntityMention
>>> cat = load_resources()
>>> text = "我们用 Dify 搭了一个客服智能体。"
>>> m = match_resources([EntityMention("project:dify", "Dify", "project", 4, 8, "catalogue")], [], text, catalogue=cat)
>>> m[0].resource.name, m[0].reason, text[slice(*m[0].evidence)]
('Dify', 'mentions Dify', 'Dify')
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhiku.errors import InputError
from zhiku.knowledge.catalogue import DATA, _repo_key, read_entries
from zhiku.knowledge.records import (
    RESOURCE_KINDS,
    EntityMention,
    Resource,
    ResourceMatch,
    TagAssignment,
)

ENTITY_WEIGHT, LINK_WEIGHT, TAG_WEIGHT = 2.0, 2.5, 0.6
# a link that is only in the page's metadata came from a block cleaning removed (often a site's
# generated "related resources"): it supports a match on topic but does not make one
META_LINK_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class ResourceCatalogue:
    version: str
    resources: tuple[Resource, ...]

    def by_url(self) -> dict[str, Resource]:
        return {_url_key(r.url): r for r in self.resources}


def load_resources(*user_files: str | Path) -> ResourceCatalogue:
    """The bundled resources plus the user's (JSON, JSONL or YAML; same id replaces)."""
    data = json.loads((DATA / "resources.json").read_text(encoding="utf-8"))
    found = {r.id: r for r in (_resource(e, "bundled") for e in data["resources"])}
    for path in user_files:
        for entry in read_entries(Path(path)):
            resource = _resource(entry, str(path))
            found[resource.id] = resource
    return ResourceCatalogue(str(data.get("version", "")), tuple(found.values()))


def _resource(entry: dict[str, Any], origin: str) -> Resource:
    name, url, kind = entry.get("name"), entry.get("url"), entry.get("kind", "project")
    if not isinstance(name, str) or not isinstance(url, str):
        raise InputError(
            f"resource entry needs a name and a url: {entry!r}",
            path=None if origin == "bundled" else origin,
        )
    if kind not in RESOURCE_KINDS:
        raise InputError(
            f"resource {name!r}: kind must be one of {', '.join(RESOURCE_KINDS)}", path=origin
        )
    return Resource(
        str(entry.get("id") or name.lower().replace(" ", "-")),
        name,
        kind,
        url,
        entry.get("description_zh", ""),
        entry.get("description_en", entry.get("description", "")),
        tuple(entry.get("entities", ())),
        tuple(entry.get("tags", ())),
        origin,
    )


def _url_key(url: str) -> str:
    return _repo_key(url) or url.lower().rstrip("/").split("://", 1)[-1].removeprefix("www.")


def match_resources(
    doc_entities: Sequence[EntityMention],
    doc_tags: Sequence[TagAssignment],
    text: str,
    *,
    catalogue: ResourceCatalogue,
    links: Iterable[str] = (),
    limit: int = 5,
    min_score: float = 0.5,
) -> list[ResourceMatch]:
    """The best `limit` resources for a document, best first. `text` is the text the mentions'
    and tags' spans point into; `links` are the page's outbound links (``metadata["links"]``)."""
    mentions: dict[str, list[EntityMention]] = {}
    for mention in doc_entities:
        mentions.setdefault(mention.entity_id, []).append(mention)
    tags = {t.tag_id: t for t in doc_tags}
    linked = {_url_key(link) for link in links}
    lowered = text.lower()
    matches = []
    for resource in catalogue.resources:
        shared_entities = tuple(e for e in resource.entities if e in mentions)
        shared_tags = tuple(t for t in resource.tags if t in tags)
        key = _url_key(resource.url)
        at = lowered.find(key) if key in linked else -1
        link_span = (at, at + len(key)) if at >= 0 else None
        is_linked = link_span is not None
        score = sum(ENTITY_WEIGHT + 0.3 * math.log(len(mentions[e])) for e in shared_entities)
        score += LINK_WEIGHT if is_linked else 0.0
        meta_linked = key in linked and not is_linked and bool(shared_tags)
        score += META_LINK_WEIGHT if meta_linked else 0.0
        tag_score = TAG_WEIGHT * sum(tags[t].score for t in shared_tags)
        # on topic only: the resource's main (first) topic must be one of the document's
        if (
            not shared_entities
            and not is_linked
            and (not shared_tags or resource.tags[0] not in tags)
        ):
            continue
        score += tag_score
        if score < min_score:
            continue
        evidence = None
        reasons = []
        if shared_entities:
            first = min((mentions[e][0] for e in shared_entities), key=lambda m: m.start)
            evidence = (first.start, first.end)
            reasons.append("mentions " + ", ".join(mentions[e][0].name for e in shared_entities))
        if link_span is not None:
            evidence = evidence or link_span
            reasons.append("linked from the text")
        elif meta_linked:
            reasons.append("linked from the page's resource block")
        if shared_tags:
            if evidence is None:
                evidence = tags[shared_tags[0]].evidence
            reasons.append("about " + ", ".join(tags[t].label_en for t in shared_tags))
        matches.append(
            ResourceMatch(
                resource,
                round(score, 3),
                "; ".join(reasons),
                shared_entities,
                shared_tags,
                evidence,
            )
        )
    matches.sort(key=lambda m: (-m.score, m.resource.name))
    return matches[:limit]
