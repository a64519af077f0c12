"""What a Chinese question for a number measures, or the role of the person it asks for, and
whether a sentence speaks of it (pure).

"英伟达第三季度的每股收益是多少?" asks for earnings per share: "收入预计为 60 亿美元" states an
amount, but of revenue. The measure is the noun right before "是多少" / "有多少" / "多大" (after
its owner's "的"); a sentence of the question's language that holds none of the measure's
words does not state it. An English question names its measure in too many
ways for a pattern ("how much does X cost", "what is the price of X"): across languages and in
English only the weighed evidence decides.

Texts are folded (`zhiku.normalize.fold_key`: zh-Hant to zh-Hans, lower case, half width).

>>> asked_measure(fold_key("英伟达 2023 财年第三季度的 GAAP 每股收益是多少?"))
'每股收益'
>>> asked_measure(fold_key("資料科學家碩士畢業的起薪(月薪)是多少?")), asked_measure("它有多少参数?")
('起薪', None)
>>> measure_unstated("每股收益", fold_key("收入预计为 60 亿美元")), measure_unstated("参数", "共 70 亿个参数")
(True, False)
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["asked_measure", "asked_role", "fold_key", "measure_unstated"]

# the measure, an aside in brackets after it, then the words that ask for its number
# (a verb before "多少" — "提升了多少", "需要多少显存" — names no measure this way: what it counts
# follows, `zhiku.counted_units`)
_MEASURE_RE = re.compile(
    r"(?P<noun>[\u3400-\u9fff]{2,8}?)\s*(?:[(（][^()（）]{1,12}[)）])?\s*"
    r"(?:(?:大约|大概|约)?(?:是|为)\s*多少|(?:是|有)?\s*多(?:大|高|长|久))"
)
# words that open the run but are no part of the measure: an owner's "的", a verb, a pronoun
_OPENING_RE = re.compile(r"^.*(?:的|之|对|让|把|将|给|它|其|该|此|这|那)")
# a measure so general that the number itself is the answer: "是多少", "一共多少"
_GENERAL = frozenset({"一共", "总共", "合计", "大概", "大约", "目前", "现在", "如今", "当时"})
MEASURE_MAX_CHARS = 4


def asked_measure(question: str) -> str | None:
    """The measure a folded Chinese question asks the number of, ``None`` when it names none, or
    asks several ("显存多大、带宽是多少"), or sets a value rather than naming a measure ("r 和
    alpha 各设为多少").

    >>> asked_measure("r 和 alpha 各设为多少?"), asked_measure("显存多大、带宽是多少?")
    (None, None)
    """
    matches = list(_MEASURE_RE.finditer(question))
    if len(matches) != 1 or _SEVERAL_RE.search(question):
        return None
    noun = _OPENING_RE.sub("", matches[0].group("noun"))[-MEASURE_MAX_CHARS:]
    if len(noun) < 2 or noun in _GENERAL or noun[-1] in _VERB_ENDINGS or noun[0] in "各都分":
        return None
    return noun


# "多大、…多少", "多少和多少": two facts asked
_SEVERAL_RE = re.compile(r"多(?:少|大|高|长|久)[^?？]{0,20}(?:、|和|以及|及)")
# a run ending in a verb sets or changes a value: "设为多少", "降到多少", "需要多少"
_VERB_ENDINGS = frozenset("设定调改变升增降减达用花要需占")


def _words(measure: str) -> set[str]:
    """The measure's two-character words, read in pairs from the start, and its last two."""
    return {measure[i : i + 2] for i in range(0, len(measure) - 1, 2)} | {measure[-2:]}


def measure_unstated(measure: str, text: str) -> bool:
    """``text`` (folded) holds none of ``measure``'s words ("热线" of "热线号码", "年薪" of
    "平均年薪"): a number there measures something else."""
    return not any(word in text for word in _words(measure))


# the role, then the words that ask who holds it: "研发院的首任院长是谁", "该项目的负责人为何人"
_ROLE_RE = re.compile(r"(?P<noun>[\u3400-\u9fff]{2,8}?)\s*(?:是|为)\s*(?:谁|哪位|哪一位|何人)")


def asked_role(question: str) -> str | None:
    """The role a folded Chinese question asks the holder of ("首任院长" of "研发院的首任院长是
    谁?"): a sentence that holds none of its words names someone else, or no one in it; like a
    measure, read through `measure_unstated`. Only an office counts as a role; ``None`` when the
    question names none ("是谁提出的" asks a deed, `zhiku.answer_binding`).

    >>> asked_role("香港人工智能研发院的首任院长是谁?"), asked_role("这个方法是谁提出的?")
    ('首任院长', None)
    >>> asked_role("RAG 论文的第一作者是谁?")  # a doer, named by the deed
    """
    matches = list(_ROLE_RE.finditer(question))
    if len(matches) != 1 or _ROLE_DEED_RE.match(question, matches[0].end()):
        return None
    noun = _OPENING_RE.sub("", matches[0].group("noun"))[-MEASURE_MAX_CHARS:]
    return noun if len(noun) >= 2 and _OFFICE_RE.search(noun) else None


# an office, which a sentence names to say who holds it; not a doer ("作者", "第一作者",
# "开发者", "创始人"), whom a sentence names by the deed ("由某某提出")
_OFFICE_RE = re.compile(
    r"(?:[^成家生]长|官|主席|总裁|总监|经理|董事|理事|主任|书记|主编|教练|总统|总理|首相|大使|负责人|掌门人)$"
)
# "是谁提出的", "是谁创立": who did something, not who holds a role
_ROLE_DEED_RE = re.compile(r"\s*[\u3400-\u9fff]")
