"""The light knowledge graph, ranked from counts the store gives (pure).

An entity's neighbours are weighted by how much their document sets overlap (Ochiai:
``together / sqrt(docs_a * docs_b)``), plus a bonus for sharing a chunk, which is a closer tie
than sharing a long document.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from zhiku.knowledge.catalogue import EntityCatalogue
from zhiku.knowledge.records import EntityGraph, GraphEdge, GraphNode, RelatedEntity
from zhiku.normalize import fold_key
from zhiku.store.records import EntitySummary, Neighbourhood, PairCount

CHUNK_BONUS = 0.5


def matching_entities(
    name: str, stored: Sequence[EntitySummary], *, catalogue: EntityCatalogue | None = None
) -> list[str]:
    """Ids of the entities a user may mean by `name`: an id or an alias in any script or
    language first, then stored names containing it (folded), in the order of `stored`.

    >>> stored = [EntitySummary("org:openai", "OpenAI", ("開放人工智能",), 3),
    ...           EntitySummary("product:openai-api", "OpenAI API", (), 1)]
    >>> matching_entities("openai", stored)
    ['org:openai', 'product:openai-api']
    """
    exact: list[str] = []
    partial: list[str] = []
    if catalogue is not None and (known := catalogue.lookup(name)) is not None:
        exact.append(known.id)
    key = fold_key(name).strip()
    for entity in stored:
        names = [fold_key(n) for n in (entity.id, entity.name, *entity.aliases)]
        if key in names:
            exact.append(entity.id)
        elif key and any(key in n for n in names):
            partial.append(entity.id)
    return list(dict.fromkeys(exact + partial))


def rank_neighbours(
    hood: Neighbourhood, names: Mapping[str, tuple[str, str]], *, limit: int = 20
) -> list[RelatedEntity]:
    """The entities seen with one, weighted (see module doc), heaviest first.

    >>> from zhiku.store.records import Cooccurrence
    >>> hood = Neighbourhood(4, 2, (Cooccurrence("org:a", 2, 4, 1), Cooccurrence("org:b", 1, 1, 0)))
    >>> [(r.entity_id, r.weight) for r in rank_neighbours(hood, {})]
    [('org:a', 0.75), ('org:b', 0.5)]
    """
    out = []
    for n in hood.neighbours:
        weight = n.documents / math.sqrt(max(hood.documents, 1) * max(n.their_documents, 1))
        weight += CHUNK_BONUS * n.chunks / max(hood.chunks, 1)
        name, kind = names.get(n.entity_id, (n.entity_id, "org"))
        out.append(RelatedEntity(n.entity_id, name, kind, round(weight, 4), n.documents, n.chunks))
    out.sort(key=lambda r: (-r.weight, -r.documents, r.entity_id))
    return out[:limit]


def graph_among(
    ids: Sequence[str],
    *,
    documents: Mapping[str, int],
    pairs: Sequence[PairCount],
    names: Mapping[str, tuple[str, str]],
    catalogue_name: Callable[[str], tuple[str, str] | None] = lambda _: None,
) -> EntityGraph:
    """Nodes `ids` and an edge for every pair mentioned in a common document (weight: common
    documents / sqrt(documents of each), as `rank_neighbours` without the chunk bonus)."""
    nodes = []
    for entity_id in dict.fromkeys(ids):
        name, kind = names.get(entity_id) or catalogue_name(entity_id) or (entity_id, "org")
        nodes.append(GraphNode(entity_id, name, kind, documents.get(entity_id, 0)))
    edges = [
        GraphEdge(
            p.source,
            p.target,
            round(
                p.documents
                / max(documents.get(p.source, 1) * documents.get(p.target, 1), 1) ** 0.5,
                4,
            ),
            p.documents,
        )
        for p in pairs
    ]
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return EntityGraph(tuple(nodes), tuple(edges))
