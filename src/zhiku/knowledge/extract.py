"""One call per document at ingest: keywords, tags, entities and links of a clean text (pure).

>>> kit = KnowledgeKit.load()
>>> k = analyze_document("DeepSeek 开源了 DeepSeek-V3，训练只用了 2048 张 H800。", "DeepSeek-V3 开源", kit=kit)
>>> [m.entity_id for m in k.entities]
['org:deepseek', 'model:deepseek-v3', 'product:h800']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from zhiku.knowledge.catalogue import EntityCatalogue, load_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.knowledge.keywords import extract_keywords
from zhiku.knowledge.phrases import fold_aligned
from zhiku.knowledge.records import EntityMention, Keyword, TagAssignment
from zhiku.knowledge.resources import ResourceCatalogue, load_resources
from zhiku.knowledge.tags import Taxonomy, load_taxonomy, tag_document

_URL = re.compile(r"https?://[^\s<>\"'，。、；）】\]]+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KnowledgeKit:
    """The data the knowledge features run on, loaded once per process."""

    taxonomy: Taxonomy
    catalogue: EntityCatalogue
    resources: ResourceCatalogue

    @classmethod
    def load(
        cls,
        *,
        taxonomy: str | Path | None = None,
        entity_files: Iterable[str | Path] = (),
        resource_files: Iterable[str | Path] = (),
    ) -> KnowledgeKit:
        return cls(
            load_taxonomy(taxonomy), load_catalogue(*entity_files), load_resources(*resource_files)
        )


@dataclass(frozen=True, slots=True)
class DocumentKnowledge:
    """What was extracted from one document; spans point into its clean text."""

    keywords: tuple[Keyword, ...]
    tags: tuple[TagAssignment, ...]
    entities: tuple[EntityMention, ...]
    links: tuple[str, ...]


def analyze_document(
    text: str,
    title: str = "",
    *,
    kit: KnowledgeKit,
    links: Iterable[str] = (),
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
) -> DocumentKnowledge:
    """Keywords, tags, entity mentions and outbound links (`links` from the page's metadata plus
    the URLs in the text) of one document."""
    folded = fold_aligned(text)
    keywords = extract_keywords(text, title=title, df=df, n_docs=n_docs, folded=folded)
    tags = tag_document(text, title, taxonomy=kit.taxonomy, keywords=keywords)
    entities = extract_entities(text, catalogue=kit.catalogue)
    found = [m.group().rstrip(".,;:!?)") for m in _URL.finditer(text)]
    return DocumentKnowledge(
        tuple(keywords), tuple(tags), tuple(entities), tuple(dict.fromkeys([*links, *found]))
    )
