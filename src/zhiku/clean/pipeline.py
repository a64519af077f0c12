"""Plain-text cleaning: the named steps run in order over the lines of one crawled page.

1. ``watermark``        tokens injected after many lines are cut out of those lines
2. line rules           ``editor_help``, ``keyword_cloud``, ``breadcrumb``, ``pager``,
                        ``counter_line``, ``ui_line``, ``disclaimer``, ``contact``,
                        ``call_to_action``, ``byline``; ``ai_summary``, a summary or label
                        the site's AI wrote, with its bullets; ``contents``, a table of
                        contents (its label and heading-like entries); ``quiz``, a
                        self-test widget (its label, questions and choices);
                        ``embedded_post``, a social-media post's fallback text
3. ``recommendation``   a related-links / resources / author-box block appended after the article
4. ``site_boilerplate`` lines this site repeats on other pages (``site_chrome`` from the store)
5. ``navigation``, ``title``  lines above the title; the title itself moves to metadata
6. ``tail_sweep``, ``chrome_run``  the footer below the first chrome line after the body;
                        short lines next to chrome, above or below the article body
7. ``no_article``       when no prose is left, nothing is an article
8. ``teaser``, ``duplicate``  openings cut short with '...' and repeated paragraphs

Every step records what it removed and why. Pure: no I/O, no clock, no shared state; linear in
the size of the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from zhiku.clean.ai_summary import AI_SUMMARY_REASON, ai_summary_lines
from zhiku.clean.boilerplate import (
    line_fingerprint,
    site_watermarks,
    watermark_fingerprint,
)
from zhiku.clean.byline import (
    AUTHOR_BOX_REASON,
    AUTHOR_LIST_REASON,
    NAME_FIELDS,
    SOURCE_FIELDS,
    author_boxes,
    author_list_below,
    bios_above_follow,
    bios_below_name,
    bios_of_bylined,
    bulleted_bar_names,
    cut_descriptions,
    field_label,
    field_values,
    head_info_bars,
    names_above_bars,
    poster_names,
    undoubled,
)
from zhiku.clean.contents import table_of_contents_lines
from zhiku.clean.dates import CRAWL_STAMP_RE, find_date
from zhiku.clean.embedded_posts import embedded_post_lines
from zhiku.clean.feeds import read_feed
from zhiku.clean.figures import (
    alt_and_caption_lines,
    captions_above_credits,
    keyword_alt_lines,
)
from zhiku.clean.flattened import diagram_source_lines, template_fields, unflattened
from zhiku.clean.folding import fold_lines
from zhiku.clean.inline import find_jammers, strip_inline_junk, strip_jammers
from zhiku.clean.layout import (
    INFO_BAR_STEPS,
    TITLE_AGAIN_REASON,
    Verdict,
    Zones,
    chrome_runs,
    find_title,
    find_zones,
    front_matter_rows,
    heads_a_card,
    logo_site_name,
    next_nonblank,
    off_topic_labels,
    repeated_lines,
    tag_rows,
    tail_sweep,
    title_text,
)
from zhiku.clean.lines import (
    CONSENT_REASON,
    EMPTY_FIELD_REASON,
    box_between_twin_calls,
    classify_line,
    consent_neighbours,
    field_name_runs,
    has_full_stop,
    introduced_lines,
    is_article_structure,
    is_latin_code,
    is_prose,
    is_running_text,
    numbered_breadcrumb,
    pitch_between_calls,
    question_headline,
    reads_as_notes,
    sponsor_blocks,
    stamped_bio,
    table_cell_lines,
    ticker_runs,
    visible_length,
    width,
)
from zhiku.clean.message_header import HEADER_REASON, header_rows
from zhiku.clean.metadata import (
    GluedDateline,
    find_dateline_outlet,
    find_dateline_reporter,
    find_glued_dateline,
    opening_credit,
    read_facts,
)
from zhiku.clean.quiz import quiz_lines
from zhiku.clean.recommendation import (
    find_trailing_block,
    inline_reading_links,
    listed_articles,
    project_links,
)
from zhiku.clean.records import CleanText, Removal
from zhiku.clean.seo_keywords import seo_keywords
from zhiku.clean.stat_cards import stat_card_lines
from zhiku.clean.teaser import find_repeats
from zhiku.clean.title_parts import title_parts
from zhiku.clean.vocabulary import COPYRIGHT_RE
from zhiku.clean.watermark import (
    count_line_end_tokens,
    find_watermarks,
    is_token_shape,
    strip_watermark,
)

META_LINE_CHARS = 60
_LIST_MARK_RE = re.compile(r"^[-•·*]\s*")
_DIGIT_RE = re.compile(r"\d")
_STRIP = " \t\r\f\v\u3000\xa0\u200b\u200c\u200d\ufeff"
_META_STEPS = INFO_BAR_STEPS | {"disclaimer", "contact", "recommendation", "site_boilerplate"}
FIELD_AUTHOR_REASON = "name in a field card (kept as metadata)"
FIELD_SOURCE_REASON = "outlet in a field card (kept as metadata)"
_NAMED_AUTHOR_REASONS = frozenset({AUTHOR_BOX_REASON, AUTHOR_LIST_REASON, FIELD_AUTHOR_REASON})


@dataclass(frozen=True, slots=True)
class Page:
    """A page's lines after watermark removal, with each line's verdict and the body zones."""

    lines: tuple[str, ...]
    folded: tuple[str, ...]
    verdicts: tuple[Verdict, ...]
    zones: Zones
    watermarks: tuple[Removal, ...]
    unpunctuated_prose: bool = False  # a plain-text input: see `clean_page_lines`
    stamp: tuple[int, str | None] | None = None  # the line and date of a crawler's stamp cut off it


def split_lines(text: str) -> list[str]:
    """The page's lines, stripped of surrounding (incl. full-width and zero-width) spaces."""
    return [line.strip(_STRIP) for line in text.splitlines()]


def read_page(
    text: str, *, site_chrome: frozenset[str] = frozenset(), unpunctuated_prose: bool = False
) -> Page:
    """Steps 1–4: watermarks, line rules, appended blocks, site boilerplate."""
    lines, inline = _remove_inline_junk(unflattened(split_lines(text)))
    keywords = seo_keywords(lines)
    if keywords is not None:
        run = lines[keywords.line][: keywords.cut]
        lines[keywords.line] = lines[keywords.line][keywords.cut :]
        inline += (Removal("keyword_cloud", run, "SEO keywords run into the article's first line"),)
    stamp = _cut_crawl_stamp(lines)
    if stamp is not None:
        inline += (Removal("byline", stamp[2], "the crawler's date stamp run into the first line"),)
    lines, watermarks = _remove_watermarks(lines, site_chrome)
    watermarks = inline + watermarks
    folded = fold_lines(lines)
    verdicts: list[Verdict] = [classify_line(line) if line else None for line in folded]
    if keywords is not None:
        verdicts[keywords.title_line] = ("keyword_cloud", "SEO title: the keywords run together")
    for index in introduced_lines(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = None
    for index in table_cell_lines(folded):
        if (verdict := verdicts[index]) is not None and verdict[0] == "watermark":
            verdicts[index] = None  # "16 / 8 |": a table's cell, its marks no filler
    for index in alt_and_caption_lines(folded):
        verdicts[index] = ("image", "a picture's alt text and its caption, the same words twice")
    for index in keyword_alt_lines(lines):
        verdicts[index] = verdicts[index] or ("image", "a picture's alt text left as a line")
    for index in captions_above_credits(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = ("image", "caption above its photo credit")
    for index in consent_neighbours(folded, [v[1] if v else None for v in verdicts]):
        verdicts[index] = ("call_to_action", CONSENT_REASON)
    for index in pitch_between_calls(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = ("call_to_action", "a pitch between two calls to action")
    for index in box_between_twin_calls(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = ("call_to_action", "a promotion framed by the same call to action")
    for index in sponsor_blocks(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = ("call_to_action", "a sponsor's advert")
    for index in field_name_runs(folded):
        verdicts[index] = ("byline", EMPTY_FIELD_REASON)
    for index in ticker_runs(folded):
        verdicts[index] = ("ticker", "market price ticker row")
    for index in numbered_breadcrumb(folded):
        verdicts[index] = ("breadcrumb", "breadcrumb printed as a numbered list")
    for index in ai_summary_lines(folded):
        verdicts[index] = ("ai_summary", AI_SUMMARY_REASON)
    for index in table_of_contents_lines(folded):
        verdicts[index] = ("contents", "table of contents above the article")
    for index in quiz_lines(folded):
        verdicts[index] = ("quiz", "a self-test widget: its label, questions and choices")
    for index in embedded_post_lines(folded):
        verdicts[index] = ("embedded_post", "a social-media post embedded in the article")
    for index, field in template_fields(folded).items():
        if field != "title":
            verdicts[index] = ("markup", f"a page template's field ({field})")
    for index in diagram_source_lines(folded):
        verdicts[index] = ("markup", "a diagram's source (Mermaid), not its picture")
    for index in stat_card_lines(folded):
        verdicts[index] = ("ui_line", "a row of figure cards")
    for index in listed_articles(folded, [v[0] if v else None for v in verdicts]):
        verdicts[index] = ("recommendation", "another article's headline under a related header")
    for index in inline_reading_links(folded, [v is None for v in verdicts]):
        verdicts[index] = ("recommendation", "another story's headline under a reading label")
    start = find_trailing_block(folded, [v is None for v in verdicts])
    if start is not None:
        for index in range(start, len(lines)):
            if lines[index] and verdicts[index] is None:
                verdicts[index] = ("recommendation", "block appended after the article")
    for index in cut_descriptions(lines, verdicts):
        verdicts[index] = ("teaser", "description cut short above the byline")
    zones = find_zones(lines, verdicts, unpunctuated_prose=unpunctuated_prose)
    if site_chrome:
        own_title: str | None = None  # read only for a line with a number the site repeats
        for index, line in enumerate(lines):
            eligible = verdicts[index] is None and line and _is_eligible(line, None, zones, index)
            if not eligible or _in_article(line, zones, index):
                continue
            if line_fingerprint(line) not in site_chrome:
                continue
            if _DIGIT_RE.search(line):
                if own_title is None:
                    own_title = _numbered_title(text, unpunctuated_prose)
                if own_title and own_title in "".join(line.split()):
                    continue
            verdicts[index] = ("site_boilerplate", "repeated on other pages of this site")
        zones = find_zones(lines, verdicts, unpunctuated_prose=unpunctuated_prose)
    return Page(
        tuple(lines),
        tuple(folded),
        tuple(verdicts),
        zones,
        watermarks,
        unpunctuated_prose,
        stamp[:2] if stamp is not None else None,
    )


# "作者头像" / "Author avatar": a portrait's alt text, the author's name on the next line
_AVATAR_LABEL_RE = re.compile(r"^(?:作者|author'?s?\s*)?(?:头像|頭像|avatar)$", re.IGNORECASE)
_HANDLE_MAX_WIDTH = 24


def _named_by_avatar(lines: Sequence[str]) -> str | None:
    """The name printed under the author's avatar.

    >>> _named_by_avatar(["标题", "作者头像", "认真的小码农", "发布2026-01-20"])
    '认真的小码农'
    """
    for index, line in enumerate(lines):
        if not _AVATAR_LABEL_RE.match(line.strip()):
            continue
        following = next_nonblank(lines, index)
        if following is not None and width(lines[following]) <= _HANDLE_MAX_WIDTH:
            name = lines[following].strip()
            return name if not has_full_stop(name) else None
    return None


_MY_PAGE_RE = re.compile(r"^(?:我的|my\s)\S{1,8}$", re.IGNORECASE)


def _cut_crawl_stamp(lines: list[str]) -> tuple[int, str | None, str] | None:
    """Cut a crawler's date stamp ("date 2026-01-22 ") off the page's first line when the
    article's first sentence follows it on that line; its line, its date (``None`` for a month
    alone: "date 2023-09") and the stamp.

    >>> lines = ["", "date 2026-01-22 新模型今天发布，团队说效果很好，下个月开放给所有用户。"]
    >>> _cut_crawl_stamp(lines), lines[1]
    ((1, '2026-01-22', 'date 2026-01-22'), '新模型今天发布，团队说效果很好，下个月开放给所有用户。')
    >>> _cut_crawl_stamp(["date 2026-01-22 快讯"]) is None
    True
    """
    index = next((i for i, line in enumerate(lines) if line), None)
    if index is None or (stamp := CRAWL_STAMP_RE.match(lines[index])) is None:
        return None
    rest = lines[index][stamp.end() :]
    date = find_date(stamp.group())
    if not (is_prose(rest) or question_headline(rest)) or stamped_bio(lines[index]) is not None:
        return None  # a bio beside the stamp goes whole (`stamped_bio`)
    cut = lines[index][: stamp.end()].strip()
    lines[index] = rest
    return index, date, cut


def _remove_inline_junk(lines: list[str]) -> tuple[list[str], tuple[Removal, ...]]:
    removals: list[Removal] = []
    out: list[str] = []
    jammers = find_jammers(lines)
    for line in lines:
        kept, pieces = strip_inline_junk(line)
        removals.extend(
            Removal(
                "inline_markup", piece, "markup, a jump link, filler or a sign-off inside a line"
            )
            for piece in pieces
        )
        if jammers:
            kept, pieces = strip_jammers(kept, jammers)
            removals.extend(
                Removal("inline_markup", piece, "anti-scraping string inside a line")
                for piece in pieces
            )
        out.append(kept)
    return out, tuple(removals)


WATERMARK_ROUNDS = 3


def _remove_watermarks(
    lines: list[str], site_chrome: frozenset[str]
) -> tuple[list[str], tuple[Removal, ...]]:
    """Watermarks cut until none is left: a mark of two parts ("登录 | 注册") shows its first
    part at the line ends only once its last is cut, and a second cleaning must not find it."""
    removals: list[Removal] = []
    for _ in range(WATERMARK_ROUNDS):
        lines, found = _remove_watermarks_once(lines, site_chrome)
        if not found:
            break
        removals.extend(found)
    return lines, tuple(removals)


def _remove_watermarks_once(
    lines: list[str], site_chrome: frozenset[str]
) -> tuple[list[str], tuple[Removal, ...]]:
    # code and commands repeat their arguments at line ends ("ollama run qwen2.5:7b"): no mark
    cells = table_cell_lines(lines)
    code = [is_latin_code(line) or i in cells for i, line in enumerate(lines)]
    prose = [line if not is_code else "" for line, is_code in zip(lines, code, strict=True)]
    tokens = find_watermarks(prose, site_tokens=site_watermarks(site_chrome))
    if not tokens:
        return lines, ()
    removals: list[Removal] = []
    out: list[str] = []
    for line, is_code in zip(lines, code, strict=True):
        for token in () if is_code else tokens:
            if token in line:
                stripped = strip_watermark(line, token)
                if stripped != line:
                    removals.append(Removal("watermark", token, "token injected after many lines"))
                    line = stripped
        out.append(line)
    return out, tuple(removals)


def _first_kept(lines: Sequence[str], verdicts: Sequence[Verdict]) -> int | None:
    return next((i for i, line in enumerate(lines) if line and verdicts[i] is None), None)


def _dateline_outlet(
    lines: Sequence[str], folded: Sequence[str], verdicts: Sequence[Verdict]
) -> str | None:
    """The outlet named by the news dateline that opens the article's first kept line."""
    first = _first_kept(lines, verdicts)
    return None if first is None else find_dateline_outlet(folded[first], lines[first])


def _cut_opening_credit(
    kept: list[str], folded: Sequence[str], verdicts: Sequence[Verdict]
) -> str | None:
    """Cut the news credit off the article's first kept line when prose follows it; the cut."""
    first = _first_kept(kept, verdicts)
    if first is None or len(folded[first]) != len(kept[first]):
        return None
    length = opening_credit(folded[first])
    if not length or not is_prose(kept[first][length:]):
        return None
    credit = kept[first][:length].strip()
    kept[first] = kept[first][length:]
    return credit


def _dateline_reporter(
    lines: Sequence[str], folded: Sequence[str], verdicts: Sequence[Verdict]
) -> str | None:
    """The reporter named by the news dateline that opens the article's first kept line."""
    first = _first_kept(lines, verdicts)
    return None if first is None else find_dateline_reporter(folded[first], lines[first])


@dataclass(frozen=True, slots=True)
class _Title:
    line: int
    text: str
    outlet: str | None = None
    author: str | None = None  # who signed the title ("Headline - 高某某")


def _page_title(page: Page, verdicts: Sequence[Verdict], title_index: int | None) -> _Title | None:
    """The title: the title line (without the site's name), else a headline run into a wire
    dateline (with the outlet it names), else the headline as a breadcrumb's last item."""
    lines = page.lines
    if title_index is not None:
        parts = title_parts(title_text(lines[title_index]), lines)
        return _Title(title_index, parts.headline, author=parts.author)
    glued = _glued_dateline(lines, page.folded, verdicts, page.zones)
    if glued is not None:
        return _Title(glued[0], glued[1].headline, glued[1].outlet)
    leaf = _breadcrumb_leaf(lines, verdicts, page.zones)
    if leaf is not None:
        return _Title(*leaf)
    lead = _bracketed_lead(lines, verdicts)
    return _Title(*lead) if lead is not None else None


# A social post's headline in brackets before its text: "【某某公司发布新模型】据报道，…"
_BRACKETED_LEAD_RE = re.compile(r"^【(?P<headline>[^【】]{6,60})】\s*\S")


def _bracketed_lead(lines: Sequence[str], verdicts: Sequence[Verdict]) -> tuple[int, str] | None:
    """A page without a title line whose first kept line opens with its headline in 【】."""
    first = next((i for i, line in enumerate(lines) if line and verdicts[i] is None), None)
    if first is None:
        return None
    match = _BRACKETED_LEAD_RE.match(lines[first].strip())
    return (first, match.group("headline").strip()) if match is not None else None


LEAF_MIN_CHARS = 8
_CRUMB_LABEL_RE = re.compile(r"^[^:：>›»]{1,6}[:：]\s*")  # "您的位置:", "You are here:"


def _breadcrumb_leaf(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> tuple[int, str] | None:
    """A page that prints its headline only as the last item of its breadcrumb ("您的位置:首页
    > 科技 > 某某系统的设计模式"): that item, when it is much longer than the sections above it."""
    for index in range(zones.body_start):
        verdict = verdicts[index]
        if verdict is None or verdict[0] != "breadcrumb":
            continue
        crumbs = _BREADCRUMB_SPLIT_RE.split(_CRUMB_LABEL_RE.sub("", lines[index].strip()))
        *sections, last = [p for p in crumbs if p] or [""]
        if (
            sections
            and visible_length(last) >= LEAF_MIN_CHARS
            and all(visible_length(s) <= visible_length(last) // 2 for s in sections)
        ):
            return index, last
    return None


def _glued_dateline(
    lines: Sequence[str], folded: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> tuple[int, GluedDateline] | None:
    """The head's info bar that carries the headline, the wire dateline run into it."""
    for index in range(zones.body_start):
        verdict = verdicts[index]
        if verdict is not None and verdict[0] in INFO_BAR_STEPS:
            glued = find_glued_dateline(folded[index], lines[index])
            if glued is not None:
                return index, glued
    return None


def _in_article(line: str, zones: Zones, index: int) -> bool:
    """A line between the article's first and last prose that is code, a command or a table
    row: never site chrome (`is_article_structure`)."""
    return not zones.is_head(index) and not zones.is_tail(index) and is_article_structure(line)


def _numbered_title(text: str, unpunctuated_prose: bool) -> str:
    """The title the page gets cleaned alone, spaces removed, when it carries a number: one of
    a series ("Field note 12", "第3讲：…", a dated daily note) reads as its siblings' once
    numbers are ignored, as site chrome reads lines, yet names this page. "" otherwise.

    >>> _numbered_title("Week 12 notes\\n\\nWe shipped the new index. It is fast.", True)
    'Week12notes'
    """
    page = read_page(text, unpunctuated_prose=unpunctuated_prose)
    title = clean_page_lines(page).title or ""
    return "".join(title.split()) if _DIGIT_RE.search(title) else ""


def _is_eligible(line: str, verdict: Verdict, zones: Zones, index: int) -> bool:
    return verdict is not None or not is_prose(line) or zones.is_head(index) or zones.is_tail(index)


def chrome_fingerprints(text: str) -> frozenset[str]:
    """Fingerprints of the lines of a raw page that could be site chrome (see ``boilerplate``).

    The contract with the store: count each fingerprint once per document, per site; pass the
    fingerprints seen on at least N *other* documents of the same site back as ``site_chrome``
    (N = 3 recommended, 2 for small sites). Lines whose fingerprint is in ``site_chrome`` are
    removed as ``site_boilerplate``; watermark tokens in it are cut out of lines. Body prose is
    never fingerprinted, so shared paragraphs of reposts cannot become chrome.
    """
    page = read_page(text)
    prints = {
        line_fingerprint(line)
        for index, (line, verdict) in enumerate(zip(page.lines, page.verdicts, strict=False))
        if line and _is_eligible(line, verdict, page.zones, index)
    }
    counts = count_line_end_tokens(split_lines(text))
    prints.update(
        watermark_fingerprint(token)
        for token, hosts in (counts.hosted + counts.leading).items()
        if hosts >= 2 and is_token_shape(token)
    )
    return frozenset(prints)


def clean_plain_text(text: str, *, site_chrome: frozenset[str] = frozenset()) -> CleanText:
    """Clean one crawled page given as text: the article, its metadata, and what was removed.

    ``site_chrome`` holds fingerprints that other pages of the same site share (see
    ``chrome_fingerprints``). The result's ``text`` is ``""`` when no article prose is left.
    A raw RSS or Atom feed is read as its titles and entries (`read_feed`).
    """
    feed = read_feed(text)
    if feed is None:
        return clean_page_lines(read_page(text, site_chrome=site_chrome, unpunctuated_prose=True))
    page = read_page(feed.text, site_chrome=site_chrome, unpunctuated_prose=True)
    cleaned = clean_page_lines(page, title_hint=feed.title)
    markup = Removal("feed_markup", text.lstrip()[:80], "a raw feed: only its titles and entries")
    return replace(cleaned, title=feed.title or cleaned.title, removed=(markup, *cleaned.removed))


def clean_page_lines(page: Page, *, title_hint: str | None = None) -> CleanText:
    """Steps 5–8 over a page already read; ``title_hint`` is a title known from HTML metadata.
    A page read with ``unpunctuated_prose`` (plain-text inputs) with no punctuated prose still
    has an article when long lines of running text are left (a transcript without punctuation)."""
    lines, zones = page.lines, page.zones
    verdicts = list(page.verdicts)
    for names, bio in bios_above_follow(page.folded, verdicts, zones):
        for index in names:
            verdicts[index] = ("byline", AUTHOR_BOX_REASON)
        verdicts[bio] = ("byline", "author's bio beside a follow button")
    for name, bio in bios_below_name(page.folded, verdicts):
        verdicts[name] = ("byline", AUTHOR_BOX_REASON)
        verdicts[bio] = ("byline", "author's bio in the first person")
    for index in bios_of_bylined(lines, verdicts):
        verdicts[index] = ("byline", "author's bio in the third person")
    for index in author_boxes(page.folded, verdicts, zones):
        verdicts[index] = ("byline", AUTHOR_BOX_REASON)
    for index in names_above_bars(lines, verdicts, zones):
        verdicts[index] = ("byline", AUTHOR_BOX_REASON)
    for index in bulleted_bar_names(lines, zones):
        verdicts[index] = ("byline", AUTHOR_BOX_REASON)
    for index in poster_names(page.folded, verdicts, zones):
        verdicts[index] = ("byline", AUTHOR_BOX_REASON)
    for index in field_values(lines, verdicts, zones):
        label = field_label(page.folded[_previous_line(lines, index)])
        if field_label(page.folded[index]) in NAME_FIELDS:
            label = ""  # a template's placeholder ("Authors" / "• Name"), not a name
        reason = (
            FIELD_AUTHOR_REASON
            if label in NAME_FIELDS
            else FIELD_SOURCE_REASON
            if label in SOURCE_FIELDS
            else "value of a field card (kept as metadata)"
        )
        verdicts[index] = ("byline", reason)
    for index in header_rows(page.folded, verdicts, zones):
        verdicts[index] = ("byline", HEADER_REASON)
    for index in front_matter_rows(lines, verdicts, zones):
        verdicts[index] = ("front_matter", "a note's front matter printed as a table")
    for index in head_info_bars(page.folded, verdicts, zones):
        verdicts[index] = ("byline", "dated info bar above the article (kept as metadata)")
    title_index = _mark_title(page.folded, verdicts, zones, title_hint)
    for index in tag_rows(lines, verdicts, title_index) if title_index is not None else ():
        verdicts[index] = ("keyword_cloud", "a row of tags under the title")
    for index in _title_again(page.folded, verdicts, title_index):
        verdicts[index] = ("repeated_line", TITLE_AGAIN_REASON)
    for index in tail_sweep(lines, verdicts, zones):
        verdicts[index] = ("tail_sweep", "below chrome that follows the article body")
    for index, reason in chrome_runs(lines, verdicts, zones, keep=title_index).items():
        verdicts[index] = ("chrome_run", reason)
    # After the sweeps: a repeated label below the body must not start a footer sweep.
    for index in repeated_lines(lines, verdicts, zones, keep=title_index):
        verdicts[index] = ("repeated_line", "printed more than once around the article")
    kept = [i for i, line in enumerate(lines) if line and verdicts[i] is None]
    if (
        not any(is_prose(lines[i]) for i in kept)
        and not (page.unpunctuated_prose and any(is_running_text(lines[i]) for i in kept))
        and not reads_as_notes([lines[i] for i in kept])
    ):
        for index in kept:
            verdicts[index] = ("no_article", "no line of the page reads as article prose")
        kept = []
        if title_index is not None:
            verdicts[title_index] = ("no_article", "no line of the page reads as article prose")
        title_index = None
    for position, verdict in find_repeats([lines[i] for i in kept]).items():
        verdicts[kept[position]] = verdict
    return _result(page, verdicts, title_index, title_hint)


def _title_again(
    lines: Sequence[str], verdicts: Sequence[Verdict], title_index: int | None
) -> list[int]:
    """Kept lines below the title that print it again, word for word."""
    if title_index is None:
        return []
    key = "".join(title_text(lines[title_index]).split())
    return [
        index
        for index in range(title_index + 1, len(lines))
        if verdicts[index] is None and lines[index] and "".join(lines[index].split()) == key
    ]


def _previous_line(lines: Sequence[str], index: int) -> int:
    return next(i for i in range(index - 1, -1, -1) if lines[i])


def _mark_title(
    lines: Sequence[str], verdicts: list[Verdict], zones: Zones, title_hint: str | None
) -> int | None:
    if title_hint is not None:
        wanted = "".join(fold_lines([title_hint])[0].split())
        for index in range(zones.body_start):
            if verdicts[index] is None and "".join(lines[index].split()) == wanted:
                verdicts[index] = ("title", "page title, kept as metadata")
                return index
        return None
    title_index = find_title(lines, verdicts, zones)
    if title_index is None:
        for index in off_topic_labels(lines, verdicts, zones, -1):
            verdicts[index] = ("head_label", "a label above the article that it never uses")
        return None
    for index in range(title_index):
        if lines[index] and verdicts[index] is None:
            verdicts[index] = ("navigation", "above the page title")
    verdicts[title_index] = ("title", "page title, kept as metadata")
    for index in off_topic_labels(lines, verdicts, zones, title_index):
        verdicts[index] = ("head_label", "a label under the title that the article never uses")
    names = author_list_below(lines, verdicts, title_index)
    if names is not None:
        verdicts[names] = ("byline", AUTHOR_LIST_REASON)
    card = next_nonblank(lines, title_index)
    if (
        card is not None
        and verdicts[card] is None
        and heads_a_card(lines, verdicts, card, title_index)
    ):
        verdicts[card] = ("byline", "author card under the title (kept as metadata)")
    return title_index


def _result(
    page: Page, verdicts: Sequence[Verdict], title_index: int | None, title_hint: str | None
) -> CleanText:
    lines, zones = page.lines, page.zones
    steps = [v[0] if v is not None else None for v in verdicts]
    meta_like = [
        bool(line)
        and (
            steps[i] in _META_STEPS
            or zones.is_head(i)
            or zones.is_tail(i)
            or visible_length(line) <= META_LINE_CHARS
        )
        for i, line in enumerate(lines)
    ]
    info_bars = [step in INFO_BAR_STEPS for step in steps]
    facts = read_facts(lines, page.folded, meta_like=meta_like, info_bars=info_bars)
    removed = list(page.watermarks)
    removed.extend(
        Removal(verdict[0], lines[i], verdict[1])
        for i, verdict in enumerate(verdicts)
        if verdict is not None and lines[i]
    )
    kept = [line if verdicts[i] is None else "" for i, line in enumerate(lines)]
    credit = _cut_opening_credit(kept, page.folded, verdicts)
    if credit is not None:
        removed.append(
            Removal("byline", credit, "a news credit opening the story (kept as metadata)")
        )
    body = "\n\n".join(line for line in kept if line)
    named = [i for i, v in enumerate(verdicts) if v is not None and v[1] in _NAMED_AUTHOR_REASONS]
    author, source = facts.author, facts.source
    if author is None and named:
        # A name beside a follow button on the page's first line is the publication's masthead
        # when another name stands below the title: that one is the author.
        below = [i for i in named if title_index is not None and i > title_index]
        chosen = below[0] if below else named[0]
        author = _LIST_MARK_RE.sub("", undoubled(lines[chosen]))
        masthead = named[0]
        if source is None and chosen != masthead and masthead == _first_line(lines):
            source = undoubled(lines[masthead])
    author = author or _dateline_reporter(lines, page.folded, verdicts) or _named_by_avatar(lines)
    source = (
        source
        or next(
            (
                lines[i].strip()
                for i, v in enumerate(verdicts)
                if v == ("byline", FIELD_SOURCE_REASON)
            ),
            None,
        )
        or _site_named_twice(lines, removed, author)
        or _dateline_outlet(lines, page.folded, verdicts)
    )
    published = facts.published or (page.stamp[1] if page.stamp is not None else None)
    found = _page_title(page, verdicts, title_index) if title_hint is None else None
    title = title_hint if title_hint is not None else found.text if found is not None else None
    if found is not None:
        source = source or found.outlet
        author = author or found.author
    source = source or logo_site_name(lines)
    if source is not None:  # "date 2025-08-07 某某新闻网": the crawler's stamp is no part of it
        source = CRAWL_STAMP_RE.sub("", source).strip() or None
    if source is not None and _MY_PAGE_RE.match(source):
        source = None  # "我的頻道", "My account": the reader's own page in the menu, no outlet
    values = {
        "author": author,
        "translator": facts.translator,
        "editor": facts.editor,
        "source": source,
        "published": published,
        "url": facts.url,
    }
    field_lines = _field_lines(lines, verdicts, values)
    if page.stamp is not None and page.stamp[1] is not None and published == page.stamp[1]:
        field_lines.setdefault("published", page.stamp[0])
    if found is not None:
        field_lines["title"] = found.line
    return CleanText(
        text=body,
        title=title,
        author=author,
        published=published,
        source=source,
        url=facts.url,
        links=project_links(r.text for r in removed if r.step != "watermark"),
        removed=tuple(removed),
        translator=facts.translator,
        editor=facts.editor,
        field_lines=field_lines,
    )


_OUTLET_MAX_CHARS = 20
_MASTHEAD_SPLIT_RE = re.compile(r"\s*[|｜丨·•]\s*|\s{2,}")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[>＞›»]\s*")


def _site_named_twice(
    lines: Sequence[str], removed: Sequence[Removal], author: str | None
) -> str | None:
    """The site's name when the page names it twice: the masthead's first item or a
    breadcrumb's root ("科技新報 | 首頁 | …", "示例科技 > 人工智能 > 正文"), named again by the
    copyright line or the info bar ("©2024 科技新報 版權所有", "2024年05月06日 09:12 示例科技").
    A personal blog's holder is its author, not an outlet."""
    first = _first_line(lines)
    heads = [lines[first]] if first is not None else []
    heads += [r.text for r in removed if r.step == "breadcrumb"]
    names = [_BREADCRUMB_SPLIT_RE.split(_MASTHEAD_SPLIT_RE.split(h.strip())[0])[0] for h in heads]
    witnesses = [
        r.text
        for r in removed
        if (r.step == "disclaimer" and COPYRIGHT_RE.search(r.text.lower()))
        or (r.step == "byline" and find_date(r.text) is not None)
    ]
    return next(
        (
            name
            for name in names
            if 2 <= visible_length(name) <= _OUTLET_MAX_CHARS
            and name != author
            and any(name in witness for witness in witnesses)
        ),
        None,
    )


def _first_line(lines: Sequence[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line), None)


def _field_lines(
    lines: Sequence[str], verdicts: Sequence[Verdict], values: dict[str, str | None]
) -> dict[str, int]:
    """The line each field value was read from: the first removed line stating it (a date by
    its value, any other field verbatim), else the first line at all."""
    found: dict[str, int] = {}
    order = [i for i, v in enumerate(verdicts) if v is not None] + [
        i for i, v in enumerate(verdicts) if v is None
    ]
    for name, value in values.items():
        if not value:
            continue
        for index in order:
            line = lines[index]
            if line and (find_date(line) == value if name == "published" else value in line):
                found[name] = index
                break
    return found
