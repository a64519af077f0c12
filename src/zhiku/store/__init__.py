"""The system of record: the `Store` protocol, its records, and `SQLiteStore`.

Every SQL statement of zhiku lives in this package (`sqlite.py`, `sqlite_knowledge.py`,
`migrations.py`); the rest of the library sees only `Store` and plain records.
"""

from zhiku.store.protocol import KnowledgeStore, Store
from zhiku.store.records import (
    Change,
    DocumentHeader,
    LoggedQuery,
    NewChunk,
    StoredChunk,
    StoryFields,
)
from zhiku.store.sqlite import SQLiteStore

__all__ = [
    "Change",
    "DocumentHeader",
    "KnowledgeStore",
    "LoggedQuery",
    "NewChunk",
    "SQLiteStore",
    "Store",
    "StoredChunk",
    "StoryFields",
]
