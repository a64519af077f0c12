"""The name a question asks about through its owner: "OpenAI 的 Operator", "OPPO's Xiaobu" (pure).

A question that names a product through its maker asks about the product. A sentence that names
the maker alone ("In 2019, Microsoft invested $1 billion into OpenAI") states a fact of the
maker, not of the product, however well it matches the rest of the question. The product's
name is a capitalised Latin name after "的" or "'s"; the sentence, the one before it or its
page's title must name one of its words (a model's own name, "Maverick", names "Llama 4
Maverick"), or the abbreviation the question gives in brackets.

>>> possessed_name("OpenAI 的 Operator 是在哪一年推出的?")
('Operator',)
>>> possessed_name("What is Google's Gemini 2 context window?")
('Gemini', '2')
>>> possessed_name("Who is OpenAI's CEO?"), possessed_name("Google 的模型有多大?")
((), ())
>>> possessed_unnamed("OpenAI 的 Operator 是在哪一年推出的?", "In 2019, Microsoft invested in OpenAI.")
['Operator']
>>> possessed_unnamed("OpenAI 的 Operator 是在哪一年推出的?", "Operator 于 2025 年 1 月推出。")
[]
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["possessed_name", "possessed_unnamed"]

_NAME = r"([A-Z][A-Za-z0-9.\-]*(?:\s[A-Z0-9][\w.\-]*)*)"
_OWNED_ZH_RE = re.compile(r"(?:[A-Za-z][\w.\-]*|[\u4e00-\u9fff]{2,})\s*的\s*" + _NAME)
_OWNED_EN_RE = re.compile(r"[\w.\-]+['’]s\s+" + _NAME)
_ABBREVIATION_RE = re.compile(r"^\s*[(（]([A-Za-z][A-Za-z0-9\-]{1,12})[)）]")
# an office or a generic part, in capitals, is no product's name: "OpenAI's CEO", "Meta's API"
_GENERIC = frozenset({"ceo", "cto", "cfo", "coo", "api", "gpu", "cpu", "ipo", "ai", "llm", "hq"})
NAME_WORD_MIN_CHARS = 3


def possessed_name(question: str) -> tuple[str, ...]:
    """The words of the name the question asks about through its owner, and its abbreviation."""
    match = _OWNED_ZH_RE.search(question) or _OWNED_EN_RE.search(question)
    if match is None:
        return ()
    name = match.group(1).strip()
    if name.lower() in _GENERIC or not any(c.islower() or c.isdigit() for c in name):
        return ()
    words = [
        word
        for word in name.split()
        if word.lower() not in _GENERIC
        and (len(word) >= NAME_WORD_MIN_CHARS or any(c.isdigit() for c in word))
    ]
    abbreviation = _ABBREVIATION_RE.match(question[match.end() :])
    if abbreviation is not None:
        words.append(abbreviation.group(1))
    return tuple(words)


def possessed_unnamed(question: str, text: str, previous: str = "", title: str = "") -> list[str]:
    """The possessed name, when `text`, the sentence before it and its page's title name none
    of its words."""
    words = possessed_name(question)
    context = fold_key(f"{text} {previous} {title}")
    if not words or any(fold_key(word) in context for word in words):
        return []
    return [" ".join(words)]
