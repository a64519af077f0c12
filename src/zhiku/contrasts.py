"""Facts asked about one side of a pair, stated about the other: output vs input, inference vs
training, the highest vs the lowest (pure).

"输出 tokens 的价格是多少?" is not answered by "输入价格降至0.0005元/千 tokens": the amount is
of the other side. A candidate is ruled out when its clause names the other side of a pair the
question names one side of, and not the asked side.

Texts are folded (`zhiku.normalize.fold_key`: zh-Hant to zh-Hans, lower case, half width).

>>> from zhiku.normalize import fold_key
>>> sides = asked_sides(fold_key("降价之后,输出 tokens 的价格是多少?"))
>>> t = fold_key("输入价格降至0.0005元/千 tokens;输出价格为0.002元/千 tokens")
>>> other_side(t, t.index("0.0005"), t.index("0.0005") + 6, sides)
True
>>> other_side(t, t.index("0.002"), t.index("0.002") + 5, sides)
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clause_span import clause_around

__all__ = ["asked_sides", "other_side"]

_PAIRS: tuple[tuple[str, str], ...] = (
    (r"输入|\binputs?\b", r"输出|\boutputs?\b"),
    (r"训练|\btrain(?:ing)?\b", r"推理|\binference\b"),
    (r"最高|最多|\bhighest\b|\bmaximum\b|\bpeak\b", r"最低|最少|\blowest\b|\bminimum\b"),
    (r"开源|\bopen[- ]source\b|\bopen[- ]weights?\b", r"闭源|\bclosed[- ]source\b|\bproprietary\b"),
    (r"免费|\bfree\b", r"付费|收费|\bpaid\b"),
    (r"出口|\bexports?\b", r"进口|\bimports?\b"),
    (r"买入|\bbuy(?:ing)?\b", r"卖出|\bsell(?:ing)?\b"),
)
_PAIR_RES = tuple((re.compile(a), re.compile(b)) for a, b in _PAIRS)

Side = tuple[re.Pattern[str], re.Pattern[str]]


# A funding round by its name: "Series B", "B 轮", "天使轮", "seed round". The question's round
# is one side, every other round the other: "A 轮融资多少" is not answered by a Series B amount.
_ROUNDS = {
    **{letter: rf"\bseries {letter}\b|(?<![a-z-]){letter}\+?\s*轮" for letter in "abcdef"},
    "angel": r"天使轮|\bangel round\b",
    "seed": r"种子轮|\bseed round\b",
}


def _round_sides(folded_question: str) -> list[Side]:
    named = [name for name, pattern in _ROUNDS.items() if re.search(pattern, folded_question)]
    if len(named) != 1:
        return []
    others = "|".join(pattern for name, pattern in _ROUNDS.items() if name != named[0])
    return [(re.compile(_ROUNDS[named[0]]), re.compile(others))]


def asked_sides(folded_question: str) -> list[Side]:
    """(asked, other) for each pair whose one side only the question names, and for the funding
    round it names.

    >>> [(bool(a.search("series a")), bool(o.search("series b"))) for a, o in asked_sides("a 轮融资多少")]
    [(True, True)]
    """
    sides: list[Side] = _round_sides(folded_question)
    for first, second in _PAIR_RES:
        has_first, has_second = (
            bool(first.search(folded_question)),
            bool(second.search(folded_question)),
        )
        if has_first and not has_second:
            sides.append((first, second))
        elif has_second and not has_first:
            sides.append((second, first))
    return sides


def other_side(folded: str, start: int, end: int, sides: Sequence[Side]) -> bool:
    """Whether the clause around ``folded[start:end]`` names the other side of an asked pair
    and not the asked side."""
    if not sides:
        return False
    clause = folded[slice(*clause_around(folded, start, end))]
    return any(other.search(clause) and not asked.search(clause) for asked, other in sides)
