"""What a count counts: the unit a "how many" question asks for, and the unit a number in a
sentence is a count of (pure).

"FastGPT 有多少星标?" is not answered by "三层微服务架构", nor "How many encoder layers?" by
"28.4 BLEU": the sentence states a number, but of another unit. A candidate is ruled out only
when both units are known and differ; a unit this module does not know (职缺, 个, "models") and
a share or a multiple ("70%的企业", "3 倍") are compatible with every count.

Texts are folded (`zhiku.normalize.fold_key`: zh-Hant to zh-Hans, lower case, half width).

>>> from zhiku.normalize import fold_key
>>> asked_unit(fold_key("FastGPT 在 GitHub 上有多少星标?"))
'star'
>>> unit_after(fold_key("FastGPT采用三层微服务架构"), 9, 11)
'layer'
>>> compatible("star", "layer"), compatible("star", None), compatible(None, "layer")
(False, True, True)
"""

from __future__ import annotations

import re

__all__ = ["asked_unit", "compatible", "unit_after"]

# Each unit by the words that name it right after a number or after "多少" / "how many". Chinese
# measure words that serve many nouns (个, 种, 张, 次) name no unit.
_UNITS: dict[str, str] = {
    "layer": r"层|layers?\b",
    "star": r"颗?星标?|stars?\b",
    "person": (
        r"人|名(?![称字单])|位(?![置数元于])|员工|用户|成员|开发者|工程师|学生|粉丝|订阅者"
        r"|(?:公务|职|雇|会|研究|技术|工作|业务|销售|教职)员"
        r"|people\b|persons?\b|employees?\b|staff\b|users?\b|members?\b|engineers?\b"
        r"|developers?\b|researchers?\b|workers?\b|students?\b|subscribers?\b|followers?\b"
        r"|customers?\b|participants?\b"
    ),
    "company": r"家(?!庭|人|长|居|电)|公司|企业|companies\b|firms?\b|startups?\b",
    "score": r"分(?![钟之别析布享类开支])|bleu\b|points?\b",
    "size": r"[kmgtp]i?b\b|字节|bytes?\b|内存|显存|memory\b|vram\b",
    "parameter": r"参数量?|parameters?\b|params?\b|b\b",  # "405B": a model's size
    "article": r"篇|articles?\b|papers?\b|posts?\b",
    "token": r"tokens?\b|词元",
    "language": r"(?:种)?语言|languages?\b",
    "gpu": r"gpus?\b|(?:张|块)(?:显)?卡",
    "money": (
        r"(?:港|美|日|欧|台|新台)?元|美金|人民币|港币|欧元|日元|英镑|块钱"
        r"|dollars?\b|usd\b|eur\b|euros?\b|rmb\b|yuan\b"
    ),
    "time": (
        r"年(?!代|级)|个月|周(?![边期])|天|小时|分钟|秒"
        r"|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|seconds?\b"
    ),
}
_UNIT_AT = {unit: re.compile(rf"(?:{pattern})") for unit, pattern in _UNITS.items()}
# between a number and its unit: 多, 余, 个, "+", and in English up to two words ("6 encoder
# layers", "100 million monthly active users")
_FILLER_ZH = re.compile(r"\s*[多余个+]*\s*")
_WORD = re.compile(r"\s*([a-z][a-z\-]*)")
_ASKED_ZH = re.compile(r"多少|几(?=[^乎]|$)")
_ASKED_EN = re.compile(r"\bhow many\b|\bnumber of\b")
_COUNT_OF_EN = re.compile(r"\b([a-z]+) counts?\b(?! (?:as|on|for)\b)")
_VERBS = re.compile(r"(?:是|有|为|共|达|约|大概|总共|一共|分别|各自|各)+$")
_COUNT_WORD = re.compile(r"(?:数量|数目|个数|数)$")
_STOP = re.compile(r"[,.;:?!，。；：？！、()（）]|的|是|有|在|被|会|能")


def unit_at(text: str) -> str | None:
    """The unit named at the very start of `text`, if any."""
    for unit, pattern in _UNIT_AT.items():
        if pattern.match(text):
            return unit
    return None


def unit_after(folded: str, start: int, end: int) -> str | None:
    """The unit of the number at ``folded[start:end]``: a measure word it ends with ("三层"),
    else the word or words that follow it ("28.4 bleu", "100 million monthly active users").

    >>> from zhiku.normalize import fold_key
    >>> t = fold_key("The big model scored 28.4 BLEU with 6 encoder layers")
    >>> unit_after(t, 21, 25), unit_after(t, 36, 37)
    ('score', 'layer')
    """
    number = folded[start:end]
    for cut in range(len(number)):
        if not number[cut].isdigit() and (unit := _own_unit(number[cut:])):
            return unit
    rest = folded[end : end + 40]
    filler = _FILLER_ZH.match(rest)
    zh_rest = rest[filler.end() :] if filler else rest
    if zh_rest[:1] and not zh_rest[0].isascii():
        return unit_at(zh_rest)
    position = 0
    for _ in range(3):  # the number's own word, or one of the two after it
        word = _WORD.match(rest, position)
        if word is None:
            return None
        if unit := unit_at(word.group(1)):
            return unit
        position = word.end()
    return None


def _own_unit(tail: str) -> str | None:
    """The unit of a Chinese measure word the number match ends with ("三层", "5人")."""
    return unit_at(tail.strip()) if len(tail.strip()) <= 2 else None


def asked_unit(folded_question: str) -> str | None:
    """The unit a "how many" question counts: the noun after "多少" / "几" / "how many" (within
    a short phrase), else, for Chinese, the noun just before "(数量)是多少".

    >>> from zhiku.normalize import fold_key
    >>> asked_unit(fold_key("How many encoder layers (N) does the base model use?"))
    'layer'
    >>> asked_unit(fold_key("這個專案的星標數是多少？")), asked_unit(fold_key("有多少個AI相關職缺?"))
    ('star', None)
    >>> asked_unit(fold_key("需要多少 GPU 記憶體？"))  # the noun's head, not its modifier
    'size'
    >>> asked_unit(fold_key("兩個模型的參數量分別是多少？"))
    'parameter'
    """
    return _asked_in_english(folded_question) or _asked_in_chinese(folded_question)


def _asked_in_english(folded_question: str) -> str | None:
    """The first unit among the four words after "how many" / "number of", else the unit
    of the word before "count" ("the total parameter count")."""
    for match in _ASKED_EN.finditer(folded_question):
        position = match.end()
        for _ in range(4):
            word = _WORD.match(folded_question, position)
            if word is None:
                break
            if unit := unit_at(word.group(1)):
                return unit
            position = word.end()
    counted = _COUNT_OF_EN.search(folded_question)
    return unit_at(counted.group(1)) if counted else None


def _asked_in_chinese(folded_question: str) -> str | None:
    """The unit of the noun after "多少" / "几", else of the noun just before it."""
    for match in _ASKED_ZH.finditer(folded_question):
        after = _phrase(folded_question[match.end() : match.end() + 10]).strip()
        if after:  # the noun's head ends the phrase; else a measure word opens it (几层, 多少名)
            if unit := _unit_ending(after) or unit_at(after):
                return unit
            continue
        before = _VERBS.sub("", folded_question[max(0, match.start() - 10) : match.start()])
        # "参数量是多少", "星标数是多少"
        if unit := _unit_ending(before) or _unit_ending(_COUNT_WORD.sub("", before)):
            return unit
    return None


def _unit_ending(text: str) -> str | None:
    """The unit of the longest word that ends `text` ("github 星标" → star)."""
    for offset in range(len(text)):
        for unit, pattern in _UNIT_AT.items():
            if pattern.fullmatch(text[offset:]):
                return unit
    return None


def _phrase(text: str) -> str:
    """`text` up to the first stop (punctuation, or a particle or verb that ends the noun)."""
    stop = _STOP.search(text)
    return text[: stop.start()] if stop else text


def compatible(asked: str | None, stated: str | None) -> bool:
    """Whether a number of unit `stated` can answer a count of unit `asked` (unknown: yes)."""
    return asked is None or stated is None or asked == stated
