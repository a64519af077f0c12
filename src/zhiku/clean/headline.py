"""The title to show for a page that states none: its first heading, else its first sentence.

A page without a title of its own still needs a name in lists, search results and citations,
and its file name (``000_9211287c11f943bf``) tells a reader nothing. The first short heading
among the opening paragraphs names the page best; failing that, its first sentence (cut at a
clause boundary) does. ``CleanText.title`` stays ``None``: this is a label, not a fact the
page states.
"""

from __future__ import annotations

import re

from zhiku.clean.layout import LIST_ITEM_RE, is_title_like
from zhiku.clean.lines import ends_like_sentence

HEADING_WITHIN_PARAGRAPHS = 4
DISPLAY_MAX_CHARS = 80
_SENTENCE_END_RE = re.compile(r"[。！？!?]|[.](?=\s|$)")
_CLAUSE_RE = re.compile(r"[，,；;：:、]")


def headline_of(text: str) -> str | None:
    """A display title for clean article ``text`` that states no title.

    >>> headline_of("我去年转行做了AI工程师，这是第一年的记录。\\n\\n一年的转行记录\\n\\n正文……")
    '一年的转行记录'
    >>> headline_of("Open models caught up this year. Here is how.")
    'Open models caught up this year.'
    """
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    for paragraph in paragraphs[:HEADING_WITHIN_PARAGRAPHS]:
        if (
            is_title_like(paragraph)
            and not ends_like_sentence(paragraph)
            and not LIST_ITEM_RE.match(paragraph)
        ):
            return paragraph
    if not paragraphs:
        return None
    first = paragraphs[0]
    end = _SENTENCE_END_RE.search(first)
    sentence = first[: end.end()] if end else first
    if len(sentence) <= DISPLAY_MAX_CHARS:
        return sentence
    cut = sentence[:DISPLAY_MAX_CHARS]
    clause = max((m.start() for m in _CLAUSE_RE.finditer(cut)), default=0)
    return (cut[:clause] if clause >= DISPLAY_MAX_CHARS // 3 else cut).rstrip() + "…"
