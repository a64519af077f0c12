"""Re-reading a stored document's original source (its file, JSONL line or URL) so it can go
through ingestion again, as ``zhiku add`` would: same origin, so the same document id; an
unchanged source comes back ``unchanged``, a changed one ``updated``.

Reading touches no library, so a server reads (and fetches) outside its write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from zhiku.errors import InputError
from zhiku.sources.files import RawInput, read_file
from zhiku.sources.web import Fetcher, FetchPolicy

UPLOAD_PREFIX = "upload:"  # an uploaded file's origin (`zhiku.api.uploads.read_upload`)
UPLOAD_FOLDER = "uploads/"  # and its recorded path
# Reasons a source cannot be read again; the web UI translates them (zhiku.api.i18n).
UPLOAD_GONE = "uploaded in the browser, the original file is not kept: upload it again"
FILE_GONE = "the source file no longer exists"
LINE_GONE = "the article is no longer in its JSONL file"
FETCH_FAILED = "cannot fetch the source again"


@dataclass(frozen=True, slots=True)
class StoredSource:
    """A document and where it was read from (`Store.origin_of`)."""

    doc_id: str
    title: str
    origin: str
    path: str | None
    clean: bool = True  # False: it was indexed as is (`zhiku add --no-clean`), and will be again


def _file_of(source: StoredSource) -> Path | None:
    if source.path:
        return Path(source.path)
    head, sep, line = source.origin.rpartition("#L")
    if sep and line.isdigit():
        return Path(head)
    if not source.origin.lower().startswith(("http://", "https://")):
        return Path(source.origin)
    return None


def read_source(
    source: StoredSource,
    *,
    max_bytes: int,
    allow_private: bool = False,
    files: dict[Path, list[RawInput | InputError]] | None = None,
) -> RawInput | InputError:
    """The document's source read again, keyed by its stored origin; or why it cannot be.
    `files`: the inputs of files read already (a JSONL file holding many sources is read once)."""
    # an upload's file is not kept; its JSONL lines with a `url` are keyed by that url, but
    # their text came from the upload, not from fetching it
    if source.origin.startswith(UPLOAD_PREFIX) or (source.path or "").startswith(UPLOAD_FOLDER):
        return InputError(UPLOAD_GONE, path=source.path or source.origin)
    file = _file_of(source)
    if file is not None:
        if not file.is_file():
            return InputError(FILE_GONE, path=str(file))
        try:
            items = (
                files[file]
                if files and file in files
                else list(read_file(file, max_bytes=max_bytes))
            )
        except InputError as error:
            return error
        if files is not None:
            files[file] = items
        for item in items:
            if isinstance(item, RawInput) and item.origin == source.origin:
                return item
        errors = [i for i in items if isinstance(i, InputError)]
        return errors[0] if len(items) == 1 and errors else InputError(LINE_GONE, path=str(file))
    with Fetcher(FetchPolicy(allow_private=allow_private)) as fetcher:
        try:
            page = fetcher.fetch(source.origin)
        except InputError as error:
            return InputError(f"{FETCH_FAILED}: {error.reason}", path=source.origin)
    # the fetcher keys a page by its normalized URL, which is how it was stored
    return replace(page, origin=source.origin)


def read_sources(
    found: Sequence[tuple[StoredSource, InputError | None]],
    *,
    max_bytes: int,
    allow_private: bool = False,
) -> list[tuple[StoredSource, RawInput | InputError]]:
    """Each source read again (`read_source`); a source that came with an error keeps it."""
    files: dict[Path, list[RawInput | InputError]] = {}
    return [
        (
            source,
            error
            or read_source(source, max_bytes=max_bytes, allow_private=allow_private, files=files),
        )
        for source, error in found
    ]
