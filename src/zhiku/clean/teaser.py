"""Teasers and repeated paragraphs: keep each paragraph once, in its fullest form.

A teaser is a paragraph that a later paragraph starts with, usually cut short with '...' or '…'
(portals print the opening of the article above the article). A repeated paragraph (the same
text, up to trailing punctuation and spacing) is kept where it first appears.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

PREFIX_KEY_CHARS = 15
MIN_DUPLICATE_CHARS = 10

_SPACE_RE = re.compile(r"\s+")
_TRAILING_RE = re.compile(r"(?:\.{2,}|…+|[\s'\"‘’“”。．.,，、;；:：!?！？~～-])+$")


def paragraph_key(paragraph: str) -> str:
    """The paragraph without spacing or trailing ellipsis/punctuation.

    >>> paragraph_key("Open models are catching up, fast ...")
    'Openmodelsarecatchingup,fast'
    """
    return _TRAILING_RE.sub("", _SPACE_RE.sub("", paragraph))


def find_repeats(paragraphs: Sequence[str]) -> dict[int, tuple[str, str]]:
    """``{index: (step, reason)}`` for teasers and for repeats of an earlier paragraph.

    Linear in the input: later paragraphs are looked up by their first characters, never
    compared pairwise.

    >>> find_repeats(["The model was trained on...", "The model was trained on ten trillion tokens."])
    {0: ('teaser', 'opening of paragraph 2 cut short')}
    """
    keys = [paragraph_key(p) for p in paragraphs]
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
            found[index] = ("duplicate", f"repeats paragraph {first_seen[key] + 1}")
            continue
        first_seen[key] = index
        fuller = _later_paragraph_starting_with(key, index, keys, starts)
        if fuller is not None:
            found[index] = ("teaser", f"opening of paragraph {fuller + 1} cut short")
    return found


def _later_paragraph_starting_with(
    key: str, index: int, keys: Sequence[str], starts: dict[str, list[int]]
) -> int | None:
    if len(key) < PREFIX_KEY_CHARS:
        return None
    for other in starts.get(key[:PREFIX_KEY_CHARS], ()):
        if other > index and len(keys[other]) > len(key) and keys[other].startswith(key):
            return other
    return None
