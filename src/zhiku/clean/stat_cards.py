"""A landing page's row of figures: each a number on its own line over a short label ("8" /
"Frameworks covered", "200+" / "MCP servers available", "10万+" / "开发者") (pure).

Flattened to text, the labels read like headings and stay in the body. Two or more such pairs
in a row are a row of cards, not the article's; one pair alone is left to the other rules (a
chart's value, a step's number).

>>> stat_card_lines(["Intro text.", "8", "Frameworks covered", "3", "Protocols compared", "Body."])
[1, 2, 3, 4]
>>> stat_card_lines(["Step", "1", "Install the package"])
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.clean.lines import ends_like_sentence, visible_length

MIN_CARDS = 2
LABEL_MAX_CHARS = 32
_FIGURE_RE = re.compile(
    r"^[~≈<>]?\s*[$¥€£]?\d[\d,.]*\s*(?:[kmb]|万|亿|千|百万)?\s*[+%＋]?\s*(?:x|倍)?$", re.IGNORECASE
)


def stat_card_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of the figures and labels of every run of two or more figure cards (folded
    lines; blank lines between cards allowed)."""
    cards = _cards(lines)
    found: list[int] = []
    run: list[tuple[int, int]] = []
    for card in [*cards, None]:
        if card is not None and (not run or _adjacent(lines, run[-1][1], card[0])):
            run.append(card)
            continue
        if len(run) >= MIN_CARDS:
            found.extend(index for pair in run for index in pair)
        run = [card] if card is not None else []
    return found


def _cards(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(figure, label) line pairs: a number alone, the next line a short label."""
    cards = []
    for index, line in enumerate(lines[:-1]):
        label = lines[index + 1].strip()
        if (
            _FIGURE_RE.match(line.strip())
            and label
            and visible_length(label) <= LABEL_MAX_CHARS
            and any(ch.isalpha() for ch in label)
            and not ends_like_sentence(label)
            and not label.endswith((":", "："))
        ):
            cards.append((index, index + 1))
    return cards


def _adjacent(lines: Sequence[str], end: int, start: int) -> bool:
    """Only blank lines between a card's label (`end`) and the next card's figure (`start`)."""
    return start > end and all(not line.strip() for line in lines[end + 1 : start])
