"""`PostgresStore`: the `Store` on PostgreSQL, for libraries served by several processes or
machines at once (``store = "postgresql://USER@HOST:PORT/DB"``, ``zhiku[cluster]``).

It runs the same statements as `SQLiteStore` (the package keeps one set of queries, so the two
backends cannot drift apart), rewritten once per statement into PostgreSQL's dialect by
`to_postgres`: placeholders, ``INSERT OR IGNORE/REPLACE`` as ``ON CONFLICT``, identity columns,
``BYTEA``, the reserved column name ``end``, aliases PostgreSQL 15 wants on subqueries. The
numbered migrations are the same steps, rewritten the same way, and recorded in the same
``_migrations`` table.

Term statistics for the search index: ``term_stats`` holds, per lexical token, the number of
chunks whose tokens contain it (the row ``''`` holds the number of chunks). A trigger on
``chunks`` keeps it in the same transaction as the chunk rows it counts, whichever statement
wrote them (add, delete, re-tokenize, `zhiku migrate`), so a search reads document
frequencies by primary key instead of scanning the index (`MilvusSearchIndex`).

Writers in several processes: every write transaction first takes one transaction-level
advisory lock of the library, so writes are serialised as SQLite's are and the change log's
sequence numbers are committed in order (a derived index that has read up to N never misses a
change numbered below N). Readers take no lock. Locks on single documents (for the search
index's rows, `MilvusSearchIndex`) are session-level advisory locks held by a connection of
the process's own, so they end when the process does, however it ends. Connections come from a psycopg pool; a server
that went away is reconnected on the next call. Every driver error becomes a `StoreError`
naming the server (without its password).
"""

from __future__ import annotations

import functools
import re
import threading
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from zhiku.errors import StoreError
from zhiku.records import Chunk
from zhiku.store.migrations import MIGRATIONS, apply_migrations
from zhiku.store.records import DocumentHeader
from zhiku.store.sqlite import SQLiteStore

_WRITE_LOCK = 0x7A68_696B  # "zhik": the advisory lock key of a library's writers
_MIGRATION_LOCK = _WRITE_LOCK + 1
_DOCUMENTS = _WRITE_LOCK + 2  # the key space of document locks (advisory locks on two int4)
_REPLACE_KEYS = {  # INSERT OR REPLACE: the conflict target (and the columns when not listed)
    "appearances": ("origin", ()),
    "knowledge_meta": ("key", ("value",)),
    "subscriptions": ("id", ()),
}


def _document_key(doc_id: str) -> int:
    """An advisory lock key for `doc_id` (two documents sharing one only wait on each other)."""
    return zlib.crc32(doc_id.encode()) & 0x7FFF_FFFF


def redacted(url: str) -> str:
    """`url` without its password, for error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like `sqlite3.Row`."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self.names


def _row_factory(cursor: Any) -> Any:
    names = tuple(d.name for d in cursor.description or ())
    kind = type("Row", (Row,), {"names": names, "__slots__": ()})
    return lambda values: kind(values)


class _Cursor:
    """The part of a `sqlite3.Cursor` the store's code uses."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Row | None:
        return self._cursor.fetchone()  # type: ignore[no-any-return]

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall()  # type: ignore[no-any-return]

    def fetchmany(self, size: int) -> list[Row]:
        return self._cursor.fetchmany(size)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._cursor)


class Connection:
    """A psycopg connection that takes SQLite-dialect statements (the store's shared SQL)."""

    def __init__(self, connection: Any) -> None:
        self._conn = connection

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> _Cursor:
        cursor = self._conn.cursor(row_factory=_row_factory)
        cursor.execute(to_postgres(sql, named=isinstance(params, Mapping)), _as_sqlite(params))
        return _Cursor(cursor)

    def execute_native(self, sql: str) -> None:
        """Run a statement written in PostgreSQL's own dialect (no rewriting)."""
        self._conn.execute(sql)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> _Cursor:
        cursor = self._conn.cursor(row_factory=_row_factory)
        rows = [_as_sqlite(row) for row in rows]
        if rows:
            cursor.executemany(to_postgres(sql, named=False), rows)
        return _Cursor(cursor)


def _as_sqlite(params: Any) -> Any:
    """Parameters as SQLite stores them: booleans are the integers 0 and 1."""
    if isinstance(params, Mapping):
        return {k: int(v) if isinstance(v, bool) else v for k, v in params.items()}
    return [int(v) if isinstance(v, bool) else v for v in params]


class PostgresStore(SQLiteStore):
    """The library's record in a PostgreSQL database (created tables on first use)."""

    def __init__(self, url: str, *, max_connections: int = 4, timeout_s: float = 10.0) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self.path = redacted(url)  # what error messages name
        self._hit_cache: dict[int, tuple[Chunk, DocumentHeader]] = {}
        self._psycopg = psycopg
        self._local = threading.local()
        self._locks: Any = None  # the connection holding this process's document locks
        self._locks_guard = threading.Lock()
        self._timeout_s = timeout_s
        try:
            self._pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max_connections,
                open=True,
                timeout=timeout_s,
                kwargs={"autocommit": True, "connect_timeout": max(1, round(timeout_s / 2))},
                configure=_configure,
                reconnect_timeout=timeout_s,
                check=_check_if_idle,
            )
            self._pool.wait(timeout=timeout_s)
            with self._pool.connection() as conn:
                conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
                try:
                    apply_migrations(Connection(conn), _MIGRATIONS)  # type: ignore[arg-type]
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
        except (psycopg.Error, OSError) as exc:
            self._close_pool()
            raise StoreError(f"cannot open library database {self.path}: {exc}") from exc
        except Exception as exc:  # the pool's PoolTimeout: the server is not reachable
            self._close_pool()
            raise StoreError(f"cannot open library database {self.path}: {exc}") from exc

    def document_frequencies(self, terms: Sequence[str]) -> dict[str, int]:
        """How many chunks hold each of `terms` (0 for a term no chunk holds)."""
        wanted = [t for t in dict.fromkeys(terms) if t]
        if not wanted:
            return {}
        with self._connection("read term statistics") as conn:
            try:
                rows = conn.execute(
                    "SELECT term, df FROM term_stats WHERE term = ANY(%s)", (wanted,)
                ).fetchall()
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.path}: {_reason(exc)}") from exc
        found = {str(term): int(df) for term, df in rows}
        return {t: found.get(t, 0) for t in wanted}

    def chunk_count(self) -> int:
        """The number of chunks, as the term statistics count them."""
        with self._connection("read term statistics") as conn:
            try:
                row = conn.execute("SELECT df FROM term_stats WHERE term = ''").fetchone()
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.path}: {_reason(exc)}") from exc
        return int(row[0]) if row else 0

    def take_document(self, doc_id: str) -> bool:
        """Lock `doc_id` if no other process holds it; never waits."""
        return self._lock_document("SELECT pg_try_advisory_lock(%s, %s)", doc_id) is not False

    def wait_for_document(self, doc_id: str) -> None:
        """Lock `doc_id`, waiting for the process that holds it."""
        self._lock_document("SELECT pg_advisory_lock(%s, %s)", doc_id)

    def release_documents(self) -> None:
        """Release every document lock this process holds."""
        with self._locks_guard:
            if self._locks is not None:
                self._run_lock("release document locks", "SELECT pg_advisory_unlock_all()")

    def _lock_document(self, sql: str, doc_id: str) -> object:
        with self._locks_guard:
            if self._locks is None:
                try:
                    self._locks = self._psycopg.connect(
                        self.url,
                        autocommit=True,
                        connect_timeout=max(1, round(self._timeout_s / 2)),
                    )
                except self._psycopg.Error as exc:
                    raise StoreError(f"{self.path}: cannot lock {doc_id}: {_reason(exc)}") from exc
            return self._run_lock(f"lock {doc_id}", sql, (_DOCUMENTS, _document_key(doc_id)))

    def _run_lock(self, what: str, sql: str, params: tuple[int, ...] = ()) -> object:
        try:
            row = self._locks.execute(sql, params).fetchone()
        except self._psycopg.Error as exc:
            self._locks.close()  # its locks went with it
            self._locks = None
            raise StoreError(f"{self.path}: cannot {what}: {_reason(exc)}") from exc
        return row[0] if row else None

    def _close_pool(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.close()

    def close(self) -> None:
        with self._locks_guard:
            if self._locks is not None:
                self._locks.close()
                self._locks = None
        self._close_pool()

    @contextmanager
    def _connection(self, what: str) -> Iterator[Any]:
        """A pooled connection (the one this thread already holds, inside a transaction)."""
        held = getattr(self._local, "conn", None)
        if held is not None:
            yield held
            return
        try:
            with self._pool.connection() as conn:
                yield conn
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot {what}: {_reason(exc)}") from exc
        except StoreError:
            raise
        except Exception as exc:
            if type(exc).__name__ != "PoolTimeout":
                raise
            raise StoreError(f"{self.path}: cannot {what}: server not reachable ({exc})") from exc

    @contextmanager
    def _transaction(self, what: str) -> Iterator[Connection]:  # type: ignore[override]
        """One write transaction under the library's writer lock: all of it lands, or none."""
        with self._connection(what) as conn:
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
                    self._local.conn = conn
                    try:
                        yield Connection(conn)
                    finally:
                        self._local.conn = None
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.path}: cannot {what}: {_reason(exc)}") from exc

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Any]:
        with self._connection("read") as conn:
            try:
                return Connection(conn).execute(sql, params).fetchall()
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.path}: {_reason(exc)}") from exc

    def _batches(self, sql: str, params: Sequence[Any], size: int) -> Iterator[list[Any]]:
        """Rows of a long query in batches, through a server-side cursor."""
        with self._connection("read") as conn:
            try:
                with conn.transaction():
                    cursor = conn.cursor(name="zhiku_batches", row_factory=_row_factory)
                    cursor.itersize = size
                    cursor.execute(to_postgres(sql, named=False), params)
                    while rows := cursor.fetchmany(size):
                        yield rows
                    cursor.close()
            except self._psycopg.Error as exc:
                raise StoreError(f"{self.path}: {_reason(exc)}") from exc


# Distinct tokens of a chunk's token string, plus '' (the chunk itself: the chunk count)
_TERMS_OF = """
    SELECT DISTINCT t FROM unnest(string_to_array({tokens}, ' ')) AS t WHERE t <> ''
    UNION ALL SELECT ''
"""


def pg001_term_stats(db: Connection) -> None:
    """``term_stats``, its trigger on ``chunks``, and the counts of the chunks already there."""
    db.execute_native(
        'CREATE TABLE term_stats (term TEXT COLLATE "C" PRIMARY KEY, df BIGINT NOT NULL)'
    )
    db.execute_native(
        f"""
        CREATE OR REPLACE FUNCTION zhiku_count_terms() RETURNS trigger AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE term_stats AS s SET df = s.df - 1
                FROM ({_TERMS_OF.format(tokens="OLD.tokens")}) AS o (t) WHERE s.term = o.t;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO term_stats (term, df)
                SELECT t, 1 FROM ({_TERMS_OF.format(tokens="NEW.tokens")}) AS n (t)
                ON CONFLICT (term) DO UPDATE SET df = term_stats.df + 1;
            END IF;
            RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """
    )
    db.execute_native(
        "CREATE TRIGGER chunks_term_stats AFTER INSERT OR DELETE OR UPDATE OF tokens ON chunks "
        "FOR EACH ROW EXECUTE FUNCTION zhiku_count_terms()"
    )
    db.execute_native(
        f"""
        INSERT INTO term_stats (term, df)
        SELECT x.t, count(*) FROM chunks, LATERAL ({_TERMS_OF.format(tokens="chunks.tokens")}) AS x (t)
        GROUP BY x.t
        """
    )
    db.execute_native("INSERT INTO term_stats VALUES ('', 0) ON CONFLICT DO NOTHING")


# the shared steps, then PostgreSQL's own (recorded in the same `_migrations` table)
_MIGRATIONS: tuple[Any, ...] = (*MIGRATIONS, pg001_term_stats)


def _reason(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


_IDLE_CHECK_S = 2.0


def _check_if_idle(conn: Any) -> None:
    """The pool's check before lending a connection, made only when the connection sat idle
    for a while: a round trip per checkout doubled the cost of every short read. A server that
    restarted is still noticed after a pause; a connection broken within the window fails its
    one statement with a StoreError and the pool discards it."""
    from psycopg_pool import ConnectionPool

    now = time.monotonic()
    if now - getattr(conn, "_zhiku_used_at", 0.0) >= _IDLE_CHECK_S:
        ConnectionPool.check_connection(conn)
    conn._zhiku_used_at = now


def _configure(conn: Any) -> None:
    """Numbers as SQLite gives them: sums of integers are ints, not Decimals."""
    from psycopg.types.numeric import FloatLoader

    conn.adapters.register_loader("numeric", FloatLoader)


_DDL = (
    (
        re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"),
        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    ),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b(?! COLLATE)"), 'TEXT COLLATE "C"'),  # byte order, as SQLite sorts
)
_NOCASE = re.compile(r"([\w.]+) = \? COLLATE NOCASE")
_MAX2 = re.compile(r"\bmax\(([\w.]+),\s*([\w.]+)\)")
_END = re.compile(r'(?<!["\w])end\b(?!")')
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO", re.IGNORECASE)
_OR_REPLACE = re.compile(r"^\s*INSERT OR REPLACE INTO (\w+)", re.IGNORECASE)
_AFTER_SUBQUERY = re.compile(r"\s*(ORDER|GROUP|WHERE|LIMIT|UNION|\)|$)", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def to_postgres(sql: str, *, named: bool) -> str:
    """A statement of the store's SQLite dialect in PostgreSQL's.

    >>> to_postgres("INSERT OR IGNORE INTO t (a, end) VALUES (?, ?)", named=False)
    'INSERT INTO t (a, "end") VALUES (%s, %s) ON CONFLICT DO NOTHING'
    >>> to_postgres("SELECT count(*) FROM (SELECT DISTINCT a FROM t WHERE b LIKE 'x%')", named=False)
    "SELECT count(*) FROM (SELECT DISTINCT a FROM t WHERE b LIKE 'x%%') AS _s1"
    """
    text = sql
    if re.search(r"\bCREATE TABLE\b|\bALTER TABLE\b", text):
        for pattern, replacement in _DDL:
            text = pattern.sub(replacement, text)
    text = text.replace("BEGIN IMMEDIATE", "BEGIN")
    text = re.sub(r"\s+INDEXED BY \w+", "", text)
    text = _NOCASE.sub(r"lower(\1) = lower(?)", text)
    text = _MAX2.sub(r"greatest(\1, \2)", text)
    if (table := re.match(r"\s*INSERT INTO (\w+)", text)) and "DO UPDATE" in text:
        # in an upsert's SET an unqualified column is ambiguous (the row or `excluded`)
        text = re.sub(r"greatest\((\w+),", rf"greatest({table.group(1)}.\1,", text)
    text = _END.sub('"end"', text)
    text = _alias_subqueries(text)
    text = text.replace("%", "%%")
    text = _NAMED.sub(r"%(\1)s", text) if named else text.replace("?", "%s")
    if _OR_IGNORE.match(text):
        text = _OR_IGNORE.sub("INSERT INTO", text).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    elif match := _OR_REPLACE.match(text):
        key, columns = _REPLACE_KEYS[match.group(1)]
        if listed := re.match(r"\s*INSERT OR REPLACE INTO \w+\s*\(([^)]*)\)", text, re.IGNORECASE):
            columns = tuple(c.strip() for c in listed.group(1).split(",") if c.strip() != key)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
        text = (
            _OR_REPLACE.sub(f"INSERT INTO {match.group(1)}", text).rstrip().rstrip(";")
            + f" ON CONFLICT ({key}) DO UPDATE SET {updates}"
        )
    return text


def _alias_subqueries(sql: str) -> str:
    """Name every unnamed subquery in FROM (PostgreSQL before 16 requires it)."""
    out, i, count = [], 0, 0
    for match in re.finditer(r"\bFROM\s*\(", sql):
        if match.start() < i:
            continue
        depth, j = 0, match.end() - 1
        while j < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[j], 0)
            if depth == 0:
                break
            j += 1
        out.append(sql[i : j + 1])
        i = j + 1
        if _AFTER_SUBQUERY.match(sql, i):
            count += 1
            out.append(f" AS _s{count}")
    out.append(sql[i:])
    return "".join(out)
