"""A library that grows past `ann_min_chunks` searches through the HNSW graph, across reopens."""

from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("usearch")

from zhiku import KnowledgeBase, Settings
from zhiku.index.ann import has_snapshot

TOPICS = [
    "quantization shrinks model weights to four bits for laptops",
    "vector databases answer nearest neighbour queries over embeddings",
    "tokenizers split Chinese text into words before indexing",
    "agents call tools and read the results before answering",
    "evaluation sets measure recall and reciprocal rank of retrieval",
    "distillation trains a small student model from a large teacher",
    "检索增强生成先查找相关段落再让模型回答",
    "混合专家模型每次只激活一部分参数",
]


def _articles(folder: Path) -> list[Path]:
    paths = []
    for i, topic in enumerate(TOPICS):
        path = folder / f"article-{i}.md"
        path.write_text(f"# Note {i}\n\n{topic}. Written as note number {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _dense_docs(kb: KnowledgeBase, query: str) -> list[str]:
    return [h.chunk.doc_id for h in kb.search(query, mode="dense", k=3)]


def test_grows_into_ann_and_keeps_answering_after_reopen(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    small = replace(settings, ann_min_chunks=6)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        kb.add(_articles(tmp_path)[:4])
        assert not kb.index.uses_ann  # 4 chunks: exact
        kb.add(_articles(tmp_path)[4:])
        assert kb.index.uses_ann  # promoted at the commit that crossed 6
        exact_top = _dense_docs(kb, "nearest neighbour embeddings")
        assert kb.get(exact_top[0]).title == "Note 1"
    assert has_snapshot(small.home_path / "ann")
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        assert kb.index.uses_ann
        assert _dense_docs(kb, "nearest neighbour embeddings") == exact_top
        gone = exact_top[0]
        kb.delete(gone)
        assert gone not in _dense_docs(kb, "nearest neighbour embeddings")
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:  # the deletion was saved
        assert gone not in _dense_docs(kb, "nearest neighbour embeddings")


def test_a_stale_snapshot_heals_from_the_store(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    small = replace(settings, ann_min_chunks=4)
    paths = _articles(tmp_path)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        kb.add(paths[:5])
    snapshot = (small.home_path / "ann" / "vectors.usearch").read_bytes()
    state = (small.home_path / "ann" / "state.json").read_text()
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        kb.add(paths[5:])
    # a crash that lost the last snapshot: the old graph is back, the store has more
    (small.home_path / "ann" / "vectors.usearch").write_bytes(snapshot)
    (small.home_path / "ann" / "state.json").write_text(state)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        assert kb.index.uses_ann
        top = kb.search("混合专家模型 参数", mode="dense", k=1)[0]
        assert kb.get(top.chunk.doc_id).title == "Note 7"


def test_falls_back_to_exact_search_when_the_library_shrinks(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    small = replace(settings, ann_min_chunks=6)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        kb.add(_articles(tmp_path))
        for doc in kb.documents()[:6]:
            kb.delete(doc.id)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        assert not kb.index.uses_ann and not has_snapshot(small.home_path / "ann")
        assert len(kb.search("agents tools", mode="dense")) == 2


def test_the_store_lists_vector_keys_from_an_index_not_the_vectors(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    kb.add(_articles(tmp_path))
    store = kb.store
    keys = store.vector_keys(kb.embedder.name)
    expected = sorted(k for k, _ in store.iter_vectors(kb.embedder.name) for k in k.tolist())
    assert keys.tolist() == expected and len(keys) == len(TOPICS)
    assert len(store.vector_keys("another-model")) == 0
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    store.vector_keys(kb.embedder.name)
    store._db.set_trace_callback(None)
    (sql,) = [s for s in statements if "embeddings" in s]
    params = (kb.embedder.name,) if "?" in sql else ()
    plan = " ".join(str(row[-1]) for row in store._db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "COVERING INDEX embeddings_model_hash" in plan  # no vector row is read
