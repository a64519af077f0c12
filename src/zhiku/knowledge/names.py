"""Chinese person names that are not in the catalogue, found with jieba POS tags (precision first).

A word tagged ``nr`` (person name) is accepted only with a supporting signal next to it: it is
marked as a pseudonym (``陈默（化名）``), follows a role (``猎头周屹``, ``研究员黄立群``) or precedes
a speech verb (``熊军说``), and it starts with a common surname. Every occurrence of an accepted
name in the text is then a mention. POS tagging runs only on short windows around the signals,
so its cost stays small.

>>> [(n, s, e) for n, s, e in find_person_names("猎头熊军（化名）说：熊军很忙。")]
[('熊军', 2, 4), ('熊军', 10, 12)]
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO, Any

import numpy as np

from zhiku.knowledge.phrases import FoldedText, fold_aligned
from zhiku.once import once
from zhiku.segment import _jieba  # the tokenizer zhiku already loaded: one dictionary in memory
from zhiku.surnames import SURNAMES
from zhiku.word_table import WordIndex

_RUN = "([\u4e00-\u9fff]{2,6})"
_PSEUDONYM = re.compile(_RUN + r"[（(]化名[）)]")
_ROLE = re.compile(
    r"(?:作者|记者|编辑|创始人|创办人|首席执行官|执行长|董事长|总裁|总经理|教授|研究员|工程师|博主|猎头"
    r"|分析师|科学家|负责人|合伙人|主管|ceo|cto|coo)[：:\s]?" + _RUN
)
_SPEECH = re.compile(_RUN + r"(?:说|表示|认为|指出|告诉|透露|坦言|提醒|建议|介绍|回忆)")
_NAME_FLAGS = frozenset({"nr", "nrfg", "nrt"})
_MAX_WINDOWS = 40


class NameTags:
    """word -> jieba's person-name tag (``nr``, ``nrfg``, ``nrt``), as arrays (`WordIndex`):
    what jieba's POS tagger asks of its word -> tag table (``get(word, "x")``) for ~1 MiB
    instead of ~8 MiB of str keys in a dict.

    >>> tags = NameTags([("张伟", "nr"), ("李白", "nrt")])
    >>> tags.get("李白"), tags.get("数据", "x"), len(tags)
    ('nrt', 'x', 2)
    """

    _FLAGS = tuple(sorted(_NAME_FLAGS))

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        words: list[str] = []
        codes: list[int] = []
        for word, flag in pairs:
            words.append(word)
            codes.append(self._FLAGS.index(flag))
        self._index = WordIndex(words)
        self._codes = np.asarray(codes, dtype=np.int8)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def nbytes(self) -> int:
        return self._index.nbytes + self._codes.nbytes

    def get(self, word: str, default: str | None = None) -> str | None:
        i = self._index.find(word)
        return self._FLAGS[self._codes[i]] if i >= 0 else default


def name_tag_pairs(dictionary: IO[bytes]) -> Iterator[tuple[str, str]]:
    """The words jieba's dictionary tags as person names, with their tag: ~79,000 of its
    349,000 words. Only name tags are read here, so every other word is tagged jieba's ``x``;
    the full word -> tag table jieba's POS tagger builds holds ~80 MiB of small strings, which
    a server kept for good after the first question about a person (docs/benchmarks.md)."""
    flags = {flag.encode(): flag for flag in _NAME_FLAGS}
    with dictionary:
        for line in dictionary:
            fields = line.split()  # word, frequency, tag
            if len(fields) == 3 and (flag := flags.get(fields[2])) is not None:
                yield fields[0].decode("utf-8"), flag


def _import_posseg() -> Any:
    """``jieba.posseg`` (~0.8 s to import: only when a signal asks for POS tags), without the
    full word -> tag table its import builds for its module-level tagger over jieba's global
    tokenizer (~45 MiB, never used here): that tokenizer, which zhiku does not use, points at an
    empty dictionary file while the module is imported."""
    import jieba

    if "jieba.posseg" not in sys.modules:
        dictionary = jieba.dt.dictionary
        jieba.dt.dictionary = os.devnull
        try:
            import jieba.posseg
        finally:
            jieba.dt.dictionary = dictionary
    return sys.modules["jieba.posseg"]


@once
def _tagger() -> Any:
    posseg = _import_posseg()

    class NameTagger(posseg.POSTokenizer):  # type: ignore[misc,name-defined]  # jieba is untyped
        def load_word_tag(self, f: IO[bytes]) -> None:
            self.word_tag_tab = NameTags(name_tag_pairs(f))

    return NameTagger(_jieba())


@lru_cache(maxsize=4096)
def _tagged(window: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in _tagger().cut(window))


def _plausible(name: str) -> bool:
    return 2 <= len(name) <= 3 and name[0] in SURNAMES


def _name_at_end(run: str, *, strong: bool) -> str | None:
    """The person name that ends `run` (``猎头周屹`` -> ``周屹``)."""
    words = _tagged(run)
    if words and words[-1][1] in _NAME_FLAGS and _plausible(words[-1][0]):
        return words[-1][0]
    if not strong:
        return None
    # a pseudonym marker is strong evidence: fall back to a surname-led or two-character tail
    if (
        len(run) >= 3
        and _plausible(run[-3:])
        and run[-3] in SURNAMES
        and run[-4:-3] not in SURNAMES
    ):
        return run[-3:] if words and len(words[-1][0]) != 2 else run[-2:]
    return run[-2:]


def _name_at_start(run: str) -> str | None:
    """The person name that opens `run` (``黄立群建议`` -> ``黄立群``)."""
    words = _tagged(run)
    if words and words[0][1] in _NAME_FLAGS and _plausible(words[0][0]):
        return words[0][0]
    return None


def accepted_names(folded: FoldedText) -> list[str]:
    """Names (folded) with at least one supporting signal in the text."""
    text = folded.text
    names: dict[str, None] = {}
    windows = 0
    for match in _PSEUDONYM.finditer(text):
        name = _name_at_end(match.group(1), strong=True)
        if name:
            names[name] = None
    for regex, at_end in ((_ROLE, False), (_SPEECH, True)):
        for match in regex.finditer(text):
            windows += 1
            if windows > _MAX_WINDOWS:
                break
            run = match.group(1)
            name = (
                _name_at_end(run, strong=False)
                if at_end
                else _name_at_start(run + text[match.end() : match.end() + 3])
            )
            if name:
                names[name] = None
    return list(names)


def find_person_names(
    text: str, folded: FoldedText | None = None
) -> Iterator[tuple[str, int, int]]:
    """``(name, start, end)`` of every occurrence of every accepted name, spans into `text`."""
    folded = folded or fold_aligned(text)
    for name in accepted_names(folded):
        for match in re.finditer(re.escape(name), folded.text):
            start, end = folded.span(match.start(), match.end())
            yield text[start:end], start, end
