"""The numbers of a text as values, so that they meet across languages and notations (pure).

"US$2 billion" and "20亿美元", "over 100 million users" and "用户超过1亿" state the same numbers;
compared digit by digit they do not.
"""

from __future__ import annotations

import re
from decimal import Decimal

from zhiku.normalize import fold_key

__all__ = ["numbers_in"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# a number with its scale word, in either language: 1.5亿, 3 billion
_SCALES = {
    "万亿": 12,
    "千亿": 11,
    "百亿": 10,
    "十亿": 9,
    "千万": 7,
    "百万": 6,
    "十万": 5,
    "亿": 8,
    "万": 4,
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "bn": 9,
}
_SCALED_NUMBER = re.compile(
    r"(\d+(?:\.\d+)?)\s*(万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|thousand|million|billion|trillion|bn)"
    r"(?![a-z])"
)


def numbers_in(text: str) -> set[str]:
    """The numbers of a text as values, so that they meet across languages and notations:
    thousands separators dropped (1,000 = 1000), scale words applied (1亿 = 100 million =
    100000000, 1.5万 = 15,000).

    >>> sorted(numbers_in("輝達投資 1,000億美元，建 10 GW 資料中心"))
    ['10', '100000000000']
    >>> numbers_in("over 100 million users") == numbers_in("用户超过1亿") == {"100000000"}
    True
    """
    folded = _THOUSANDS.sub("", fold_key(text))
    found: set[str] = set()
    scaled: list[tuple[int, int]] = []
    for match in _SCALED_NUMBER.finditer(folded):
        found.add(_value(Decimal(match.group(1)).scaleb(_SCALES[match.group(2)])))
        scaled.append(match.span(1))
    for match in _NUMBER.finditer(folded):
        if not any(start <= match.start() < end for start, end in scaled):
            found.add(_value(Decimal(match.group())))
    return found


def _value(number: Decimal) -> str:
    return format(number.normalize(), "f")
