"""Teasers and repeated paragraphs: keep each paragraph once, in its fullest form.

A teaser is a paragraph that a later paragraph starts with, usually cut short with '...' or '…'
(portals print the opening of the article above the article), also when a label opens it
("摘要：", "Summary:": an auto-summary that copies a paragraph), or when it runs over the next
paragraphs' text (a heading and the lead cut short together). A repeated paragraph (the same
text, up to trailing punctuation, spacing and Markdown emphasis marks) is kept where it first
appears, unless that copy carries raw Markdown marks and a later one is plain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PREFIX_KEY_CHARS = 15
MIN_DUPLICATE_CHARS = 10
RUN_OVER_PARAGRAPHS = 4

_SPACE_RE = re.compile(r"\s+")
_TRAILING_RE = re.compile(r"(?:\.{2,}|…+|[\s'\"‘’“”。．.,，、;；:：!?！？~～-])+$")
_MARKUP_RE = re.compile(r"\*\*|__|`")
_SUMMARY_LABEL_RE = re.compile(
    r"^(?:摘要|导读|导语|内容摘要|文章摘要|概要|概述|简介|summary|overview|tl;?dr|excerpt)\s*[:：]",
    re.IGNORECASE,
)
_CUT_RE = re.compile(r"(?:\.{2,}|…+)$")


def paragraph_key(paragraph: str) -> str:
    """The paragraph without spacing, Markdown emphasis or trailing ellipsis/punctuation.

    >>> paragraph_key("Open models are catching up, fast ...")
    'Openmodelsarecatchingup,fast'
    >>> paragraph_key("**Open models** are catching up")
    'Openmodelsarecatchingup'
    """
    return _TRAILING_RE.sub("", _SPACE_RE.sub("", _MARKUP_RE.sub("", paragraph)))


def find_repeats(paragraphs: Sequence[str]) -> dict[int, tuple[str, str]]:
    """``{index: (step, reason)}`` for teasers and for repeats of an earlier paragraph.

    Linear in the input: later paragraphs are looked up by their first characters, never
    compared pairwise.

    >>> find_repeats(["The model was trained on...", "The model was trained on ten trillion tokens."])
    {0: ('teaser', 'opening of paragraph 2 cut short')}
    """
    keys = [paragraph_key(_SUMMARY_LABEL_RE.sub("", p)) for p in paragraphs]
    starts: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if len(key) >= PREFIX_KEY_CHARS:
            starts.setdefault(key[:PREFIX_KEY_CHARS], []).append(index)
    found: dict[int, tuple[str, str]] = {}
    first_seen: dict[str, int] = {}
    for index, key in enumerate(keys):
        if len(key) < MIN_DUPLICATE_CHARS:
            continue
        if key in first_seen:
            first = first_seen[key]
            if _is_decorated(paragraphs[first]) and not _is_decorated(paragraphs[index]):
                found[first] = ("duplicate", f"labelled or marked-up copy of paragraph {index + 1}")
                first_seen[key] = index
            else:
                found[index] = ("duplicate", f"repeats paragraph {first + 1}")
            continue
        first_seen[key] = index
        fuller = _later_paragraph_starting_with(key, index, keys, starts)
        if fuller is not None:
            found[index] = ("teaser", f"opening of paragraph {fuller + 1} cut short")
        elif _CUT_RE.search(paragraphs[index]) and _runs_over_later(key, index, keys):
            found[index] = ("teaser", "opening of the following paragraphs cut short")
    return found


def _is_decorated(paragraph: str) -> bool:
    """A copy with raw Markdown marks or a summary label: the plain copy is the one to keep."""
    return (
        _MARKUP_RE.search(paragraph) is not None or _SUMMARY_LABEL_RE.match(paragraph) is not None
    )


def _runs_over_later(key: str, index: int, keys: Sequence[str]) -> bool:
    """``key`` is the start of the text of the next few paragraphs run together."""
    if len(key) < PREFIX_KEY_CHARS:
        return False
    joined = ""
    for other in range(index + 1, min(len(keys), index + 1 + RUN_OVER_PARAGRAPHS)):
        joined += keys[other]
        if len(joined) >= len(key):
            return joined.startswith(key)
        if not key.startswith(joined):
            return False
    return False


def _later_paragraph_starting_with(
    key: str, index: int, keys: Sequence[str], starts: dict[str, list[int]]
) -> int | None:
    if len(key) < PREFIX_KEY_CHARS:
        return None
    for other in starts.get(key[:PREFIX_KEY_CHARS], ()):
        if other > index and len(keys[other]) > len(key) and keys[other].startswith(key):
            return other
    return None
