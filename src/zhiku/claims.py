"""Does a span say what a claim says? Content units of a sentence and their entailment (pure).

A claim is broken into **content units**, each of which the cited span must contain:

- ``entity``: a catalogue entity (any alias, any script: 微軟 = 微软 = Microsoft), a model name
  (``Qwen2.5-7B``) or a Chinese person name;
- ``term``: a Latin name or term the catalogue does not know (``Georgi Gerganov``, ``GGUF``);
- ``number``: a figure with its scale (``70 亿`` = ``7 billion`` = 7e9; ``二十`` = 20);
- ``word``: a content word, the predicates and nouns around the names (stemmed English, folded
  Chinese words); a small table of verb groups lets ``started`` meet ``创建`` and ``founded``.

Entities, terms and numbers are *hard*: every one must occur in the span. Words are counted
(IDF-weighted when an ``idf`` is given): most must occur. And units must be **related** in the
span as in the claim: a name must stand in one sentence of the span with the claim's words
(a passage that mentions a name somewhere does not say that this name did what the claim says).

A claim that is only a name or a figure ("Riley Goodside", "14 到 24 倍") answers the question:
it is checked as the question with that answer, so the span must say that this entity did what
was asked ("who started llama.cpp?" -> the span says the entity started llama.cpp).

A claim made of several clauses ("A does X, while B does Y") is checked clause by clause;
`supported_part` keeps the clauses the span supports and drops the rest.

>>> check_claim("Georgi Gerganov started llama.cpp.", "llama.cpp was started by Georgi Gerganov in 2023.").entailed
True
>>> check_claim("Riley Goodside", "Riley Goodside writes prompts.", question="Who started llama.cpp?").entailed
False
>>> check_claim("它在 2022 年发布。", "该模型于 2023 年发布。").missing
('2022 年',)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from zhiku.chunk import split_sentences
from zhiku.knowledge.catalogue import EntityCatalogue, bundled_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.normalize import fold_key
from zhiku.segment import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, tokenize

# share of a clause's (weighted) content words the span must contain
MIN_WORD_COVERAGE = 0.7
# a name must stand within this many characters of one of the claim's words in the span sentence
_NEAR_CJK = 24
_NEAR_LATIN = 90

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*|[a-z]+[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+[0-9][A-Za-z0-9]*)"
    r"(?:[.\-+_][A-Za-z0-9]+)*(?:\s+(?:[A-Z][A-Za-z0-9]*(?:[.\-+_][A-Za-z0-9]+)*))*"
)
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:[.\-+_'][A-Za-z0-9]+)*")
_CJK_NUM = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    rf"(?P<digits>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<cjk>[{_CJK_NUM}]*[一二两三四五六七八九十][{_CJK_NUM}]*)"
    r"|(?P<word>\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|hundred|thousand|million|billion|trillion)\b)"
)
_SCALE_AFTER = re.compile(
    r"\s*(?P<scale>万亿|千亿|百亿|十亿|亿|万|千|百|trillion|billion|million|thousand|hundred|bn|[kKmMbBtT](?![A-Za-z]))"
)
# units written after a figure: part of the figure, not words of their own
_UNIT_AFTER = re.compile(
    r"\s*(?:%|％|percent|per ?cent|百分点|倍|times|[kmgtp]i?b\b|bytes?|bits?|比特|位|字节|tokens?|个|亿|万|年|月|日|号|天|小时|"
    r"分钟|秒|hours?|minutes?|seconds?|days?|years?|months?|美元|元|dollars?|usd|\$|fps|tok/s|ms)",
    re.IGNORECASE,
)
_SCALES = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
    "trillion": 1e12,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
    "hundred": 1e2,
    "bn": 1e9,
    "k": 1e3,
    "m": 1e6,
    "b": 1e9,
    "t": 1e12,
}
_WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_CJK_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "亿": 1e8}
# Chinese words that contain numerals but are not figures
_NOT_FIGURES = (
    "一些",
    "一种",
    "一个",
    "一样",
    "一起",
    "一直",
    "一般",
    "一定",
    "一旦",
    "统一",
    "唯一",
    "之一",
    "一致",
    "一切",
    "进一步",
    "一方面",
    "第一",
    "万一",
    "一体",
    "一下",
    "一边",
    "一次性",
    "十分",
    "千万",
    "百度",
    "三星",
    "一代",
    "同一",
    "单一",
    "一点",
    "一半",
    "一同",
    "不一",
    "一系列",
    "一名",
    "一位",
    "一项",
    "一款",
    "一家",
    "一篇",
    "一条",
    "一场",
    "一句",
    "一部分",
    "万物",
    "一键",
    "一流",
    "一手",
)
# Groups of predicates that state one relation, folded and stemmed: a claim's verb is found in a
# span that uses another of its group, in either language.
_PREDICATE_GROUPS = (
    (
        "start",
        "found",
        "creat",
        "establish",
        "launch",
        "initi",
        "began",
        "begin",
        "invent",
        "author",
        "发起",
        "创建",
        "创立",
        "创办",
        "创造",
        "开创",
        "启动",
        "发明",
        "创始",
        "建立",
        "始创",
        "开发",
        "研发",
        "打造",
    ),
    (
        "releas",
        "publish",
        "announc",
        "introduc",
        "unveil",
        "open-sourc",
        "发布",
        "推出",
        "公布",
        "开源",
        "提出",
        "发表",
    ),
    ("develop", "build", "built", "made", "make", "开发", "研发", "构建", "打造", "制作"),
    (
        "use",
        "util",
        "employ",
        "adopt",
        "reli",
        "leverag",
        "使用",
        "采用",
        "利用",
        "运用",
        "借助",
        "依赖",
        "基于",
    ),
    (
        "increas",
        "improv",
        "boost",
        "rais",
        "grow",
        "grew",
        "rise",
        "rose",
        "gain",
        "提升",
        "提高",
        "增加",
        "增长",
        "上升",
        "改善",
        "加快",
    ),
    (
        "reduc",
        "decreas",
        "lower",
        "cut",
        "shrink",
        "shrank",
        "drop",
        "fell",
        "fall",
        "compress",
        "save",
        "降低",
        "减少",
        "下降",
        "压缩",
        "缩小",
        "节省",
        "减小",
    ),
    ("support", "enabl", "allow", "let", "支持", "允许", "使得", "让"),
    ("run", "execut", "运行", "执行", "跑"),
    ("store", "save", "keep", "hold", "存储", "保存", "储存", "存放"),
    ("requir", "need", "demand", "需要", "要求", "必须"),
    ("acquir", "buy", "bought", "purchas", "收购", "买下", "并购"),
    ("train", "训练"),
    ("fine-tun", "finetun", "微调"),
    ("focus", "concentr", "special", "专注", "聚焦", "侧重", "专攻"),
)
_NEGATIONS_EN = frozenset(
    {
        "not",
        "no",
        "never",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "won't",
        "without",
        "neither",
        "nor",
        "none",
    }
)
_NEGATIONS_ZH = ("不", "没", "无", "未", "非", "别", "勿")
_NEGATION_FREE_ZH = (
    "不同",
    "不仅",
    "不断",
    "不少",
    "不过",
    "无论",
    "并非只",
    "非常",
    "不但",
    "无需",
    "未来",
    "没想到",
    "非营利",
    "不久",
    "不错",
    "毫无疑问",
    "无数",
    "无限",
    "无法忽视",
)
# words that carry no claim of their own (beyond the stop-word lists of the lexical index)
_FILLER = frozenset(
    [
        "according",
        "passage",
        "sourc",
        "articl",
        "text",
        "say",
        "said",
        "state",
        "mention",
        "describ",
        "note",
        "explain",
        "also",
        "moreov",
        "however",
        "thus",
        "therefor",
        "said",
        "answer",
        "question",
        "根据",
        "文中",
        "文章",
        "段落",
        "提到",
        "指出",
        "表示",
        "认为",
        "所以",
        "因此",
        "此外",
        "另外",
        "以及",
        "并且",
        "而且",
        "然而",
        "但是",
        "同时",
        "其中",
        "主要",
        "可以",
        "能够",
        "进行",
        "通过",
        "一种",
        "这种",
        "这些",
        "那些",
        "它们",
        "他们",
        "她们",
        "我们",
        "你们",
        "作为",
        "就是",
        "还是",
        "已经",
        "非常",
        "比较",
        "相关",
        "方面",
        "问题",
        "答案",
    ]
)
_QUESTION_WORDS = frozenset(
    [
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "when",
        "where",
        "why",
        "how",
        "谁",
        "什么",
        "哪",
        "哪个",
        "哪些",
        "哪里",
        "哪儿",
        "多少",
        "几",
        "怎么",
        "怎样",
        "如何",
        "为什么",
        "何时",
        "何地",
        "是否",
        "吗",
        "呢",
        "是谁",
        "何人",
        "哪一年",
        "哪年",
        "多久",
        "多大",
        "多长",
    ]
)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[;；]|[,，]\s*(?:而|但|但是|然而|同时|并且|而且|此外|另外|且|则|while|but|whereas|and|although|though)?"
    r"|\s+(?:while|whereas|but)\s+|(?<=[\u4e00-\u9fff])(?:而|但是|然而|同时|并且|而且))\s*"
)
_END = "。.!！?？"


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing a claim says: ``kind`` is entity, term, number or word; ``keys`` are what counts
    as the same thing in a span (aliases in folded form, stems, values of a figure)."""

    kind: str
    text: str
    keys: frozenset[str]
    start: int
    end: int
    weight: float = 1.0

    @property
    def hard(self) -> bool:
        return self.kind != "word"


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """What a span says of a claim: ``coverage`` is the weighted share of its units found;
    ``missing`` the units it lacks; ``unrelated`` names found but not with the claim's words."""

    entailed: bool
    coverage: float
    missing: tuple[str, ...] = ()
    unrelated: tuple[str, ...] = ()
    answer_check: bool = False  # checked as (question, answer)
    cross_lingual: bool = False  # claim and span in different languages: words judged elsewhere
    units: tuple[Unit, ...] = field(default=(), repr=False)


@lru_cache(maxsize=1)
def _predicate_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in _PREDICATE_GROUPS:
        for word in group:
            index.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in index.items()}


def _alias_keys(catalogue: EntityCatalogue, entity_id: str, surface: str) -> frozenset[str]:
    keys = {_key(surface)}
    entity = catalogue.get(entity_id)
    if entity is not None:
        keys.add(_key(entity.name))
        keys.update(_key(a) for a in entity.aliases)
    return frozenset(k for k in keys if k)


def _key(phrase: str) -> str:
    """A folded phrase whose separators `_loose` later lets match any separator or none."""
    return re.sub(r"[ \-_]+", " ", fold_key(phrase)).strip()


def number_values(match: re.Match[str], text: str) -> frozenset[str]:
    """The values a figure may stand for, as strings (a bare value and the value times its scale)."""
    raw = match.group()
    values: set[float] = set()
    if match.group("digits"):
        base = float(raw.replace(",", ""))
    elif match.group("word"):
        base = float(_WORD_VALUES[raw.lower()])
    else:
        parsed = _cjk_value(raw)
        if parsed is None:
            return frozenset()
        base = parsed
    values.add(base)
    scale = _SCALE_AFTER.match(text, match.end())
    if scale and not (match.group("cjk") and scale.group("scale") in "万亿千百"):
        values.add(base * _SCALES[scale.group("scale").lower()])
    return frozenset(_fmt(v) for v in values)


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def _cjk_value(text: str) -> float | None:
    """二十 -> 20, 七十亿 -> 7e9, 三千五百万 -> 3.5e7, 一二三 -> 123."""
    if all(ch in _CJK_DIGITS for ch in text):
        return float("".join(str(_CJK_DIGITS[ch]) for ch in text))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_UNITS:
            section += (digit if digit is not None else 1) * _CJK_UNITS[ch]
            digit = None
        elif ch in _CJK_BIG:
            section += digit or 0
            total = (
                (total + section) * _CJK_BIG[ch]
                if total and _CJK_BIG[ch] > 1e4
                else total + section * _CJK_BIG[ch]
            )
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def _figures(text: str) -> list[tuple[int, int, frozenset[str]]]:
    found = []
    for match in _NUMBER.finditer(text):
        if match.group("cjk"):
            folded = fold_key(text) if len(fold_key(text)) == len(text) else text
            around = folded[max(0, match.start() - 2) : match.end() + 2]
            if any(word in around and _overlaps_word(folded, match, word) for word in _NOT_FIGURES):
                continue
        if match.group("digits") and _inside_name(text, match.start(), match.end()):
            continue
        values = number_values(match, text)
        if values:
            end = match.end()
            scale = _SCALE_AFTER.match(text, end)
            if scale and not match.group("cjk"):
                end = scale.end()
            unit = _UNIT_AFTER.match(text, end)
            found.append((match.start(), unit.end() if unit else end, values))
    return found


def _overlaps_word(text: str, match: re.Match[str], word: str) -> bool:
    start = text.find(word, max(0, match.start() - len(word) + 1))
    return start != -1 and start < match.end() and match.start() < start + len(word)


def _inside_name(text: str, start: int, end: int) -> bool:
    """Digits glued to letters (``Qwen2``, ``7B-Instruct``, ``v1``) belong to a name, not a figure."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    glued_after = after.isalpha() and after.isascii() and not _SCALE_AFTER.match(text, end)
    dotted = before == "." and start >= 2 and text[start - 2].isalnum()  # the "3" of "v1.1.3"
    return (
        (before.isascii() and before.isalpha())
        or glued_after
        or (before != "" and before in "-_")
        or dotted
    )


def content_units(
    text: str,
    *,
    idf: Callable[[str], float] | None = None,
    catalogue: EntityCatalogue | None = None,
) -> list[Unit]:
    """The content units of `text` in order (see the module doc)."""
    return list(_content_units(text, idf, catalogue or bundled_catalogue()))


@lru_cache(maxsize=2048)  # a claim is checked against every span of every passage
def _content_units(
    text: str, idf: Callable[[str], float] | None, catalogue: EntityCatalogue
) -> tuple[Unit, ...]:
    units: list[Unit] = []
    taken: list[tuple[int, int]] = []
    for mention in extract_entities(text, catalogue=catalogue):
        surface = text[mention.start : mention.end]
        units.append(
            Unit(
                "entity",
                surface,
                _alias_keys(catalogue, mention.entity_id, surface),
                mention.start,
                mention.end,
            )
        )
        taken.append((mention.start, mention.end))
    for start, end, values in _figures(text):
        if not _overlaps(start, end, taken):
            units.append(Unit("number", text[start:end], values, start, end))
            taken.append((start, end))
    for m in _LATIN_NAME.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, taken):
            continue
        name = m.group()
        words = [w for w in re.split(r"\s+", name) if w.lower() not in ENGLISH_STOPWORDS]
        if not words or (
            start == _sentence_start(text, start)
            and len(words) == 1
            and name.isalpha()
            and name[1:].islower()
            and name.lower() not in set(_predicate_index())
            and fold_key(name) == name.lower()
            and _is_common_word(name)
        ):
            continue
        units.append(Unit("term", name, frozenset({_key(name)}), start, end))
        taken.append((start, end))
    units.extend(_words(text, taken, idf))
    return tuple(sorted(units, key=lambda u: u.start))


def _is_common_word(word: str) -> bool:
    # a capitalised first word of a sentence is a name only if it is not an ordinary word
    return (
        word.lower() in _COMMON_CAPITALS
        or len(word) <= 3
        or not word[0].isupper()
        or word.lower().endswith(("ing", "ed", "ly", "tion", "s"))
    )


_COMMON_CAPITALS = frozenset(
    [
        "it",
        "its",
        "they",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "we",
        "you",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "both",
        "each",
        "many",
        "most",
        "some",
        "all",
        "one",
        "two",
        "three",
        "first",
        "second",
        "quantization",
        "quantized",
        "models",
        "model",
        "engineers",
        "engineer",
        "developers",
        "researchers",
        "users",
        "people",
        "companies",
        "today",
        "yes",
        "no",
    ]
)


def _sentence_start(text: str, at: int) -> int:
    before = text[:at].rstrip()
    return at if not before or before[-1] in _END else -1


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _words(
    text: str, taken: Sequence[tuple[int, int]], idf: Callable[[str], float] | None
) -> list[Unit]:
    units: list[Unit] = []
    predicates = _predicate_index()
    for m in re.finditer(
        r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z]+(?:[\-'][A-Za-z]+)*", text
    ):
        for token, start, end in _tokens_with_offsets(m.group(), m.start()):
            if _overlaps(start, end, taken) or token in _FILLER or token in _QUESTION_WORDS:
                continue
            if _CJK.match(token) and len(token) < 2 and token not in predicates:
                continue
            weight = idf(token) if idf else (1.0 if len(token) > 1 else 0.5)
            if weight <= 0:
                continue
            keys = predicates.get(token, frozenset()) | {token}
            units.append(Unit("word", text[start:end], frozenset(keys), start, end, weight))
    return units


def _tokens_with_offsets(run: str, offset: int) -> list[tuple[str, int, int]]:
    """Folded tokens of one Chinese or Latin run with their offsets in the original text."""
    if _CJK.match(run):
        from zhiku.segment import _jieba

        folded = fold_key(run)
        out, at = [], 0
        for word in _jieba().cut(folded, HMM=True):
            if len(word) == len(folded[at : at + len(word)]) and word not in CHINESE_STOPWORDS:
                out.append((word, offset + at, offset + at + len(word)))
            at += len(word)
        return out
    lowered = run.lower()
    if lowered in ENGLISH_STOPWORDS:
        return []
    stems = tokenize(run)
    return [(stems[0], offset, offset + len(run))] if stems else []


@dataclass(frozen=True, slots=True)
class _SpanText:
    """A span folded once: its sentences, tokens and figures for unit lookups."""

    text: str
    folded: str
    compact: str  # folded, without spaces (Chinese words cut differently still meet)
    tokens: frozenset[str]
    figures: tuple[tuple[int, int, frozenset[str]], ...]
    sentences: tuple[tuple[int, int], ...]
    # position -> position without the bracketed asides before it: "LoRA（Low-Rank …）是" keeps
    # the subject next to its predicate
    plain: tuple[int, ...]


_ASIDE = re.compile(r"[（(][^（()）]{0,80}[）)]")


@lru_cache(maxsize=4096)
def _span(text: str) -> _SpanText:
    folded = fold_key(text)
    tokens = set(tokenize(text))
    inside = [0] * (len(folded) + 1)
    for m in _ASIDE.finditer(folded):
        for i in range(m.start(), m.end()):
            inside[i] = 1
    plain: list[int] = []
    skipped = 0
    for flag in inside:
        plain.append(len(plain) - skipped)
        skipped += flag
    return _SpanText(
        text,
        folded,
        re.sub(r"\s+", "", folded),
        frozenset(tokens),
        tuple(_figures(text)),
        tuple((s.start, s.end) for s in split_sentences(text)) or ((0, len(text)),),
        tuple(plain),
    )


def _positions(unit: Unit, span: _SpanText) -> list[int]:
    """Where `unit` occurs in the span (character offsets), empty when it does not."""
    if unit.kind == "number":
        return [s for s, _, values in span.figures if values & unit.keys]
    found: list[int] = []
    for key in unit.keys:
        if not key:
            continue
        if unit.kind == "word" and not _CJK.search(key):
            if key in span.tokens:
                found.extend(
                    m.start() for m in re.finditer(rf"(?<![a-z0-9]){re.escape(key)}", span.folded)
                )
                if not found:
                    found.append(0)
            continue
        latin = not _CJK.search(key)
        pattern = rf"(?<![a-z0-9]){_loose(key)}(?![a-z0-9])" if latin else _loose(key)
        found.extend(m.start() for m in re.finditer(pattern, span.folded))
    return sorted(set(found))


def _loose(key: str) -> str:
    """A folded key whose separators (space, hyphen, underscore) may be any of them or none."""
    parts = [re.escape(p) for p in re.split(r"[ \-_]+", key) if p]
    return r"[ \-_]?".join(parts) if parts else re.escape(key)


def _negated(text: str) -> bool:
    folded = fold_key(text)
    if any(w in _NEGATIONS_EN for w in re.findall(r"[a-z']+", folded)):
        return True
    stripped = folded
    for phrase in _NEGATION_FREE_ZH:
        stripped = stripped.replace(phrase, "")
    return any(n in stripped for n in _NEGATIONS_ZH)


def is_bare_answer(units: Sequence[Unit]) -> bool:
    """A claim with no statement of its own: a name, a figure, a term or one word
    ("Georgi Gerganov", "14 到 24 倍", "January")."""
    return bool(units) and sum(u.kind == "word" for u in units) <= 1


def check_claim(
    claim: str,
    span: str,
    *,
    question: str = "",
    idf: Callable[[str], float] | None = None,
    catalogue: EntityCatalogue | None = None,
    min_coverage: float = MIN_WORD_COVERAGE,
) -> ClaimCheck:
    """Whether `span` entails `claim` (see the module doc); ``question`` lets a bare answer be
    checked as the pair (question, answer)."""
    units = content_units(claim, idf=idf, catalogue=catalogue)
    answer_check = False
    if question and is_bare_answer(units):
        asked = [
            u
            for u in content_units(question, idf=idf, catalogue=catalogue)
            if not any(_same(u, c) for c in units)
        ]
        if asked:
            answer_check = True
            # the answer itself must be in the span, whatever kind of unit it is
            units = [
                Unit("answer", u.text, u.keys, u.start, u.end, u.weight) if u.kind == "word" else u
                for u in units
            ] + [Unit(_asked_kind(u), u.text, u.keys, -1, -1, u.weight) for u in asked]
    if not units:
        return ClaimCheck(False, 0.0)
    s = _span(span)
    where = {i: _positions(u, s) for i, u in enumerate(units)}
    # a word in a script the span hardly uses cannot occur in it (only its translations in the
    # predicate table can): when absent it is left to the caller's similarity score
    foreign = {
        i for i, u in enumerate(units) if u.kind == "word" and not where[i] and _foreign(u, s)
    }
    words = [i for i, u in enumerate(units) if u.kind == "word"]
    if len([i for i in words if _foreign(units[i], s)]) < _MIN_FOREIGN_SHARE * len(words) or _mixed(
        claim, units
    ):
        foreign = set()  # a claim in the span's language with a clause in another: no excuse
    cross = bool(foreign)
    missing = tuple(u.text for i, u in enumerate(units) if u.hard and not where[i])
    groups = _word_groups(claim, units, foreign)
    shares = [_share(group, units, where) for group in groups]
    words_share = min(shares, default=1.0)
    # the question's words are the asker's, not the author's: they may be paraphrased more
    needed = [
        min_coverage if g and units[g[0]].start >= 0 else _MIN_QUESTION_COVERAGE for g in groups
    ]
    hard = [i for i, u in enumerate(units) if u.hard]
    hard_share = (len(hard) - len(missing)) / len(hard) if hard else 1.0
    coverage = min(words_share, hard_share)
    kept = {i: where[i] for i in where if i not in foreign}
    unrelated = tuple(units[i].text for i in hard if where[i] and not _related(i, units, kept, s))
    if answer_check and not unrelated and not _answers_question(units, kept, s):
        unrelated = tuple(u.text for u in units if u.start >= 0)
    negation_ok = _negated(claim) <= _negated(span) if not answer_check else True
    entailed = (
        not missing
        and not unrelated
        and negation_ok
        and all(share >= need for share, need in zip(shares, needed, strict=False))
    )
    if not [u for u in units if u.hard] and not any(where[i] for i in where):
        entailed = False
    return ClaimCheck(
        entailed, round(coverage, 4), missing, unrelated, answer_check, cross, tuple(units)
    )


_MIN_QUESTION_COVERAGE = 0.5
_MIN_FOREIGN_SHARE = 0.6
_PRONOUN = re.compile(r"(?:he|she|it|they|this|his|her|its|their)\b|他|她|它|该|此|其")


def _answers_question(units: Sequence[Unit], where: dict[int, list[int]], span: _SpanText) -> bool:
    """Some sentence of the span holds the answer and at least half of the question's words."""
    answer = [i for i, u in enumerate(units) if u.start >= 0]
    asked = [i for i, u in enumerate(units) if u.start < 0 and u.kind == "word" and i in where]
    if not asked:
        return True
    total = sum(units[i].weight for i in asked)
    for k, (a, b) in enumerate(span.sentences):
        if not all(any(a <= p < b for p in where.get(i, [])) for i in answer):
            continue
        if k + 1 < len(span.sentences) and _PRONOUN.match(span.folded, span.sentences[k + 1][0]):
            b = span.sentences[k + 1][1]  # "X did A. He also did B.": B is said of X
        found = sum(units[i].weight for i in asked if any(a <= p < b for p in where[i]))
        if found >= _MIN_QUESTION_COVERAGE * total:
            return True
    return False


def _mixed(claim: str, units: Sequence[Unit]) -> bool:
    """Clauses of the claim written in different languages (one Chinese, one English)."""
    languages = set()
    for a, b in clauses(claim):
        words = [u for u in units if u.kind == "word" and a <= u.start < b]
        if len(words) >= 2:
            cjk = sum(bool(_CJK.search(u.text)) for u in words)
            languages.add(cjk * 2 > len(words))
    return len(languages) > 1


def _asked_kind(unit: Unit) -> str:
    """A one-word Latin term of the question ("Italian", "Which") is the asker's wording, weighed
    like a word; names and figures of the question must be in the span."""
    if unit.kind == "term" and " " not in unit.text and not re.search(r"\d", unit.text):
        return "word"
    return unit.kind


def _foreign(unit: Unit, span: _SpanText) -> bool:
    chinese_word = bool(_CJK.search(next(iter(unit.keys))))
    return chinese_word != _is_chinese(span.text)


def _word_groups(claim: str, units: Sequence[Unit], foreign: set[int]) -> list[list[int]]:
    """Word units per clause of the claim (the question's words, for a bare answer, as one group)."""
    bounds = clauses(claim) or [(0, len(claim))]
    groups: list[list[int]] = [[] for _ in range(len(bounds) + 1)]
    for i, u in enumerate(units):
        if u.hard or i in foreign:
            continue
        if u.start < 0:
            groups[-1].append(i)
            continue
        k = next((k for k, (a, b) in enumerate(bounds) if u.start < b), len(bounds) - 1)
        groups[k].append(i)
    return [g for g in groups if g]


def _share(group: Sequence[int], units: Sequence[Unit], where: dict[int, list[int]]) -> float:
    total = sum(units[i].weight for i in group)
    return sum(units[i].weight for i in group if where[i]) / total if total else 1.0


def _is_chinese(text: str) -> bool:
    cjk = len(_CJK.findall(text))
    return cjk > 0 and cjk >= 0.2 * len(re.findall(r"[A-Za-z]", text))


def _same(a: Unit, b: Unit) -> bool:
    return bool(a.keys & b.keys)


def _related(i: int, units: Sequence[Unit], where: dict[int, list[int]], span: _SpanText) -> bool:
    """Unit i occurs in some span sentence near another unit of the claim (or it is alone)."""
    others = [j for j in range(len(units)) if j != i and where.get(j)]
    if not others:
        return len(units) == 1
    near = _NEAR_LATIN if not _CJK.search(span.folded) else _NEAR_CJK
    for at in where[i]:
        sentence = next(((a, b) for a, b in span.sentences if a <= at < b), (0, len(span.folded)))
        for j in others:
            if any(
                sentence[0] <= p < sentence[1] and _gap(span, p, at) <= near + len(units[i].text)
                for p in where[j]
            ):
                return True
    return False


def _gap(span: _SpanText, a: int, b: int) -> int:
    plain = span.plain
    return abs(plain[min(a, len(plain) - 1)] - plain[min(b, len(plain) - 1)])


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of a sentence (split at ；, and at commas or conjunctions that
    start a new statement: "而", "但是", "while", "but")."""
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > start and sentence[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if sentence[start:].strip():
        out.append((start, len(sentence.rstrip())))
    return out


@dataclass(frozen=True, slots=True)
class Part:
    """A claim cut to what a span supports: the ``kept`` sentence and the ``dropped`` clauses."""

    kept: str
    dropped: str


def supported_part(
    claim: str,
    span: str,
    *,
    question: str = "",
    idf: Callable[[str], float] | None = None,
    catalogue: EntityCatalogue | None = None,
) -> Part | None:
    """The claim cut to the clauses `span` entails: the whole claim when it is entailed, a shorter
    sentence when only some clauses are, None when none is (or the rest says nothing)."""
    if check_claim(claim, span, question=question, idf=idf, catalogue=catalogue).entailed:
        return Part(claim, "")
    parts = clauses(claim)
    if len(parts) < 2:
        return None
    kept = [
        (a, b)
        for a, b in parts
        if _says_something(claim[a:b], idf, catalogue)
        and check_claim(claim[a:b], span, question=question, idf=idf, catalogue=catalogue).entailed
    ]
    if not kept:
        return None
    text = _join(claim, kept)
    dropped = [(a, b) for a, b in parts if (a, b) not in kept]
    return Part(text, _join(claim, dropped)) if dropped else Part(claim, "")


def _says_something(
    clause: str, idf: Callable[[str], float] | None, catalogue: EntityCatalogue | None
) -> bool:
    return len(content_units(clause, idf=idf, catalogue=catalogue)) >= 2


def _join(claim: str, kept: Sequence[tuple[int, int]]) -> str:
    cjk = bool(_CJK.search(claim))
    sep = "，" if cjk else ", "
    text = sep.join(claim[a:b].strip().rstrip(_END + ",，") for a, b in kept)
    end = claim.rstrip()[-1:] if claim.rstrip()[-1:] in _END else ("。" if cjk else ".")
    if not cjk and text:
        text = text[0].upper() + text[1:]
    return text + end


_ASKS_NAME = re.compile(
    r"\b(?:who|whom|whose)\b|\bwhich (?:company|organi[sz]ation|person|team|lab|university|model|framework|library)\b"
    r"|谁|誰|哪位|哪家|哪个公司|哪個公司|什么人|什麼人|何人",
    re.IGNORECASE,
)
_ASKS_FIGURE = re.compile(
    r"\bhow (?:many|much|long|old|fast|big|large)\b|\bwhat year\b|\bwhen\b|\bin which year\b"
    r"|多少|多大|多长|多長|多久|几[个個年月天倍]|幾[个個年月天倍]|哪一?年|何时|何時|什么时候|什麼時候",
    re.IGNORECASE,
)


def asked_kind(question: str) -> str | None:
    """``name`` when the question asks who (or which company, model…), ``figure`` when it asks how
    many, how much or when; None otherwise.

    >>> asked_kind("Who started llama.cpp?"), asked_kind("LoRA 能省多少显存？"), asked_kind("什么是 RAG？")
    ('name', 'figure', None)
    """
    if _ASKS_NAME.search(question):
        return "name"
    if _ASKS_FIGURE.search(question):
        return "figure"
    return None


def gives_asked_kind(
    question: str, sentences: Sequence[str], *, catalogue: EntityCatalogue | None = None
) -> bool:
    """Whether some sentence holds what the question asks for (a name or a figure) that the
    question does not already contain; True when the question asks for neither."""
    kind = asked_kind(question)
    if kind is None:
        return True
    wanted = ("entity", "term") if kind == "name" else ("number",)
    asked = content_units(question, catalogue=catalogue)
    for sentence in sentences:
        for unit in content_units(sentence, catalogue=catalogue):
            if unit.kind in wanted and not any(_same(unit, a) for a in asked):
                return True
    return False
