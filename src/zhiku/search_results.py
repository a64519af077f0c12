"""How a ranked list of passages is shown to a person (pure).

- **Variety at the top**: among the first `window` results at most `per_document` passages of one
  document; the others move down, in order, right after the window. A query that names the
  document (its title is in the query, or the query is part of its title) keeps all of them: the
  person asked about that document.
- **No negative scores**: a score is shown as at least 0. Fused scores are made non-negative
  where they are computed (`zhiku.retrieve`); a raw cosine of an unrelated passage can still dip
  under 0 in dense mode, and a negative number reads as an error.

The first passage of every document keeps its relative order, so rankings by document (what
`zhiku eval retrieval` scores) are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from zhiku.normalize import fold_key
from zhiku.records import Hit

PER_DOCUMENT = 2
WINDOW = 5
_SPACE = re.compile(r"[\s\-_:：|·,，.。!！?？\"'“”《》「」()（）\[\]]+")


def names_title(query: str, title: str) -> bool:
    """The query names the document: its title is in the query, or the query is part of it.

    >>> names_title("what does Attention Is All You Need say about heads", "Attention Is All You Need")
    True
    >>> names_title("attention", "Attention Is All You Need")
    False
    >>> names_title("向量資料庫選型", "向量数据库选型指南")  # zh-Hant query, zh-Hans title
    True
    """
    t, q = _squashed(title), _squashed(query)
    if len(t) < 4 or len(q) < 4:
        return False
    return t in q or (len(q) >= 0.5 * len(t) and q in t)


def _squashed(text: str) -> str:
    return _SPACE.sub("", fold_key(text))


def diversified(
    hits: Sequence[Hit], query: str, *, per_document: int = PER_DOCUMENT, window: int = WINDOW
) -> list[Hit]:
    """`hits` with at most `per_document` passages of one document among the first `window`
    (see module doc)."""
    top: list[Hit] = []
    deferred: list[Hit] = []
    count: dict[str, int] = {}
    for i, hit in enumerate(hits):
        if len(top) >= window:
            return top + deferred + list(hits[i:])
        doc = hit.chunk.doc_id
        if count.get(doc, 0) >= per_document and not names_title(query, hit.title):
            deferred.append(hit)
            continue
        count[doc] = count.get(doc, 0) + 1
        top.append(hit)
    return top + deferred


def shown(hit: Hit) -> Hit:
    """The hit with its score and per-run scores floored at 0."""
    if hit.score >= 0 and all(v >= 0 for v in hit.scores.values()):
        return hit
    return replace(
        hit, score=max(hit.score, 0.0), scores={k: max(v, 0.0) for k, v in hit.scores.items()}
    )
