"""Copy a library's whole record from one store to another (SQLite <-> PostgreSQL), table by
table and row by row: chunk keys, vectors and change-log numbers keep their values, so nothing
is re-embedded and a derived index built from the copy matches the original.

Both stores run the same numbered migrations, so their tables and columns are the same; the
copy refuses a target that already holds documents and checks every table's row count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zhiku.errors import StoreError
from zhiku.store.postgresql import PostgresStore
from zhiku.store.sqlite import SQLiteStore

# parents before children (foreign keys); every table of the schema but _migrations
TABLES: tuple[tuple[str, str], ...] = (
    ("documents", "id"),
    ("chunks", "key"),
    ("embeddings", "text_hash, model"),
    ("changes", "seq"),
    ("site_chrome", "site, fingerprint, doc_id"),
    ("appearances", "origin"),
    ("entities", "id"),
    ("tags", "merged_into IS NOT NULL, id"),  # a merged tag points at one copied before it
    ("mentions", "doc_id, start"),
    ("document_tags", "doc_id, tag_id"),
    ("keywords", "doc_id, term"),
    ("document_links", "doc_id, url"),
    ("query_log", "id"),
    ("knowledge_meta", "key"),
    ("built_with", "key"),
    ("conversations", "id"),
    ("turns", "conversation_id, ordinal"),
    ("subscriptions", "id"),
)
_IDENTITIES = (("chunks", "key"), ("changes", "seq"), ("query_log", "id"))
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int


Progress = Callable[[str, int], None]


def copy_record(
    source: SQLiteStore, target: SQLiteStore, *, on_progress: Progress | None = None
) -> list[TableCopy]:
    """Copy every table of `source` into the empty `target`; returns the rows per table,
    each checked against the target's count."""
    if target.count_documents():
        raise StoreError(f"{target.path} already holds documents; migrate into an empty store")
    copied = []
    for table, order in TABLES:
        rows = 0
        for batch in source._batches(f"SELECT * FROM {table} ORDER BY {order}", (), _BATCH):
            columns = list(batch[0].keys())
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})"
            )
            with target._transaction(f"copy {table}") as db:
                db.executemany(sql, [tuple(row) for row in batch])
            rows += len(batch)
            if on_progress is not None:
                on_progress(table, rows)
        copied.append(TableCopy(table, rows))
    if isinstance(target, PostgresStore):
        with target._transaction("continue the key sequences") as db:
            for table, column in _IDENTITIES:
                db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
                )
    for table, expected in ((c.table, c.rows) for c in copied):
        found = int(target._query(f"SELECT count(*) FROM {table}")[0][0])
        if found != expected:
            raise StoreError(f"{target.path}: copied {expected} rows of {table}, found {found}")
    return copied
