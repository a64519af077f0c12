"""Sentence vectors: a chunk is found by its best sentence, across reopens, deletes and ANN."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.errors import ConfigError
from zhiku.index.ann import has_snapshot
from zhiku.sentence_vectors import MAX_PARTS, sentence_parts, wanted

QUERY = "quantization shrinks model weights"
# The matching sentence is buried among unrelated ones: the chunk's one vector is diluted.
BURIED = (
    "Quantization shrinks model weights. The kitchen smelled of garlic and fresh basil that "
    "evening. Our train left the station twenty minutes late because of snow. Her garden grew "
    "tomatoes, beans and a surprising amount of mint. The museum closes early on public holidays."
)
# Shares the words "model" and "weights" throughout, never the question's point.
NEAR_MISS = (
    "Model weights are stored in files. The weights of a model can be large. Big model weights "
    "need fast disks and plenty of memory."
)


def _library(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in (("buried", BURIED), ("near-miss", NEAR_MISS)):
        path = folder / f"{name}.md"
        path.write_text(f"# {name}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _top_title(kb: KnowledgeBase) -> str:
    return kb.search(QUERY, mode="dense", k=1)[0].title


def test_a_buried_sentence_ranks_its_chunk_first(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    with KnowledgeBase.open(
        replace(settings, sentence_vectors="off"), embedder=fake_embedder
    ) as kb:
        kb.add(_library(tmp_path / "docs"))
        assert _top_title(kb) == "near-miss"  # the chunk vectors alone prefer the near miss
    on = replace(settings, home=str(tmp_path / "on"), sentence_vectors="on")
    with KnowledgeBase.open(on, embedder=fake_embedder) as kb:
        kb.add(_library(tmp_path / "docs"))
        hit = kb.search(QUERY, mode="dense", k=1)[0]
        assert hit.title == "buried" and hit.score > 0.85  # the sentence, not the diluted chunk
    embedded = fake_embedder.texts_embedded
    with KnowledgeBase.open(on, embedder=fake_embedder) as kb:  # parts reloaded from the cache
        assert _top_title(kb) == "buried"
        kb.delete(kb.search(QUERY, mode="dense", k=1)[0].chunk.doc_id)
        assert [h.title for h in kb.search(QUERY, mode="dense", k=5)] == ["near-miss"]
    assert fake_embedder.texts_embedded == embedded + 1  # the query once (then cached), no passage


def test_reindex_adds_sentence_vectors_to_an_existing_library(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    with KnowledgeBase.open(
        replace(settings, sentence_vectors="off"), embedder=fake_embedder
    ) as kb:
        kb.add(_library(tmp_path / "docs"))
    with pytest.raises(ConfigError, match=r"sentence_vectors=off.*zhiku reindex"):
        KnowledgeBase.open(replace(settings, sentence_vectors="on"), embedder=fake_embedder)
    with KnowledgeBase.open(
        replace(settings, sentence_vectors="on"), embedder=fake_embedder, reembed=True
    ) as kb:
        assert _top_title(kb) == "near-miss"  # no parts were ever embedded
        kb.reindex()
        assert _top_title(kb) == "buried"
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:  # "auto" follows the record
        assert _top_title(kb) == "buried"


def test_sentence_vectors_move_to_their_own_hnsw_graph(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    small = replace(settings, sentence_vectors="on", ann_min_chunks=4)
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        kb.add(_library(tmp_path / "docs"))  # 2 chunks, 7 sentence parts
        assert _top_title(kb) == "buried"
    assert has_snapshot(small.home_path / "ann-sentences")
    assert not has_snapshot(small.home_path / "ann")  # the chunks stay on the exact scan
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:
        assert _top_title(kb) == "buried"
        query = fake_embedder.embed([QUERY])[0]
        buried_key = kb.index.dense(query, 1)[0][0]
        kb.delete(kb.search(QUERY, mode="dense", k=1)[0].chunk.doc_id)
        assert buried_key not in [key for key, _ in kb.index.dense(query, 5)]
    with KnowledgeBase.open(small, embedder=fake_embedder) as kb:  # and the saved graph too
        chunk_keys = [key for key, _ in kb.index.dense(query, 5)]
        assert len(chunk_keys) == 1 and buried_key not in chunk_keys


def test_parts_join_short_sentences_and_stay_bounded() -> None:
    # one part in all: the chunk's own vector says the same
    assert sentence_parts("Ok. Fine. This one is long enough to be its own part. Yes.") == []
    many = " ".join(f"Sentence number {i} is long enough to stand." for i in range(200))
    parts = sentence_parts(many)
    assert len(parts) <= MAX_PARTS and "".join(parts).count("Sentence number") == 200


def test_the_setting_is_checked() -> None:
    assert wanted("auto", embedder_default=True) and not wanted("auto", embedder_default=False)
    assert not wanted("OFF", embedder_default=True)
    with pytest.raises(ConfigError, match="sentence_vectors"):
        wanted("sometimes", embedder_default=True)
