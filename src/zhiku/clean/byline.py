"""Bylines in the head of a page: who wrote it, printed in the many shapes sites use.

A name beside a follow button, a name (or a name printed twice) right above an info bar, a
forum poster's name under "楼主", a field card printed label on one line and value on the next,
a line of author names under the title, a short dated line above the body, and the listing
description cut short above the byline. Each function returns the indexes of the lines it
claims; the pipeline records them as ``byline`` (their content becomes metadata) or ``teaser``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clean.dates import DATE_RE
from zhiku.clean.layout import (
    CJK_NAME_RE,
    INFO_BAR_STEPS,
    LATIN_NAME_RE,
    LIST_ITEM_RE,
    NOT_A_NAME_START,
    OWN_PUNCTUATION_RE,
    Verdict,
    Zones,
    bar_below,
    followed_by_info_bar,
    is_name_list,
    is_title_candidate,
    next_nonblank,
    previous_nonblank,
)
from zhiku.clean.lines import (
    AGE_IN_LINE_RE,
    EMPTY_FIELD_REASON,
    READING_TIME_RE,
    RELATIVE_TIME_RE,
    ends_like_sentence,
    visible_length,
    yearless_date,
)

INFO_BAR_MAX_CHARS = 60
FIELD_VALUE_MAX_CHARS = 30
NAME_FIELDS = frozenset({"作者", "姓名", "author", "authors", "name", "by", "撰文", "记者"})
SOURCE_FIELDS = frozenset({"来源", "出处", "首发于", "source", "published in"})
# a date field's value is a date: the headline under an empty "發佈日期:" is no value of it
_DATE_FIELD_RE = re.compile(r"日期|时间|date|published|updated|posted")
_NAME_SEPARATOR_RE = re.compile(r"^(?:[,，、&;；]|and|和|与)$")
AUTHOR_BOX_REASON = "author name beside a follow button (kept as metadata)"
AUTHOR_LIST_REASON = "author list under the title (kept as metadata)"
_FOLLOW_RE = re.compile(
    r"^[+＋]?\s*(?:follow|following|关注|已关注|关注他|关注她|关注作者|追踪|追蹤|订阅|subscribe)$"
)
BIO_MAX_CHARS = 40
# A blog's byline name: up to four capitalized words ("AI Career Finder", "Jane Doe").
# a Latin name: "\w" alone would take a headline opening with a Latin word ("GPT技术变革…")
_BYLINE_NAME_RE = re.compile(
    rf"^(?!.*[\u3400-\u9fff]){NOT_A_NAME_START}[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){{0,3}}$"
)
_POSTER_LABEL_RE = re.compile(r"^(?:楼主|题主|发帖人|original poster|op)[:：]?$")
_CUT_WORD_RE = re.compile(r"[^\W\d_](?:\.{3}|…)$")
DESCRIPTION_BAR_DISTANCE = 3


def author_boxes(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Head lines holding just a name, right above a follow button (Medium, Zhihu, 36Kr …)."""
    found = []
    for index in range(zones.body_start):
        line = lines[index]
        if not line or verdicts[index] is not None or visible_length(line) > 30:
            continue
        following = next_nonblank(lines, index)
        if following is None or not _FOLLOW_RE.match(lines[following].lower()):
            continue
        punctuated = OWN_PUNCTUATION_RE.search(line) is not None
        if not punctuated and not any(c.isdigit() for c in line) and len(line.split()) <= 4:
            found.append(index)
    return found


def bios_above_follow(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> list[tuple[list[int], int]]:
    """A one-line bio between an author's name and the follow button ("陈一鸣" / "工程师，关注
    可靠性" / "关注他"), as (the name's lines, the bio's line): the name is the author, the bio
    is byline furniture."""
    found: list[tuple[list[int], int]] = []
    for index in range(len(lines)):  # the card may sit just below the title, inside the body zone
        bio = next_nonblank(lines, index)
        button = next_nonblank(lines, bio) if bio is not None else None
        if (
            button is None
            or bio is None
            or not _FOLLOW_RE.match(lines[button].lower())
            or verdicts[index] is not None
            or verdicts[bio] is not None
            or not (
                CJK_NAME_RE.match(lines[index].strip()) or LATIN_NAME_RE.match(lines[index].strip())
            )
            or visible_length(lines[bio]) > BIO_MAX_CHARS
            or CJK_NAME_RE.match(lines[bio].strip())  # a name right above the button is the author
            or LATIN_NAME_RE.match(lines[bio].strip())
            or DATE_RE.search(lines[bio])
        ):
            continue
        above = previous_nonblank(lines, index)
        # The avatar's alt text may print the name once more.
        twice = above is not None and lines[above].strip() == lines[index].strip()
        found.append(([above, index] if twice and above is not None else [index], bio))
    return found


# "I am the senior editor at …", "I'm a software engineer and …": an author card's bio
_FIRST_PERSON_BIO_RE = re.compile(
    r"^I(?: am|'m|’m) (?:a|an|the) (?:[\w-]+\s){0,5}(?:editor|writer|journalist|reporter|engineer|"
    r"developer|enthusiast|researcher|scientist|founder|co-founder|student|analyst|designer|"
    r"consultant|architect|professor|lecturer|author|blogger)s?\b"
)
_AVATAR_LETTER_RE = re.compile(r"^[A-Z]$")
# the same bio in the third person, under the byline that names its subject: "Jane Doe is a
# senior reporter for Example, covering …"
_THIRD_PERSON_BIO_RE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}) is (?:a|an|the) (?:[\w-]+\s){0,5}"
    r"(?:editor|writer|journalist|reporter|correspondent|columnist|contributor|engineer|"
    r"developer|researcher|scientist|founder|co-founder|analyst|designer|consultant|architect|"
    r"professor|lecturer|author|blogger)s?\b"
)
THIRD_PERSON_BIO_MAX_CHARS = 400


def bios_below_name(lines: Sequence[str], verdicts: Sequence[Verdict]) -> list[tuple[int, int]]:
    """An author card: a name (or an avatar's letter) and, on the next line, a bio in the
    first person ("I am the senior editor at …"), as (the name's line, the bio's line).

    >>> bios_below_name(["- Ada Lovelace", "I am the senior editor at Example.com."], [None, None])
    [(0, 1)]
    """
    found: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if not line or verdicts[index] is not None or not _FIRST_PERSON_BIO_RE.match(line):
            continue
        above = previous_nonblank(lines, index)
        if above is None or verdicts[above] is not None:
            continue
        name = _BAR_ITEM_RE.sub("", lines[above].strip())
        if LATIN_NAME_RE.match(name) or _AVATAR_LETTER_RE.match(name):
            found.append((above, index))
    return found


def bios_of_bylined(lines: Sequence[str], verdicts: Sequence[Verdict]) -> list[int]:
    """An author's bio in the third person ("Jane Doe is a senior reporter for …") whose
    subject a byline of the page names: the author card, not the story.

    >>> bios_of_bylined(["By Jane Doe", "Jane Doe is a senior reporter for Example."],
    ...     [("byline", "x"), None])
    [1]
    >>> bios_of_bylined(["By Jane Doe", "Sam Lee is a senior engineer at Example."],
    ...     [("byline", "x"), None])
    []
    """
    bylines = " ".join(
        line
        for line, verdict in zip(lines, verdicts, strict=True)
        if verdict and verdict[0] == "byline"
    )
    found = []
    for index, line in enumerate(lines):
        if not line or verdicts[index] is not None or len(line) > THIRD_PERSON_BIO_MAX_CHARS:
            continue
        bio = _THIRD_PERSON_BIO_RE.match(line.strip())
        if bio is not None and bio.group("name") in bylines:
            found.append(index)
    return found


def cut_descriptions(lines: Sequence[str], verdicts: Sequence[Verdict]) -> list[int]:
    """A description cut off mid-word ("… Learn how Z...") just above an info bar: the listing
    teaser a blog prints under its title, not the article's first paragraph."""
    found = []
    for index, line in enumerate(lines):
        if not line or verdicts[index] is not None or _CUT_WORD_RE.search(line) is None:
            continue
        below: int | None = index
        for _ in range(DESCRIPTION_BAR_DISTANCE):
            below = next_nonblank(lines, below) if below is not None else None
            if below is None:
                break
            verdict = verdicts[below]
            if verdict is not None and verdict[0] in INFO_BAR_STEPS:
                found.append(index)
                break
    return found


_BAR_ITEM_RE = re.compile(r"^[-•·*▪◦]\s*")
BAR_LIST_REACH = 3  # lines between a name and a date or reading time of the same list


def bulleted_bar_names(lines: Sequence[str], zones: Zones) -> list[int]:
    """A byline printed as a list under the title ("- Ada Park" / "- Aug 7" / "- 10 min read"):
    the item that is only a full name, next to an item that is a date, an age or a reading time."""
    found = []
    for index in range(min(zones.body_start + 1, len(lines))):
        line = lines[index]
        marker = _BAR_ITEM_RE.match(line)
        if marker is None:
            continue
        name = line[marker.end() :].strip()
        if not (LATIN_NAME_RE.match(name) or CJK_NAME_RE.match(name)):
            continue
        near = lines[max(0, index - BAR_LIST_REACH) : index + BAR_LIST_REACH + 1]
        if any(_BAR_ITEM_RE.match(other) and _is_bar_time(other) for other in near):
            found.append(index)
    return found


def _is_bar_time(item: str) -> bool:
    text = _BAR_ITEM_RE.sub("", item).strip()
    return (
        DATE_RE.search(text) is not None
        or yearless_date(text) is not None
        or RELATIVE_TIME_RE.match(text.lower()) is not None
        or READING_TIME_RE.search(text.lower()) is not None
    )


def names_above_bars(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Head lines holding just a name (or a name printed twice: an avatar's alt text and the
    name) right above an info bar, below a title-like line: the author of a blog post."""
    found = []
    for index in range(zones.body_start):
        line = lines[index]
        if (
            not line
            or verdicts[index] is not None
            or not followed_by_info_bar(lines, verdicts, index)
        ):
            continue
        name = undoubled(line)
        if name != line or LATIN_NAME_RE.match(name):
            found.append(index)  # a full name, or one printed twice: the byline opens the page
        elif (_BYLINE_NAME_RE.match(name) or CJK_NAME_RE.match(name)) and any(
            is_title_candidate(lines[i], verdicts[i]) for i in range(index)
        ):
            found.append(index)
    return found


def poster_names(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """A forum poster's name on the line under the "楼主" (original poster) label."""
    found = []
    for index in range(zones.body_start):
        line = lines[index]
        above = previous_nonblank(lines, index)
        if (
            line
            and verdicts[index] is None
            and above is not None
            and _POSTER_LABEL_RE.match(lines[above].lower())
            and visible_length(line) <= 20
            and OWN_PUNCTUATION_RE.search(line) is None
        ):
            found.append(index)
    return found


def field_values(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """A card of fields printed label on one line, value on the next ("- 姓名" / "- Jane"):
    short head lines right below an empty field label."""
    found: list[int] = []
    for index in range(zones.body_start):
        line = lines[index]
        above = previous_nonblank(lines, index)
        if (
            line
            and verdicts[index] is None
            and above is not None
            and verdicts[above] == ("byline", EMPTY_FIELD_REASON)
            and visible_length(line) <= FIELD_VALUE_MAX_CHARS
            and not ends_like_sentence(line)
            and (
                not _DATE_FIELD_RE.search(field_label(lines[above]))
                or DATE_RE.search(line) is not None
                or AGE_IN_LINE_RE.search(line) is not None
            )
        ):
            found.append(index)
            if field_label(lines[above]) in NAME_FIELDS:
                found.extend(_more_names(lines, verdicts, index))
    return found


def _more_names(lines: Sequence[str], verdicts: Sequence[Verdict], first: int) -> list[int]:
    """The rest of an author list printed one name per line, with lone commas between
    ("Ada Lovelace" / "," / "Alan Turing"); it may run past the head."""
    more: list[int] = []
    following = next_nonblank(lines, first)
    while following is not None and verdicts[following] is None:
        text = lines[following].strip()
        if not (
            _NAME_SEPARATOR_RE.match(text.lower())
            or LATIN_NAME_RE.match(text)
            or CJK_NAME_RE.match(text)
        ):
            break
        more.append(following)
        following = next_nonblank(lines, following)
    return more if more and not _NAME_SEPARATOR_RE.match(lines[more[-1]].strip().lower()) else []


def field_label(line: str) -> str:
    """The label of an empty field line, lowercased and without list marks ("- 姓名" → "姓名")."""
    return LIST_ITEM_RE.sub("", line.strip()).rstrip(":：").strip().lower()


def undoubled(line: str) -> str:
    """A line that is one text printed twice, as that text once.

    >>> undoubled("Ada LovelaceAda Lovelace"), undoubled("Ada Lovelace")
    ('Ada Lovelace', 'Ada Lovelace')
    """
    text = line.strip()
    half = len(text) // 2
    if (
        len(text) >= 4
        and text[:half] == text[len(text) - half :]
        and text[half : len(text) - half].strip() == ""
    ):
        return text[:half].strip()
    return text


def head_info_bars(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Short dated lines above the body that no rule claimed: info bars without labels."""
    return [
        i
        for i in range(zones.body_start)
        if lines[i]
        and verdicts[i] is None
        and visible_length(lines[i]) <= INFO_BAR_MAX_CHARS
        and (DATE_RE.search(lines[i]) is not None or AGE_IN_LINE_RE.search(lines[i]) is not None)
        and not ends_like_sentence(lines[i])
        and not _dated_headline(lines, i)
    ]


_HEADLINE_WORD_RE = re.compile(r"[^\W\d_]{2,}|[\u3400-\u9fff]{2,}")
DATED_HEADLINE_MIN_WORDS = 3


def _dated_headline(lines: Sequence[str], index: int) -> bool:
    """A digest's headline with its issue date ("Weekly Model Briefing — 2026-04-27"), which
    the page prints again: several words besides the date, and no reading time or age."""
    line = lines[index]
    if READING_TIME_RE.search(line) or AGE_IN_LINE_RE.search(line):
        return False
    words = _HEADLINE_WORD_RE.findall(DATE_RE.sub(" ", line))
    return len(words) >= DATED_HEADLINE_MIN_WORDS and any(
        other == line for i, other in enumerate(lines) if i != index
    )


def author_list_below(lines: Sequence[str], verdicts: Sequence[Verdict], title: int) -> int | None:
    """The line of author names between the title and its info bar, if there is one."""
    names = next_nonblank(lines, title)
    if (
        names is not None
        and verdicts[names] is None
        and bar_below(lines, verdicts, title) is not None
    ):
        return names if is_name_list(lines[names]) else None
    return None
