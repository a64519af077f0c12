"""How much of a line's vocabulary the article uses (pure).

A headline names what the article is about, so its words come back in the body; a site's
name, an author's name or a widget's label ("Learning outcomes", "文章重點") does not. Words
are Latin terms of three letters or more that are not stopwords, and Chinese character
pairs, which stand in for words without a segmenter.

>>> topical_share("RAG + Vector Databases", "vector databases hold what rag retrieves")
1.0
>>> topical_share("What's the story", "mistral is in talks to raise money")
0.0
"""

from __future__ import annotations

import re

from zhiku.clean.vocabulary import EN_STOPWORDS

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[\u3400-\u9fff]+")
LATIN_WORD_MIN = 3


def topic_words(line: str) -> frozenset[str]:
    """The line's content words, lowercased: Latin terms and Chinese character pairs."""
    words: set[str] = set()
    for token in _WORD_RE.findall(line):
        if token.isascii():
            token = token.lower()
            if len(token) >= LATIN_WORD_MIN and token not in EN_STOPWORDS:
                words.add(token)
        else:
            words.update(token[i : i + 2] for i in range(len(token) - 1))
    return frozenset(words)


def topical_share(line: str, body: str) -> float:
    """The share of ``line``'s content words found in ``body`` (lowercased text), 0 when the line
    has none. A word counts when it occurs anywhere in the body ("vector" in "vectors")."""
    words = topic_words(line)
    if not words:
        return 0.0
    return sum(word in body for word in words) / len(words)
