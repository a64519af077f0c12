"""What an amount of money is: a valuation, a round of funding, a salary, a price or cost, a
revenue, a loss (pure).

"OpenAI 上市时估值多少?" is not answered by "1000亿美元的投资规模": the sentence states an
amount, but of another aspect. The asked aspect is the one money word of the question; an
amount's aspect is the money word nearest to it within its clause. A candidate is ruled out
only when both are known and not compatible (a price and a cost are; a loss and a cost are).

Texts are folded (`zhiku.normalize.fold_key`: zh-Hant to zh-Hans, lower case, half width).

>>> from zhiku.normalize import fold_key
>>> asked_aspect(fold_key("OpenAI 預計 IPO 時的估值是多少?"))
'valuation'
>>> t = fold_key("至於先前市場熱議的1000億美元投資規模,他表示並不可行")
>>> aspect_near(t, t.index("1000"), t.index("美元") + 2)
'funding'
"""

from __future__ import annotations

import re

from zhiku.clause_span import clause_around

__all__ = ["asked_aspect", "aspect_near", "compatible_aspects"]

_ASPECTS: dict[str, str] = {
    "valuation": r"估值|市值|身价|valued|valuation|market cap(?:italization)?",
    "funding": (
        r"融资|募资|筹集|筹资|募集|注资|投资|投入|配售|增发|raised?|raising|funding|round|invest(?:ment|ed|ing|s)?"
        r"|placements?|placing"
    ),
    "salary": r"年薪|月薪|薪资|薪水|工资|薪酬|报酬|salary|salaries|compensation|wages?|\btc\b",
    "price": (
        r"价格|售价|单价|定价|报价|发行价|股价|收盘价|均价|收费|月费|年费|订阅费"
        r"|prices?|priced|pricing|fees?|subscription"
    ),
    "cost": r"成本|花费|开支|支出|费用|开销|耗资|costs?|spend(?:ing)?|spent|expenses?|capex",
    "revenue": r"营收|营业额|销售额|营业收入|revenue|sales|\barr\b",
    "loss": r"损失|亏损|罚款|赔偿|losses|loss|fined?|penalty|write-?down",
}
_ASPECT_RE = {aspect: re.compile(pattern) for aspect, pattern in _ASPECTS.items()}
# aspects an amount may answer for each other: what a thing costs is its price; a charge is both
# a cost and a loss
_COMPATIBLE = frozenset({("price", "cost"), ("cost", "price"), ("cost", "loss"), ("loss", "cost")})


def asked_aspect(folded_question: str) -> str | None:
    """The aspect of the amount a question asks: its one kind of money word, or among several
    the one the question word asks ("what valuation … after its $13 billion funding round");
    else unknown.

    >>> asked_aspect("what valuation did it reach after its $13 billion funding round?")
    'valuation'
    >>> asked_aspect("完成 130 亿美元融资后估值是多少?"), asked_aspect("融资和估值各是多少?")
    ('valuation', None)
    """
    found = {aspect for aspect, pattern in _ASPECT_RE.items() if pattern.search(folded_question)}
    if len(found) == 1:
        return found.pop()
    asked = {
        aspect
        for aspect in found
        if re.search(_ASKED_BEFORE + f"(?:{_ASPECTS[aspect]})", folded_question)
        or re.search(f"(?:{_ASPECTS[aspect]})" + _ASKED_AFTER, folded_question)
    }
    return asked.pop() if len(asked) == 1 else None


# the question word right before or after the money word: "what valuation", "估值是多少"
_ASKED_BEFORE = r"(?:\b(?:what|which|how much) (?:[\w\-]+ ){0,2}|多少)"
_ASKED_AFTER = r"(?:是|为|达到?|约|大约|有)?多少"


def aspect_near(folded: str, start: int, end: int) -> str | None:
    """The aspect of the amount at ``folded[start:end]``: the money word nearest to it within
    its clause.

    >>> from zhiku.normalize import fold_key
    >>> t = fold_key("融资 1.5 亿美元,估值 30 亿美元")
    >>> aspect_near(t, 3, 10), aspect_near(t, 14, 21)
    ('funding', 'valuation')
    >>> t = fold_key("完成5轮融资,估值翻倍,达到400亿元")
    >>> aspect_near(t, t.index("400"), len(t))
    'valuation'
    """
    left, right = clause_around(folded, start, end)
    found = _nearest_aspect(folded, start, end, left, right)
    if found is None and left > 0 and _CONTINUES_RE.match(folded, left):
        # "估值实现翻倍，达到400亿元": a clause that only goes on ("达到", "reaching") names
        # its amount in the clause before it
        found = _nearest_aspect(
            folded, start, end, clause_around(folded, left - 1, left - 1)[0], left
        )
    return found


# a clause that goes on from the one before it, its money word left there
_CONTINUES_RE = re.compile(r"\s*(?:达到|达|至|升至|增至|涨至|为|约为|(?:reaching|to)\b)")


def _nearest_aspect(folded: str, start: int, end: int, left: int, right: int) -> str | None:
    best: tuple[int, str] | None = None
    for aspect, pattern in _ASPECT_RE.items():
        for match in pattern.finditer(folded, left, right):
            if start <= match.start() < end:
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end
            if best is None or distance < best[0]:
                best = (distance, aspect)
    return best[1] if best else None


def compatible_aspects(asked: str | None, stated: str | None) -> bool:
    """Whether an amount of aspect `stated` can answer a question asking `asked` (unknown: yes)."""
    return asked is None or stated is None or asked == stated or (asked, stated) in _COMPATIBLE
