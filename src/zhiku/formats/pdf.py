"""PDF -> text in reading order, with the offset where each page starts (pypdfium2).

Papers are set in one or two columns with running headers, footers and page numbers. Each page's
text segments (PDFium's text rectangles) are grouped into lines, a two-column page is read left
column then right column (full-width blocks such as a title or a figure caption keep their place),
margin lines that repeat across pages and bare page numbers are dropped, words hyphenated across
lines are joined, and the references section is kept out of the text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from zhiku.clean.records import Removal
from zhiku.errors import InputError
from zhiku.formats.layout import ExtractedDocument, join_lines, split_off_references

_MARGIN = 0.08  # share of the page height that holds running headers and footers
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*|第\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*页|\s*頁)?(?:\s*[-–—])?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes, *, name: str) -> ExtractedDocument:
    """The text of a PDF, its pages' start offsets and what was dropped; `InputError` if unreadable."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"not a readable PDF ({exc})", path=name) from exc
    try:
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    repeated = _running_lines(pages)
    removed: list[Removal] = []
    texts = []
    for lines, height in pages:
        kept = []
        for line in lines:
            if _in_margin(line, height) and (
                _key(line.text) in repeated or _PAGE_NUMBER.match(line.text)
            ):
                removed.append(
                    Removal("running_header", line.text, "page header, footer or number")
                )
                continue
            kept.append(line)
        texts.append(_paragraphs(kept))
    if not any(t.strip() for t in texts):
        raise InputError("the PDF has no text layer (a scan?); run OCR on it first", path=name)
    text, starts = _joined_pages(texts)
    text, references = split_off_references(text)
    if references:
        removed.append(
            Removal("references", references, "the reference list (kept out of answers)")
        )
    starts = tuple(s for s in starts if s <= len(text)) or (0,)
    title = (meta.get("Title") or "").strip() or _first_heading(text)
    return ExtractedDocument(
        text=text,
        title=title or None,
        author=(meta.get("Author") or "").strip() or None,
        page_starts=starts,
        removed=tuple(removed),
    )


def _page_lines(page: pdfium.PdfPage) -> tuple[list[_Line], float]:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        segments = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            # PDFium marks a hyphen that ends a line as U+0002
            text = textpage.get_text_bounded(left, bottom, right, top).replace("\x02", "-").strip()
            if text:
                segments.append(_Line(" ".join(text.split()), left, right, top, bottom))
    finally:
        textpage.close()
        page.close()
    return _reading_order(_merge_into_lines(segments), width), height


def _merge_into_lines(segments: list[_Line]) -> list[_Line]:
    """Segments in one row (tops within half a line) that nearly touch become one line."""
    rows: list[list[_Line]] = []
    for seg in sorted(segments, key=lambda s: -s.top):
        if rows and abs(rows[-1][0].top - seg.top) < 0.5 * max(seg.height, 1):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda s: s.left)
        current = row[0]
        for seg in row[1:]:
            gap = seg.left - current.right
            if -1 <= gap < 1.5 * max(seg.height, 1):
                current = _Line(
                    f"{current.text} {seg.text}",
                    current.left,
                    seg.right,
                    max(current.top, seg.top),
                    min(current.bottom, seg.bottom),
                )
            else:
                lines.append(current)
                current = seg
        lines.append(current)
    return lines


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """Top to bottom; on a two-column page, the left column of each band before the right.

    A band is the stretch between full-width lines (a title, a caption across both columns).
    """
    middle = width / 2
    left = [ln for ln in lines if ln.right <= middle + 0.02 * width]
    right = [ln for ln in lines if ln.left >= middle - 0.02 * width]
    if len(left) < 3 or len(right) < 3:
        return sorted(lines, key=lambda ln: (-ln.top, ln.left))
    ordered: list[_Line] = []
    band: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (-ln.top, ln.left)):
        spans = line.left < middle - 0.02 * width and line.right > middle + 0.02 * width
        if spans:
            ordered += _columns_first(band, middle)
            ordered.append(line)
            band = []
        else:
            band.append(line)
    return ordered + _columns_first(band, middle)


def _columns_first(band: list[_Line], middle: float) -> list[_Line]:
    return [ln for ln in band if ln.left < middle] + [ln for ln in band if ln.left >= middle]


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _in_margin(line: _Line, height: float) -> bool:
    return line.top > height * (1 - _MARGIN) or line.bottom < height * _MARGIN


def _running_lines(pages: list[tuple[list[_Line], float]]) -> set[str]:
    """Margin lines (digits folded) found on at least half of the pages, and on two or more."""
    counts: Counter[str] = Counter()
    for lines, height in pages:
        counts.update({_key(ln.text) for ln in lines if _in_margin(ln, height)})
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= needed}


def _paragraphs(lines: list[_Line]) -> str:
    """Lines joined into paragraphs: a gap wider than the page's usual line pitch, or a jump
    back up (the next column or band), starts a new one."""
    steps = sorted(a.top - b.top for a, b in itertools.pairwise(lines) if a.top > b.top)
    pitch = steps[(len(steps) - 1) // 2] if steps else 0.0  # the lower median
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        step = previous.top - line.top if previous is not None else 0.0
        if previous is None or step <= 0 or step > 1.4 * max(pitch, line.height):
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
        previous = line
    return "\n\n".join(join_lines(p) for p in paragraphs)


def _joined_pages(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    starts, parts, offset = [], [], 0
    for text in texts:
        text = text.strip()
        starts.append(offset)
        if text:
            parts.append(text)
            offset += len(text) + 2
    return "\n\n".join(parts), tuple(starts)


def _first_heading(text: str) -> str:
    first = text.split("\n\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 else ""
