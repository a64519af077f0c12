"""Files and folders -> raw inputs with decoded text (the only I/O stage of ingestion).

A folder is walked for the supported suffixes; a JSONL file yields one input per line.
Everything that cannot be read becomes an `InputError` naming the file (and line).
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from zhiku.errors import InputError
from zhiku.formats import DOCUMENT_SUFFIXES, ExtractedDocument, read_document
from zhiku.normalize import fold_key, unpaired_surrogate
from zhiku.segment import word_frequency

SUFFIX_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    **DOCUMENT_SUFFIXES,
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as read: where it came from, its decoded text and how to clean it."""

    origin: str  # the identity of the source: a path, ``path#L3`` for a JSONL line, or a url
    kind: str  # "html", "text" or "markdown"
    text: str
    raw: bytes
    encoding: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    document: ExtractedDocument | None = None  # a PDF, DOCX or EPUB file's extracted text


def decode_bytes(data: bytes, *, path: str) -> tuple[str, str]:
    """Decoded text and the encoding's name; UTF-8 first, then detection (GBK, Big5, UTF-16...)."""
    if not data.strip():
        raise InputError("empty file", path=path)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {name} at byte {exc.start}", path=path) from exc
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError("binary file (NUL bytes); zhiku reads text, HTML and JSONL", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        if mostly is not None:
            return mostly
    else:
        _refuse_mojibake(text, path=path)
        return text, "utf-8"
    chinese = _decode_chinese(data)
    if chinese is not None:
        return chinese
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("cannot detect the text encoding; re-save the file as UTF-8", path=path)
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark, or None. Its NUL bytes (the high byte of
    ASCII characters) fall on one side of every code unit; binary data's fall on both, and the
    decoded text must be printable."""
    if len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    name = "utf-16-le" if odd > 4 * even else "utf-16-be" if even > 4 * odd else None
    if name is None:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    strange = sum(
        unicodedata.category(ch) in _NOT_TEXT and ch not in "\t\n\r\f" for ch in text[:32768]
    )
    return (text, name) if strange <= len(text[:32768]) // 200 else None


_NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})  # controls, unassigned, private use, surrogates


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few stray bytes (a truncated copy, one bad paste), decoded with U+FFFD
    in their place; the encoding name says how many were replaced. None when the bytes do not
    look like UTF-8 (another encoding, whose non-ASCII bytes rarely form valid sequences)."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(not ch.isascii() for ch in text) - replaced
    if replaced <= 0 or valid < 100 * replaced:
        return None
    noun = "byte sequence" if replaced == 1 else "byte sequences"
    return text, f"utf-8 ({replaced} invalid {noun} replaced)"


_MOJIBAKE_RUN = re.compile(
    r"[\u00c0-\u00ff][\u0080-\u00bf\u0152-\u0178\u02c6-\u02dc\u2013-\u203a\u20ac\u2122]{1,3}"
)


def _repairs_to_han(run: str) -> bool:
    try:
        return bool(_HAN.fullmatch(run.encode("cp1252").decode("utf-8")))
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def _refuse_mojibake(text: str, *, path: str) -> None:
    """Text that was UTF-8, misread once as Windows-1252 and saved again ("å¤§æ¨¡åž‹" for "大模型")
    would be indexed as gibberish: report it instead."""
    runs = _MOJIBAKE_RUN.findall(text[:20000])
    if sum(_repairs_to_han(run) for run in runs[:200]) >= 3:
        raise InputError(
            f"the text looks double-encoded (mojibake such as {runs[0]!r}: UTF-8 read as "
            "Windows-1252); re-save the original file as UTF-8",
            path=path,
        )


_CHINESE_ENCODINGS = ("gb18030", "big5hkscs")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes cleanly into the more common Chinese characters.

    General detectors guess wrong on short Chinese files (Korean or UTF-16 for a GBK note), and
    zhiku's readers write Chinese and English; so the Chinese codecs are tried first, scored by
    how common their characters are (after folding Traditional to Simplified), and used when the
    text is mostly Han characters and ASCII.
    """
    best: tuple[float, str, str] | None = None
    for encoding in _CHINESE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = _HAN.findall(text)
        ascii_chars = sum(ch.isascii() for ch in text)
        if len(han) < 2 or (len(han) + ascii_chars) < 0.7 * len(text.replace("\n", "")):
            continue
        folded = fold_key("".join(han))
        score = sum(math.log1p(word_frequency(ch)) for ch in folded) / len(folded)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 7.0:  # right decodes score 9-10, wrong ones 2.5-5.5 (measured)
        return None
    return best[1], "gb18030" if best[2] == "gb18030" else "big5"


def iter_files(path: Path) -> Iterator[Path]:
    """`path` itself, or the supported files under a folder in a stable order."""
    if not path.exists():
        raise InputError("no such file or folder", path=str(path))
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            if child.is_file() and child.suffix.lower() in SUFFIX_KINDS and not hidden:
                yield child
    else:
        yield path


def read_file(path: Path, *, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The raw inputs in one file; per-line JSONL problems are yielded as errors, not raised."""
    name = str(path)
    _kind_of(name)
    data = _read_regular_file(path, name=name, max_bytes=max_bytes)
    yield from read_bytes(data, name=name, max_bytes=max_bytes)


def _read_regular_file(path: Path, *, name: str, max_bytes: int) -> bytes:
    """The bytes of a regular file; a named pipe, socket or device is refused without waiting
    on it (opened non-blocking, judged by the opened file's own status)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from exc
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(
                    f"not a regular file ({_file_type(info.st_mode)}); zhiku reads saved files",
                    path=name,
                )
            _check_size(info.st_size, name=name, max_bytes=max_bytes)
            return file.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from exc


def _file_type(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "a special file"


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The raw inputs in the bytes of a file called `name` (an upload, say): its suffix picks
    the kind, and `name` becomes the origin and path."""
    kind = _kind_of(name)
    _check_size(len(data), name=name, max_bytes=max_bytes)
    if kind in DOCUMENT_SUFFIXES.values():
        document = read_document(data, kind=kind, name=name)
        yield RawInput(
            name,
            kind,
            document.text,
            data,
            kind,
            path=name,
            title=document.title,
            published=document.published,
            document=document,
        )
        return
    try:
        text, encoding = decode_bytes(data, path=name)
    except InputError:
        if kind != "jsonl" or not data.strip():
            raise
        # JSONL is UTF-8 line by line: a NUL byte or a bad byte spoils its own line only
        yield from _jsonl_byte_lines(data, path=name)
        return
    if kind == "jsonl":
        yield from _jsonl_inputs(text, path=name, encoding=encoding)
    else:
        yield RawInput(name, kind, text, data, encoding, path=name)


def _kind_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    kind = SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise InputError(
            f"unsupported file type {suffix or '(none)'!r}; use {supported_types()}",
            path=name,
        )
    return kind


def supported_types() -> str:
    """The suffixes zhiku reads, for messages: ".txt, .text, .md, … or .epub"."""
    names = list(SUFFIX_KINDS)
    return ", ".join(names[:-1]) + " or " + names[-1]


def skipped_files(path: Path) -> Iterator[tuple[Path, str]]:
    """The files under folder `path` that `iter_files` passes over, with the reason."""
    if not path.is_dir():
        return
    for child in sorted(path.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
        if child.is_file() and not hidden and child.suffix.lower() not in SUFFIX_KINDS:
            yield child, f"unsupported file type {child.suffix.lower() or '(none)'!r}"


def _check_size(size: int, *, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
            "(setting max_file_bytes)",
            path=name,
        )


def _jsonl_inputs(text: str, *, path: str, encoding: str) -> Iterator[RawInput | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, path=path, line_no=number, encoding=encoding)
        except InputError as error:
            yield error


def _jsonl_byte_lines(data: bytes, *, path: str) -> Iterator[RawInput | InputError]:
    """The lines of a JSONL file that does not decode as a whole, each decoded alone as UTF-8."""
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        if b"\x00" in line:
            yield InputError("NUL byte in the line (binary data, not JSON)", path=path, line=number)
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(
                f"not valid UTF-8 at byte {exc.start} of the line", path=path, line=number
            )
            continue
        try:
            yield _jsonl_record(text, path=path, line_no=number, encoding="utf-8")
        except InputError as error:
            yield error


def _jsonl_record(line: str, *, path: str, line_no: int, encoding: str) -> RawInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"malformed JSON ({exc.msg} at column {exc.colno})", path=path, line=line_no
        ) from exc
    except RecursionError as exc:  # `[[[[...` 100,000 deep: Python's parser recurses per level
        raise InputError("JSON nested too deeply to read", path=path, line=line_no) from exc
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with 'text'", path=path, line=line_no)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError("missing or empty 'text' field", path=path, line=line_no)
    fields = {k: record.get(k) for k in ("url", "title", "date", "source")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string", path=path, line=line_no)
    for key, value in {"text": body, **fields}.items():
        if value is not None and (problem := unpaired_surrogate(value)):
            raise InputError(f"field {key!r} has an {problem}", path=path, line=line_no)
    if record.get("format") == "clean":  # exported by `zhiku export`: already clean
        kind = "clean"
    else:
        kind = "html" if body.lstrip().startswith("<") else "text"
    origin = fields["url"] or f"{path}#L{line_no}"
    return RawInput(
        origin,
        kind,
        body,
        line.encode("utf-8"),
        encoding,
        path=path,
        url=fields["url"],
        title=fields["title"],
        published=fields["date"],
        source=fields["source"],
    )
