"""Word segmentation for lexical search: folded zh + en tokens (pure).

Chinese runs go through jieba; Latin runs are lower-cased and stemmed (Snowball English);
alphanumeric names such as ``Qwen2.5-7B-Instruct`` or ``GPT-4o`` are kept whole *and* split
into their parts, so a query for either the full name or a part finds them.

>>> tokenize("微調Qwen2.5-7B模型 running")
['微调', 'qwen2.5-7b', 'qwen', '2', '5', '7b', '模型', 'run']
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import Stemmer

from zhiku.normalize import fold_key
from zhiku.once import once

_RUN = re.compile(
    r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<name>[a-z0-9]+(?:[.\-_+/][a-z0-9]+)*)"
)
_NAME_PARTS = re.compile(r"[a-z]+|[0-9]+[a-z]*")

ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "has",
        "have",
        "had",
        "having",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "there",
        "here",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "own",
        "same",
        "too",
        "very",
        "s",
        "t",
        "just",
        "also",
        "only",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "once",
    ]
)
CHINESE_STOPWORDS = frozenset(
    [
        "的",
        "了",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "而",
        "也",
        "就",
        "都",
        "又",
        "被",
        "把",
        "将",
        "对",
        "从",
        "向",
        "于",
        "以",
        "之",
        "其",
        "这",
        "那",
        "这个",
        "那个",
        "一个",
        "有",
        "为",
        "为了",
        "个",
        "着",
        "过",
        "吗",
        "呢",
        "吧",
        "啊",
        "么",
        "什么",
        "哪",
        "哪个",
        "哪些",
        "谁",
        "怎么",
        "怎样",
        "如何",
        "多少",
        "几",
        "是否",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@once
def _jieba() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen `word` (0 for unknown words)."""
    return int(_jieba().FREQ.get(word, 0))


def _latin_tokens(name: str) -> list[str]:
    parts = _NAME_PARTS.findall(name)
    if len(parts) == 1 and parts[0] == name:
        if name in ENGLISH_STOPWORDS:
            return []
        return [str(_stemmer().stemWord(name))] if name.isalpha() else [name]
    words = [p for p in parts if p not in ENGLISH_STOPWORDS]
    return [name, *(str(_stemmer().stemWord(w)) if w.isalpha() else w for w in words)]


def _chinese_tokens(run: str) -> list[str]:
    return [w for w in _jieba().cut(run, HMM=True) if w not in CHINESE_STOPWORDS]


_CAMEL_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]*[a-z][A-Z][A-Za-z]*(?![A-Za-z])")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def camel_parts(text: str) -> list[str]:
    """Stemmed parts of glued names, kept in addition to the whole word.

    >>> camel_parts("AndrejKarpathy likes LangChain and iPhone")
    ['andrej', 'karpathi', 'lang', 'chain', 'phone']
    """
    parts: list[str] = []
    for word in _CAMEL_WORD.findall(text):
        parts.extend(p.lower() for p in _CAMEL_PART.findall(word) if len(p) > 1)
    return [str(_stemmer().stemWord(p)) for p in parts if p not in ENGLISH_STOPWORDS]


def tokenize(text: str) -> list[str]:
    """The folded lexical tokens of `text`, in order (see module doc)."""
    return _folded_tokens(fold_key(text)) + camel_parts(text)


def _folded_tokens(folded: str) -> list[str]:
    tokens: list[str] = []
    for match in _RUN.finditer(folded):
        if match.lastgroup == "cjk":
            tokens.extend(_chinese_tokens(match.group()))
        else:
            tokens.extend(_latin_tokens(match.group()))
    return tokens


def query_terms(text: str) -> list[str]:
    """Distinct tokens of a query, in first-seen order."""
    return list(dict.fromkeys(tokenize(text)))


_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
BIGRAM_MARK = "#"


def cjk_bigrams(text: str) -> list[str]:
    """Overlapping character pairs of each Chinese run, marked so they never collide with words.

    They rescue names that jieba glues to the next word (``白岳峰现`` -> ``#白岳``, ``#岳峰``...).

    >>> cjk_bigrams("大模型 AI 芯片")
    ['#大模', '#模型', '#芯片']
    """
    return _folded_bigrams(fold_key(text))


def _folded_bigrams(folded: str) -> list[str]:
    pairs: list[str] = []
    for run in _CJK_RUN.findall(folded):
        pairs.extend(BIGRAM_MARK + run[i : i + 2] for i in range(len(run) - 1))
    return pairs


def lexical_tokens(text: str) -> list[str]:
    """What the lexical index stores for a text: its words, then its Chinese bigrams."""
    folded = fold_key(text)
    return _folded_tokens(folded) + camel_parts(text) + _folded_bigrams(folded)


def lexical_query(text: str) -> list[str]:
    """Distinct lexical tokens of a query."""
    return list(dict.fromkeys(lexical_tokens(text)))
