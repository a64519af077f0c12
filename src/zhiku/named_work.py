"""The work a question names by its title, and whether a sentence's page is that work (pure).

"《Small Models Win》这篇文章的作者是谁?" asks about one article. Another page's author, or a
sentence of another page that never names the work, answers something else however well the
rest matches. The title is what the question puts in 《》 or 「」, next to words that make it a
page's ("这篇文章", "一文"); the sentence, the one before it
or its page's title must hold it (folded: zh-Hant to zh-Hans, lower case, half width, without
spaces).

>>> named_work("《Small Models Win》这篇文章的作者是谁?")
'smallmodelswin'
>>> work_unnamed("《Small Models Win》这篇文章的作者是谁?", "王五 wrote this article.", "", "大模型融资")
True
>>> work_unnamed("《Small Models Win》一文的作者是谁?", "王五 wrote this.", "", "Small Models Win")
False
>>> named_work("《红楼梦》和《水浒传》这两篇的作者是谁?") is None
True
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["named_work", "titled_work", "work_unnamed"]

_TITLE_RE = re.compile(r"《([^《》]{2,80})》|「([^「」]{2,80})」")
# the title is a page's: "《X》这篇文章", "那篇《X》", "《X》一文中"; a law or a book a page speaks
# of ("欧盟《人工智能法案》…") is named by pages in other words ("AI 法案"), and is no page here
_PAGE_WORDS_RE = re.compile(r"这篇|那篇|该篇|一文|文章|文中|帖子|贴文|博文|报道|网页|页面")
PAGE_WORDS_SPAN = 4


def named_work(question: str) -> str | None:
    """The one page ``question`` names by its title in 《》 or 「」, folded and without spaces;
    ``None`` when it names none, several, or a title without saying it is a page's.

    >>> named_work("欧盟《人工智能法案》的义务从哪一天起生效?") is None
    True
    """
    matches = list(_TITLE_RE.finditer(question))
    if len(matches) != 1:
        return None
    match = matches[0]
    around = question[max(0, match.start() - PAGE_WORDS_SPAN) : match.end() + PAGE_WORDS_SPAN]
    if not _PAGE_WORDS_RE.search(fold_key(around)):
        return None
    return _key(match.group(1) or match.group(2))


def work_unnamed(question: str, text: str, previous: str = "", title: str = "") -> bool:
    """``question`` names a work that neither ``text``, ``previous`` nor the page's ``title``
    holds."""
    work = named_work(question)
    return work is not None and work not in _key(f"{title} {previous} {text}")


def titled_work(question: str, title: str | None) -> bool:
    """A page titled ``title`` is the work ``question`` names: either title holds the other.

    >>> q = "《向量库选型》一文的作者是谁?"
    >>> titled_work(q, "向量库选型指南"), titled_work(q, "大模型")
    (True, False)
    """
    work, page = named_work(question), _key(title or "")
    if work is None or not page:
        return False
    return work in page or (page in work and 2 * len(page) >= len(work))


def _key(text: str) -> str:
    return "".join(fold_key(text).split())
