"""Clean, chunk and embed the next inputs on a worker thread while the current one is stored.

Ingestion decides input by input, in order: whether an input is new, a copy or part of a story,
and which lines are its site's chrome, depend on the inputs stored before it. What an input
becomes once those answers are known is a pure function of the input (`zhiku.ingest.prepare`),
and a chunk's vector a pure function of its text. So a worker thread prepares and embeds the
inputs that look new when they are queued, a few ahead, and the knowledge base takes the
worker's result only when the site chrome it would use now is the one the worker was given;
otherwise it prepares the input itself. The outcome is the sequential one, while embedding
(numpy, which releases the GIL) overlaps with storing, indexing and entity extraction.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from zhiku.ingest import PreparedDocument
from zhiku.read import RawInput

log = logging.getLogger(__name__)

Prepare = Callable[[RawInput, frozenset[str]], PreparedDocument]
Embed = Callable[[Sequence[str]], np.ndarray]
Vectors = dict[str, np.ndarray]  # chunk text hash -> vector


@dataclass(frozen=True)
class _Queued:
    chrome: frozenset[str]
    future: Future[tuple[PreparedDocument, Vectors]]


class PrepareAhead:
    """A one-thread pipeline stage: `queue` inputs ahead, `take` each result in turn.

    `embed_lock` serializes this worker's embedder calls with the caller's own (an embedder
    need not be thread-safe).
    """

    def __init__(self, prepare: Prepare, embed: Embed, *, embed_lock: threading.Lock) -> None:
        self._prepare = prepare
        self._embed = embed
        self._embed_lock = embed_lock
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="zhiku-prepare")
        self._queued: dict[int, _Queued] = {}

    def queue(self, position: int, raw: RawInput, chrome: frozenset[str]) -> None:
        """Start preparing and embedding `raw`, the input at `position`, with `chrome`."""
        self._queued[position] = _Queued(chrome, self._pool.submit(self._work, raw, chrome))

    def take(self, position: int, chrome: frozenset[str]) -> tuple[PreparedDocument, Vectors] | None:
        """The prepared input and its chunk vectors, if it was queued with this `chrome` and the
        worker succeeded; None means: prepare it yourself (errors are then raised there)."""
        queued = self._queued.pop(position, None)
        if queued is None:
            return None
        if queued.chrome != chrome:
            queued.future.cancel()
            return None
        try:
            return queued.future.result()
        except Exception as error:  # noqa: BLE001 - the caller redoes the work and reports it
            log.debug("prepare-ahead of input %d failed (%s); done in line", position, error)
            return None

    def _work(self, raw: RawInput, chrome: frozenset[str]) -> tuple[PreparedDocument, Vectors]:
        prepared = self._prepare(raw, chrome)
        texts = {c.text_hash: c.chunk.text for c in prepared.chunks}
        with self._embed_lock:
            vectors = self._embed(list(texts.values())) if texts else np.zeros((0, 0))
        return prepared, dict(zip(texts, vectors))

    def close(self) -> None:
        for queued in self._queued.values():
            queued.future.cancel()
        self._queued.clear()
        self._pool.shutdown(wait=True)

    def __enter__(self) -> PrepareAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["PrepareAhead"]
