from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from zhiku.knowledge import (
    DocumentProfile,
    document_vector,
    hot_queries,
    mention_trends,
    rank_related,
    rising,
)


def test_related_prefers_shared_rare_entities_and_skips_duplicates() -> None:
    base = document_vector(np.array([[1.0, 0.0, 0.0], [0.9, 0.1, 0.0]]))
    target = DocumentProfile(
        "a", "s-a", base, {"org:openai": 1, "project:dify": 2}, {"agents": 0.9}
    )
    twin = DocumentProfile(
        "twin", "s-t", base, {"project:dify": 1}, {"agents": 0.9}
    )  # same vector: a repost
    same_story = DocumentProfile("tr", "s-a", np.array([0.0, 1.0, 0.0]), {"project:dify": 1}, {})
    rare = DocumentProfile(
        "rare", "s-r", np.array([0.6, 0.8, 0.0]), {"project:dify": 1}, {"agents": 0.5}
    )
    common = DocumentProfile(
        "common", "s-c", np.array([0.6, 0.8, 0.0]), {"org:openai": 1}, {"agents": 0.5}
    )
    ranked = rank_related(
        target,
        [twin, same_story, rare, common],
        entity_df={"org:openai": 90, "project:dify": 2},
        n_docs=100,
    )
    assert [r.doc_id for r in ranked] == ["rare", "common"]
    assert ranked[0].shared_entities == ("project:dify",) and ranked[0].shared_tags == ("agents",)


def test_trends_use_published_then_added_dates() -> None:
    rows = [
        ("llm", "2024-10-20T11:56", "2025-01-01"),
        ("llm", None, "2024-11-02T00:00:00+00:00"),
        ("llm", "2024/11/30", ""),
        ("rag", "2024年11月3日", ""),
        ("rag", None, None),
    ]
    trends = mention_trends(rows)
    assert [(p.period, p.documents) for p in trends["llm"]] == [("2024-10", 1), ("2024-11", 2)]
    assert [(p.period, p.documents) for p in mention_trends(rows, bucket="week")["rag"]] == [
        ("2024-W44", 1)
    ]
    assert rising(trends, recent=1, baseline=1)[0][0] in {"llm", "rag"}


def test_hot_queries_fold_spellings_and_window() -> None:
    now = datetime(2025, 1, 10, tzinfo=UTC)
    log = [
        ("什么是 RAG", "2025-01-09T10:00:00+00:00"),
        ("什麼是 rag", "2025-01-09T11:00:00+00:00"),
        ("什么是 RAG", "2025-01-08T10:00:00+00:00"),
        ("Qwen", "2025-01-09T09:00:00+00:00"),
        ("old", "2024-12-01T00:00:00+00:00"),
    ]
    hot = hot_queries(log, now=now, days=7)
    assert [(h.query, h.count) for h in hot] == [("什么是 RAG", 3), ("Qwen", 1)]
