"""Blocks a site appends after the article: related links, resource cards, author boxes.

Such a block opens with a header ("相关推荐", "为您匹配…", "Related posts", "About the author")
in the back half of the page, and what follows is mostly links and short listing lines, or is
only a few lines long. The project links inside it (GitHub and the like) are worth keeping as
the page's outbound links even though the block leaves the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from zhiku.clean.lines import ends_like_sentence, has_full_stop, is_prose, visible_length, width
from zhiku.clean.vocabulary import TRAILING_HEADER_RE

HEADER_MAX_CHARS = 60
HEADER_MIN_POSITION = 0.4  # share of the page's characters before the header
LISTING_SHARE = 0.5
SHORT_BLOCK_LINES = 4
SHORT_BLOCK_SHARE = 0.3
LEAD_IN_LINES = 2
LEAD_IN_MAX_CHARS = 20

_URL_RE = re.compile(r"https?://[^\s<>\"'，。、；）)\]】]+")
_PROJECT_RE = re.compile(
    r"https?://(?:www\.)?(?P<host>github\.com|gitlab\.com|gitee\.com|codeberg\.org)"
    r"/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+)"
    r"|https?://(?:www\.)?huggingface\.co/(?P<kind>(?:datasets/|spaces/)?)"
    r"(?P<hf_owner>[\w.-]+)/(?P<hf_repo>[\w.-]+)",
    re.IGNORECASE,
)
_NOT_OWNERS = frozenset({"about", "features", "pricing", "login", "join", "topics", "explore"})


def is_listing_line(line: str) -> bool:
    """A link, or a short line that does not end like a sentence (a title, a number, a tag)."""
    size = visible_length(line)
    return (
        bool(_URL_RE.search(line))
        or size <= LEAD_IN_MAX_CHARS
        or (size <= 80 and not ends_like_sentence(line))
    )


def find_trailing_block(lines: Sequence[str], alive: Sequence[bool]) -> int | None:
    """Index of the first line of an appended block, or ``None``.

    ``alive`` marks lines no earlier step removed; only those make up the block and count
    toward the page's size. The header itself may already be removed ("延伸阅读：" is also a
    related-link line, "Written by X" also a byline): it still opens the block.
    """
    live = [i for i, line in enumerate(lines) if alive[i] and line]
    total = sum(visible_length(lines[i]) for i in live) or 1
    before = 0
    position = 0  # live lines before the current line
    for index, line in enumerate(lines):
        if not line:
            continue
        if (
            before >= HEADER_MIN_POSITION * total
            and visible_length(line) <= HEADER_MAX_CHARS
            and TRAILING_HEADER_RE.search(_URL_RE.sub(" ", line.lower()))
        ):
            after = position + 1 if alive[index] else position
            block = [lines[i] for i in live[after:]]
            ahead = [lines[i] for i in live[:position]]
            if _prose_width(block) > _prose_width(ahead):
                continue  # the article is below the header: a cut-off page put it mid-way
            if _is_appended_block(
                block,
                total,
                inline_item=_carries_item(line),
                inline_link=_INLINE_LINK_HEADER_RE.search(line) is not None,
            ):
                return (
                    _with_lead_in(lines, live, position)
                    if alive[index]
                    else (live[position] if position < len(live) else None)
                )
        if alive[index]:
            before += visible_length(line)
            position += 1
    return None


READING_LABEL_MAX_CHARS = 16  # "related reading"; "延伸阅读" is 8
LINKED_HEADLINE_MAX_CHARS = 60
LINKED_HEADLINES_MAX = 3
_STOPS = ("。", ".", "!", "！", ";", "；")


def inline_reading_links(lines: Sequence[str], alive: Sequence[bool]) -> list[int]:
    """A reading label alone on its line in the middle of a story, and the one to three
    headlines it links ("延伸閱讀：" or "Read also" / other stories' headlines / the story goes on,
    perhaps under a section heading first). The headlines are listed line under line and may
    be questions. The story must go on below, so a label over the article's own list is left
    alone.

    >>> inline_reading_links(["延伸阅读：", "某公司发布新芯片", "记者获悉，该模型在三项测试中均排名第一，"
    ...     "研究团队表示下月将公开权重。"], [False, True, True])
    [1]
    >>> inline_reading_links(["Read also", "", "Why small models win?", "How we cut latency", "",
    ...     "What the team does next", "", "The team spent the spring rebuilding its evaluation "
    ...     "harness from scratch."], [True] * 8)
    [0, 2, 3]
    """
    live = [i for i, line in enumerate(lines) if line and alive[i]]
    found: list[int] = []
    for index, line in enumerate(lines):
        label = line.strip().rstrip(":：")
        if not label or visible_length(label) > READING_LABEL_MAX_CHARS:
            continue
        if not _INLINE_LINK_HEADER_RE.fullmatch(label.lower()):
            continue
        after = [i for i in live if i > index][: LINKED_HEADLINES_MAX + 2]
        headlines: list[int] = []
        for i in after[:LINKED_HEADLINES_MAX]:
            if visible_length(lines[i]) > LINKED_HEADLINE_MAX_CHARS or lines[i].endswith(_STOPS):
                break
            if headlines and i != headlines[-1] + 1:
                break  # the links are listed line under line; a blank line ends the box
            headlines.append(i)
        rest = after[len(headlines) :]
        goes_on = bool(rest) and (
            _is_paragraph(lines[rest[0]]) or (len(rest) > 1 and _is_paragraph(lines[rest[1]]))
        )
        if headlines and goes_on:
            found.extend(([index] if alive[index] else []) + headlines)
    return found


LISTED_MIN_ENTRIES = 2
_STAMP_STEPS = ("counter_line", "byline")


def listed_articles(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """Headlines of other articles under a related header anywhere on the page, each with its
    reading time or date on the line below ("Related Articles" / a headline / "14 min read" /
    …): two or more such entries in a row. The block needs no position: the stamps say what
    it is.

    >>> listed_articles(["Related Articles", "A post", "5 min read", "Another post", "3 min read",
    ...                  "The article goes on."], [None, None, "counter_line", None, "counter_line", None])
    [1, 3]
    """
    found: list[int] = []
    for index, line in enumerate(lines):
        if not (
            line
            and visible_length(line) <= HEADER_MAX_CHARS
            and TRAILING_HEADER_RE.search(line.lower())
        ):
            continue
        entries = _stamped_entries(lines, steps, index + 1)
        if len(entries) < LISTED_MIN_ENTRIES and _STORIES_HEADER_RE.match(line.lower().strip()):
            entries = _bulleted_headlines(lines, steps, index + 1)
        if len(entries) >= LISTED_MIN_ENTRIES:
            found.extend(entries)
    return found


# a header that names other stories and nothing else ("Recommended Stories", "相关阅读:"); not
# "Recommended tools", whose list is the article's
_STORIES_HEADER_RE = re.compile(
    r"^(?:recommended|related|more|popular|trending|top|latest|further)\s+"
    r"(?:stories|articles|posts|reading|news|coverage)\s*:?$"
    r"|^(?:相关|推荐|延伸|热门|更多|相關|推薦|熱門)(?:阅读|文章|新闻|报道|报导|閱讀|新聞|報導|報道)\s*[:：]?$"
)
_BULLET_RE = re.compile(r"^\s*[-•*·]\s+\S")
ENTRY_MAX_CHARS = 140


def _bulleted_headlines(lines: Sequence[str], steps: Sequence[str | None], start: int) -> list[int]:
    """Headlines listed as bullets right under the header, none ending as a sentence ends
    ("Recommended Stories" / "- A county became a data center hub" / "- …"); the header's
    own list, where the article's own list items read as sentences or follow its text."""
    entries: list[int] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            if entries:
                break
            continue
        if (
            steps[index] is not None
            or not _BULLET_RE.match(line)
            or visible_length(line) > ENTRY_MAX_CHARS
            or line.rstrip().endswith((".", "。", "!", "！", "?", "？", ":", "："))
        ):
            break
        entries.append(index)
    return entries


def _stamped_entries(lines: Sequence[str], steps: Sequence[str | None], start: int) -> list[int]:
    entries: list[int] = []
    live = [i for i in range(start, len(lines)) if lines[i]]
    for title, stamp in zip(live[::2], live[1::2], strict=False):
        if steps[title] is not None or is_prose(lines[title]) or steps[stamp] not in _STAMP_STEPS:
            break
        entries.append(title)
    return entries


def _prose_width(lines: Sequence[str]) -> int:
    return sum(visible_length(line) for line in lines if is_prose(line) and has_full_stop(line))


def _carries_item(header: str) -> bool:
    """ "延伸閱讀：某篇文章的标题": the header names its one link itself."""
    found = TRAILING_HEADER_RE.search(header.lower())
    rest = header[found.end() :].lstrip() if found else ""
    return rest[:1] in (":", "：", "|", "｜") and visible_length(rest[1:].strip()) >= 6


def _is_appended_block(
    block: Sequence[str], total: int, *, inline_item: bool = False, inline_link: bool = False
) -> bool:
    """Lines after a header are appended when they are a listing, or few and short; after a
    header that carries its own link, the article may go on: only a listing is appended. A
    paragraph right under the one link of a Chinese news page's reading label ("延伸閱讀：" /
    a headline / the story goes on) is the article's again."""
    if not block:
        return True
    # a long line of prose goes on the article, though the crawl cut its last sentence short
    if inline_item and any(
        (is_prose(line) and has_full_stop(line)) or _long_prose(line) for line in block
    ):
        return False
    if inline_link and any(_is_paragraph(line) or _long_prose(line) for line in block[:2]):
        return False
    listing = sum(is_listing_line(line) for line in block)
    if listing >= LISTING_SHARE * len(block):
        return True
    if inline_item:
        return False
    size = sum(visible_length(line) for line in block)
    return len(block) <= SHORT_BLOCK_LINES and size <= SHORT_BLOCK_SHARE * total


_INLINE_LINK_HEADER_RE = re.compile(
    r"(?:延伸|相关|推荐|扩展|拓展)阅读|更多新闻|read also|also read|related reading|see also|read next"
)
PARAGRAPH_MIN_WIDTH = 60


def _is_paragraph(line: str) -> bool:
    return width(line) >= PARAGRAPH_MIN_WIDTH and is_prose(line) and has_full_stop(line)


def _long_prose(line: str) -> bool:
    return width(line) >= PARAGRAPH_MIN_WIDTH and is_prose(line)


def _with_lead_in(lines: Sequence[str], live: Sequence[int], position: int) -> int:
    # A short label right above the header ("Resources", a site's block name) belongs to it.
    start = position
    while position - start < LEAD_IN_LINES and start > 0:
        previous = lines[live[start - 1]]
        if visible_length(previous) > LEAD_IN_MAX_CHARS or ends_like_sentence(previous):
            break
        start -= 1
    return live[start]


def project_links(texts: Iterable[str]) -> tuple[str, ...]:
    """Normalized ``https://host/owner/repo`` links to code and model projects, in order, once.

    >>> project_links(["地址:https://github.com/org/tool/tree/main", "https://github.com/org/tool"])
    ('https://github.com/org/tool',)
    """
    found: dict[str, None] = {}
    for text in texts:
        for match in _PROJECT_RE.finditer(text):
            if match.group("host"):
                owner, repo = match.group("owner"), match.group("repo")
                base = f"https://{match.group('host').lower()}/{owner}/"
            else:
                owner, repo = match.group("hf_owner"), match.group("hf_repo")
                base = f"https://huggingface.co/{match.group('kind')}{owner}/"
            repo = repo.removesuffix(".git").rstrip(".")
            if owner.lower() in _NOT_OWNERS or not repo:
                continue
            found.setdefault(base + repo, None)
    return tuple(found)
