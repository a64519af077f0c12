"""Uploaded files and URLs -> ingestion work for the job queue.

An upload is read with the library's own reader (`zhiku.sources.files.read_file`, so encodings, JSONL
and the size limit behave as in ``zhiku add``) from a private temporary copy; its origin becomes
``upload:NAME`` (path ``uploads/NAME``) so re-uploading a file updates the same document instead of
duplicating it, and a page with no site name of its own gets the source ``uploads``.

What needs no library happens before the write lock is taken, so searches never wait for it:
fetching URLs, and cleaning HTML pages (`zhiku.ingest.clean_ahead`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath

from zhiku.api.jobs import Progress, Work
from zhiku.clean import CleanText
from zhiku.errors import InputError
from zhiku.ingest import clean_ahead
from zhiku.knowledge_base import IngestResult, fetch_urls
from zhiku.lock import LibraryAccess
from zhiku.sources.files import RawInput, read_file

BATCH = 8  # inputs written per hold of the write lock; searches wait at most one batch

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
MAX_NAME_BYTES = 200  # file systems allow 255 bytes per name; UTF-8 Chinese is 3 bytes a character


def upload_name(filename: str | None) -> str:
    """A safe base name for an uploaded file, at most `MAX_NAME_BYTES` bytes of UTF-8.

    A longer name keeps its start and suffix and gains a digest of the whole name, so two long
    names that differ only at the end stay two documents.

    >>> upload_name("../../etc/passwd.txt"), upload_name("我的 笔记.md"), upload_name("")
    ('passwd.txt', '我的_笔记.md', 'upload.txt')
    >>> long = upload_name("检索" * 60 + ".md"); len(long.encode()), long[-12:]
    (198, '-816f63d2.md')
    """
    name = PurePath((filename or "").replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip("._")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        suffix = PurePath(name).suffix[:16]
        room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - len(digest) - 1
        stem = name[: len(name) - len(PurePath(name).suffix)]
        stem = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
        name = f"{stem}-{digest}{suffix}"
    return name or "upload.txt"


def read_upload(
    filename: str | None, data: bytes, *, max_bytes: int
) -> list[RawInput | InputError]:
    """The inputs in one uploaded file, errors included (never raised)."""
    name = upload_name(filename)
    origin = f"upload:{name}"
    with tempfile.TemporaryDirectory(prefix="zhiku-upload-") as folder:
        path = Path(folder) / name
        try:
            path.write_bytes(data)
        except OSError as exc:  # whatever the name, one upload must not fail the others
            return [InputError(f"cannot store the upload ({exc.strerror or exc})", path=origin)]
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
    """Work that adds `inputs` in batches, holding the write lock for one batch at a time;
    each batch's HTML pages are cleaned before the lock is taken."""

    def work(access: LibraryAccess, progress: Progress) -> list[IngestResult]:
        return add_in_batches(access, progress, inputs, clean=clean)

    return work


def add_in_batches(
    access: LibraryAccess,
    progress: Progress,
    inputs: Sequence[RawInput | InputError],
    *,
    clean: bool = True,
) -> list[IngestResult]:
    results: list[IngestResult] = []
    total = len(inputs)
    for first in range(0, total, BATCH):
        batch = inputs[first : first + BATCH]
        cleaned = cleaned_ahead(batch) if clean else {}

        def report(done: int, _total: int, origin: str, first: int = first) -> None:
            progress(first + done, total, origin)

        with access.write() as kb:
            results.extend(kb.add_inputs(batch, clean=clean, on_progress=report, cleaned=cleaned))
    return results


def cleaned_ahead(batch: Sequence[RawInput | InputError]) -> dict[str, CleanText | InputError]:
    """origin -> cleaning done without the library (HTML), or the reason it failed."""
    found: dict[str, CleanText | InputError] = {}
    for item in batch:
        if isinstance(item, RawInput) and (done := clean_ahead(item)) is not None:
            found[item.origin] = done
    return found


def ingest_urls(
    urls: Sequence[str], *, feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
) -> Work:
    """Work that fetches pages, feeds and sitemaps (`zhiku.knowledge_base.fetch_urls`) without
    any lock, then adds what it fetched in batches: a slow or hostile site delays its own job,
    never a search. Private and loopback addresses stay refused: the API never passes
    ``allow_private``.
    """

    def work(access: LibraryAccess, progress: Progress) -> list[IngestResult]:
        progress(0, len(urls), "fetching")
        inputs = fetch_urls(list(urls), feeds=list(feeds), sitemaps=list(sitemaps))
        return add_in_batches(access, progress, inputs)

    return work
