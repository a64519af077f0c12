"""`WordIndex`: a large, fixed set of words held as one string and two arrays instead of a dict.

A dict of 100,000s of short str keys costs ~100 bytes a word in Python objects, and a long-running
server keeps every such table it loaded for good (docs/benchmarks.md, "Load, crashes and large
files"). Here a word costs its characters plus 16 bytes (hash, position and offset); a lookup
is a binary search over the hashes and an exact comparison of the characters, so results are a dict's.

>>> index = WordIndex(["模型", "检索", "模型"])
>>> index.find("模型"), index.find("检索"), index.find("向量")
(2, 1, -1)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import numpy as np


class WordIndex:
    """word -> its position in the words given (the last one when a word repeats, as a dict's
    later assignment wins), or -1."""

    def __init__(self, words: Iterable[str]) -> None:
        listed = list(words)
        hashes = np.fromiter(map(hash, listed), dtype=np.int64, count=len(listed))
        order = np.argsort(hashes, kind="stable")  # equal hashes stay in the order given
        self._hashes = hashes[order]
        ordered = [listed[i] for i in order]
        self._text = "".join(ordered)
        offset = np.int32 if max(len(self._text), len(listed)) < 2**31 else np.int64
        self._positions = order.astype(offset)
        self._starts = np.zeros(len(ordered) + 1, dtype=offset)
        np.cumsum(
            np.fromiter(map(len, ordered), dtype=offset, count=len(ordered)), out=self._starts[1:]
        )

    def __len__(self) -> int:
        return len(self._hashes)

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays and the joined words."""
        arrays = self._hashes.nbytes + self._positions.nbytes + self._starts.nbytes
        return arrays + sys.getsizeof(self._text)

    def find(self, word: str) -> int:
        key = hash(word)
        i = int(np.searchsorted(self._hashes, key))
        found = -1
        while i < len(self._hashes) and self._hashes[i] == key:
            if self._text[self._starts[i] : self._starts[i + 1]] == word:
                found = max(found, int(self._positions[i]))
            i += 1
        return found


__all__ = ["WordIndex"]
