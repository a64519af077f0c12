"""The `Store` contract suite: every test here runs once per backend in `STORE_FACTORIES`.

A backend joins the suite by adding one factory: a function that opens the store kept at a
location (a fresh one for a new location, the same data when called again with it). A
PostgreSQL factory would map the location to a database or schema of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from zhiku.store import SQLiteStore, Store

StoreFactory = Callable[[Path], Store]


def sqlite_store(location: Path) -> Store:
    return SQLiteStore(location / "library.db")


def postgres_store(location: Path, server_url: str) -> Store:
    """A database of its own per location on the session's throwaway PostgreSQL server."""
    import psycopg

    from zhiku.store.postgresql import PostgresStore

    name = "store_" + hashlib.blake2b(str(location).encode(), digest_size=8).hexdigest()
    with psycopg.connect(server_url, autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    return PostgresStore(server_url.rsplit("/", 1)[0] + f"/{name}")


STORE_FACTORIES: list[Any] = [
    sqlite_store,
    pytest.param(postgres_store, marks=pytest.mark.integration, id="postgres_store"),
]


@pytest.fixture(params=STORE_FACTORIES, ids=lambda factory: getattr(factory, "__name__", None))
def store_factory(request: pytest.FixtureRequest) -> StoreFactory:
    factory = request.param
    if factory is postgres_store:  # a database on the session's server
        url = request.getfixturevalue("postgres_server").url
        return lambda location: postgres_store(location, url)
    chosen: StoreFactory = factory
    return chosen


@pytest.fixture
def location(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    path.mkdir()
    return path


@pytest.fixture
def store(store_factory: StoreFactory, location: Path) -> Iterator[Store]:
    opened = store_factory(location)
    yield opened
    opened.close()
