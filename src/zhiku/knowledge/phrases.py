"""Matching phrases (aliases, synonyms) in text, with offsets into the text as written.

`fold_aligned` folds like `zhiku.normalize.fold_key` (NFKC, lower case, zh-Hant -> zh-Hans) but
keeps one folded character per original character where it can, and a map back otherwise, so a
match found in the folded text is reported as a span of the original.

`PhraseMatcher` compiles every phrase into one regular expression shaped like a trie: the scan is
one left-to-right pass whose cost grows with the text, not with the number of phrases.

>>> m = PhraseMatcher([("OpenAI", "org:openai"), ("微軟", "org:microsoft"), ("Hugging Face", "org:hf")])
>>> [(s, e, text[s:e], p) for text in ["微软和huggingface、OpenAI的"] for s, e, p in m.find(text)]
[(0, 2, '微软', 'org:microsoft'), (3, 14, 'huggingface', 'org:hf'), (15, 21, 'OpenAI', 'org:openai')]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

import opencc

from zhiku.once import once

P = TypeVar("P")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SEPARATORS = " -_"
_SEPARATOR_RUN = re.compile(r"[ \-_]+")
_ALNUM = "a-z0-9"
# where Chinese meets Latin a space is optional too: 智谱AI == 智谱 AI
_SCRIPT_CHANGE = re.compile(r"(?<=[\u3400-\u9fff])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u3400-\u9fff])")


@once
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class FoldedText:
    """`text` folded; ``origin[i]`` is the original offset of folded character ``i``."""

    text: str
    origin: tuple[int, ...] | None  # None: folded character i is original character i
    length: int  # of the original text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)``."""
        if self.origin is None:
            return start, end
        first = self.origin[start] if start < len(self.origin) else self.length
        last = self.origin[end - 1] + 1 if end > 0 else 0
        return first, max(first, last)


def fold_aligned(text: str) -> FoldedText:
    """Fold `text` for matching, keeping the way back to original offsets.

    >>> f = fold_aligned("ＧＰＴ－４與軟體")
    >>> f.text, f.span(0, 5)
    ('gpt-4与软体', (0, 5))
    """
    if text.isascii():
        return FoldedText(text.lower(), None, len(text))
    if unicodedata.is_normalized("NFKC", text):
        lowered = text.lower()
        pieces: list[str] | None = None if len(lowered) == len(text) else [c.lower() for c in text]
    else:
        pieces = [unicodedata.normalize("NFKC", c).lower() for c in text]
    if pieces is None:
        folded, origin = lowered, None
    else:
        folded = "".join(pieces)
        origin = tuple(i for i, piece in enumerate(pieces) for _ in piece)
        if len(folded) == len(text):
            origin = None
    if _CJK.search(folded):
        converted = str(_t2s().convert(folded))
        if len(converted) != len(folded):  # a phrase changed length: convert character by character
            converted = "".join(_t2s_char(c) for c in folded)
        folded = converted
    return FoldedText(folded, origin, len(text))


@lru_cache(maxsize=65536)
def _t2s_char(char: str) -> str:
    if not _CJK.match(char):
        return char
    out = str(_t2s().convert(char))
    return out if len(out) == 1 else char


def phrase_key(phrase: str) -> str:
    """How a phrase is looked up once matched: folded, separators dropped (``hugging face`` ==
    ``hugging-face`` == ``huggingface``)."""
    return _SEPARATOR_RUN.sub("", fold_aligned(phrase).text)


class PhraseMatcher(Generic[P]):
    """Find every phrase of a fixed list in a text, longest first, with Latin word boundaries.

    A phrase that starts (ends) with a letter or digit only matches where the text has no letter
    or digit just before (after) it. Separators inside a phrase are optional in the text.
    Each match yields its payload; phrases sharing a key share the first payload given.
    """

    def __init__(self, phrases: Iterable[tuple[str, P]]) -> None:
        self._payloads: dict[str, P] = {}
        latin: set[str] = set()
        other: set[str] = set()
        for phrase, payload in phrases:
            normal = _SEPARATOR_RUN.sub(
                " ", _SCRIPT_CHANGE.sub(" ", fold_aligned(phrase).text)
            ).strip()
            key = normal.replace(" ", "")
            if not key:
                continue
            self._payloads.setdefault(key, payload)
            (latin if re.match(f"[{_ALNUM}]", normal) else other).add(normal)
        parts = []
        if latin:
            parts.append(f"(?<![{_ALNUM}])(?:{_trie_regex(latin)})")
        if other:
            parts.append(_trie_regex(other))
        self._regex = re.compile("|".join(parts)) if parts else None

    def __len__(self) -> int:
        return len(self._payloads)

    def find(self, text: str) -> Iterator[tuple[int, int, P]]:
        """``(start, end, payload)`` of each match, as offsets into `text`, left to right."""
        yield from self.find_folded(fold_aligned(text))

    def find_folded(self, folded: FoldedText) -> Iterator[tuple[int, int, P]]:
        if self._regex is None:
            return
        for match in self._regex.finditer(folded.text):
            payload = self._payloads.get(_SEPARATOR_RUN.sub("", match.group()))
            if payload is not None:
                start, end = folded.span(match.start(), match.end())
                yield start, end, payload


def _trie_regex(phrases: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie, "")


def _node_regex(node: dict[str, Any], last: str) -> str:
    branches = []
    for char in sorted(c for c in node if c):
        head = "[ \\-_]?" if char == " " else re.escape(char)
        branches.append(head + _node_regex(node[char], char))
    if "" in node:
        # the phrase may end here: after a letter or digit, only at a word boundary
        branches.append(f"(?![{_ALNUM}])" if re.match(f"[{_ALNUM}]", last) else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
