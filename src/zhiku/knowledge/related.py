"""Related documents: hybrid similarity plus shared entities and tags, minus near-duplicates (pure).

score = w_vector * cosine(mean chunk vectors) + w_entities * weighted Jaccard of entities (rare
entities weigh more: IDF over the library) + w_tags * weighted Jaccard of tag scores. Documents of
the same story (`story_id`: reposts, translations) and vectors closer than `duplicate_similarity`
are never "related": they are the same article.

>>> a = DocumentProfile("a", "s1", None, {"org:openai": 2, "model:gpt-4o": 1}, {"llm": 0.9})
>>> b = DocumentProfile("b", "s2", None, {"model:gpt-4o": 3}, {"llm": 0.8})
>>> c = DocumentProfile("c", "s1", None, {"org:openai": 5}, {"llm": 0.9})
>>> [(r.doc_id, r.shared_entities) for r in rank_related(a, [b, c])]
[('b', ('model:gpt-4o',))]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from zhiku.knowledge.records import DocumentProfile, RelatedDocument


def document_vector(chunk_vectors: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray | None:
    """The unit-length mean of a document's chunk vectors (None without chunks)."""
    matrix = np.asarray(chunk_vectors, dtype=np.float32)
    if matrix.size == 0:
        return None
    mean = matrix.reshape(-1, matrix.shape[-1]).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def rank_related(
    target: DocumentProfile,
    candidates: Iterable[DocumentProfile],
    *,
    k: int = 5,
    entity_df: Mapping[str, int] | None = None,
    n_docs: int = 0,
    weights: tuple[float, float, float] = (0.55, 0.3, 0.15),
    duplicate_similarity: float = 0.97,
    min_score: float = 0.05,
) -> list[RelatedDocument]:
    """The `k` documents most related to `target`, best first, with what they share."""
    w_vec, w_ent, w_tag = weights
    if target.vector is None:
        w_vec = 0.0
    total = (w_vec + w_ent + w_tag) or 1.0
    target_vec = None if target.vector is None else np.asarray(target.vector, dtype=np.float32)
    ranked = []
    for other in candidates:
        if other.doc_id == target.doc_id or (other.story_id and other.story_id == target.story_id):
            continue
        similarity = 0.0
        if target_vec is not None and other.vector is not None:
            similarity = float(np.dot(target_vec, np.asarray(other.vector, dtype=np.float32)))
            if similarity >= duplicate_similarity:
                continue
        shared_entities = sorted(set(target.entities) & set(other.entities))
        shared_tags = sorted(set(target.tags) & set(other.tags))
        entity_part = _weighted_jaccard(target.entities, other.entities, entity_df, n_docs)
        tag_part = _score_jaccard(target.tags, other.tags)
        score = (w_vec * max(similarity, 0.0) + w_ent * entity_part + w_tag * tag_part) / total
        if score >= min_score:
            ranked.append(
                RelatedDocument(
                    other.doc_id,
                    round(score, 4),
                    round(similarity, 4),
                    tuple(shared_entities),
                    tuple(shared_tags),
                )
            )
    ranked.sort(key=lambda r: (-r.score, r.doc_id))
    return ranked[:k]


def _idf(entity: str, entity_df: Mapping[str, int] | None, n_docs: int) -> float:
    if not entity_df or n_docs <= 0:
        return 1.0
    return math.log(1 + n_docs / (entity_df.get(entity, 0) + 1))


def _weighted_jaccard(
    a: Mapping[str, int], b: Mapping[str, int], entity_df: Mapping[str, int] | None, n_docs: int
) -> float:
    union = set(a) | set(b)
    if not union:
        return 0.0
    shared = sum(_idf(e, entity_df, n_docs) for e in set(a) & set(b))
    return shared / sum(_idf(e, entity_df, n_docs) for e in union)


def _score_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    union = set(a) | set(b)
    if not union:
        return 0.0
    top = sum(max(a.get(t, 0.0), b.get(t, 0.0)) for t in union)
    return sum(min(a.get(t, 0.0), b.get(t, 0.0)) for t in union) / top if top else 0.0
