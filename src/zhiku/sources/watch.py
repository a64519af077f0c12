"""A folder kept in sync with the library: files added or changed are ingested, files deleted
are removed with everything derived from them (``zhiku watch DIR``, watchfiles).

A document belongs to the folder when the file it was read from (``Document.path``) lies under
it; a JSONL file's lines go and come with the file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles

from zhiku.sources.files import SUFFIX_KINDS, iter_files

if TYPE_CHECKING:
    from zhiku.knowledge_base import IngestResult, KnowledgeBase


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one pass changed: ingest results (added, updated, unchanged, failed) and the files
    whose documents were removed because the file is gone."""

    results: tuple[IngestResult, ...]
    removed: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.removed) or any(
            r.status in ("added", "updated", "failed") for r in self.results
        )


def _prefix(folder: Path) -> str:
    return str(folder.resolve()).rstrip(os.sep) + os.sep


def _watched(path: Path) -> bool:
    inside_hidden = any(part.startswith(".") for part in path.parts)
    return path.suffix.lower() in SUFFIX_KINDS and not inside_hidden


def _remove_missing(kb: KnowledgeBase, documents: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    removed = []
    for doc_id, path in documents:
        if not Path(path).is_file():
            kb.delete(doc_id)
            removed.append(path)
    return tuple(dict.fromkeys(removed))


def sync_folder(kb: KnowledgeBase, folder: Path) -> SyncReport:
    """Make the library match `folder` now: ingest every file (unchanged ones are no-ops) and
    remove the documents of files that are gone."""
    present = list(iter_files(folder.resolve()))
    results = tuple(kb.add(present)) if present else ()
    return SyncReport(results, _remove_missing(kb, kb.store.documents_under(_prefix(folder))))


def apply_changes(kb: KnowledgeBase, folder: Path, paths: Iterable[str]) -> SyncReport:
    """Bring the library up to date with the files at `paths` (created, modified or deleted)."""
    touched = sorted({Path(p).resolve() for p in paths if _watched(Path(p))})
    existing = [p for p in touched if p.is_file()]
    results = tuple(kb.add(existing)) if existing else ()
    gone = {str(p) for p in touched if not p.exists()}
    documents = [(d, p) for d, p in kb.store.documents_under(_prefix(folder)) if p in gone]
    return SyncReport(results, _remove_missing(kb, documents))


def watch_folder(
    kb: KnowledgeBase,
    folder: Path,
    *,
    on_sync: Callable[[SyncReport], None],
    stop: threading.Event | None = None,
    debounce_ms: int = 1600,
) -> None:
    """Sync `folder` once, then on every batch of changes until `stop` is set (or Ctrl-C)."""
    on_sync(sync_folder(kb, folder))
    for changes in watchfiles.watch(
        folder, stop_event=stop, debounce=debounce_ms, recursive=True, raise_interrupt=False
    ):
        report = apply_changes(kb, folder, (path for _, path in changes))
        if report.changed:
            on_sync(report)
