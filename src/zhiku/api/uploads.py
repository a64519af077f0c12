"""Uploaded files and URLs -> ingestion work for the job queue.

An upload is read with the library's own reader (`zhiku.sources.files.read_file`, so encodings, JSONL
and the size limit behave as in ``zhiku add``) from a private temporary copy; its origin becomes
``upload:NAME`` (path ``uploads/NAME``) so re-uploading a file updates the same document instead of
duplicating it, and a page with no site name of its own gets the source ``uploads``.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath

from zhiku.api.jobs import Progress, Work
from zhiku.errors import InputError
from zhiku.knowledge_base import IngestResult
from zhiku.lock import LibraryAccess
from zhiku.sources.files import RawInput, read_file

BATCH = 8  # inputs written per hold of the write lock; searches wait at most one batch

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def upload_name(filename: str | None) -> str:
    """A safe base name for an uploaded file.

    >>> upload_name("../../etc/passwd.txt"), upload_name("我的 笔记.md"), upload_name("")
    ('passwd.txt', '我的_笔记.md', 'upload.txt')
    """
    name = PurePath((filename or "").replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip("._")
    return name or "upload.txt"


def read_upload(
    filename: str | None, data: bytes, *, max_bytes: int
) -> list[RawInput | InputError]:
    """The inputs in one uploaded file, errors included (never raised)."""
    name = upload_name(filename)
    origin = f"upload:{name}"
    with tempfile.TemporaryDirectory(prefix="zhiku-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        real = str(path.resolve())
        try:
            items: list[RawInput | InputError] = list(
                read_file(path.resolve(), max_bytes=max_bytes)
            )
        except InputError as error:
            return [InputError(error.reason, path=origin, line=error.line)]
    out: list[RawInput | InputError] = []
    for item in items:
        if isinstance(item, InputError):
            out.append(InputError(item.reason, path=origin, line=item.line))
        else:
            out.append(
                dataclasses.replace(
                    item,
                    origin=item.origin.replace(real, origin, 1),
                    path=f"uploads/{name}",
                )
            )
    return out


def ingest_inputs(inputs: Sequence[RawInput | InputError], *, clean: bool = True) -> Work:
    """Work that adds `inputs` in batches, holding the write lock for one batch at a time."""

    def work(access: LibraryAccess, progress: Progress) -> list[IngestResult]:
        results: list[IngestResult] = []
        total = len(inputs)
        for first in range(0, total, BATCH):
            batch = inputs[first : first + BATCH]

            def report(done: int, _total: int, origin: str, first: int = first) -> None:
                progress(first + done, total, origin)

            with access.write() as kb:
                results.extend(kb.add_inputs(batch, clean=clean, on_progress=report))
        return results

    return work


def ingest_urls(
    urls: Sequence[str], *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
) -> Work:
    """Work that hands pages, feeds and sitemaps to the library's fetcher (`KnowledgeBase.add_urls`).

    The library fetches and ingests in one call, so the write lock is held while it fetches;
    searches wait for the whole job (see the report: the library should expose fetching apart).
    Private and loopback addresses stay refused: the API never passes ``allow_private``.
    """

    def work(access: LibraryAccess, progress: Progress) -> list[IngestResult]:
        with access.write() as kb:
            return kb.add_urls(
                list(urls), feeds=list(feeds), sitemaps=list(sitemaps), on_progress=progress
            )

    return work
