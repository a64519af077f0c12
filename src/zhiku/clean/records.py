"""What cleaning returns: the article text, its metadata, and every removal with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing a cleaning step took out of a page.

    ``text`` is the whole removed line, except for ``step == "watermark"``, where it is the
    substring removed from inside a line that was otherwise kept.
    """

    step: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """The article body of one page, what the page says about itself, and what was removed.

    ``text`` holds the kept paragraphs separated by ``"\\n\\n"``; it is ``""`` when nothing of
    the page looks like an article (the caller reports "no article text found").
    ``published`` is ISO 8601 (``"2023-07-01T15:25"`` or ``"2023-07-01"``).
    ``field_lines`` maps a metadata field to the 0-based index of the page line (of
    ``text.splitlines()`` of the input) it was read from, when it was read from one.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    links: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = ()
    translator: str | None = None
    editor: str | None = None
    field_lines: dict[str, int] = field(default_factory=dict)
