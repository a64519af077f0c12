"""The shape of a crawled page: chrome above the article, the article, chrome below it.

The article body runs from the first to the last line that reads as prose. Above it sit the
navigation, the title and its info bar; below it, notices, contact blocks and comment boxes.
Short lines in those two zones that touch chrome are chrome too (a "联系我们" header above
contact lines, a label left over from a comment form), while short lines between prose lines
(section headings) are never touched by that rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.clean.dates import DATE_RE
from zhiku.clean.lines import ends_like_sentence, is_prose, letters, visible_length
from zhiku.clean.vocabulary import CALL_TO_ACTION_RE

Verdict = tuple[str, str] | None

INFO_BAR_STEPS = frozenset({"byline", "counter_line"})
TITLE_MIN_CHARS = 4
TITLE_MAX_CHARS = 80
RUN_MAX_CHARS = 16
INFO_BAR_MAX_CHARS = 60
_TITLE_BAD_ENDINGS = (*"。，,:：；;、…", "...")


@dataclass(frozen=True, slots=True)
class Zones:
    """``lines[:body_start]`` is the head, ``lines[body_end:]`` the tail (exclusive bounds)."""

    body_start: int
    body_end: int

    def is_head(self, index: int) -> bool:
        return index < self.body_start

    def is_tail(self, index: int) -> bool:
        return index >= self.body_end


def find_zones(lines: Sequence[str], verdicts: Sequence[Verdict]) -> Zones:
    """Where the prose starts and ends among lines no step has removed yet.

    A title that reads like a sentence ("大模型是泡沫吗？") sits right above the info bar; it
    belongs to the head, not to the body.
    """
    prose = [i for i, line in enumerate(lines) if verdicts[i] is None and is_prose(line)]
    if prose and is_title_like(lines[prose[0]]) and _followed_by_info_bar(lines, verdicts, prose[0]):
        prose = prose[1:]
    if not prose:
        return Zones(len(lines), len(lines))
    return Zones(prose[0], prose[-1] + 1)


def _followed_by_info_bar(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    following = _next_nonblank(lines, index)
    if following is None:
        return False
    verdict = verdicts[following]
    return verdict is not None and verdict[0] in INFO_BAR_STEPS


def head_info_bars(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Short dated lines above the body that no rule claimed: info bars without labels."""
    return [
        i
        for i in range(zones.body_start)
        if lines[i]
        and verdicts[i] is None
        and visible_length(lines[i]) <= INFO_BAR_MAX_CHARS
        and DATE_RE.search(lines[i]) is not None
        and not ends_like_sentence(lines[i])
    ]


def is_title_like(line: str) -> bool:
    size = visible_length(line)
    return (
        TITLE_MIN_CHARS <= size <= TITLE_MAX_CHARS
        and letters(line) >= 3
        and not line.endswith(_TITLE_BAD_ENDINGS)
        and "://" not in line
        and CALL_TO_ACTION_RE.search(line.lower()) is None
    )


def find_title(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> int | None:
    """Index of the page title in the head zone, or ``None`` when the page states none.

    The title is the line right above the info bar (author / source / date / counters); without
    an info bar, the title-like line closest to the body.
    """
    candidates = [
        i for i in range(zones.body_start) if lines[i] and verdicts[i] is None and is_title_like(lines[i])
    ]
    for index in candidates:
        if _followed_by_info_bar(lines, verdicts, index):
            return index
    return candidates[-1] if candidates else None


def _next_nonblank(lines: Sequence[str], index: int) -> int | None:
    for other in range(index + 1, len(lines)):
        if lines[other]:
            return other
    return None


def chrome_runs(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones, *, keep: int | None) -> dict[int, str]:
    """Short head/tail lines next to removed lines, as ``{index: reason}``.

    Spreads in both directions until nothing changes, never into the body and never onto
    ``keep`` (the title).
    """
    removed = [v is not None for v in verdicts]
    found: dict[int, str] = {}
    changed = True
    while changed:
        changed = False
        for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
            neighbour_removed = False
            for index in order:
                line = lines[index]
                if not line:
                    continue
                in_zone = zones.is_head(index) or zones.is_tail(index)
                if (
                    not removed[index]
                    and neighbour_removed
                    and in_zone
                    and index != keep
                    and visible_length(line) <= RUN_MAX_CHARS
                ):
                    removed[index] = True
                    found[index] = "short line next to chrome, outside the article body"
                    changed = True
                neighbour_removed = removed[index]
    return found
