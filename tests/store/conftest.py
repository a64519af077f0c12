"""The `Store` contract suite: every test here runs once per backend in `STORE_FACTORIES`.

A backend joins the suite by adding one factory: a function that opens the store kept at a
location (a fresh one for a new location, the same data when called again with it). A
PostgreSQL factory would map the location to a database or schema of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from zhiku.store import SQLiteStore, Store

StoreFactory = Callable[[Path], Store]


def sqlite_store(location: Path) -> Store:
    return SQLiteStore(location / "library.db")


STORE_FACTORIES: list[StoreFactory] = [sqlite_store]


@pytest.fixture(params=STORE_FACTORIES, ids=lambda factory: factory.__name__)
def store_factory(request: pytest.FixtureRequest) -> StoreFactory:
    factory: StoreFactory = request.param
    return factory


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
