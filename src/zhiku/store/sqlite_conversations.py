"""Conversations on SQLite: the `ConversationStore` half of `SQLiteStore` (tables from
migration ``m010_conversations``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from zhiku.errors import NotFound
from zhiku.store.records import ConversationSummary, StoredTurn


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteConversations:
    """Conversations and their turns; `SQLiteStore` supplies the connection."""

    def _transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError  # SQLiteStore's

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError  # SQLiteStore's

    def add_turn(
        self, conversation_id: str, *, question: str, asked: str, answer_text: str, answer: str
    ) -> int:
        """Append a turn, creating the conversation (titled by its first question) if new;
        returns the turn's ordinal (1-based)."""
        now = _now()
        with self._transaction("save the conversation") as db:
            db.execute(
                "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at",
                (conversation_id, question[:200], now, now),
            )
            ordinal = db.execute(
                "SELECT coalesce(max(ordinal), 0) + 1 FROM turns WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, ordinal, question, asked, answer_text, answer, now),
            )
        return int(ordinal)

    def conversations(self, *, limit: int = 50, offset: int = 0) -> list[ConversationSummary]:
        rows = self._query(
            "SELECT c.id, c.title, c.created_at, c.updated_at, "
            "(SELECT count(*) FROM turns t WHERE t.conversation_id = c.id) "
            "FROM conversations c ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [ConversationSummary(*row) for row in rows]

    def conversation_turns(self, conversation_id: str) -> list[StoredTurn]:
        if not self._query("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)):
            raise NotFound(f"no conversation with id {conversation_id!r}")
        rows = self._query(
            "SELECT ordinal, question, asked, answer_text, answer, created_at FROM turns "
            "WHERE conversation_id = ? ORDER BY ordinal",
            (conversation_id,),
        )
        return [StoredTurn(*row) for row in rows]

    def delete_conversation(self, conversation_id: str) -> None:
        with self._transaction("delete the conversation") as db:
            deleted = db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if deleted.rowcount == 0:
                raise NotFound(f"no conversation with id {conversation_id!r}")
