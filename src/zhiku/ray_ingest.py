"""`zhiku add --ray`: read -> clean -> chunk -> embed as a Ray Data pipeline on a cluster's
workers; the driver writes the results in batches through the library's configured backends.

Workers get file paths and return, per input, the prepared document and its vectors (chunks,
and sentences when the library keeps sentence vectors), pickled. The driver stores them with
`KnowledgeBase.add_inputs(..., prepared=...)`: the same checks as a plain ``zhiku add``
(unchanged, exact copies, stories) and one transaction per document, so a re-run is idempotent
and an interrupted run resumes: inputs whose content the record already holds are skipped by
the workers before any cleaning or embedding.

One difference from the single-process add: workers do not see the library, so cleaning does
not learn a site's chrome from pages already stored (`site_chrome_min_docs`); pages are
cleaned as the first page of their site would be.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from zhiku.embedders import Embedder, load_embedder
from zhiku.errors import InputError
from zhiku.ingest import PreparedDocument, content_hash, prepare, text_hash
from zhiku.knowledge_base import IngestResult, KnowledgeBase
from zhiku.sentence_vectors import sentence_parts
from zhiku.settings import Settings
from zhiku.sources.files import RawInput, iter_files, read_file

Prepared = tuple[RawInput, PreparedDocument | None, dict[str, np.ndarray]]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WorkerOptions:
    """What a worker needs to prepare and embed like the library would."""

    settings: Settings
    parts: bool  # embed each chunk's sentences too
    known: dict[str, str]  # origin -> content hash already in the record
    clean: bool = True
    embedder: Embedder | None = None  # tests hand one in; else loaded by name on the worker


class PrepareAndEmbed:
    """A Ray Data actor: files -> pickled (raw input, prepared document, vectors) rows."""

    def __init__(self, options: WorkerOptions) -> None:
        self.options = options
        self.embedder = options.embedder or load_embedder(options.settings.embedder)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        rows: list[bytes] = []
        for path in batch["path"]:
            try:
                items = list(read_file(Path(path), max_bytes=self.options.settings.max_file_bytes))
            except InputError as error:
                items = [error]
            rows.extend(pickle.dumps(item) for item in self._prepare_all(items))
        return {"item": rows}

    def _prepare_all(self, items: Sequence[RawInput | InputError]) -> list[Prepared | InputError]:
        s = self.options.settings
        done: list[Prepared | InputError] = []
        texts: dict[str, str] = {}
        for item in items:
            if isinstance(item, InputError):
                done.append(item)
                continue
            if self.options.known.get(item.origin) == content_hash(item.text):
                done.append((item, None, {}))  # unchanged: the driver reports it
                continue
            try:
                ready = prepare(
                    item,
                    max_chars=s.chunk_max_chars,
                    overlap=s.chunk_overlap,
                    clean=self.options.clean,
                    site_chrome=frozenset(),
                )
            except InputError:
                done.append((item, None, {}))  # the driver prepares it again and reports why
                continue
            for c in ready.chunks:
                texts[c.text_hash] = c.chunk.text
                if self.options.parts:
                    texts.update((text_hash(p), p) for p in sentence_parts(c.chunk.text))
            done.append((item, ready, {}))
        if texts:  # one embedding call for the whole batch
            hashes = list(texts)
            vectors = dict(
                zip(hashes, self.embedder.embed([texts[h] for h in hashes]), strict=True)
            )
            done = [d if isinstance(d, InputError) else _with_vectors(d, vectors) for d in done]
        return done


def _with_vectors(item: Prepared, vectors: dict[str, np.ndarray]) -> Prepared:
    raw, ready, _ = item
    if ready is None:
        return item
    wanted = {c.text_hash for c in ready.chunks}
    wanted |= {text_hash(p) for c in ready.chunks for p in sentence_parts(c.chunk.text)}
    return raw, ready, {h: vectors[h] for h in wanted if h in vectors}


def files_of(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    found: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        try:
            found.extend(str(f.resolve()) for f in iter_files(Path(path)))
        except InputError as error:
            errors.append(error)
    return found, errors


def add_with_ray(
    kb: KnowledgeBase,
    paths: Iterable[str | Path],
    *,
    address: str | None = None,
    workers: int = 2,
    batch_files: int = 32,
    write_batch: int = 256,
    clean: bool = True,
    embedder: Embedder | None = None,
    on_progress: Progress | None = None,
    timings: dict[str, float] | None = None,
) -> list[IngestResult]:
    """Ingest `paths` with Ray workers (a local Ray with `workers` CPUs when `address` is None).
    `timings`, when given, receives the driver's seconds spent waiting for the workers'
    batches (``wait``) and storing them (``write``)."""
    import ray

    files, errors = files_of(paths)
    results = kb.add_inputs(list(errors))
    if not files:
        return results
    known = {}  # what a resumed run need not prepare again (JSONL lines are checked later)
    for origin in files:
        if (stored := kb.store.find_by_origin(origin)) is not None:
            known[origin] = stored.content_hash
    options = WorkerOptions(kb.settings, kb.index.holds_parts, known, clean, embedder)
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(
            address=address,
            num_cpus=None if address else workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    try:
        dataset = ray.data.from_items([{"path": f} for f in files]).map_batches(
            PrepareAndEmbed,
            fn_constructor_args=(options,),
            batch_size=batch_files,
            concurrency=workers,
            num_cpus=1,
        )
        pending: list[Prepared | InputError] = []
        done = 0
        spent = {"wait": 0.0, "write": 0.0}
        mark = time.perf_counter()
        for batch in dataset.iter_batches(batch_size=write_batch, batch_format="numpy"):
            pending.extend(pickle.loads(row) for row in batch["item"])
            got = time.perf_counter()
            results.extend(_write(kb, pending, clean))
            spent["wait"] += got - mark
            mark = time.perf_counter()
            spent["write"] += mark - got
            done += len(pending)
            pending = []
            if on_progress is not None:
                on_progress(done, len(files))
        if timings is not None:
            timings.update(spent)
    finally:
        if started_here:
            ray.shutdown()
    return results


def _write(
    kb: KnowledgeBase, items: Sequence[Prepared | InputError], clean: bool
) -> list[IngestResult]:
    inputs: list[RawInput | InputError] = []
    prepared: dict[str, tuple[PreparedDocument, dict[str, np.ndarray]]] = {}
    for item in items:
        if isinstance(item, InputError):
            inputs.append(item)
            continue
        raw, ready, vectors = item
        inputs.append(raw)
        if ready is not None:
            prepared[raw.origin] = (ready, vectors)
    return kb.add_inputs(inputs, clean=clean, prepared=prepared)
