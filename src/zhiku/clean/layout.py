"""The shape of a crawled page: chrome above the article, the article, chrome below it.

The article body runs from the first to the last line that reads as prose. Above it sit the
navigation, the title and its info bar; below it, notices, contact blocks and comment boxes.
Short lines in those two zones that touch chrome are chrome too (a "联系我们" header above
contact lines, a label left over from a comment form), while short lines between prose lines
(section headings) are never touched by that rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.clean.dates import CRAWL_STAMP_RE, DATE_RE
from zhiku.clean.figures import post_picture
from zhiku.clean.flattened import template_fields
from zhiku.clean.lines import (
    HANDLE_RE,
    LATIN_WORD_RE,
    MEDIA_FILE_END_RE,
    READING_TIME_RE,
    RELATIVE_TIME_RE,
    TABLE_ROW_RE,
    ends_like_sentence,
    has_full_stop,
    is_article_structure,
    is_note_line,
    is_prose,
    is_running_text,
    is_verse_line,
    letters,
    reads_as_notes,
    title_cased,
    visible_length,
    width,
)
from zhiku.clean.topic_words import topic_words, topical_share
from zhiku.clean.vocabulary import (
    CALL_TO_ACTION_RE,
    EN_STOPWORDS,
    META_LABEL_WORDS_RE,
    OUTLET_NAME_RE,
)
from zhiku.surnames import SURNAMES

Verdict = tuple[str, str] | None

INFO_BAR_STEPS = frozenset({"byline", "counter_line"})
_COPYRIGHT_VERDICT = ("disclaimer", "copyright notice")
TITLE_MIN_CHARS = 4
TITLE_MAX_CHARS = 100
LATIN_TITLE_MAX_CHARS = 150  # English headlines run longer than Chinese ones
_HAS_CJK_RE = re.compile(r"[\u3400-\u9fff]")
RUN_MAX_CHARS = 16
SITE_NAME_MAX_CHARS = 10
# a platform's name over a byline, with a headline three times as wide under that byline
NAME_OVER_HEADLINE_WIDTH = 24
HEADLINE_OVER_NAME = 3
POSTER_CARD_LINES = 8
_CARD_STEPS = frozenset({"ui_line", "forum_profile", "counter_line", "image", "call_to_action"})
REPEATED_LINE_MAX_CHARS = 100
_TITLE_BAD_ENDINGS = tuple("。，,:：；;、")
TEASER_MIN_CHARS = 10
LEAD_PROSE_LINES = 2  # prose lines a site may print above the title (a notice, a slogan)
LEAD_PROSE_SHARE = 0.25

# A line that is the article's own text although short: it ends with clause punctuation
# (a verse, a list item asking a question). Chrome labels and links do not.
OWN_PUNCTUATION_RE = re.compile(r"[，。！？；、,;!?][\"'”’」』)）]*$")
# A short line in the article's own voice, never chrome even next to chrome: clause punctuation,
# a colon that introduces what follows, or a quotation.
_ARTICLE_VOICE_RE = re.compile(r"[，。！？；、,;!?:：][\"'”’」』)）]*$|「[^」]+」|“[^”]+”")
# "Comments: 18 pages", "Cite as: …", "分类：…": a labelled field, chrome when it touches chrome
# below the article.
_FIELD_RE = re.compile(r"^(?:[A-Za-z][\w'-]*(?: [\w'-]+){0,2}|[\u3400-\u9fff]{1,6})\s*[:：]\s*\S")
_NAME_SPLIT_RE = re.compile(r"\s*(?:[,，、;；&]|\band\b)\s*")
# A person's name never opens with an article or a question word ("The Newsletter Agent").
NOT_A_NAME_START = r"(?!(?:The|A|An|Our|My|Your|How|Why|What|When|Where|Who)\s)"
LATIN_NAME_RE = re.compile(
    rf"^{NOT_A_NAME_START}(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|di|le)){{1,3}}$"
)
CJK_NAME_RE = re.compile(r"^[\u3400-\u9fff·]{2,4}$")
# An author or source field is never a headline (nor is a reading time: `READING_TIME_RE`).
_FIELD_NOT_TITLE_RE = re.compile(
    r"^(?:作者|来源|编辑|责编|责任编辑|转载|轉載|author|source|editor)\s*[:：]|"
    # a note of when the page was last revised ("最近更新:2025 Q1(补充 …)", "Last updated: …")
    r"^(?:最近更新|最后更新|更新日志|last updated|updated)\s*[:：]|"
    r"^(?:tl;\s?dr|key takeaways|what you(?:'|’)ll learn|what you will learn)\b|"
    # a preface's heading ("前言：那篇论文"), not the article's
    r"^(?:前言|引言|序言|导言|導言|写在前面|寫在前面|preface|introduction)\s*[:：]|"
    # a paper's citation ("Guo et al. 2025"), a version label ("Version 1"); a record's number
    # ("Report #97321") is chrome (`zhiku.clean.lines.ui_line`)
    r"^.{0,60}?\bet al\.|^(?:version|v)\s*\d+(?:\.\d+)*$",
    re.IGNORECASE,
)
# A site's tagline names its domain ("某某新媒|example.vip跨平台阅读首选"); a headline does not.
_SITE_DOMAIN_RE = re.compile(
    r"[a-z0-9-]+\.(?:com|net|org|cn|vip|top|xyz|cc|info|tw|hk)(?![a-z0-9])", re.IGNORECASE
)
_SMALL_WORD_RE = re.compile(r" (?:a|an|the|to|of|for|in|on|and|with|is|your|my|vs\.?) ")
_MENU_CHARS_RE = re.compile(r"[|｜·•/›>»]")
# A list item or a numbered section heading ("• Posts", "1. Overview", "2.1 背景", "II. Data"),
# never the page's title.
# an emoji may lead a numbered heading: "📌 1. 什么是 Ollama?"
# a count before its unit opens a headline, not a list: "5 分钟搞懂…", "3 个方法…"
_UNITS = "(?:分钟|分鐘|个|個|种|種|款|步|招|条|條|天|小时|小時|倍|万|萬|亿|億|名|位|项|項|大)"
LIST_ITEM_RE = re.compile(
    r"^(?:[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?\s*(?=\d))?(?:[•·*▪◦●○►▶-]\s*|\d{1,2}(?:\.\d{1,2})*(?:[.、)]\s*\S|\s+(?!"
    + _UNITS
    + r")\S)|[IVX]{1,4}[.、)]\s*\S|[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])"
)
_FRONT_MATTER_ROW_RE = re.compile(
    r"^(?P<key>layout|title|parent|grand_parent|nav_order|nav_exclude|has_children|permalink|slug|"
    r"date|lastmod|author|authors|tags|categories|category|description|summary|draft|weight|lang|"
    r"toc|sidebar|keywords)\s*:?\s+(?P<value>\S.{0,150})$"
)
_TRAILING_DOMAIN_RE = re.compile(
    r"\s+(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|io|tw|hk|cc|top|xyz|info|ai|me)$",
    re.IGNORECASE,
)
# A line that says it is the title: "og:title: …", "Title: …", "标题：…", a repost's "原文标题：…".
# A reprint's note of the original headline, wrapped in brackets: "(原标题:…)".
TITLE_LABEL_RE = re.compile(
    r"^[(（]?(?:og:title|twitter:title|title|original title|subject|(?:原文|原)?(?:标题|標題)"
    r"|正在阅读|正在閱讀|now reading)\s*[:：=]\s*(?=\S)"
    # a catalogue record's field: "題名 基於…之研究"
    r"|^(?:标题|標題|题名|題名)\s+(?=\S)"
    # a label in lenticular brackets: "【标题】 **某某**"
    r"|^【(?:标题|標題)】\s*(?=\S)",
    re.IGNORECASE,
)
_MARKDOWN_MARK_RE = re.compile(r"^#{1,6}\s+|^\*\*(?=.*\*\*$)|(?<=\S)\*\*$")
# a bullet or arrow glyph a layout prints before its headline ("▲ 【某基金会】…"), no part of it
# a glyph or an emoji before the headline: "▲ …", "☕️ Money Moves in AI"
_LEADING_GLYPH_RE = re.compile(
    r"^(?:[▲△▶►▸◆◇■□●○★☆]|[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?)\s*(?=\S)"
)
# before the headline, a repost's note of whose report it was: "【某某報導】…"
_OUTLET_REPORT_TAG_RE = re.compile(r"^【[^】]{1,12}(?:报道|報導|報道|报导)】\s*(?=\S)")
# before an English headline, a board's or a feed's tag in brackets: "[tooling] …", "[FCE] …"
# (a Chinese forum's thread type, "[求助] …", and a subreddit's one-letter flair, "[D] …", are
# part of the post's title)
_LATIN_TAG_RE = re.compile(r"^\[[A-Za-z][A-Za-z0-9 _-]{2,15}\]\s+(?=[A-Z0-9])(?=[\x00-\x7f]*$)")
# after the headline: a heading's permalink glyph ("RAG¶"), a blog's post-type badge ("… 原创")
_TRAILING_MARK_RE = re.compile(r"\s*[¶🔗]$|\s+(?:原创|原創|转载|轉載|翻译|翻譯)$")
# a video site's hashtags after the headline ("…神经网络#人工智能 #神经网络"); an ellipsis stays,
# the headline's own as often as a listing's cut
_TRAILING_TAGS_RE = re.compile(r"(?:\s*#(?!\d)[^\s#]{1,20})+$")


@dataclass(frozen=True, slots=True)
class Zones:
    """``lines[:body_start]`` is the head, ``lines[body_end:]`` the tail (exclusive bounds)."""

    body_start: int
    body_end: int

    def is_head(self, index: int) -> bool:
        return index < self.body_start

    def is_tail(self, index: int) -> bool:
        return index >= self.body_end


def find_zones(
    lines: Sequence[str], verdicts: Sequence[Verdict], *, unpunctuated_prose: bool = False
) -> Zones:
    """Where the prose starts and ends among lines no step has removed yet.

    A title that reads like a sentence ("大模型是泡沫吗？") sits right above the info bar; it
    belongs to the head, not to the body. With ``unpunctuated_prose``, a page without any
    punctuated prose takes its long lines of running text as prose (a plain transcript).
    """
    prose = [i for i, line in enumerate(lines) if verdicts[i] is None and is_prose(line)]
    punctuated = bool(prose)
    if not prose and unpunctuated_prose:
        prose = [i for i, line in enumerate(lines) if verdicts[i] is None and is_running_text(line)]
    if not prose:  # a page of notes or short lines: its items, fields, code and lines are the body
        open_lines = [line for i, line in enumerate(lines) if verdicts[i] is None]
        if reads_as_notes(open_lines):
            prose = [
                i
                for i, line in enumerate(lines)
                if verdicts[i] is None and (is_note_line(line) or is_verse_line(line))
            ]
    if prose and _crumb_of_the_next_line(lines, prose[0]):
        prose = prose[1:]  # "• <the headline>." closing a breadcrumb list above the headline
    if (
        prose
        and is_title_like(lines[prose[0]])
        and (
            followed_by_info_bar(lines, verdicts, prose[0], card=True)
            or _dated_bar_below(lines, verdicts, prose[0])
        )
    ) or (
        punctuated
        and (opening_headline(lines, prose, verdicts) or below_poster_bar(lines, verdicts, prose))
    ):
        prose = prose[1:]
    prose = _skip_lead_prose(lines, verdicts, prose)
    if not prose:
        return Zones(len(lines), len(lines))
    start = _short_sentences_above(lines, verdicts, prose[0])
    return Zones(start, max(prose[-1], _last_code_block_line(lines, verdicts, prose[0])) + 1)


DATED_BAR_MAX_CHARS = 60
_BAR_SEPARATOR_RE = re.compile(r"\s[·•|｜/]\s")


def _dated_bar_below(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """A headline whose commas read as prose, right above a short dated bar of separated
    fields ("Example Site · January 7, 2026 · Pricing") that no rule has claimed yet."""
    following = next_nonblank(lines, index)
    if following is None or verdicts[following] is not None or ends_like_sentence(lines[index]):
        return False
    bar = lines[following]
    return (
        visible_length(bar) <= DATED_BAR_MAX_CHARS
        and _BAR_SEPARATOR_RE.search(bar) is not None
        and DATE_RE.search(bar) is not None
        and not ends_like_sentence(bar)
    )


def _short_sentences_above(lines: Sequence[str], verdicts: Sequence[Verdict], first: int) -> int:
    """Where the body starts when short sentences run into its first prose line ("Models
    change." / "Prompts drift." / a longer sentence): the run of unbroken lines above it that
    each end like a sentence, with no chrome rule against them.

    >>> _short_sentences_above(["Why evals", "", "Models change.", "Prompts drift.", "A long one."],
    ...                        [None] * 5, 4)
    2
    """
    start = first
    index = first - 1
    while (
        index >= 0
        and lines[index]
        and verdicts[index] is None
        and lines[index].rstrip().endswith((".", "。"))  # a headline may end with "?" or "!"
        and letters(lines[index]) >= SHORT_SENTENCE_MIN_LETTERS
    ):
        start = index
        index -= 1
    return start if first - start >= SHORT_SENTENCE_RUN else first


def _last_code_block_line(lines: Sequence[str], verdicts: Sequence[Verdict], start: int) -> int:
    """The last line below `start` of a code block (two adjacent lines of code, commands or
    table rows): a tutorial's body goes on through its code, which is never prose, so a page
    cut off after its code keeps it. ``start`` when there is none.

    >>> _last_code_block_line(["正文。", "import torch", "x = torch.ones(2)", "分享到"], [None] * 4, 0)
    2
    """
    structure = [
        i > start and verdicts[i] is None and is_article_structure(line)
        for i, line in enumerate(lines)
    ]
    blocks = [i for i in range(1, len(lines)) if structure[i] and structure[i - 1]]
    return blocks[-1] if blocks else start


def _skip_lead_prose(
    lines: Sequence[str], verdicts: Sequence[Verdict], prose: list[int]
) -> list[int]:
    """Prose above a title and its info bar is the site's, not the article's.

    A notice printed above the page header ("We gratefully acknowledge …") reads as prose and
    would otherwise open the body. Only one or two short prose lines qualify, and only when a
    title-like line with an info bar below it follows them.
    """
    if len(prose) < 2:
        return prose
    total = sum(width(lines[i]) for i in prose)
    for lead in range(1, min(LEAD_PROSE_LINES, len(prose) - 1) + 1):
        headline = prose[lead]  # a headline that reads like a sentence, its info bar below
        if (
            is_title_like(lines[headline])
            and followed_by_info_bar(lines, verdicts, headline, card=True)
            and sum(width(lines[i]) for i in prose[:lead]) < LEAD_PROSE_SHARE * total
        ):
            return prose[lead + 1 :]
        for index in range(prose[lead - 1] + 1, prose[lead]):
            if (
                lines[index]
                and verdicts[index] is None
                and is_title_like(lines[index])
                and not ends_like_sentence(lines[index])
                and (
                    bar_below(lines, verdicts, index) is not None
                    or followed_by_info_bar(lines, verdicts, index, card=True)  # a photo between
                )
            ):
                if sum(width(lines[i]) for i in prose[:lead]) < LEAD_PROSE_SHARE * total:
                    return prose[lead:]
                return prose
    return prose


def followed_by_info_bar(
    lines: Sequence[str], verdicts: Sequence[Verdict], index: int, *, card: bool = False
) -> bool:
    """The next line is an info bar; or, with ``card``, a forum poster's card (lines chrome
    rules removed, at most one name among them) comes first and the info bar right after it."""
    following = next_nonblank(lines, index)
    names = cards = 0
    for _ in range(POSTER_CARD_LINES if card else 1):
        if following is None:
            return False
        verdict = verdicts[following]
        if verdict is not None and (verdict[0] in INFO_BAR_STEPS or verdict == _COPYRIGHT_VERDICT):
            return True  # a copyright line under the headline marks it as one bar does
        if verdict is None:
            names += 1
            if (
                names > 1
                or (not cards and not _is_name(lines[following]))
                or visible_length(lines[following]) > 20
                or OWN_PUNCTUATION_RE.search(lines[following])
            ):
                return False
        elif verdict[0] not in _CARD_STEPS:
            return False
        else:
            cards += 1
        following = next_nonblank(lines, following)
    return False


def _name_printed_twice(lines: Sequence[str], index: int) -> bool:
    """A name printed twice in a row (an avatar's alt text, then the name): an author card."""
    following = next_nonblank(lines, index)
    return (
        following is not None
        and lines[following].strip() == lines[index].strip()
        and _is_name(lines[index].strip())
    )


# a bar's item: "- 奇轩 李", a Chinese name printed given name first
_BULLETED_SPACED_NAME_RE = re.compile(r"^[-•·]\s*[\u3400-\u9fff]{1,3} [\u3400-\u9fff]{1,2}$")


def _is_name(line: str) -> bool:
    """A personal name alone: the author printed between a title and its date."""
    return (
        LATIN_NAME_RE.match(line) is not None
        or CJK_NAME_RE.match(line) is not None
        or _BULLETED_SPACED_NAME_RE.match(line.strip()) is not None
    )


def bar_below(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> int | None:
    """The info bar right below ``index``, possibly after one line listing the authors."""
    if followed_by_info_bar(lines, verdicts, index):
        return next_nonblank(lines, index)
    names = next_nonblank(lines, index)
    if (
        names is not None
        and verdicts[names] is None
        and is_name_list(lines[names])
        and followed_by_info_bar(lines, verdicts, names)
    ):
        return next_nonblank(lines, names)
    return None


def is_name_list(line: str) -> bool:
    """Two or more personal names: "Ada Lovelace, Alan Turing and Grace Hopper", "张三、李四".

    >>> is_name_list("Mei Tanaka, Jonas Weber"), is_name_list("Llama, Mistral and Qwen")
    (True, False)
    >>> is_name_list("张小明、李四"), is_name_list("阿里,开大了")
    (True, False)
    """
    if visible_length(line) > 160:
        return False
    parts = [p for p in _NAME_SPLIT_RE.split(line.strip()) if p]
    return len(parts) >= 2 and all(
        LATIN_NAME_RE.match(p) or (CJK_NAME_RE.match(p) and p[-1] not in _PARTICLES) for p in parts
    )


# a name never ends in a particle: "阿里,开大了" is a headline
_PARTICLES = frozenset("了吗呢吧啊啦么的")


_ISSUE_HEADING_RE = re.compile(
    r"(?:\bissue|\bedition|\bno\.|\bvol\.|\bepisode)\s*#?\s*\d+\s*$|第\s*\d+\s*期\s*$",
    re.IGNORECASE,
)


def is_dek(line: str, above: str) -> bool:
    """``line`` is a subtitle printed under the title ``above``: it opens with a dash, or it is
    in sentence case under a Title Case line."""
    if line.startswith(("—", "--", "－")) or _ISSUE_HEADING_RE.search(above):
        return True  # a dash, or the headline of a newsletter's issue above ("… Issue #15")
    if _is_sentence_under_heading(line, above):
        return True
    # A Title Case headline has small words in it ("a", "to", "the"); a menu does not.
    headline = _SMALL_WORD_RE.search(above) is not None and not _MENU_CHARS_RE.search(above)
    return headline and _capital_share(above) >= 0.6 and _capital_share(line) <= 0.35


_DEK_MIN_WORDS = 6


def _is_sentence_under_heading(line: str, above: str) -> bool:
    """A whole English sentence (a full stop, six words or more) under a shorter heading
    that has none: the heading's dek ("Career Changers Guide" / "Breaking into AI from … .")."""
    return (
        line.rstrip().endswith(".")
        and len(line.split()) >= _DEK_MIN_WORDS
        and not above.rstrip().endswith((".", "!", "?", ":", "。", "！", "？", "："))
        and len(above.split()) < len(line.split())
        and _HAS_CJK_RE.search(line + above) is None
    )


_TYPOGRAPHIC_MARKS = str.maketrans("’‘“”–—", "''\"\"--")


def _capital_share(line: str) -> float:
    # curly quotes and dashes are still Latin words ("beginner’s")
    words = [
        w for w in line.translate(_TYPOGRAPHIC_MARKS).split() if len(w) >= 4 and w[0].isalpha()
    ]
    if len(words) < 4 or any(not w.isascii() for w in words):
        return 0.5  # too few Latin words to tell
    return sum(w[0].isupper() for w in words) / len(words)


def is_title_like(line: str) -> bool:
    size = visible_length(line)
    longest = TITLE_MAX_CHARS if _HAS_CJK_RE.search(line) else LATIN_TITLE_MAX_CHARS
    if size > TITLE_MAX_CHARS and (has_full_stop(line) or line.rstrip().endswith((".", "!", "?"))):
        return False  # a long line with a sentence in it is the article's, not its headline
    return (
        TITLE_MIN_CHARS <= size <= longest
        and letters(line) >= 3
        and not line.endswith(_TITLE_BAD_ENDINGS)
        and "://" not in line
        and CALL_TO_ACTION_RE.search(line.lower()) is None
        and _LEDE_OPENING_RE.match(line) is None
    )


# an emoji, then a short label: a section heading of an article's summary box ("📊 关键数据")
_EMOJI_HEADING_RE = re.compile(
    r"^[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?\s*(?:[\u3400-\u9fff]{2,8}|[A-Za-z][\w ]{1,24})$"
)
# a news story's first sentence opens with when it happened and a comma: "近日,某研究院发布…"
_LEDE_OPENING_RE = re.compile(
    r"^(?:近日|日前|昨日|昨天|今天|今日|近期|此前|本周|上周|当地时间[^,，]{0,12}|据[^,，]{1,12}报道)[,，]"
)


def title_text(line: str) -> str:
    """A title line without a title label, Markdown heading marks or bold, or the site's domain
    after it: ``"# RAG 入门"`` → ``"RAG 入门"``, ``"og:title: RAG 入门"`` → ``"RAG 入门"``.
    A forum board's thread type ("[求助] …") stays: it is part of the post's title.

    >>> title_text("RAG 入门 example.com"), title_text("Node.js"), title_text("[求助] RAG 入门")
    ('RAG 入门', 'Node.js', '[求助] RAG 入门')
    >>> title_text("date 2024-05 ▲ 【某基金会】再捐一笔"), title_text("检索增强生成¶")
    ('【某基金会】再捐一笔', '检索增强生成')
    >>> title_text("【某某週刊報導】專家談選系")  # a repost names whose report it was
    '專家談選系'
    >>> title_text("看明白神经网络#人工智能 #神经网络"), title_text("C#")
    ('看明白神经网络', 'C#')
    >>> title_text("[tooling] Model runs out of RAM"), title_text("[求助] 推理很慢")
    ('Model runs out of RAM', '[求助] 推理很慢')
    >>> title_text("(原标题:库存能否消化?(某公司 Q3 电话会))")  # a reprint's original headline
    '库存能否消化?(某公司 Q3 电话会)'
    >>> title_text("【标题】 **推理的天花板在哪里**")
    '推理的天花板在哪里'
    """
    line = line.strip()
    if line[:1] in "(（" and (label := TITLE_LABEL_RE.match(line)) and line[-1:] in ")）":
        line = line[label.end() : -1]  # "(原标题:某某)" → "某某"
    text = _MARKDOWN_MARK_RE.sub("", TITLE_LABEL_RE.sub("", line)).strip()
    text = _LEADING_GLYPH_RE.sub("", CRAWL_STAMP_RE.sub("", text))
    text = _TRAILING_TAGS_RE.sub("", _TRAILING_MARK_RE.sub("", text)) or text
    text = _OUTLET_REPORT_TAG_RE.sub("", _LATIN_TAG_RE.sub("", text))
    return _TRAILING_DOMAIN_RE.sub("", text).strip() or text


def is_listing_row(lines: Sequence[str], index: int) -> bool:
    """``index`` is followed by a relative time: a row of a file or post listing, not a title."""
    following = next_nonblank(lines, index)
    return following is not None and RELATIVE_TIME_RE.match(lines[following].lower()) is not None


def _related_header_under_headline(lines: Sequence[str], end: int) -> int:
    """Index of the first "Related Articles" header above ``end`` that has a headline-wide
    title-like line above it (``end`` when there is none): the lines below it list other
    articles, printed between the headline and the story."""
    headline_seen = False
    for index in range(end):
        line = lines[index].strip()
        if headline_seen and _RELATED_HEADER_RE.match(line):
            return index
        headline_seen = headline_seen or (is_title_like(line) and width(line) >= HEADLINE_MIN_WIDTH)
    return end


_RELATED_HEADER_RE = re.compile(
    r"^(?:related (?:articles|posts|stories|reading)|you (?:may|might) also like|read next|"
    r"more stories|相关文章|相关阅读|推荐阅读|延伸阅读|相關文章|相關閱讀|推薦閱讀|延伸閱讀)[:：]?$",
    re.IGNORECASE,
)
HEADLINE_MIN_WIDTH = 30
# "Example Weekly logo": a logo's alt text names the site, never the page
_LOGO_ALT_RE = re.compile(r"\s(?:logo|標誌|标志|商標)$", re.IGNORECASE)
_LOGO_HEAD_LINES = 5
SHORT_SENTENCE_MIN_LETTERS = 6
SHORT_SENTENCE_RUN = 2
AUTHOR_NAME_WIDTH = 16  # a handle such as "有态度的马甲": 8 Chinese characters
# "rag_system", "../tpl/wap/font3.html", "#某话题": a name in code, a file's path, a hashtag
_IDENTIFIER_RE = re.compile(
    r"^[a-z0-9]+(?:_[a-z0-9]+)+$|^[\w./-]*[\w-]\.(?:s?html?|php|aspx?|jsp)$|^#[^\s#]+$",
    re.IGNORECASE,
)
# "Q: What is RAG?", "问：…": the first question of a Q&A list, not the page's headline
_QA_LABEL_RE = re.compile(r"^\s*(?:q|问|問|question)\s*\d*\s*[:：.]\s*\S", re.IGNORECASE)


def logo_site_name(lines: Sequence[str]) -> str | None:
    """The site's name as its logo's alt text gives it at the top ("Example Weekly logo")."""
    head = [line for line in lines[:_LOGO_HEAD_LINES] if line]
    return next(
        (_LOGO_ALT_RE.sub("", line).strip() for line in head if _LOGO_ALT_RE.search(line)), None
    )


def is_title_candidate(line: str, verdict: Verdict) -> bool:
    return (
        bool(line)
        and verdict is None
        and is_title_like(line)
        and not is_name_list(line)
        and LIST_ITEM_RE.match(line) is None
        and not is_label_only(line)
        and _FIELD_NOT_TITLE_RE.match(line.strip()) is None
        and READING_TIME_RE.search(line.lower()) is None
        and _SITE_DOMAIN_RE.search(_TRAILING_DOMAIN_RE.sub("", line)) is None
        and _LOGO_ALT_RE.search(line) is None
        and _QA_LABEL_RE.match(line) is None
        and _IDENTIFIER_RE.match(line.strip()) is None
        and OUTLET_NAME_RE.match(line.strip()) is None  # the outlet printed by the headline
        and _ASIDE_RE.match(line.strip()) is None
        and _UNIT_COUNTER_RE.match(line.strip()) is None
        and _PULL_QUOTE_RE.match(line.strip()) is None
        and TABLE_ROW_RE.match(line) is None  # a Markdown table's row
        and MEDIA_FILE_END_RE.search(line.lower()) is None  # a video's or a slide deck's file
    )


# a line wholly in brackets is an aside: "(想直接動手，請看：…)"
_ASIDE_RE = re.compile(r"^[(（][^()（）]+[)）]$")
# a sentence wholly in quotation marks, its full stop inside them: a pull quote over the byline
_PULL_QUOTE_RE = re.compile(r"^[“\"「『][^“”\"「」『』]+[。！.!][”\"」』]$")
# a course's or a series' counter over the headline: "Module 01", "Lesson 3", "第 2 课"
_UNIT_COUNTER_RE = re.compile(
    r"^(?:module|lesson|chapter|unit|part|week|day|lecture|episode|ep\.?|session)\s*\d{1,3}$"
    r"|^第\s*[\d一二三四五六七八九十]{1,3}\s*[章节節课課讲講周週天部篇期]$",
    re.IGNORECASE,
)


def _over_its_picture(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """The line right above the post's own picture (its alt text naming the post) is the
    post's headline: a blog prints the title, then the featured image."""
    below = next_nonblank(lines, index)
    return below is not None and post_picture(lines[below]) is not None


def _lone_counter(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """A course's counter ("第8周", "Week 3") with no headline under it: a page of a course's
    notes, titled by its week."""
    following = next_nonblank(lines, index)
    return (
        verdicts[index] is None
        and _UNIT_COUNTER_RE.match(lines[index].strip()) is not None
        and (following is None or not is_title_candidate(lines[following], verdicts[following]))
    )


_RELEASE_RE = re.compile(r"^v?\d+(?:\.\d+){1,3}(?:[-.]?(?:alpha|beta|rc)\.?\d*)?$", re.IGNORECASE)


def _release_printed_twice(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """A release's number alone ("v0.22.0"), printed over its teaser and again over its notes:
    the release page's title. A version label once ("Version 1") is not."""
    line = lines[index].strip()
    return (
        verdicts[index] is None
        and _RELEASE_RE.match(line) is not None
        and sum(other.strip() == line for other in lines) >= 2
    )


def is_label_only(line: str) -> bool:
    """A field label with no value ("Published on", "Authors", "作者：")."""
    return letters(META_LABEL_WORDS_RE.sub(" ", line.lower())) <= 1


def find_title(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> int | None:
    """Index of the page title in the head zone, or ``None`` when the page states none; failing
    that, a title-cased English headline among the first lines (`_title_cased_near_top`).
    """
    found = _title_in_head(lines, verdicts, zones)
    return found if found is not None else _title_cased_near_top(lines, verdicts)


def _title_in_head(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> int | None:
    """Index of the page title in the head zone, or ``None`` when the page states none.

    A line labelled as the title ("og:title: …", "标题：…") is the title. Else the title is
    the line right above the info bar (author / source / date / counters); else a
    line the head prints twice (a breadcrumb's last item and the headline); else a long
    headline-like line the page opens with; else the title-like line closest to the body. List items, numbered section headings and bare field
    labels are never the title.
    """
    template_titles = [i for i, field in template_fields(lines).items() if field == "title"]
    labelled = next(
        (
            i
            for i in range(zones.body_start)
            # a note's front matter names its title too ("title: …" between its "---" lines)
            if _step(verdicts[i]) in (None, "front_matter")
            and (TITLE_LABEL_RE.match(lines[i]) or i in template_titles)
        ),
        None,
    )
    if labelled is not None:
        return labelled
    quoted = _quoted_by_header(lines, zones)
    if quoted is not None:
        return quoted
    heading = _only_top_heading(lines, verdicts, zones)
    if heading is not None:
        return heading
    chapter = _numbered_chapter(lines, verdicts, zones)
    if chapter is not None:
        return chapter
    site = logo_site_name(lines)
    related = _related_header_under_headline(lines, zones.body_start)
    candidates = [
        i
        for i in range(related)
        if (
            is_title_candidate(lines[i], verdicts[i])
            or _lone_counter(lines, verdicts, i)
            or _release_printed_twice(lines, verdicts, i)
        )
        and lines[i].strip() != site  # the site's name, as its logo's alt text gives it
        and not is_listing_row(lines, i)
        and not _name_printed_twice(lines, i)
        and not RELATIVE_TIME_RE.match(lines[i].lower().strip())
        and not _cut_short(lines, i)
    ]
    # the story's first sentence ("近日,…") starts the article: no headline below it; nor below
    # the first of its emoji-led section headings ("💡 核心结论"), when a line above may be one
    lede = next((i for i in range(related) if _LEDE_OPENING_RE.match(lines[i])), related)
    section = next((i for i in range(related) if _EMOJI_HEADING_RE.match(lines[i])), related)
    candidates = [i for i in candidates if i < lede]
    if any(i < section for i in candidates):
        candidates = [i for i in candidates if i < section]
    phrases = [i for i in candidates if not _one_latin_token(lines[i])]
    pictured = next((i for i in phrases if _over_its_picture(lines, verdicts, i)), None)
    if pictured is not None:
        return pictured
    crumbed = _below_article_crumb(lines, candidates)
    if crumbed is not None:
        return crumbed
    found = next((i for i in phrases if followed_by_info_bar(lines, verdicts, i)), None)
    if found is not None and (_is_name(lines[found]) or width(lines[found]) <= AUTHOR_NAME_WIDTH):
        # the author's name or handle above the date, under a headline the head prints twice
        twice = _printed_twice(lines, [i for i in candidates if i < found], zones)
        found = twice if twice is not None else found
    if found is None:
        found = next((i for i in phrases if bar_below(lines, verdicts, i) is not None), None)
    first = next((i for i, line in enumerate(lines) if line), None)
    # A short first line with chrome after it is the site's name, unless an info bar is right below.
    candidates = [
        i
        for i in candidates
        if not (i == first and _is_site_name(lines, verdicts, i)) or i == found
    ]
    if found is None:
        found = next(
            (
                i
                for i in candidates
                if not _one_latin_token(lines[i])
                and followed_by_info_bar(lines, verdicts, i, card=True)
            ),
            None,
        )
    if found is None:
        found = _printed_twice(lines, candidates, zones)
    if found is None:
        found = _below_open_breadcrumb(lines, candidates)
    if found is None or (found == first and _site_name_over_headline(lines, verdicts, zones)):
        found = _headline_below_bar(lines, verdicts, zones)
        if found is not None and _article_prose_above(lines, verdicts, found):
            return None
    if found is None:
        candidates = _above_contents(verdicts, candidates)
    if found is None and not candidates:
        return None
    if found is None:
        found = _opening_headline(lines, candidates, first)
    if found is None:
        found = candidates[-1]
        if _article_prose_above(lines, verdicts, found):
            return None
        above = previous_nonblank(lines, found)
        if above == first and above in candidates and _section_question(lines[found]):
            found = above  # "vLLM 推理加速" over its first section, "什么是 vLLM?"
    topical = _topical_instead(lines, verdicts, zones, found)
    if topical is None:
        return None
    found = topical
    above = previous_nonblank(lines, found)
    if (
        above is not None
        and above in candidates
        and (
            is_dek(lines[found], lines[above])
            or heads_a_card(lines, verdicts, found, above)
            or (
                _printed_twice(lines, [above], zones) == above
                and _printed_twice(lines, [found], zones) is None
            )
        )
    ):
        return above  # a subtitle under the title, or the headline the head printed twice
    return found


# a bulletin board's header run together, its title labelled inside it: "看板Soft_Job標題Re: [心得]
# …作者"
_RUN_IN_TITLE_RE = re.compile(
    r"(?:标题|標題)\s*[:：]?\s*(?P<title>\S.{2,120}?)\s*(?:作者|时间|時間|$)"
)


def _quoted_by_header(lines: Sequence[str], zones: Zones) -> int | None:
    """A line above the body that a header below it names as the title, label and all run into
    one line (a bulletin board's "看板…標題<title>作者")."""
    for index in range(min(zones.body_start, len(lines))):
        match = _RUN_IN_TITLE_RE.search(lines[index])
        if match is None or match.start() == 0:
            continue
        title = match.group("title").strip()
        found = next((i for i in range(index) if lines[i].strip() == title), None)
        if found is not None:
            return found
    return None


HEADLINE_MIN_WORDS = 5
NEAR_TOP_LINES = 6
PARAGRAPH_MIN_CHARS = 100


def _title_cased_near_top(lines: Sequence[str], verdicts: Sequence[Verdict]) -> int | None:
    """A title-cased English headline among the first lines, under nothing longer than a
    summary ("<Site> is a <publisher> publication." / "US Officials Defend New Chip Rules" /
    the article), with the article's first paragraph or its info bar (or its date among its
    tags) right below: the
    headline of a page whose head the layout could not tell from its text."""
    shown = [i for i, line in enumerate(lines) if line][:NEAR_TOP_LINES]
    for index in shown:
        line = lines[index]
        if visible_length(line) >= ARTICLE_PROSE_MIN_CHARS and verdicts[index] is None:
            return None  # the article's text began above
        if verdicts[index] is not None or ends_like_sentence(line):
            continue
        below = next_nonblank(lines, index)
        if below is None or not title_cased(line, HEADLINE_MIN_WORDS):
            continue
        dated_tags = _step(verdicts[below]) == "keyword_cloud" and DATE_RE.search(lines[below])
        if (
            _step(verdicts[below]) in INFO_BAR_STEPS
            or dated_tags
            or (
                verdicts[below] is None
                and is_prose(lines[below])
                and len(lines[below]) >= PARAGRAPH_MIN_CHARS
            )
        ):
            return index
    return None


def _above_contents(verdicts: Sequence[Verdict], candidates: Sequence[int]) -> list[int]:
    """Candidates above the table of contents' label: below it stand the entries it lists and
    the sections, which only an info bar or a second printing makes the headline."""
    contents = next((i for i, v in enumerate(verdicts) if _step(v) == "contents"), None)
    return [i for i in candidates if contents is None or i < contents]


ARTICLE_PROSE_MIN_CHARS = 160


def _article_prose_above(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """A paragraph of the article above a line only its place marks as the headline: the page
    opened with its text and states no title, and the line is a label or a name further down
    ("Course Manager" / "<name>")."""
    return any(
        verdicts[i] is None
        and visible_length(lines[i]) >= ARTICLE_PROSE_MIN_CHARS
        and is_prose(lines[i])
        for i in range(index)
    )


_SECTION_QUESTION_MAX_CHARS = 30


def _section_question(line: str) -> bool:
    """A short question heading ("什么是 vLLM?", "Why fine-tune?"): the article's first section."""
    text = line.strip()
    return text.endswith(("?", "？")) and visible_length(text) <= _SECTION_QUESTION_MAX_CHARS


_TOP_HEADING_RE = re.compile(r"^#\s+\S")
_CHAPTER_RE = re.compile(r"^\d{1,2}\.\s+(?=\S)")
_SIBLING_RE = re.compile(r"^\d{1,2}[.、)]\s*\S")
CHAPTER_MAX_WIDTH = 80


def _numbered_chapter(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> int | None:
    """A page of a manual or a course that opens with its chapter's number and name ("2. RAG
    检索增强生成", "06. The Essentials of RAG"), no sibling entry numbered like it below: the
    chapter is the page's title, not the first item of a list."""
    first = next((i for i, line in enumerate(lines) if line and verdicts[i] is None), None)
    if first is None or first >= zones.body_start:
        return None
    line = lines[first].strip()
    number = _CHAPTER_RE.match(line)
    if number is None or has_full_stop(line[number.end() :]) or width(line) > CHAPTER_MAX_WIDTH:
        return None
    if any(_SIBLING_RE.match(other.strip()) for other in lines[first + 1 :] if other):
        return None
    return first


def _only_top_heading(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> int | None:
    """A note's one top-level Markdown heading ("# <headline>") above its body: the title,
    over a card of fields below it ("Headquarters" / "Paris, France"). Not when the page has
    several: then each heads a part."""
    found = [i for i, line in enumerate(lines) if line and _TOP_HEADING_RE.match(line)]
    if len(found) != 1 or found[0] >= zones.body_start:
        return None
    index = found[0]
    return index if is_title_candidate(lines[index], verdicts[index]) else None


_SLUG_TITLE_RE = re.compile(r"_\d{6,}$|_[^_\s]+_")
OPENING_HEADLINE_MIN_WIDTH = 40  # 20 Chinese characters, or a sentence's worth of English


def _opening_headline(
    lines: Sequence[str], candidates: Sequence[int], first: int | None
) -> int | None:
    """A page that opens with a long headline-like line, nothing above it: the headline, not
    the section heading closest to the body."""
    if first is None or first not in candidates or first == candidates[-1]:
        return None
    line = lines[first].strip()
    if (
        len(_MENU_CHARS_RE.findall(line)) >= 2
        or unicodedata.category(line[0]) == "So"
        or _SLUG_TITLE_RE.search(line)
    ):
        return None  # a menu, a banner led by an emoji ("📚 … 详见 …"), keywords joined by "_"
    return first if width(line) >= OPENING_HEADLINE_MIN_WIDTH else None


TOPICAL_SHARE_MIN = 0.5
TOPICAL_BODY_MIN_CHARS = 600
TOPICAL_CJK_SHARE = 0.2


def _topical_instead(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones, found: int
) -> int | None:
    """A line none of whose words the article uses (a site's name, an author's, a widget's
    label) is not the headline when a line above it, or the next candidate below it, uses
    mostly the article's words: the one whose words it uses most, the lower on ties; else to
    the long headline the page opens with, when the article uses any of its words. With no
    other candidate, a long article states no title (``None``)."""
    body = _body_below_head(lines, verdicts, zones)
    if not topic_words(lines[found]) or topical_share(lines[found], body) > 0:
        return found
    candidates = [i for i in range(zones.body_start) if is_title_candidate(lines[i], verdicts[i])]
    below = [i for i in candidates if i > found][:1]
    shares = [(topical_share(lines[i], body), i) for i in candidates if i < found] + [
        (topical_share(lines[i], body), i) for i in below
    ]
    best = max(shares, default=(0.0, found))
    if best[0] >= TOPICAL_SHARE_MIN:
        return best[1]
    first = next((i for i, line in enumerate(lines) if line), None)
    opening = _opening_headline(lines, [i for i in candidates if i <= found], first)
    if opening is not None and opening < found and topical_share(lines[opening], body) > 0:
        return opening  # the page's long opening headline, over a widget's label
    # alone, it is a label when the article is long enough to repeat its headline's words; a
    # Chinese headline over an English article shares none of them, yet is one
    alone = not shares and len(body) >= TOPICAL_BODY_MIN_CHARS
    return None if alone and not _chinese_over_latin(lines[found], body) else found


def _body_below_head(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> str:
    """The kept lines from the first prose line on, lowercased: what the article talks about."""
    return " ".join(
        lines[i] for i in range(zones.body_start, len(lines)) if verdicts[i] is None
    ).lower()


def _chinese_over_latin(line: str, body: str) -> bool:
    return _HAS_CJK_RE.search(line) is not None and len(
        _HAS_CJK_RE.findall(body)
    ) < TOPICAL_CJK_SHARE * len(body)


def off_topic_labels(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones, title: int
) -> list[int]:
    """Short lines between the title and the article none of whose words the article uses:
    a course's label, an instructor's name, a newsletter's offer."""
    body = _body_below_head(lines, verdicts, zones)
    return [
        i
        for i in range(title + 1, zones.body_start)
        if is_title_candidate(lines[i], verdicts[i])
        and topic_words(lines[i])
        and topical_share(lines[i], body) == 0
    ]


TAG_ROW_REACH = 3  # kept lines under the title a row of tags may stand on
TAG_ROW_MIN_TERMS = 4
TAG_TERM_MAX_CHARS = 20
_TAG_ROW_RE = re.compile(r"^[a-z][a-z0-9-]*(?:[ ,]+[A-Za-z][\w.+-]*)+$")


def is_tag_row(line: str) -> bool:
    """Terms in a row without a stopword or a sentence mark, the first in lower case
    ("fine-tuning LLM LoRA PEFT transformers"): a post's tags, not a heading.

    >>> is_tag_row("fine-tuning LLM LoRA Hugging Face PEFT"), is_tag_row("Fine-tuning with LoRA")
    (True, False)
    """
    terms = [t for t in re.split(r"[ ,]+", line.strip()) if t]
    return (
        _TAG_ROW_RE.match(line.strip()) is not None
        and len(terms) >= TAG_ROW_MIN_TERMS
        and all(len(t) <= TAG_TERM_MAX_CHARS and t.lower() not in EN_STOPWORDS for t in terms)
    )


def tag_rows(lines: Sequence[str], verdicts: Sequence[Verdict], title: int) -> list[int]:
    """Rows of tags among the first kept lines under the title."""
    found = []
    index: int | None = title
    for _ in range(TAG_ROW_REACH):
        index = next_nonblank(lines, index) if index is not None else None
        if index is None:
            break
        if verdicts[index] is None and is_tag_row(lines[index]):
            found.append(index)
    return found


_OPEN_TRAIL = (">", "＞", "›", "»")
# "王五博士 | 某某中心研究主任", "某某之声│某某研究院": a name or a column, then a role or a host
_CARD_SPLIT_RE = re.compile(r"\s*[|｜│]\s*")
CARD_HEAD_CHARS = 12
_CLAUSE_MARK_RE = re.compile(r"[:：,，!！?？。]")


def heads_a_card(lines: Sequence[str], verdicts: Sequence[Verdict], found: int, above: int) -> bool:
    """``found`` opens an author card above the date rather than being the headline: a short
    name or column with its role or host after a bar, or a short organisation with the author's
    name below it; the line above is a longer headline."""
    line = lines[found]
    parts = [p for p in _CARD_SPLIT_RE.split(line.strip()) if p]
    named = (
        len(parts) == 2
        and visible_length(parts[0]) <= CARD_HEAD_CHARS
        and _CLAUSE_MARK_RE.search(parts[1]) is None  # a role or a host, not a headline
    )
    below = next_nonblank(lines, found)
    organisation = (
        visible_length(line) <= CARD_HEAD_CHARS
        and OWN_PUNCTUATION_RE.search(line) is None
        and below is not None
        and _step(verdicts[below]) == "byline"
        and _is_name(lines[below])
    )
    return (named or organisation) and visible_length(lines[above]) >= visible_length(parts[0]) + 4


# a breadcrumb's last item that stands for the article itself: "首页 > 新闻 > 正文"
_ARTICLE_CRUMB_RE = re.compile(
    # a short button may follow on the line ("网易首页 > 网易号 > 正文 申请入驻")
    r"[>＞›»]\s*(?:正文|详情|内容|文章|阅读|content|article|post)(?:\s+[\u4e00-\u9fff]{2,4})?$",
    re.IGNORECASE,
)


def _below_article_crumb(lines: Sequence[str], candidates: Sequence[int]) -> int | None:
    """The line right under a breadcrumb whose last item stands for the article ("… > 正文") or
    is the headline cut short: the headline, before any heading lower down that has the byline
    under it."""
    for index in candidates:
        above = previous_nonblank(lines, index)
        if above is not None and (
            _ARTICLE_CRUMB_RE.search(lines[above].rstrip())
            or _cut_short_crumb(lines[above], lines[index])
        ):
            return index
    return None


_CRUMB_TAIL_CHARS = 20


def _cut_short_crumb(crumb: str, line: str) -> bool:
    """A breadcrumb whose last item, the headline cut short ("… in the..."), the line below
    prints in full."""
    text = crumb.rstrip()
    if not text.endswith(("...", "…")):
        return False
    tail = text.rstrip(".…").rstrip()[-_CRUMB_TAIL_CHARS:]
    return len(tail) == _CRUMB_TAIL_CHARS and tail in line and len(line) > len(tail) + 5


def _below_open_breadcrumb(lines: Sequence[str], candidates: Sequence[int]) -> int | None:
    """A breadcrumb that ends in a separator ("首页 > 科技 >") points at the line below it: the
    page's own headline (one ending in a word for the article is `_below_article_crumb`'s)."""
    for index in candidates:
        above = previous_nonblank(lines, index)
        if (
            above is not None
            and lines[above].rstrip().endswith(_OPEN_TRAIL)
            and not has_full_stop(lines[above])  # "… for free! Try Now>>": a promotion
        ):
            return index
    return None


# a column's name and its writer's on one line: "专栏名 王某某"
_SIGNED_COLUMN_RE = re.compile(r"^[\u3400-\u9fff]{2,10}\s+[\u3400-\u9fff]{2,3}$")


def _headline_below_bar(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> int | None:
    """A forum or aggregator post prints its byline first ("Posted by …", "6 hr. ago") and the
    headline right below it: the first line after the head's last info-bar line, when it is a
    phrase shaped like a title and not a sentence of the body."""
    bars = [i for i in range(zones.body_start) if _step(verdicts[i]) in INFO_BAR_STEPS]
    if not bars:
        return None
    below = next_nonblank(lines, bars[-1])
    while below is not None and RELATIVE_TIME_RE.match(lines[below].lower().strip()):
        below = next_nonblank(lines, below)  # "6 hr. ago" under the poster's name
    if (
        below is None
        or below > zones.body_start
        or not is_title_candidate(lines[below], verdicts[below])
        or _one_latin_token(lines[below])
        or (ends_like_sentence(lines[below]) and not lines[below].rstrip().endswith(("?", "？")))
    ):
        return None
    following = next_nonblank(lines, below)
    if (
        _SIGNED_COLUMN_RE.match(lines[below].strip())
        and lines[below].strip().rsplit(maxsplit=1)[-1][0] in SURNAMES
        and following is not None
        and following <= zones.body_start
        and is_title_candidate(lines[following], verdicts[following])
    ):
        return following  # "专栏名 王某某": the column and its writer, above the headline
    return below


def _cut_short(lines: Sequence[str], index: int) -> bool:
    """A line ending in an ellipsis whose words open a later line: a teaser of that paragraph.
    A headline may end in an ellipsis too ("…学不完,不小心就被淘汰...")."""
    line = lines[index].strip()
    if not line.endswith(("…", "...")):
        return False
    opening = line.rstrip(".…").rstrip()
    if len(opening) < TEASER_MIN_CHARS:
        return False
    return any(other.lstrip().startswith(opening) for other in lines[index + 1 :])


def _step(verdict: Verdict) -> str | None:
    return verdict[0] if verdict is not None else None


def _one_latin_token(line: str) -> bool:
    """A single Latin word or path ("Engineering", "r/LocalModels"): a section, a community or a
    flair above or below a headline, which is a phrase."""
    return " " not in line.strip() and line.isascii()


def _site_name_over_headline(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones
) -> bool:
    """The page opens with a short name, then the byline, then a headline far wider than that
    name (a blog platform's post: "DEV Community", the author, "Posted on", the headline)."""
    first = next(i for i, line in enumerate(lines) if line)
    below = _headline_below_bar(lines, verdicts, zones)
    return (
        below is not None
        and below > first
        and width(lines[first]) <= NAME_OVER_HEADLINE_WIDTH
        and width(lines[below]) >= HEADLINE_OVER_NAME * width(lines[first])
    )


def _is_site_name(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    following = next_nonblank(lines, index)
    return (
        visible_length(lines[index]) <= SITE_NAME_MAX_CHARS
        and following is not None
        and verdicts[following] is not None
    )


_QUOTES_AND_COMMAS_RE = re.compile(r"[“”‘’「」『』《》\"',，、]")
_PICTURE_SUFFIX_RE = re.compile(r"(?:插图|插圖|配图|配圖)\d{0,2}$")


def _printed_twice(lines: Sequence[str], candidates: Sequence[int], zones: Zones) -> int | None:
    keys = {i: "".join(title_text(lines[i]).split()).lower() for i in candidates}
    for index in reversed(candidates):
        words = _QUOTES_AND_COMMAS_RE.sub("", lines[index])
        if letters(words) < 0.7 * visible_length(words) or width(lines[index]) < 16:
            continue  # "859 lines · 30.5 KB" or "History" printed twice is a control, not a title
        key = keys[index]
        for other in range(zones.body_start):
            if other == index or not lines[other]:
                continue
            text = "".join(LIST_ITEM_RE.sub("", lines[other]).split()).lower().rstrip(".…")
            text = _PICTURE_SUFFIX_RE.sub("", text)  # "<headline>插图", the picture's alt text
            if text == key or (len(text) >= 12 and key.startswith(text)) or text.endswith(key):
                return index
    return None


def front_matter_rows(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """A note's front matter printed as a table above the body ("layout default", "title X",
    "nav_order 4"): two or more consecutive head lines, each a known key and its value."""
    rows: list[int] = []
    run: list[int] = []
    for index in range(zones.body_start + 1):
        line = lines[index] if index < zones.body_start else ""
        if line and verdicts[index] is None and _FRONT_MATTER_ROW_RE.match(line):
            run.append(index)
            continue
        if len(run) >= 2:
            rows.extend(run)
        run = []
    return rows


def _crumb_of_the_next_line(lines: Sequence[str], index: int) -> bool:
    following = next_nonblank(lines, index)
    return (
        following is not None
        and LIST_ITEM_RE.match(lines[index].strip()) is not None
        and LIST_ITEM_RE.sub("", lines[index].strip()).strip() == lines[following].strip()
    )


def opening_headline(
    lines: Sequence[str], prose: Sequence[int], verdicts: Sequence[Verdict] | None = None
) -> bool:
    """The first prose line is a headline above the body although it is punctuated like prose
    ("越灵敏,越迟钝?这篇指南收藏就够了!", "The Roadmap for 2026: Skills, Salaries, and More"):
    title-like, no full stop ("。" or a final "."), and the next line is longer prose (chrome
    between them, such as a share button, does not count). A headline written as one sentence
    ("Ads are coming to the chatbot in 2026.") is one when the page prints it again below, or
    as the last item of the breadcrumb list right above it."""
    if len(prose) < 2:
        return False
    line = lines[prose[0]]
    headline = is_title_like(line) and not line.rstrip().endswith(("。", "."))
    if headline and line.strip() in {other.strip() for other in lines[prose[0] + 1 :]}:
        return True  # a headline the page prints twice, the copy right below it or further on
    above = previous_nonblank(lines, prose[0])
    if is_title_like(line) and above is not None and _crumb_of_the_next_line(lines, above):
        return True  # the last item of a breadcrumb list right above it, even as a sentence
    following = next_nonblank(lines, prose[0])
    while following is not None and following < prose[1] and verdicts and verdicts[following]:
        following = next_nonblank(lines, following)
    if not (
        is_title_like(line) and following == prose[1] and width(lines[following]) > width(line)
    ):
        return False
    if "。" not in line and not line.rstrip().endswith("."):
        return True
    one_sentence = not has_full_stop(line.rstrip()[:-1])
    return one_sentence and line in lines[following + 1 :]


def below_poster_bar(
    lines: Sequence[str], verdicts: Sequence[Verdict], prose: Sequence[int]
) -> bool:
    """The first prose line is a forum post's title: right below the bar naming its poster by
    handle ("r/SomeForum • u/someone • Oct 08 '20"), above longer prose. A thread's title is
    often a whole sentence, so it reads as prose.

    >>> below_poster_bar(["u/someone · May 3, 2024", "Evals are harder than training.",
    ...                   "I spent a year on it and here is what I learned about evals."],
    ...                  [("byline", ""), None, None], [1, 2])
    True
    """
    if len(prose) < 2:
        return False
    first, following = prose[0], prose[1]
    bar = previous_nonblank(lines, first)
    verdict = verdicts[bar] if bar is not None else None
    return (
        bar is not None
        and verdict is not None
        and verdict[0] in INFO_BAR_STEPS
        and HANDLE_RE.search(lines[bar]) is not None
        and is_title_like(lines[first])
        and next_nonblank(lines, first) == following
        and width(lines[following]) > width(lines[first])
    )


def previous_nonblank(lines: Sequence[str], index: int) -> int | None:
    for other in range(index - 1, -1, -1):
        if lines[other]:
            return other
    return None


def next_nonblank(lines: Sequence[str], index: int) -> int | None:
    for other in range(index + 1, len(lines)):
        if lines[other]:
            return other
    return None


def repeated_lines(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones, *, keep: int | None
) -> list[int]:
    """Short non-prose lines printed more than once above or below the body (a site's tagline,
    a category label, a title's second copy): never a line of the body, never ``keep``."""
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    return [
        i
        for i, line in enumerate(lines)
        if line
        and i != keep
        and verdicts[i] is None
        and counts[line] >= 2
        and (zones.is_head(i) or zones.is_tail(i))
        and visible_length(line) <= REPEATED_LINE_MAX_CHARS
        and not is_prose(line)
    ]


# "## 基础", "五、显存与量化", "5.1 为什么要量化": a section of the note's own, however short,
# even right under its title
_MARKDOWN_HEADING_RE = re.compile(
    r"^\s{0,3}#{2,6}\s+\S|^[一二三四五六七八九十]{1,3}、\S|^\d{1,2}(?:\.\d{1,2})+\s+\S"
)


def chrome_runs(
    lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones, *, keep: int | None
) -> dict[int, str]:
    """Short head/tail lines next to removed lines, as ``{index: reason}``.

    Spreads in both directions until nothing changes, never into the body and never onto
    ``keep`` (the title). A table of contents does not spread: the section heading below it is
    the article's.
    """
    removed = [v is not None for v in verdicts]
    spreads = [
        v is not None and v[0] not in _NEUTRAL_STEPS and v[1] != TITLE_AGAIN_REASON
        for v in verdicts
    ]
    footer = _footer_start(lines, verdicts, zones)
    cut_off = cut_off_last_line(lines, verdicts, zones.body_end)
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
                    and index not in (keep, cut_off)
                    and not (zones.is_head(index) and _MARKDOWN_HEADING_RE.match(line))
                    and (index > footer or _ARTICLE_VOICE_RE.search(line) is None)
                    and (
                        visible_length(line) <= RUN_MAX_CHARS
                        or (zones.is_tail(index) and _FIELD_RE.match(line) is not None)
                    )
                ):
                    removed[index] = spreads[index] = True
                    found[index] = "short line next to chrome, outside the article body"
                    changed = True
                neighbour_removed = spreads[index]
    return found


# Steps that remove what frames the article's own text, not chrome: a table of contents (the
# sections it lists follow it), block markup (":::info" … ":::" around a note's box) and a
# note's front matter.
_NEUTRAL_STEPS = frozenset({"contents", "markup", "front_matter"})
# The headline printed again where the article starts: what follows it is the article's.
TITLE_AGAIN_REASON = "the title printed again below it"


def _footer_start(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> int:
    """Index of the first removed line below the body (``len(lines)`` when there is none). A
    table of contents or block markup never starts the footer, nor does a table's or a chart's
    source note ("Source: …", "数据来源：…"): the article goes on below its figures."""
    return next(
        (
            i
            for i in range(zones.body_end, len(lines))
            if lines[i]
            and verdicts[i] is not None
            and _step(verdicts[i]) not in _NEUTRAL_STEPS
            and _SOURCE_NOTE_RE.match(lines[i]) is None
            and _RULE_LINE_RE.match(lines[i]) is None
            and not _amid_kept_lines(lines, verdicts, i)
        ),
        len(lines),
    )


def _amid_kept_lines(lines: Sequence[str], verdicts: Sequence[Verdict], index: int) -> bool:
    """A line taken as a tag cloud between two kept ones, the one below a long one: a table's
    row inside the article's last part, not the footer's first line."""
    above, below = previous_nonblank(lines, index), next_nonblank(lines, index)
    return (
        _step(verdicts[index]) == "keyword_cloud"
        and above is not None
        and below is not None
        and verdicts[above] is None
        and verdicts[below] is None
        and visible_length(lines[below]) >= AMID_LINE_MIN_CHARS
    )


AMID_LINE_MIN_CHARS = 20


# a horizontal rule between the article's sections
_RULE_LINE_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
# a figure's source note, under its table or chart
_SOURCE_NOTE_RE = re.compile(
    r"^(?:source|sources|data source|数据来源|資料來源|资料来源|来源)\s*[:：]", re.IGNORECASE
)


CUT_OFF_MIN_CJK = 8
CUT_OFF_MIN_WORDS = 8
# a comment's row ("推 user: 同意 05/02 10:12") ends with its time; a count ends a counter
_ROW_END_RE = re.compile(r"\d$|^\S{1,24}[:：]\s")
_OPEN_END_RE = re.compile(r"[。！？!?.;；:：)）」』”\]】>»]$")


# what marks the page's tail as a listing of other items: the next card's date bar, a link
_LISTING_STEPS = INFO_BAR_STEPS | {"recommendation", "link", "pager"}


def cut_off_last_line(
    lines: Sequence[str], verdicts: Sequence[Verdict], body_end: int = 0
) -> int | None:
    """The page's last line when it is a sentence the crawl cut off ("值得一提的是,某公司標榜
    Lla", "1. 您認為大型語言模型在未"): no rule claimed it, it runs on without a closing mark
    and has a sentence's worth of words. The article goes on to there, whatever chrome (an
    embedded post, a caption) stands between; not when a listing's date bar or a link below
    the body (from ``body_end``) shows it is the next item's teaser.

    >>> cut_off_last_line(["正文。", "", "值得一提的是,该公司标榜这款新模型在"], [None] * 3)
    2
    >>> cut_off_last_line(["正文。", "相关阅读"], [None] * 2) is None
    True
    """
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), None)
    if last is None or verdicts[last] is not None:
        return None
    if any(_step(verdicts[i]) in _LISTING_STEPS for i in range(body_end, last)):
        return None
    line = lines[last].strip()
    if _OPEN_END_RE.search(line) or line.startswith("#") or _ROW_END_RE.search(line):
        return None
    words = len(LATIN_WORD_RE.findall(line))
    cjk = len(_HAS_CJK_RE.findall(line))
    return last if cjk >= CUT_OFF_MIN_CJK or (cjk == 0 and words >= CUT_OFF_MIN_WORDS) else None


def tail_sweep(lines: Sequence[str], verdicts: Sequence[Verdict], zones: Zones) -> list[int]:
    """Lines below the first chrome line that follows the article: the footer continues.

    Every line below the body is non-prose by construction (the body ends at the last prose
    line), so this never touches an article sentence. Short lines of the article's own that
    end the body (a verse, a list) sit *above* the footer and are left alone.
    """
    footer = _footer_start(lines, verdicts, zones)
    cut_off = cut_off_last_line(lines, verdicts, zones.body_end)
    return [
        i
        for i in range(footer + 1, len(lines))
        if lines[i] and verdicts[i] is None and i != cut_off
    ]
