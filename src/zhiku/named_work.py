"""The work a question names by its title, and whether a sentence's page is that work (pure).

"《Small Models Win》这篇文章的作者是谁?" asks about one article. Another page's author, or a
sentence of another page that never names the work, answers something else however well the
rest matches. The title is what the question puts in 《》 or 「」; the sentence, the one before it
or its page's title must hold it (folded: zh-Hant to zh-Hans, lower case, half width, without
spaces).

>>> named_work("《Small Models Win》这篇文章的作者是谁?")
'smallmodelswin'
>>> work_unnamed("《Small Models Win》这篇文章的作者是谁?", "王五 wrote this article.", "", "大模型融资")
True
>>> work_unnamed("《Small Models Win》的作者是谁?", "王五 wrote this article.", "", "Small Models Win")
False
>>> named_work("《红楼梦》和《水浒传》的作者是谁?") is None
True
"""

from __future__ import annotations

import re

from zhiku.normalize import fold_key

__all__ = ["named_work", "titled_work", "work_unnamed"]

_TITLE_RE = re.compile(r"《([^《》]{2,80})》|「([^「」]{2,80})」")


def named_work(question: str) -> str | None:
    """The one title ``question`` names in 《》 or 「」, folded and without spaces; ``None`` when it
    names none or several."""
    titles = [a or b for a, b in _TITLE_RE.findall(question)]
    return _key(titles[0]) if len(titles) == 1 else None


def work_unnamed(question: str, text: str, previous: str = "", title: str = "") -> bool:
    """``question`` names a work that neither ``text``, ``previous`` nor the page's ``title``
    holds."""
    work = named_work(question)
    return work is not None and work not in _key(f"{title} {previous} {text}")


def titled_work(question: str, title: str | None) -> bool:
    """A page titled ``title`` is the work ``question`` names: either title holds the other.

    >>> titled_work("《向量库选型》的作者是谁?", "向量库选型指南"), titled_work("《向量库》是谁写的?", "大模型")
    (True, False)
    """
    work, page = named_work(question), _key(title or "")
    if work is None or not page:
        return False
    return work in page or (page in work and 2 * len(page) >= len(work))


def _key(text: str) -> str:
    return "".join(fold_key(text).split())
