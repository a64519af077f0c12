"""``zhiku migrate``: an embedded library into PostgreSQL + Milvus and back, same answers, no
re-embedding (real servers on 127.0.0.1)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings

pytestmark = pytest.mark.integration


def _hits(kb: KnowledgeBase) -> list[list[tuple[str, int]]]:
    return [
        [(h.chunk.doc_id, h.chunk.ordinal) for h in kb.search(q, k=3)]
        for q in ("RAG 检索", "LoRA rank", "向量数据库", "quantization")
    ]


def test_there_and_back(
    zhiku,
    settings: Settings,
    fake_embedder,
    sample_library: Path,
    postgres_url: str,  # type: ignore[no-untyped-def]
    milvus_url: str,
    tmp_path: Path,
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([sample_library])
        kb.knowledge.add_tag(kb.documents()[0].id, "必读")
        before, tags = _hits(kb), kb.knowledge.tags()
    embedded_calls = fake_embedder.calls
    result = zhiku("migrate", "--to", postgres_url, "--index", milvus_url)
    assert "migrated 7 documents" in result.output and "chunks indexed" in result.output
    assert fake_embedder.calls == embedded_calls  # nothing re-embedded
    cluster = dataclasses.replace(settings, store=postgres_url, index=milvus_url)
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:
        assert [h[:1] for h in _hits(kb)] == [h[:1] for h in before]
        assert kb.knowledge.tags() == tags
    zhiku("migrate", "--to", postgres_url, code=1)  # the target is not empty
    back = tmp_path / "back"
    embedded_calls = fake_embedder.calls
    zhiku("--home", str(back), "--config", _config(tmp_path, cluster), "migrate", "--to", str(back))
    assert fake_embedder.calls == embedded_calls
    with KnowledgeBase.open(Settings(home=str(back)), embedder=fake_embedder) as kb:
        assert _hits(kb) == before
        assert kb.knowledge.tags() == tags


def _config(tmp_path: Path, settings: Settings) -> str:
    path = tmp_path / "cluster.toml"
    path.write_text(f'store = "{settings.store}"\nindex = "{settings.index}"\n', encoding="utf-8")
    return str(path)
