"""SEO keywords a content farm puts before an article it copied (pure).

Farms that republish other sites' articles open the page with a "title" made of two search
queries run together ("北京网站建设公司排名建设个普通的网站得多少钱"), then repeat those queries
and a few more, comma-separated, glued to the start of the article's first line ("A,B,C,D<the
article>"). The title line is the first two queries; the keyword run is every query up to the
last comma. Neither is the article's.

>>> found = seo_keywords(["示例查询一示例查询二", "", "示例查询一,示例查询二,第三个查询,文章正文开始。"])
>>> found.title_line, found.line, found.cut
(0, 2, 18)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SEPARATOR_RE = re.compile(r"[,，]")
_PUNCTUATION_RE = re.compile(r"[，,。.!?！？:：;；、]")
KEYWORDS_MIN = 3
KEYWORD_MAX_CHARS = 24
TITLE_MAX_CHARS = 60
REACH_LINES = 8  # nonblank lines after the title the keyword run may start


@dataclass(frozen=True, slots=True)
class SeoKeywords:
    title_line: int
    line: int
    cut: int  # the keyword run is line[:cut]


def seo_keywords(lines: Sequence[str]) -> SeoKeywords | None:
    """The farm's keyword title and the keyword run before the article, if the page has them."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return None
    first = nonblank[0]
    title = "".join(lines[first].split())
    if len(title) > TITLE_MAX_CHARS or _PUNCTUATION_RE.search(title):
        return None
    for index in nonblank[1 : REACH_LINES + 1]:
        cut = _keyword_run(lines[index], title)
        if cut:
            return SeoKeywords(first, index, cut)
    return None


def _keyword_run(line: str, title: str) -> int:
    """Where the keyword run ends in ``line`` (after its last comma), or 0. The queries share
    one kind of comma; the article's own sentence after them may use the other."""
    first = _SEPARATOR_RE.search(line)
    if first is None:
        return 0
    parts = line.split(first.group(0))
    if len(parts) < KEYWORDS_MIN or "".join((parts[0] + parts[1]).split()) != title:
        return 0
    cut = 0
    for part in parts[:-1]:
        if len(part.strip()) > KEYWORD_MAX_CHARS:
            break
        cut += len(part) + 1
    return cut if cut > len(parts[0]) + len(parts[1]) + 1 else 0
