"""Throwaway PostgreSQL and Milvus servers for the tests of the cluster backends.

One server of each per test session (started on first use, on 127.0.0.1 and a free port,
stopped at the end); each test gets its own database / collection. Tests that need them are
marked `integration` and skip with the reason when the server programs are not installed
(``scripts/install-system-deps.sh``, ``pip install 'zhiku[cluster]'``).
"""

from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Iterator

import pytest

from zhiku.devservers import LocalServer, ServerUnavailable, local_milvus, local_postgres


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} not installed: pip install 'zhiku[cluster]'")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[LocalServer]:
    _needs("psycopg")
    try:
        with local_postgres() as server:
            yield server
    except ServerUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture(scope="session")
def milvus_server() -> Iterator[LocalServer]:
    _needs("pymilvus")
    try:
        with local_milvus() as server:
            yield server
    except ServerUnavailable as error:
        pytest.skip(str(error))


def _name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def postgres_url(postgres_server: LocalServer) -> Iterator[str]:
    """A fresh, empty database on the session's server; dropped afterwards."""
    import psycopg

    name = _name("zhiku_test")
    with psycopg.connect(postgres_server.url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres_server.url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def milvus_url(milvus_server: LocalServer) -> Iterator[str]:
    """A collection name of its own on the session's Milvus; dropped afterwards."""
    from pymilvus import MilvusClient

    name = _name("zhiku_test")
    yield f"{milvus_server.url}/{name}"
    client = MilvusClient(uri=milvus_server.url.replace("milvus://", "http://"))
    for collection in client.list_collections():
        if collection.startswith(name):
            client.drop_collection(collection)
    client.close()
