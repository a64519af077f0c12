"""Files and folders -> raw inputs with decoded text (the only I/O stage of ingestion).

A folder is walked for the supported suffixes; a JSONL file yields one input per line.
Everything that cannot be read becomes an `InputError` naming the file (and line).
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from zhiku.errors import InputError
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
        raise InputError("binary file (NUL bytes); zhiku reads text, HTML and JSONL", path=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_mojibake(text, path=path)
        return text, "utf-8"
    chinese = _decode_chinese(data)
    if chinese is not None:
        return chinese
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            "cannot detect the text encoding; re-save the file as UTF-8", path=path
        )
    return str(best), best.encoding


_MOJIBAKE_RUN = re.compile(r"[\u00c0-\u00ff][\u0080-\u00bf\u0152-\u0178\u02c6-\u02dc\u2013-\u203a\u20ac\u2122]{1,3}")


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
            if child.is_file() and child.suffix.lower() in SUFFIX_KINDS:
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
    else:
        yield path


def read_file(path: Path, *, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The raw inputs in one file; per-line JSONL problems are yielded as errors, not raised."""
    name = str(path)
    _kind_of(name)
    try:
        _check_size(path.stat().st_size, name=name, max_bytes=max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from exc
    yield from read_bytes(data, name=name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    """The raw inputs in the bytes of a file called `name` (an upload, say): its suffix picks
    the kind, and `name` becomes the origin and path."""
    kind = _kind_of(name)
    _check_size(len(data), name=name, max_bytes=max_bytes)
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
            f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .html or .jsonl",
            path=name,
        )
    return kind


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
            yield InputError(f"not valid UTF-8 at byte {exc.start} of the line", path=path, line=number)
            continue
        try:
            yield _jsonl_record(text, path=path, line_no=number, encoding="utf-8")
        except InputError as error:
            yield error


def _jsonl_record(line: str, *, path: str, line_no: int, encoding: str) -> RawInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=path, line=line_no) from exc
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
    kind = "html" if body.lstrip().startswith("<") else "text"
    origin = fields["url"] or f"{path}#L{line_no}"
    return RawInput(
        origin, kind, body, line.encode("utf-8"), encoding, path=path,
        url=fields["url"], title=fields["title"], published=fields["date"], source=fields["source"],
    )
