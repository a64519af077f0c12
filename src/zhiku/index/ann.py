"""Approximate dense search (usearch HNSW) for libraries too large for the exact matrix.

`AnnIndex` has the interface of `zhiku.index.dense.DenseIndex` (``add``, ``remove``, ``search``,
``__len__``, ``clear``) so `LocalSearchIndex` takes either. Like every search structure it is
derived from the store: the graph is a snapshot in the library directory, tagged with the
change sequence and model it reflects, and `sync_ann` brings a stale or missing snapshot up to
the store's vectors on open (see docs/scale.md for the design and the measured recall):

    library/ann/vectors.usearch   the HNSW graph + vectors (usearch's own file format)
    library/ann/state.json        {"seq": .., "model": .., "dim": .., "count": ..}

A crash between the store's commit and a snapshot leaves the snapshot behind the store; the
next open reconciles by key sets (chunk keys are never reused), so it heals without a manual
step and without replaying the change log.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from zhiku.errors import StoreError
from zhiku.index.dense import DenseIndex

_GRAPH = "vectors.usearch"
_STATE = "state.json"


@dataclass(frozen=True, slots=True)
class AnnParams:
    """HNSW knobs; defaults measured in benchmarks/scale.py for recall@10 >= 0.98.

    Measured (docs/scale.md): f16 keeps recall where i8 caps it near 0.92. M 16 with
    efConstruction 64 builds fastest and reaches 0.991 at 100k chunks (ef 512) but only 0.893
    at 1M; M 32 with efConstruction 128 reaches 0.979 at 1M with ef 1024 and 0.987 with ef
    2048 (4 ms a query), hence these defaults. ``expansion_search`` None means by size: about
    one candidate per 500 vectors, within [256, 2048] (100k: 256, recall 0.997, 0.5 ms; 1M: 2000).

    ``connectivity`` is HNSW's M (edges per node), ``expansion_add`` its efConstruction,
    ``expansion_search`` its ef (raised to the number of results asked for), ``dtype`` how
    vectors are held ("f32", "f16" or "i8").
    """

    connectivity: int = 32
    expansion_add: int = 128
    expansion_search: int | None = None
    dtype: str = "f16"


class AnnIndex:
    """Chunk keys -> vectors in an HNSW graph; cosine similarity, best first.

    >>> ann = AnnIndex(3)
    >>> ann.add(np.array([7, 8]), np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32))
    >>> [key for key, _ in ann.search(np.array([1, 0.1, 0], dtype=np.float32), 1)]
    [7]
    """

    def __init__(self, dim: int, params: AnnParams | None = None, *, threads: int = 1) -> None:
        self.dim = dim
        self.params = params or AnnParams()
        self._threads = threads
        self._index = self._new()
        self._home: tuple[Path, str] | None = None  # (directory, model) once attached
        self._dirty = False
        self._saved_at = 0.0

    def _new(self) -> Any:
        from usearch.index import Index

        p = self.params
        return Index(
            ndim=self.dim,
            metric="cos",
            dtype=p.dtype,
            connectivity=p.connectivity,
            expansion_add=p.expansion_add,
        )

    # -- the DenseIndex interface ----------------------------------------------------------

    def add(self, keys: np.ndarray, vectors: np.ndarray, *, threads: int | None = None) -> None:
        """Add or replace the vectors of `keys` (building on `threads`, default the index's)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        keys = np.asarray(keys, dtype=np.uint64)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"expected vectors of dimension {self.dim}, got {vectors.shape}")
        if len(keys) != len(vectors):
            raise ValueError(f"{len(keys)} keys for {len(vectors)} vectors")
        if not len(keys):
            return
        present = np.atleast_1d(self._index.contains(keys))
        if present.any():
            self._index.remove(keys[present])
        self._index.add(keys, vectors, threads=threads or self._threads)
        self._dirty = True

    def remove(self, keys: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.uint64)
        if len(keys):
            self._index.remove(keys)
            self._dirty = True

    def clear(self) -> None:
        self._index = self._new()
        self._dirty = True

    def __len__(self) -> int:
        return int(self._index.size)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(chunk key, cosine) best first, approximately the `k` nearest."""
        if k <= 0 or len(self) == 0:
            return []
        self._index.expansion_search = max(self.expansion_search, k)
        found = self._index.search(
            np.asarray(query, dtype=np.float32), min(k, len(self)), threads=1
        )
        return [
            (int(key), 1.0 - float(d)) for key, d in zip(found.keys, found.distances, strict=False)
        ]

    @property
    def expansion_search(self) -> int:
        """ef for the next search: the set one, or by size (see `AnnParams`)."""
        if self.params.expansion_search is not None:
            return self.params.expansion_search
        return min(2048, max(256, len(self) // 500))

    def keys(self) -> np.ndarray:
        return np.asarray(self._index.keys, dtype=np.int64)

    # -- persistence -----------------------------------------------------------------------

    def attach(self, directory: Path, *, model: str) -> None:
        """Where `checkpoint` saves this index (the library's ``ann/`` directory)."""
        self._home = (directory, model)

    def checkpoint(self, seq: int, *, force: bool = False, min_interval_s: float = 60.0) -> bool:
        """Save if changed and attached, at most once per `min_interval_s` unless `force`.

        Saving a 1M-chunk graph writes ~1 GB, so it is not done on every index commit; a crash
        in between costs only a `sync_ann` on the next open. Returns whether it saved.
        """
        now = time.monotonic()
        if self._home is None or not self._dirty:
            return False
        if not force and now - self._saved_at < min_interval_s:
            return False
        self.save(self._home[0], seq=seq, model=self._home[1])
        self._dirty, self._saved_at = False, now
        return True

    def save(self, directory: Path, *, seq: int, model: str) -> None:
        """Write the graph and the change sequence it reflects, each replaced atomically."""
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp = f".{os.getpid()}.tmp"  # two processes opening one library never share a temp file
            self._index.save(str(directory / (_GRAPH + tmp)))
            os.replace(directory / (_GRAPH + tmp), directory / _GRAPH)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot save the ANN index in {directory}: {exc}") from exc
        self.write_state(directory, seq=seq, model=model)

    def write_state(self, directory: Path, *, seq: int, model: str) -> None:
        """Record which change sequence and model the saved graph reflects (atomically)."""
        tmp = directory / f"{_STATE}.{os.getpid()}.tmp"
        try:
            tmp.write_text(
                json.dumps({"seq": seq, "model": model, "dim": self.dim, "count": len(self)})
            )
            os.replace(tmp, directory / _STATE)
        except OSError as exc:
            raise StoreError(f"cannot save the ANN index state in {directory}: {exc}") from exc

    @classmethod
    def load(
        cls,
        directory: Path,
        dim: int,
        *,
        model: str,
        params: AnnParams | None = None,
        threads: int = 1,
    ) -> tuple[AnnIndex, int]:
        """The saved index and the sequence it reflects; an empty index and -1 when there is no
        usable snapshot (missing, unreadable, other model or dimension): rebuild from the store."""
        ann = cls(dim, params, threads=threads)
        try:
            state = json.loads((directory / _STATE).read_text())
            if state["model"] != model or int(state["dim"]) != dim:
                return ann, -1
            ann._index.load(str(directory / _GRAPH))
            if len(ann) != int(state["count"]):
                return cls(dim, params, threads=threads), -1
            ann._saved_at = time.monotonic()
            return ann, int(state["seq"])
        except (OSError, ValueError, KeyError, RuntimeError):
            return cls(dim, params, threads=threads), -1


VectorBatches = Callable[[], Iterable[tuple[np.ndarray, np.ndarray]]]


def sync_ann(ann: AnnIndex, store_keys: np.ndarray, vectors: VectorBatches) -> tuple[int, int]:
    """Make `ann` hold exactly the vectors of `store_keys`; returns (added, removed).

    `store_keys` are the keys of every chunk that has a vector in the store; `vectors()` yields
    (keys, vectors) batches of the store's vectors (``store.iter_vectors(model)``), read only
    when keys are missing. Chunk keys are never reused, so a key in both sets holds the same
    vector and the difference of the two key sets is all the work there is.
    """
    have = ann.keys()
    stale = np.setdiff1d(have, store_keys, assume_unique=True)
    missing = np.setdiff1d(store_keys, have, assume_unique=True)
    ann.remove(stale)
    if len(missing):
        for keys, batch in vectors():
            wanted = np.isin(keys, missing, assume_unique=True)
            if wanted.any():
                ann.add(keys[wanted], batch[wanted])
    return len(missing), len(stale)


def open_ann(
    directory: Path,
    dim: int,
    *,
    model: str,
    store_keys: np.ndarray,
    vectors: VectorBatches,
    seq: int,
    params: AnnParams | None = None,
) -> AnnIndex:
    """The library's ANN index: its snapshot brought up to the store (or rebuilt from it),
    saved again if that changed anything, and attached for later checkpoints."""
    ann, saved_seq = AnnIndex.load(directory, dim, model=model, params=params)
    added, removed = sync_ann(ann, store_keys, vectors)
    ann.attach(directory, model=model)
    if added or removed or not (directory / _STATE).exists():
        ann.checkpoint(seq, force=True)
    elif saved_seq != seq:  # the graph was current already: only its sequence moves on
        ann.write_state(directory, seq=seq, model=model)
    return ann


def use_ann(n_vectors: int, *, has_snapshot: bool, min_chunks: int = 20_000) -> bool:
    """The switch rule: exact search below `min_chunks` vectors, ANN from there on; a library
    that already has an ANN snapshot keeps it until it shrinks below half of `min_chunks`, so a
    library near the threshold does not flip between the two on every open.

    20k, not DESIGN.md's 200k: measured here (docs/scale.md), the exact scan costs ~2.5-20 ms at
    10k and 25-60 ms at 100k on the shared 2-core machine, while HNSW answers in < 1 ms at
    recall@10 >= 0.99; the 10 ms hybrid target at 100k needs ANN well before 200k."""
    return n_vectors >= (min_chunks // 2 if has_snapshot else min_chunks)


def has_snapshot(directory: Path) -> bool:
    return (directory / _STATE).exists()


class VectorSource(Protocol):
    """What `open_dense_index` reads from the store (`SQLiteStore` has both, once wired)."""

    def iter_vectors(self, model: str) -> Iterator[tuple[np.ndarray, np.ndarray]]: ...


@dataclass(frozen=True)
class AnnPlan:
    """Where a library keeps its ANN index and when it switches to it (`use_ann`)."""

    directory: Path
    model: str
    min_chunks: int = 20_000
    params: AnnParams | None = None


def open_dense_index(
    plan: AnnPlan, store: VectorSource, *, dim: int, seq: int
) -> DenseIndex | AnnIndex:
    """The library's dense index by the switch rule: the exact matrix (loaded from the store)
    or the ANN snapshot in ``plan.directory`` brought up to the store. A library that fell
    below the rule loses its snapshot."""
    current = _current_snapshot(plan, dim=dim, seq=seq)
    if current is not None:
        return current
    keys = _vector_keys(store, plan.model)
    if use_ann(len(keys), has_snapshot=has_snapshot(plan.directory), min_chunks=plan.min_chunks):
        return open_ann(
            plan.directory,
            dim,
            model=plan.model,
            store_keys=keys,
            vectors=lambda: store.iter_vectors(plan.model),
            seq=seq,
            params=plan.params,
        )
    shutil.rmtree(plan.directory, ignore_errors=True)
    dense = DenseIndex(dim)
    for batch_keys, vectors in store.iter_vectors(plan.model):
        dense.add(batch_keys, vectors)
    return dense


def _current_snapshot(plan: AnnPlan, *, dim: int, seq: int) -> AnnIndex | None:
    """The saved graph when it reflects the store's change sequence `seq` exactly: nothing to
    reconcile, so the store's keys are not even listed (a 1M-chunk library opens in seconds)."""
    try:
        state = json.loads((plan.directory / _STATE).read_text())
        fresh = state["seq"] == seq and state["model"] == plan.model and state["dim"] == dim
        if not fresh or not use_ann(
            int(state["count"]), has_snapshot=True, min_chunks=plan.min_chunks
        ):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ann, saved_seq = AnnIndex.load(plan.directory, dim, model=plan.model, params=plan.params)
    if saved_seq != seq:
        return None
    ann.attach(plan.directory, model=plan.model)
    return ann


def promote_to_ann(dense: DenseIndex, plan: AnnPlan, *, seq: int) -> AnnIndex:
    """An ANN index holding `dense`'s vectors, saved in ``plan.directory`` (a library that grew
    past the switch point while open)."""
    ann = AnnIndex(dense.dim, plan.params)
    keys, vectors = dense.items()
    ann.add(keys, vectors, threads=2)
    ann.attach(plan.directory, model=plan.model)
    ann.checkpoint(seq, force=True)
    return ann


def _vector_keys(store: VectorSource, model: str) -> np.ndarray:
    """Keys of every chunk with a vector: `store.vector_keys` when the store has it (no vector
    is read), else from a pass over the vectors."""
    vector_keys = getattr(store, "vector_keys", None)
    if callable(vector_keys):
        return np.asarray(vector_keys(model), dtype=np.int64)
    parts = [keys for keys, _ in store.iter_vectors(model)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


__all__ = [
    "AnnIndex",
    "AnnParams",
    "AnnPlan",
    "has_snapshot",
    "open_ann",
    "open_dense_index",
    "promote_to_ann",
    "sync_ann",
    "use_ann",
]
