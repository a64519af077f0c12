"""Knowledge features: keywords, tags, entities, a light graph, related articles, resources, trends.

Pure extraction and ranking functions over clean text and over the counts the store gives
(`zhiku.knowledge.graph`); `LibraryKnowledge` (`zhiku.knowledge.library`) runs them over a
library through the store's `KnowledgeStore` methods, which own the tables.
"""

from zhiku.knowledge.catalogue import EntityCatalogue, load_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.knowledge.extract import DocumentKnowledge, KnowledgeKit, analyze_document
from zhiku.knowledge.keywords import extract_keywords
from zhiku.knowledge.records import (
    DocumentProfile,
    Entity,
    EntityMention,
    HotQuery,
    Keyword,
    RelatedDocument,
    RelatedEntity,
    Resource,
    ResourceMatch,
    TagAssignment,
    Topic,
    TrendPoint,
)
from zhiku.knowledge.related import document_vector, rank_related
from zhiku.knowledge.resources import ResourceCatalogue, load_resources, match_resources
from zhiku.knowledge.tags import Taxonomy, load_taxonomy, tag_document
from zhiku.knowledge.trends import hot_queries, mention_trends, rising

__all__ = [
    "DocumentKnowledge",
    "DocumentProfile",
    "Entity",
    "EntityCatalogue",
    "EntityMention",
    "HotQuery",
    "Keyword",
    "KnowledgeKit",
    "RelatedDocument",
    "RelatedEntity",
    "Resource",
    "ResourceCatalogue",
    "ResourceMatch",
    "TagAssignment",
    "Taxonomy",
    "Topic",
    "TrendPoint",
    "analyze_document",
    "document_vector",
    "extract_entities",
    "extract_keywords",
    "hot_queries",
    "load_catalogue",
    "load_resources",
    "load_taxonomy",
    "match_resources",
    "mention_trends",
    "rank_related",
    "rising",
    "tag_document",
]
