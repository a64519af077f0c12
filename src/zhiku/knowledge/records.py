"""Records of the knowledge features: keywords, tags, entities, resources, related documents.

Spans (`start`, `end`, `evidence`) are character offsets into the text that was analysed, which
for a stored document is its clean text: ``doc.text[m.start:m.end]`` is what the reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = ("person", "org", "project", "model", "product")
RESOURCE_KINDS = ("project", "library", "course", "dataset", "tool", "paper", "community")


@dataclass(frozen=True, slots=True)
class Keyword:
    """A salient word of a document, its TF-IDF score and its first occurrence."""

    term: str
    score: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Topic:
    """One entry of the taxonomy: labels in three scripts and the phrases that signal it."""

    id: str
    label_zh: str
    label_zh_hant: str
    label_en: str
    strong: tuple[str, ...]
    weak: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class TagAssignment:
    """A taxonomy topic assigned to a document, with the passage that shows it."""

    tag_id: str
    label_zh: str
    label_en: str
    score: float
    evidence: tuple[int, int] | None  # None only for a tag added by hand
    matches: int = 1


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, project, model or product, with its aliases in zh and en."""

    id: str
    name: str
    type: str
    url: str | None = None
    aliases: tuple[str, ...] = ()
    by: str | None = None  # the maker: "product:chatgpt" is by "org:openai"


@dataclass(frozen=True, slots=True)
class EntityMention:
    """Where an entity is mentioned: ``text[start:end]`` and which rule found it."""

    entity_id: str
    name: str
    type: str
    start: int
    end: int
    source: str  # "catalogue" | "pattern" | "pos"


@dataclass(frozen=True, slots=True)
class Resource:
    """Something to read, use or learn from: a project, library, course or dataset."""

    id: str
    name: str
    kind: str
    url: str
    description_zh: str = ""
    description_en: str = ""
    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    origin: str = "bundled"  # or the user catalogue file it came from


@dataclass(frozen=True, slots=True)
class ResourceMatch:
    """A resource recommended for a document and why: shared entities/tags and the passage."""

    resource: Resource
    score: float
    reason: str
    shared_entities: tuple[str, ...] = ()
    shared_tags: tuple[str, ...] = ()
    evidence: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class DocumentProfile:
    """What related-article ranking knows of one document (built from stored rows)."""

    doc_id: str
    story_id: str
    vector: Any = (
        None  # numpy vector: the unit-length mean of the chunk vectors (`document_vector`)
    )
    entities: dict[str, int] = field(default_factory=dict)  # entity id -> mentions
    tags: dict[str, float] = field(default_factory=dict)  # tag id -> score


@dataclass(frozen=True, slots=True)
class RelatedDocument:
    """Another document related to the one asked about, and what they share."""

    doc_id: str
    score: float
    similarity: float
    shared_entities: tuple[str, ...] = ()
    shared_tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    """An entity that co-occurs with another: in how many documents and chunks, and a weight."""

    entity_id: str
    name: str
    type: str
    weight: float
    documents: int
    chunks: int


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """How many documents mention `key` in one period (``2024-10`` for months)."""

    key: str
    period: str
    documents: int


@dataclass(frozen=True, slots=True)
class HotQuery:
    """A query asked often recently; `query` is its most common spelling."""

    query: str
    count: int
    last_at: str


# -- what a library answers (`zhiku.knowledge.library`) ---------------------------------


@dataclass(frozen=True, slots=True)
class TagCount:
    """A tag and how many documents carry it (``zhiku tags``)."""

    tag_id: str
    label_zh: str
    label_en: str
    origin: str  # taxonomy | user
    documents: int


@dataclass(frozen=True, slots=True)
class DocumentTag:
    """A tag of one document; ``text[start:end]`` is the passage that shows it (None if manual)."""

    tag_id: str
    label_zh: str
    label_en: str
    score: float
    start: int | None
    end: int | None
    origin: str  # auto | manual


@dataclass(frozen=True, slots=True)
class DocumentEntity:
    """An entity of one document with every span where it is mentioned."""

    entity_id: str
    name: str
    type: str
    spans: tuple[tuple[int, int], ...]
    source: str  # the rule that found the first mention


@dataclass(frozen=True, slots=True)
class EntityDocument:
    """A document mentioning an entity: how often, and its first mention's span."""

    doc_id: str
    title: str
    mentions: int
    start: int
    end: int
    date: str | None
    context: str = ""  # the passage around the first mention


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """``zhiku entity NAME``: the entity, the documents mentioning it, what it is related to."""

    entity: Entity
    documents: tuple[EntityDocument, ...]
    related: tuple[RelatedEntity, ...]
    also_matching: tuple[Entity, ...] = ()  # other entities the name could mean


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    name: str
    type: str
    documents: int


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """Two entities mentioned in `documents` common documents; `weight` as in `graph`."""

    source: str
    target: str
    weight: float
    documents: int


@dataclass(frozen=True, slots=True)
class EntityGraph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    """Another document related to one, what they share, and its title to show."""

    doc_id: str
    title: str
    source: str
    score: float
    similarity: float
    shared_entities: tuple[str, ...]
    shared_entity_names: tuple[str, ...]
    shared_tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trends:
    """Documents per period for the most mentioned tags or entities, and the rising ones."""

    kind: str  # tag | entity
    bucket: str  # day | week | month | year
    series: dict[str, tuple[TrendPoint, ...]]
    labels: dict[str, str]
    rising: tuple[tuple[str, float], ...]
    date: str = "either"  # which date places a document: either | published | added
    undated: int = 0  # (document, key) rows left out for lacking that date
