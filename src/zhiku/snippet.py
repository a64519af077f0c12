"""Snippets with the query's matched terms located in the original (unfolded) text (pure).

Latin terms are highlighted as whole tokens only: a match must start where a word (or a part of
a glued name such as ``LangChain``) starts, and the word it starts must tokenize to the term, so
``ai`` marks "AI" but nothing inside "LangChain" or "again", and ``retriev`` marks "Retrieval"
whole. Chinese has no spaces between words, so Chinese terms match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from zhiku.normalize import fold_key
from zhiku.segment import query_terms, tokenize

_WORD_CHAR = re.compile(r"[a-z0-9]")
_WORD_TAIL = re.compile(r"[a-z0-9]*")


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
        latin = bool(_WORD_CHAR.match(term))
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not latin:
                spans.append((start, end))
            elif (whole := _whole_token(text, folded, start, end, term)) is not None:
                spans.append((start, whole))
            start = folded.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _whole_token(text: str, folded: str, start: int, end: int, term: str) -> int | None:
    """The end of the word a Latin match starts, when the match starts a word (or a capitalized
    part of a glued name) and that word tokenizes to `term`; else None."""
    camel = start > 0 and text[start].isupper() and text[start - 1].islower()
    if start > 0 and _WORD_CHAR.match(folded[start - 1]) and not camel:
        return None
    stop = _WORD_TAIL.match(folded, end)
    tail = stop.end() if stop else end
    if camel or any(text[i].isupper() and text[i - 1].islower() for i in range(end, tail)):
        tail = next(
            (i for i in range(start + 1, tail) if text[i].isupper() and text[i - 1].islower()), tail
        )
        if tail < end:
            return None
    return tail if term in tokenize(text[start:tail]) else None


def make_snippet(text: str, query: str, *, width: int = 180) -> Snippet:
    """A window of about `width` characters around the first match, with the matches marked."""
    spans = match_spans(text, query)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    end = min(len(text), start + width)
    marks = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
    return Snippet(text[start:end], marks, start)
