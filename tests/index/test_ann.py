from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("usearch")

from zhiku.index.ann import (
    AnnIndex,
    AnnParams,
    AnnPlan,
    has_snapshot,
    open_ann,
    open_dense_index,
    promote_to_ann,
    sync_ann,
    use_ann,
)
from zhiku.index.dense import DenseIndex


def _vectors(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize(
    "make", [lambda d: DenseIndex(d), lambda d: AnnIndex(d)], ids=["dense", "ann"]
)
def test_same_interface_as_dense_index(make) -> None:  # type: ignore[no-untyped-def]
    index = make(32)
    vectors = _vectors(50)
    index.add(np.arange(100, 150), vectors)
    assert len(index) == 50
    found = index.search(vectors[7], 3)
    assert found[0][0] == 107
    assert found[0][1] == pytest.approx(1.0, abs=1e-2)
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    index.remove(np.array([107]))
    assert len(index) == 49
    assert 107 not in [k for k, _ in index.search(vectors[7], 10)]
    index.clear()
    assert len(index) == 0
    assert index.search(vectors[0], 5) == []


def test_recall_against_exact_search() -> None:
    vectors = _vectors(1000, dim=64, seed=1)
    keys = np.arange(1000) * 3 + 1
    ann, exact = AnnIndex(64), DenseIndex(64)
    ann.add(keys, vectors)
    exact.add(keys, vectors)
    queries = _vectors(50, dim=64, seed=2)
    hits = sum(
        len({k for k, _ in ann.search(q, 10)} & {k for k, _ in exact.search(q, 10)})
        for q in queries
    )
    assert hits / 500 >= 0.98


def test_add_replaces_an_existing_key() -> None:
    ann = AnnIndex(32)
    v = _vectors(3)
    ann.add(np.array([1, 2]), v[:2])
    ann.add(np.array([1]), v[2:3])
    assert len(ann) == 2
    assert ann.search(v[2], 1)[0][0] == 1


def test_rejects_wrong_dimension() -> None:
    with pytest.raises(ValueError, match="dimension 32"):
        AnnIndex(32).add(np.array([1]), _vectors(1, dim=8))


def test_save_load_round_trip(tmp_path: Path) -> None:
    ann = AnnIndex(32, AnnParams(dtype="f32"))
    vectors = _vectors(100)
    ann.add(np.arange(100), vectors)
    ann.save(tmp_path / "ann", seq=42, model="m")
    loaded, seq = AnnIndex.load(tmp_path / "ann", 32, model="m")
    assert seq == 42 and len(loaded) == 100
    assert loaded.search(vectors[5], 1)[0][0] == 5


@pytest.mark.parametrize(("model", "dim"), [("other-model", 32), ("m", 64)])
def test_load_refuses_another_model_or_dimension(tmp_path: Path, model: str, dim: int) -> None:
    ann = AnnIndex(32)
    ann.add(np.arange(10), _vectors(10))
    ann.save(tmp_path / "ann", seq=3, model="m")
    loaded, seq = AnnIndex.load(tmp_path / "ann", dim, model=model)
    assert seq == -1 and len(loaded) == 0


def test_load_without_a_snapshot_or_with_a_torn_one(tmp_path: Path) -> None:
    assert AnnIndex.load(tmp_path / "missing", 32, model="m")[1] == -1
    ann = AnnIndex(32)
    ann.add(np.arange(10), _vectors(10))
    ann.save(tmp_path / "ann", seq=3, model="m")
    (tmp_path / "ann" / "vectors.usearch").write_bytes(b"torn")
    loaded, seq = AnnIndex.load(tmp_path / "ann", 32, model="m")
    assert seq == -1 and len(loaded) == 0


def test_sync_heals_a_snapshot_behind_the_store() -> None:
    """After a crash the snapshot can hold deleted keys and miss new ones: sync fixes both."""
    vectors = _vectors(30)
    ann = AnnIndex(32)
    ann.add(np.arange(0, 20), vectors[:20])  # snapshot: keys 0..19
    store_keys = np.arange(10, 30)  # store: 0..9 deleted, 20..29 added since
    reads = []

    def batches():  # type: ignore[no-untyped-def]
        reads.append(1)
        yield store_keys[:10], vectors[10:20]
        yield store_keys[10:], vectors[20:30]

    assert sync_ann(ann, store_keys, batches) == (10, 10)
    assert sorted(ann.keys().tolist()) == list(range(10, 30))
    assert ann.search(vectors[25], 1)[0][0] == 25
    assert sync_ann(ann, store_keys, batches) == (0, 0)
    assert len(reads) == 1  # an up-to-date index reads no vectors


def test_open_ann_rebuilds_then_reuses_the_snapshot(tmp_path: Path) -> None:
    vectors = _vectors(40)
    keys = np.arange(40)
    reads: list[int] = []

    def batches():  # type: ignore[no-untyped-def]
        reads.append(1)
        yield keys, vectors

    ann = open_ann(tmp_path / "ann", 32, model="m", store_keys=keys, vectors=batches, seq=5)
    assert len(ann) == 40 and len(reads) == 1 and has_snapshot(tmp_path / "ann")
    again = open_ann(tmp_path / "ann", 32, model="m", store_keys=keys, vectors=batches, seq=5)
    assert len(again) == 40 and len(reads) == 1  # up to date: no vector read
    again.add(np.array([99]), _vectors(1, seed=9))
    assert again.checkpoint(6, force=True)
    assert AnnIndex.load(tmp_path / "ann", 32, model="m")[1] == 6
    assert not again.checkpoint(7)  # nothing changed since


def test_switch_rule_has_hysteresis() -> None:
    assert not use_ann(19_999, has_snapshot=False)
    assert use_ann(20_000, has_snapshot=False)
    assert use_ann(15_000, has_snapshot=True)
    assert not use_ann(9_999, has_snapshot=True)
    assert use_ann(200_000, has_snapshot=False, min_chunks=200_000)


class _Store:
    def __init__(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        self.keys, self.vectors = keys, vectors

    def iter_vectors(self, model: str):  # type: ignore[no-untyped-def]
        yield self.keys, self.vectors


def test_open_dense_index_follows_the_switch_rule(tmp_path: Path) -> None:
    store = _Store(np.arange(30), _vectors(30))
    small = open_dense_index(AnnPlan(tmp_path / "ann", "m", 50), store, dim=32, seq=1)
    assert isinstance(small, DenseIndex) and len(small) == 30
    big = open_dense_index(AnnPlan(tmp_path / "ann", "m", 20), store, dim=32, seq=1)
    assert isinstance(big, AnnIndex) and len(big) == 30 and has_snapshot(tmp_path / "ann")
    # with a snapshot, ANN stays down to half the threshold
    kept = open_dense_index(AnnPlan(tmp_path / "ann", "m", 50), store, dim=32, seq=1)
    assert isinstance(kept, AnnIndex)
    dropped = open_dense_index(AnnPlan(tmp_path / "ann", "m", 70), store, dim=32, seq=1)
    assert isinstance(dropped, DenseIndex) and not has_snapshot(tmp_path / "ann")


def test_expansion_search_grows_with_size() -> None:
    ann = AnnIndex(32)
    assert ann.expansion_search == 256
    ann.add(np.arange(10), _vectors(10))
    assert ann.expansion_search == 256
    assert AnnIndex(32, AnnParams(expansion_search=64)).expansion_search == 64


def test_promotion_keeps_every_vector_and_saves_a_snapshot(tmp_path: Path) -> None:
    dense = DenseIndex(32)
    vectors = _vectors(40)
    dense.add(np.arange(500, 540), vectors)
    plan = AnnPlan(tmp_path / "ann", "m", 20)
    ann = promote_to_ann(dense, plan, seq=9)
    assert len(ann) == 40 and ann.search(vectors[3], 1)[0][0] == 503
    reloaded, seq = AnnIndex.load(plan.directory, 32, model="m")
    assert seq == 9 and len(reloaded) == 40


class _KeysMustNotBeListed(_Store):
    def vector_keys(self, model: str):  # type: ignore[no-untyped-def]
        raise AssertionError("a current snapshot needs no reconciling")

    def iter_vectors(self, model: str):  # type: ignore[no-untyped-def]
        raise AssertionError("a current snapshot needs no vectors")


def test_a_snapshot_at_the_stores_sequence_opens_without_reading_the_store(tmp_path: Path) -> None:
    vectors = _vectors(30)
    plan = AnnPlan(tmp_path / "ann", "m", 20)
    first = open_dense_index(plan, _Store(np.arange(30), vectors), dim=32, seq=7)
    assert isinstance(first, AnnIndex) and has_snapshot(plan.directory)
    again = open_dense_index(plan, _KeysMustNotBeListed(np.arange(30), vectors), dim=32, seq=7)
    assert isinstance(again, AnnIndex) and len(again) == 30
    with pytest.raises(AssertionError):  # behind the store: reconciled by key sets
        open_dense_index(plan, _KeysMustNotBeListed(np.arange(30), vectors), dim=32, seq=8)
    # reconciled at seq 8 with nothing to change: the state moves on, so seq 8 opens directly
    open_dense_index(plan, _Store(np.arange(30), vectors), dim=32, seq=8)
    assert (
        len(open_dense_index(plan, _KeysMustNotBeListed(np.arange(30), vectors), dim=32, seq=8))
        == 30
    )
