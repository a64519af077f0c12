"""The clause around a span of a sentence: between the punctuation marks before and after it
(pure). The sort of a fact is read there ("融资 1.5 亿美元,估值 30 亿美元": each amount has its
own clause)."""

from __future__ import annotations

import re

__all__ = ["clause_around"]

_CLAUSE_END = re.compile(r"[,，;；。!！?？]")


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of ``text`` that holds ``text[start:end]``.

    >>> t = "融资 1.5 亿美元,估值 30 亿美元"
    >>> t[slice(*clause_around(t, t.index("30"), t.index("30") + 2))]
    '估值 30 亿美元'
    """
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    stop = _CLAUSE_END.search(text, end)
    return left, stop.start() if stop else len(text)
