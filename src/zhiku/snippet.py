"""Snippets with the query's matched terms located in the original (unfolded) text (pure)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from zhiku.normalize import fold_key
from zhiku.segment import query_terms


@dataclass(frozen=True, slots=True)
class Snippet:
    """``text`` is a window of the passage; ``marks`` are (start, end) offsets inside it."""

    text: str
    marks: tuple[tuple[int, int], ...]
    start: int  # offset of the window inside the passage


class _FoldTable(dict[int, str]):
    """Code point -> its fold, filled on first sight; `str.translate` then runs at C speed."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold_key(ch) if len(unicodedata.normalize("NFKC", ch)) == 1 else ch
        if len(self) < 65536:
            self[code] = folded
        return folded


_FOLDS = _FoldTable()


@lru_cache(maxsize=2048)  # the same passages come back search after search
def _fold_per_char(text: str) -> str | None:
    """Fold character by character so offsets line up with `text`; None if lengths differ."""
    folded = text.translate(_FOLDS)
    return folded if len(folded) == len(text) else None


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's terms occur in `text`, merged and sorted."""
    folded = _fold_per_char(text)
    if folded is None:
        return []
    spans = []
    for term in query_terms(query):
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(text: str, query: str, *, width: int = 180) -> Snippet:
    """A window of about `width` characters around the first match, with the matches marked."""
    spans = match_spans(text, query)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    end = min(len(text), start + width)
    marks = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
    return Snippet(text[start:end], marks, start)
