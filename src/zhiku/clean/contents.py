"""A table of contents printed above the article: its label and its entries (pure).

Blogs and site builders print the article's section headings as a linked list under a label
("Table of Contents", "目录", "On this page"), sometimes glued to the first entry ("目录|Agent
全面解析"). Flattened to text, the entries read like headings, so the first of them is taken for
the page title and the rest stay above the body as orphan lines. The block is the label and the
heading-like lines right after it: short, no sentence punctuation, not a label that introduces a
list ("Key takeaways:"), up to the first line of prose or the headline (printed twice in a row,
or also in the menu above).

Lines are judged folded (Simplified characters).

>>> table_of_contents_lines(["Table of Contents", "Why it matters", "How it works",
...     "The index is rebuilt nightly, so answers stay fresh."])
[0, 1, 2]
>>> table_of_contents_lines(["📖 目录", "1. 背景", "2. 方法", "🎬 背景", "故事"])
[0, 1, 2]
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Sequence

from zhiku.clean.layout import previous_nonblank
from zhiku.clean.lines import ends_like_sentence, visible_length

_LABEL_RE = re.compile(
    r"^(?:[^\w\s]{1,3}\s*)?(?:table of contents|contents|on this page|in this article|jump to|目录|文章目录|本文目录|"
    r"内容目录|本页目录|"
    # a newsletter's list of its stories
    r"in (?:today['’]s|this) (?:issue|edition)|today['’]s (?:issue|agenda)|本期(?:内容|目录|看点|要点)|今日看点)"
    r"\s*(?:[:：|｜]\s*(?P<entry>.*))?$",
    re.IGNORECASE,
)
ENTRY_MAX_CHARS = 80
# An entry's number and marks: "1. ", "一、", "🎬 " before the heading it links to
_ENTRY_MARKS_RE = re.compile(
    r"^(?:[^\w\s]+\s*|\d{1,2}[.、)]\s*|[一二三四五六七八九十]{1,3}[、.]\s*)+"
)
_GAP_LINES = 1
UNLABELLED_MIN_ENTRIES = 3
LABEL_MAX_CHARS = 16


def table_of_contents_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of every table of contents' label and entries (folded lines)."""
    found: list[int] = []
    for index, line in enumerate(lines):
        if not line or _LABEL_RE.match(line.strip()) is None:
            continue
        found.append(index)
        above = {line.strip() for line in lines[:index] if line}
        found.extend(_entries(lines, index + 1, above))
    found.extend(_unlabelled_contents(lines, set(found)))
    found.extend(_question_list(lines))
    return sorted(set(found))


QUESTION_LIST_MIN = 5
QUESTION_MAX_CHARS = 40


def _question_list(lines: Sequence[str]) -> list[int]:
    """Five or more short questions one under the other, no answer between them: the
    questions the sections below answer, listed as the article's contents ("什么是 RAG?" /
    "为什么需要向量库?" / …). A Q&A page answers each question before the next.

    >>> _question_list(["什么是RAG?", "为什么要切块?", "怎么选向量库?", "如何评估?", "有哪些坑?", "", "正文。"])
    [0, 1, 2, 3, 4]
    """
    found: list[int] = []
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        text = line.strip()
        if text and visible_length(text) <= QUESTION_MAX_CHARS and text.endswith(("?", "？")):
            run.append(index)
            continue
        if not text and index < len(lines):
            continue  # a list printed one entry a paragraph
        if len(run) >= QUESTION_LIST_MIN:
            found.extend(run)
        run = []
    return found


def _unlabelled_contents(lines: Sequence[str], found: set[int]) -> list[int]:
    """A run of entries, each the core of a section heading printed below it, and the short
    line that names the run ("快速阅读索引"): a table of contents without a known label."""
    cores = [_ENTRY_MARKS_RE.sub("", line.strip()) for line in lines]
    places: dict[str, list[int]] = {}
    for index, core in enumerate(cores):
        places.setdefault(core, []).append(index)
    run: list[int] = []
    contents: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line.strip() and index not in found and _heads_a_section_below(cores, places, index):
            run.append(index)
            continue
        if not line.strip() and run and index - run[-1] <= _GAP_LINES:
            continue
        if len(run) >= UNLABELLED_MIN_ENTRIES and _text_between_headings(lines, places, cores, run):
            contents.extend(run)
            label = previous_nonblank(lines, run[0])
            if label is not None and _names_a_list(lines[label]):
                contents.append(label)
        run = []
    return contents


def _heads_a_section_below(cores: Sequence[str], places: dict[str, list[int]], index: int) -> bool:
    core = cores[index]
    return (
        2 <= visible_length(core) <= ENTRY_MAX_CHARS
        and (not ends_like_sentence(core) or core.endswith(("?", "？")))
        and places[core][-1] > index
    )


def _text_between_headings(
    lines: Sequence[str], places: dict[str, list[int]], cores: Sequence[str], run: Sequence[int]
) -> bool:
    """The entries come back below in order, each heading text of its own (a list repeated
    as a block is not a table of contents)."""
    # each entry's first heading below it: `places` lists a core's lines in order
    headings = [places[cores[e]][bisect.bisect_right(places[cores[e]], e)] for e in run]
    return all(
        later > earlier and any(line.strip() for line in lines[earlier + 1 : later])
        for earlier, later in itertools.pairwise(headings)
    )


def _names_a_list(line: str) -> bool:
    return visible_length(line) <= LABEL_MAX_CHARS and not ends_like_sentence(line)


def _entries(lines: Sequence[str], start: int, above: set[str]) -> list[int]:
    """The entries after a label, up to prose, a label with a colon, or the page's headline (a
    docs page prints it after its "On this page" list, and in its menu above)."""
    entries: list[int] = []
    listed: set[str] = set()
    gap = 0
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not line:
            gap += 1
            if gap > _GAP_LINES:
                break
            continue
        gap = 0
        core = _ENTRY_MARKS_RE.sub("", line)
        entry = (
            _is_entry(line)
            or _links_a_question_heading(lines, index, core)
            or _marked_teaser(line, core)
        )
        if not entry or line in above or _printed_twice(lines, index) or core in listed:
            break  # the first section heading, linked from an entry above, starts the article
        listed.add(core)
        entries.append(index)
    return entries


def _printed_twice(lines: Sequence[str], index: int) -> bool:
    """The headline, printed twice in a row (a heading and its anchor copy), ends the contents."""
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), None)
    return following == lines[index].strip()


def _links_a_question_heading(lines: Sequence[str], index: int, core: str) -> bool:
    """An entry that is a question ("为何转型至 AI?"), the heading it links to printed below."""
    if visible_length(core) > ENTRY_MAX_CHARS or not core.endswith(("?", "？")):
        return False
    return any(other.strip() == core for other in lines[index + 1 :])


def _marked_teaser(line: str, core: str) -> bool:
    """A newsletter's story teaser under its list's label, opened by an emoji ("🎶 A new model
    just dropped!"): an entry although it ends like a sentence. A bullet ("•", "-") opens the
    article's own lists as often."""
    return (
        core != line
        and unicodedata.category(line[0]) == "So"
        and visible_length(line) <= ENTRY_MAX_CHARS
        and "。" not in core
        and not core.endswith((":", "："))
    )


def _is_entry(line: str) -> bool:
    return (
        visible_length(line) <= ENTRY_MAX_CHARS
        and not ends_like_sentence(line)
        and not line.endswith((":", "：", "?", "？", "!", "！"))
    )
