"""Traditional → Simplified folding of lines, so one zh-Hans vocabulary judges both scripts.

Folding only feeds the rules; the text a user sees (and every removal recorded) stays in the
page's own script. OpenCC's ``t2s`` maps character for character, so a folded line has the
same length as the original and a span found in one is the same span in the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import opencc

_T2S = opencc.OpenCC("t2s")
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold_lines(lines: Sequence[str]) -> list[str]:
    """Each line in Simplified Chinese (lines without CJK are returned as they are)."""
    return [_T2S.convert(line) if _CJK_RE.search(line) else line for line in lines]


def same_span(original: str, folded: str, start: int, end: int) -> str:
    """``original[start:end]`` when folding kept the length, else the folded text."""
    if len(original) == len(folded):
        return original[start:end]
    return folded[start:end]
