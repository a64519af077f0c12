"""Live sources on SQLite: the `SubscriptionStore` half of `SQLiteStore` (table from migration
``m011_subscriptions``)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from zhiku.errors import NotFound
from zhiku.store.records import Subscription

_FIELDS = [f.name for f in dataclasses.fields(Subscription)]
_COLUMNS = ", ".join(_FIELDS)


def _subscription(row: sqlite3.Row) -> Subscription:
    values = dict(zip(_FIELDS, row, strict=True))
    values["allow_private"] = bool(values["allow_private"])
    return Subscription(**values)


class SQLiteSubscriptions:
    """Subscriptions (feeds, sitemaps, pages polled on a schedule); `SQLiteStore` supplies the
    connection."""

    def _transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SQLiteStore's

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError  # SQLiteStore's

    def put_subscription(self, subscription: Subscription) -> None:
        """Insert or replace a subscription (all of its fields)."""
        values = dataclasses.astuple(subscription)
        marks = ", ".join("?" for _ in _FIELDS)
        with self._transaction("save the source") as db:
            db.execute(
                f"INSERT OR REPLACE INTO subscriptions ({_COLUMNS}) VALUES ({marks})", values
            )

    def subscriptions(self) -> list[Subscription]:
        rows = self._query(f"SELECT {_COLUMNS} FROM subscriptions ORDER BY created_at, id")
        return [_subscription(row) for row in rows]

    def subscription(self, subscription_id: str) -> Subscription:
        rows = self._query(f"SELECT {_COLUMNS} FROM subscriptions WHERE id = ?", (subscription_id,))
        if not rows:
            raise NotFound(
                f"no source with id {subscription_id!r}; `zhiku sources list` lists them"
            )
        return _subscription(rows[0])

    def delete_subscription(self, subscription_id: str) -> None:
        with self._transaction("delete the source") as db:
            gone = db.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,)).rowcount
        if not gone:
            raise NotFound(
                f"no source with id {subscription_id!r}; `zhiku sources list` lists them"
            )
