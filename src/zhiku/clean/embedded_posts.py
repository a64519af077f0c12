"""A social-media post embedded in an article, as its fallback text reads (pure).

When the embed's script does not run, the post is left as its text and an attribution line:
"— Jane Doe (@janedoe) April 5, 2025". The attribution goes; so does the post's text right
above it when it is in another script than the page (an English post quoted in a Chinese
story), since the article tells what the post says in its own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "— Jane Doe (@janedoe) April 5, 2025"
_ATTRIBUTION_RE = re.compile(
    rf"^[—–-]{{1,2}}\s*[^()\n]{{1,60}}\(@\w{{1,30}}\)\s*"
    rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)$",
    re.IGNORECASE,
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
POST_MAX_LINES = 4


def embedded_post_lines(lines: Sequence[str]) -> list[int]:
    """Indices of each embedded post's attribution and, on a Chinese page, its Latin text.

    >>> page = ["某公司今天发布了新一代开源模型，并公布了它在多项基准测试中的成绩。",
    ...         "Our new model is out today!", "— Jane Doe (@janedoe) May 5, 2025"]
    >>> embedded_post_lines(page)
    [1, 2]
    """
    attributions = [i for i, line in enumerate(lines) if _ATTRIBUTION_RE.match(line.strip())]
    if not attributions:
        return []
    text = "".join(lines)
    chinese_page = len(_CJK_RE.findall(text)) * 2 >= len(_LATIN_RE.findall(text))
    found: list[int] = []
    for index in attributions:
        if chinese_page:
            found.extend(_latin_lines_above(lines, index))
        found.append(index)
    return found


def _latin_lines_above(lines: Sequence[str], attribution: int) -> list[int]:
    above: list[int] = []
    for index in range(attribution - 1, -1, -1):
        if not lines[index]:
            continue
        if _CJK_RE.search(lines[index]) or len(above) == POST_MAX_LINES:
            break
        above.append(index)
    return sorted(above)
