"""SQLite only: numbered migrations (fresh library, upgrade from an old schema, applied once)
and driver errors surfacing as `StoreError`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_contract import document, put

from zhiku.errors import StoreError
from zhiku.store import SQLiteStore
from zhiku.store.migrations import MIGRATIONS, apply_migrations


def _applied(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]


def test_a_fresh_library_gets_every_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    SQLiteStore(path).close()
    assert _applied(path) == [step.__name__ for step in MIGRATIONS]
    SQLiteStore(path).close()  # reopening applies nothing again
    assert _applied(path) == [step.__name__ for step in MIGRATIONS]
    db = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(db) == []
    db.close()


def test_names_are_numbered_and_unique() -> None:
    names = [step.__name__ for step in MIGRATIONS]
    assert len(set(names)) == len(names)
    assert [int(name[1:4]) for name in names] == list(range(1, len(names) + 1))


def test_upgrade_from_an_old_schema_keeps_the_documents(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    db = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(db, MIGRATIONS[:5]) == [
        s.__name__ for s in MIGRATIONS[:5]
    ]  # up to m005
    db.execute(
        "INSERT INTO documents (id, origin, content_hash, kind, title, source, language, script, "
        "raw, text, added_at, updated_at) VALUES ('old', 'notes/old.txt', 'h', 'text', 'Old note', "
        "'notes', 'en', 'Latn', x'00', 'Written before stories existed.', '2024-01-01', '2024-01-01')"
    )
    db.execute("INSERT INTO changes (doc_id, op) VALUES ('old', 'upsert')")
    db.close()
    store = SQLiteStore(path)
    try:
        assert _applied(path) == [step.__name__ for step in MIGRATIONS]
        old = store.get_document("old")
        assert (
            old.text == "Written before stories existed." and old.story_id == "old"
        )  # m006 backfill
        assert store.last_seq() == 1 and store.built_with() == {}
        put(store, document("new", "Written after the upgrade."))
        store.add_tag("old", "legacy", new_id="user:legacy")  # m007's tables exist
        assert store.documents_with_tag("user:legacy") == frozenset({"old"})
    finally:
        store.close()


def test_a_failing_migration_is_rolled_back_and_not_recorded(tmp_path: Path) -> None:
    def m001_fine(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE fine (x INTEGER)")

    def m002_broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x INTEGER)")
        db.execute("CREATE TABLE fine (x INTEGER)")  # already exists

    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(db, (m001_fine, m002_broken))
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "fine" in tables and "half" not in tables
    assert [r[0] for r in db.execute("SELECT name FROM _migrations")] == ["m001_fine"]
    db.close()


def test_driver_errors_become_store_errors_naming_the_file(tmp_path: Path) -> None:
    not_a_db = tmp_path / "library.db"
    not_a_db.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match=r"library.db"):
        SQLiteStore(not_a_db)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(tmp_path / "missing-folder" / "library.db")
    store = SQLiteStore(tmp_path / "ok.db")
    store.close()
    with pytest.raises(StoreError):
        store.count_documents()
    with pytest.raises(StoreError):
        list(store.iter_chunk_texts())
