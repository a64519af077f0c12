"""zhiku (知库): a local-first knowledge base that answers with citations."""

from zhiku.errors import ZhikuError
from zhiku.knowledge_base import IngestResult, KnowledgeBase
from zhiku.records import (
    Answer,
    AnswerSentence,
    Chunk,
    Citation,
    Document,
    Hit,
    SearchFilters,
    Source,
)
from zhiku.settings import Settings

__all__ = [
    "Answer",
    "AnswerSentence",
    "Chunk",
    "Citation",
    "Document",
    "Hit",
    "IngestResult",
    "KnowledgeBase",
    "SearchFilters",
    "Settings",
    "Source",
    "ZhikuError",
]
