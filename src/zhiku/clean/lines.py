"""Line classifiers: one small named rule per kind of chrome, each judging a line on its own.

A rule returns the reason the line is chrome, or ``None``. Rules look at structure and
statistics (token lengths, separators, how much of the line is left once its furniture words
are taken away), so they apply to sites we have never seen. Lines that read as prose (long, with
sentence punctuation) are only ever removed on very strong evidence: legal notices and cookie
banners, which are prose by construction.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence

from zhiku.clean.dates import CRAWL_STAMP_RE, DATE_RE, split_doubled_dates
from zhiku.clean.figures import (
    CAPTION_MAX_CHARS,
    POST_PICTURE_MAX_CHARS,
    SCREENSHOT_ALT_MAX_CHARS,
    alt_text,
    author_avatar,
    figure_label,
    image_residue,
    photo_credit,
    post_picture,
    screenshot_alt,
    stock_alt_text,
)
from zhiku.clean.flattened import block_markup
from zhiku.clean.front_matter import front_matter_line
from zhiku.clean.metadata import (
    COLUMNIST_RE,
    DESK_DATE_RE,
    OUTLET_WEEKDAY_RE,
    SENT_FROM_RE,
    find_wire_byline,
)
from zhiku.clean.vocabulary import (
    AD_SLOT_RE,
    BREADCRUMB_HOME_RE,
    CALL_TO_ACTION_RE,
    CLOUD_LABEL_RE,
    CONTACT_RE,
    COPYRIGHT_RE,
    COUNTER_RE,
    DOWNLOAD_LABEL_RE,
    EMAIL_RE,
    EN_BYLINE_RE,
    EN_STOPWORDS,
    FORUM_PROFILE_RE,
    GREETING_RE,
    ISSUE_WORDS_RE,
    LEGAL_ID_RE,
    LEGAL_TERMS_RE,
    MARKUP_EXAMPLE_RE,
    MARKUP_WORDS_RE,
    META_FIELD_RE,
    META_LABEL_RE,
    META_LABEL_WORDS_RE,
    PAGER_RE,
    PHONE_RE,
    PROVENANCE_RE,
    READING_LIST_LABEL_RE,
    RELATED_LINK_RE,
    SELF_REFERENCE_RE,
    SHORT_CALL_TO_ACTION_RE,
    SHORT_FIELD_RE,
    SPONSOR_RE,
    TERM_AND_GLOSS_RE,
    TRAILING_HEADER_RE,
    UI_WORDS_RE,
    WEAK_COPYRIGHT_RE,
)

LineRule = Callable[[str], "str | None"]

_SPACE_RE = re.compile(r"\s+")
_NOT_LETTER_RE = re.compile(r"[\W\d_]+")
# a full stop may sit inside a closing quote: "…to frontend deployment.”"
_SENTENCE_END_RE = re.compile(r"[。！？；]|[!?;](?:\s|$)|[\w)\]”\"'’][.][”\"’」』]?(?:\s|$)")
_TERMINAL_RE = re.compile(r"(?:[。！？!?.;；…]|\.\.\.)[\s”\"’'」』)）]*$")
_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_BARE_URL_RE = re.compile(r"^[<(\[]?(?:https?://|www\.)\S+?[>)\]]?$")
# the picture's source given as its address: "图片来源:https://…", "Image source: https://…"
_PICTURE_SOURCE_RE = re.compile(
    r"^(?:图片来源|图片源于|图源|图片出处|image source|photo source|image via)\s*[:：]\s*https?://\S+$"
)
# "某市网站建设_网站建设公司_网站备案_seo优化": Chinese keywords joined by underscores (a code
# identifier has no Chinese in it)
_UNDERSCORED_KEYWORDS_RE = re.compile(
    r"(?=(?:[^_]*[\u4e00-\u9fff][^_]*_){2})[^\s_]{2,14}(?:_[^\s_]{2,14}){3,}"
)
# "…_智子_20210312": a document named with its date, as files are
_DATE_STAMP_PART_RE = re.compile(r"_(?:19|20)\d{2}-?[01]\d-?[0-3]\d(?:_|$)")
_RECORD_NUMBER_RE = re.compile(r"^[a-z]+\s*#\d+$")
# a disclosure widget: "▼ Summary", "▶ 展开全文"
_TOGGLE_RE = re.compile(r"^[▼▶▲►▸▾▹◀▽△]\s*\S")
_TOGGLE_MAX_CJK = 8  # "▼ 展开全部评论"
# a repost template's labels, their values on the lines below: "原文标题:", "记者署名:"
_TEMPLATE_LABEL_RE = re.compile(
    r"^(?:原文标题|原文内容|原文连结|原文网址|记者署名|新闻标题|新闻内容|心得/评论|备注)\s*[:：]$"
)
# a site's address alone, in lower case: "techcrunch.com" ("Character.AI" is a name)
_BARE_DOMAIN_RE = re.compile(
    r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|co|cn|tw|hk|info|xyz)$"
)
# an embed's attributes left as text: frameborder="0", allow="autoplay; …", allowfullscreen
_HTML_ATTRIBUTES_RE = re.compile(
    r"^(?:(?:frameborder|allowfullscreen|allow|width|height|style|src|title|referrerpolicy"
    r"|loading|class|id)(?:\s*=\s*[\"'“”″′][^\"'“”″′]*[\"'“”″′])?\s*)+/?>?$",
    re.IGNORECASE,
)
# a domain and a path, without the scheme: "example.com/2025/05/05/some-post"
_SCHEMELESS_URL_RE = re.compile(
    r"^(?:[a-z0-9-]+\.)+(?:com|org|net|io|ai|dev|app|co|cn|tw|hk|jp|uk|de|info|me|xyz|edu|gov)"
    r"(?:\.[a-z]{2})?/[^\s\u4e00-\u9fff]+$",
    re.IGNORECASE,
)
_CLAUSE_STOP_RE = re.compile(r"[\w)\]”\"'’][.](?:\s|$)")
# "gP" in "TuningPEFT": a lower-case letter glued to a capitalized word (or an acronym's end
# glued to a capitalized word: "PEFTHugging").
_GLUE_RE = re.compile(r"[a-z](?=[A-Z][a-z])|[A-Z](?=[A-Z][a-z]{2})")
_GLUE_FORBIDDEN_RE = re.compile(r"[.,;:!?()=_/\\\[\]{}<>'\"。，：；！？（）]|\d")
_LIST_SEPARATOR_RE = re.compile(r"[,，、_|｜]")
_CLOUD_MARK_RE = re.compile(r"[|｜,，、/·•;；#]")
_HEX_COLOR_RE = re.compile(r"#(?:[0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3})\b")
_MONTH_YEAR_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s+(?:19|20)\d{2}\b"
)
_JOINED_PHRASE_RE = re.compile(r"\w\s+[&—–]\s+\w")
_CLOUD_SPLIT_RE = re.compile(r"[\s|｜,，、/·•;；]+")
# what a breadcrumb or a tag cloud never holds: a quotation, 的
_PROSE_MARK_RE = re.compile(r"「[^」]*」|『[^』]*』|“[^”]*”|的")
_BRACKETED_RE = re.compile(r"\([^()]*\)|（[^（）]*）")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*(?:>|＞|›|»|→|/|\\)\s*")
_HARD_STOP_RE = re.compile(r"[。！？!?]")
# an info bar's last field, a keyword list that runs to the end of the line
_KEYWORDS_TAIL_RE = re.compile(r"(?<=\s)(?:关键词|关键字|标签|tags?|keywords?)\s*[:：].*$")
# a date without its year, as an info bar prints it: "发布于 05月19日09:45"
_MONTH_DAY_RE = re.compile(r"\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?")
# a clock time or a length ("01:15:58" of an episode) and a hashtag, fields of a bar too
_CLOCK_OR_TAG_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b|#\w+")
# A poster's or a community's handle in a forum's info bar: "u/someone", "r/MachineLearning", "@someone"
HANDLE_RE = re.compile(r"(?<![\w/])/?[ur]/[\w-]+|(?<![\w@])@[\w.-]+")
_CJK_CHAR_RE = re.compile(r"[\u3400-\u9fff]")
_FIELD_SEPARATOR_RE = re.compile(r"[•·|｜]")
_SLUG_RE = re.compile(r"^[a-z]+(?:-[a-z]+){4,}$")
# "← Example Blog", "‹ Back": an arrow pointing back to the site, with its name
_BACK_LINK_RE = re.compile(r"^\s*(?:←|⟵|⬅|‹|«|<-)\s*\S+(?:\s+\S+){0,3}\s*$")
# "Back to Reading List", "Back to all guides": a link back to a listing of the site
_BACK_TO_LISTING_RE = re.compile(
    r"^back to (?:the |all |my |our )?(?:[\w-]+ ){0,2}(?:list|blog|home|homepage|articles|posts|"
    r"news|docs|documentation|index|overview|search|results|courses?|library|papers|notes|menu|"
    r"dashboard|projects|resources|guides|tutorials|topics|stories|feed|contents|categories|archive)$"
)
# "Navigation: <- 4.2 Tools | 4.4 Memory ->": a page's own previous/next links, labelled
_NAV_LABEL_RE = re.compile(
    r"^(?:navigation|nav|page navigation|post navigation)\s*[:：].*(?:<-|->|←|→|«|»|‹|›)"
    # a blog's filtered listing says what it shows: "Showing posts with label X. Show all posts"
    r"|^showing (?:posts|articles|results) (?:with label|for query|from|matching|tagged)\b"
)
# "某某科技 | 公众号 ExampleAI": the outlet and the WeChat account it publishes under
_ACCOUNT_MASTHEAD_RE = re.compile(
    r"^[^\s|｜]{2,12}\s*[|｜]\s*(?:微信)?公众号\s*[:：]?\s*[\w-]{2,30}$"
)
# "• State Management: track every state change": a term, a colon and its explanation
_DEFINITION_RE = re.compile(r"^[^\w(]*[A-Za-z][\w\-’'&/ <>=+]{0,40}[:：]\s*(?:\S+\s+){3,}\S")
_PAGER_AFTER = frozenset(" \t:：|｜»›>-—")
_PERIOD_RE = re.compile(r"[^\W\d_][.](?:\s|$)")
_MARKUP_CHARS = frozenset("*_`[")
READING_TIME_RE = re.compile(
    r"\d+\s*(?:min|mins|minute|minutes)\s+read(?![a-z])|\d+\s*分钟(?:阅读|读完)|阅读时长|"
    r"阅读\s*[约~]?\s*\d+\s*(?:分钟|mins?\b)|(?:reading time|read time|est\.? read|estimated read(?:ing)? time)\s*[:：]?\s*[~≈约]?\s*\d+"
    r"(?:\s*[–~-]\s*\d+)?\s*(?:min(?:ute)?s?|h\b|hours?\b)|"
    r"(?:阅读|读完|读毕)时间\s*[≈~约:：]?\s*\d+\s*分钟|"
    r"(?:读毕|阅读|读完)需时\s*\d+\s*分钟|"
    # "预计需要花费 13 分钟才能阅读完成", "阅读约需 8 分钟"
    r"需要?(?:花费)?\s*\d+\s*分钟(?:才能|可以)?(?:阅读|读)完|阅读(?:约|大约)?需要?\s*\d+\s*分钟|"
    # the article's length in characters: "(节录)全文共5622字", "本文约 3,000 字"
    r"(?:全文|本文)(?:共|约|共约|约有|共有|大约)\s*[\d,]+\s*字|^[(（]\s*[\d,]+\s*字\s*[)）]$|^共\s*[\d,]+\s*字$|"
    # a reading time in seconds ("~90s read"), an audio player's clock ("0:00/ 0:00")
    r"\d+\s*(?:s|secs?|seconds)\s+read\b|^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$|"
    # a clock's emoji before the minutes, or the minutes beside a word count: "⏱ 1 min 167 words"
    r"⏱\ufe0f?\s*\d+\s*min|\d+\s*mins?\s*[·•|,]?\s*[\d,]+\s*words\b"
)
# an age inside a line ("live·generated 6d ago", "3 hours ago", "2天前"): the line is a bar
AGE_IN_LINE_RE = re.compile(
    r"(?<![\w.])\d+\s*(?:[smhdwy]|mo|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?"
    r"|years?)\s+ago\b|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前"
)
# "More Decks by X", "Other posts in Y": links to the author's or the section's other pages
_MORE_BY_RE = re.compile(
    r"^(?:more|other) (?:[a-z]+ ){1,2}(?:by|from|in) \S|^more in [\w ]{2,30}\s*(?:→|->|»|›)$",
    re.IGNORECASE,
)
# "首页 搜索 我的知识库": a menu of short labels opening with the home link
_MENU_ROW_RE = re.compile(r"^(?:首页|主页|home)(?:\s+\S{1,6}){2,8}$", re.IGNORECASE)
# "| 资料获取 | |", "| == 资讯 == | |": one label and empty cells, a menu flattened to a table
_NAV_TABLE_ROW_RE = re.compile(
    r"^\|\s*[^|]{1,16}?\s*\|(?:\s*\|)+\s*$|^\|(?:\s*\|)+\s*[^|]{1,16}?\s*\|\s*$"
)
_AGE_RE = re.compile(r"\d+\s*(?:秒|分钟|小时|天|周|个月)前")
_LIST_MARKER_RE = re.compile(r"^(?:\d{1,2}[.、)]|[-*•·])\s+")

PROSE_MIN_WIDTH = 30  # about 15 Chinese characters or 30 Latin ones
RUNNING_TEXT_MIN_WIDTH = 2 * PROSE_MIN_WIDTH  # ~30 Chinese characters or ~60 Latin ones
_WIDE_RE = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
# Chinese grammatical words: a tag is a noun phrase, a clause has these ("在…上使用", "的概念").
_ZH_FUNCTION_RE = re.compile(r"[的了过着们吗呢吧把被让将由在和从对要会就也都]|已经|可以|这|那")
# Code: assignments, calls, decorators, type hints; a line of code is not a list of tags.
_CODE_RE = re.compile(r"[=@{}]|\w\(|->|::|\b(?:def|class|return|import|self)\b|__\w+__")
_TAG_LINE_RE = re.compile(
    r"^(?:tags?|tagged|topics?|categories|category|filed under|subjects?|keywords?|"
    r"标签|关键词|关键字|分类|话题|分类专栏|所属专栏|专栏|文章标签|收录于(?:合集|话题)?)\s*[:：]|"
    r"^收录于(?:合集|话题)\s*[#＃]"
)


_SHELL_RE = re.compile(
    r"^\s*(?:\$|>>>|(?:pip3?|conda|npm|npx|yarn|git|docker|python3?|sudo|apt(?:-get)?|brew|"
    r"curl|wget|uv|ollama|huggingface-cli)\s+\S)"
)
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|.*\|\s*$")


# a Markdown table's row printed without its leading bar: "A100 | 40 | ¥18,000 | 训练 |"
_OPEN_TABLE_ROW_RE = re.compile(r"^[^|]+(?:\|[^|]*){2,}\|\s*$")
_CELL_LINE_RE = re.compile(r"^[^|]{1,40}\s\|$")
CELL_RUN_MIN_LINES = 8
CELL_RUN_MIN_NUMBERS = 3


def table_cell_lines(lines: Sequence[str]) -> set[int]:
    """Lines of a table flattened to one cell a line ("Models |", "28 |", "32K |"): runs of eight
    or more such lines with numbers among them. A table's cells repeat at the line ends the
    way an anti-scraping mark does, and are no mark.

    >>> sorted(table_cell_lines(["Model |", "Layers |", "A |", "28 |", "B |", "36 |", "C |", "40 |"]))
    [0, 1, 2, 3, 4, 5, 6, 7]
    """
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line and _CELL_LINE_RE.match(line.strip()):
            run.append(index)
            continue
        numbers = sum(any(c.isdigit() for c in lines[i]) for i in run)
        if len(run) >= CELL_RUN_MIN_LINES and numbers >= CELL_RUN_MIN_NUMBERS:
            found.update(run)
        run = []
    return found


def is_article_structure(line: str) -> bool:
    """A line of code, a shell command or a table row: what an article is built of even when
    other articles of its site print the same line (tutorials share imports and install
    commands). A bare link is not code, whatever its query string holds. List items are not
    among them: a list of the site's popular posts repeats on every page.

    >>> [is_article_structure(x) for x in ("import torch", "pip install vllm", "| a | b |")]
    [True, True, True]
    >>> [is_article_structure(x) for x in ("https://a.cn/?id=3", "扫码关注公众号", "- 热门文章")]
    [False, False, False]
    """
    text = line.strip()
    if "://" in text and " " not in text:
        return False
    return bool(_CODE_RE.search(text) or _SHELL_RE.match(text) or TABLE_ROW_RE.match(text))


_NOTE_ITEM_RE = re.compile(
    r"^\s*(?:[-*•·▪●◦‣]|\d{1,2}(?:\.\d{1,2})*[.、)]?|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)\s*\S"
)
_NUMBERED_STEP_RE = re.compile(r"^\s*(?:\d{1,2}[.、)]|第[一二三四五六七八九十\d]+步)\s*\S")
_NOTE_FIELD_RE = re.compile(r"^\s*[^:：\s][^:：]{0,20}[:：]\s*\S.{2,}")
NOTES_MIN_LINES = 3
NOTES_MIN_WIDTH = RUNNING_TEXT_MIN_WIDTH


def is_note_line(line: str) -> bool:
    """A line of notes written without sentences: a list item or a ``label: value`` line with
    some content (``响应速度:12 token/s``), code, a command or a table row.

    >>> [is_note_line(x) for x in ("• 轻量化部署:7B参数模型仅需8GB内存", "$ ollama run llama2", "关于我们")]
    [True, True, False]
    """
    if is_article_structure(line):
        return True
    if _NUMBERED_STEP_RE.match(line):  # "3. 配置环境变量": a step, however short
        return width(line) >= PROSE_MIN_WIDTH // 3
    return width(line) >= PROSE_MIN_WIDTH // 2 + 1 and bool(
        _NOTE_ITEM_RE.match(line) or _NOTE_FIELD_RE.match(line)
    )


# words of a clause, not of a label: pronouns, particles, auxiliaries
_CLAUSE_WORD_RE = re.compile(r"[的了是我你他她它们吗呢吧把被让要会就也都在很才再先还没不这那有]")
VERSE_MIN_LINES = 4


def is_verse_line(line: str) -> bool:
    """A short line of running words without punctuation, as social posts and WeChat
    articles break their text ("很多人问我" / "到底要学什么"), not a menu label.

    >>> is_verse_line("到底要学什么"), is_verse_line("关于我们"), is_verse_line("联系方式")
    (True, False, False)
    """
    if width(line) < 10 or letters(line) < 4 or _URL_RE.search(line):
        return False
    if _CJK_CHAR_RE.search(line):
        return _CLAUSE_WORD_RE.search(line) is not None
    words = line.lower().split()
    return len(words) >= 3 and any(w in EN_STOPWORDS for w in words)


def reads_as_notes(lines: Sequence[str]) -> bool:
    """Lines that make an article though none is a sentence: at least `NOTES_MIN_LINES` note
    lines (lists, fields, code) of `NOTES_MIN_WIDTH` together, or `VERSE_MIN_LINES` lines of
    running words. A page of menu labels is neither.

    >>> reads_as_notes(["首页", "新闻", "关于我们", "联系方式"])
    False
    """
    notes = [line for line in lines if is_note_line(line)]
    if len(notes) >= NOTES_MIN_LINES and sum(width(line) for line in notes) >= NOTES_MIN_WIDTH:
        return True
    return sum(is_verse_line(line) for line in lines) >= VERSE_MIN_LINES


def is_latin_code(line: str) -> bool:
    """Code or a command written without Chinese (`is_article_structure` counts a Chinese
    clause with a bracket, ``说明(见下)``, as code; a watermark may sit at its end).

    >>> is_latin_code("ollama run qwen2.5:7b"), is_latin_code("模型(7B)的说明0Ur某网")
    (True, False)
    """
    return is_article_structure(line) and _CJK_CHAR_RE.search(line) is None


def visible_length(line: str) -> int:
    """Characters of ``line`` that are not whitespace."""
    return len("".join(line.split()))


def width(line: str) -> int:
    """Visible length with CJK characters counted twice: a Chinese character carries about
    as much text as two Latin letters, so one threshold serves both scripts."""
    return visible_length(line) + len(_WIDE_RE.findall(line))


def letters(text: str) -> int:
    """Letters and CJK characters in ``text`` (no digits, punctuation or spaces)."""
    return len(_NOT_LETTER_RE.sub("", text))


def is_prose(line: str) -> bool:
    """A line long enough and punctuated like a sentence: article text unless proven otherwise.
    Commas alone do not make prose of a list of names in title case (a site's tagline)."""
    if width(line) < PROSE_MIN_WIDTH:
        return False
    if _SENTENCE_END_RE.search(line) is not None:
        return not question_headline(line) and not _title_cased_question(line)
    return line.count("，") + line.count(",") >= 2 and not _title_cased_list(line)


TITLE_CASED_QUESTION_MIN_WORDS = 4
TITLE_CASED_LIST_MIN_WORDS = 3


def _title_cased_question(line: str) -> bool:
    """ "Will Chips Support Its Data Center Growth?": one question or exclamation, every word in
    capitals but the stopwords, as a headline is printed; a sentence is not."""
    text = line.strip()
    if not text.endswith(("?", "!")) or _SENTENCE_END_RE.search(text[:-1]):
        return False
    return title_cased(text, TITLE_CASED_QUESTION_MIN_WORDS)


LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
QUESTION_HEADLINE_MAX_WIDTH = 60
_QUESTION_THEN_PHRASE_RE = re.compile(r"^[^。！？!?.;；]+[?？!！]\s*[^。！？!?.;；:：,，、]+$")


def question_headline(line: str) -> bool:
    """ "AI Agent是什麼? 建立可靠的企業級應用": a question, then a phrase with no mark at all, as a
    headline with its subtitle is printed; a sentence ends with its mark."""
    if _QUESTION_THEN_PHRASE_RE.match(line.strip()) is None:
        return False
    return width(line) <= QUESTION_HEADLINE_MAX_WIDTH or title_cased(
        re.split(r"[?？!！]", line.strip())[-1]
    )  # "Rise of the Machines? Understanding and Using Generative AI", however long


def title_cased(phrase: str, min_words: int = 2) -> bool:
    """Latin words only, ``min_words`` or more, each capitalised but the stopwords."""
    if not phrase.isascii():
        return False
    content = [w for w in LATIN_WORD_RE.findall(phrase) if w.lower() not in EN_STOPWORDS]
    return len(content) >= min_words and all(w[0].isupper() for w in content)


def _title_cased_list(line: str) -> bool:
    """ "Artificial Intelligence, Investing, Commerce and the Future of Work": a site's tagline."""
    return title_cased(line, TITLE_CASED_LIST_MIN_WORDS)


def is_running_text(line: str) -> bool:
    """A long line of words without any sentence punctuation: a speech transcript or notes typed
    without it. Not prose by `is_prose`; the pipeline keeps such lines of a plain-text input
    only when nothing else on the page reads as prose."""
    if width(line) < RUNNING_TEXT_MIN_WIDTH or _SENTENCE_END_RE.search(line):
        return False
    return letters(line) >= 0.8 * len("".join(line.split()))


def ends_like_sentence(line: str) -> bool:
    return _TERMINAL_RE.search(line) is not None


def residue(line: str, *patterns: re.Pattern[str]) -> int:
    """Letters left in ``line`` once every match of ``patterns`` is taken out."""
    for pattern in patterns:
        line = pattern.sub(" ", line)
    return letters(line)


PHRASE_WORDS = 5
# A row of tags is short; a page run into one line with "#" headings in it is not one.
HASHTAG_LIST_MAX_CHARS = 300
LONG_TOKEN_CHARS = 12
_CJK_CLAUSE_RE = re.compile(r"[\u4e00-\u9fff]{8,}")
_BULLET_RE = re.compile(r"^\s*[•·*\-–]\s")
_EN_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "to", "for", "with", "in", "on", "is", "are", "how", "why", "what"}
)


TABLE_PHRASE_CELL_CHARS = 12


MEDIA_FILE_END_RE = re.compile(
    r"\.(?:mkv|mp4|avi|mov|webm|mp3|wav|m4a|flac|pdf|pptx?|docx?|xlsx?|zip|ipynb)\s*$"
)


_INLINE_CODE_LINE_RE = re.compile(r"^`[^`]+`$")
_HEADING_MARKS_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?=\S)")


def keyword_cloud(line: str) -> str | None:
    """Many short tokens joined by spaces, bars, commas or '#', with no sentence in them; or a
    few of them after a tag label ("热门标签 LoRA 微调 显存", "Tags: rag, eval"); or tags
    printed without any separator ("Fine-TuningLoRAPEFTPython")."""
    original = line
    line = line.lower()
    if "#" not in line and _HARD_STOP_RE.search(line):
        return None
    if MEDIA_FILE_END_RE.search(line):
        return None  # "参考视频: 13 - 1 - Introduction (3 min).mkv": a file it refers to
    if _INLINE_CODE_LINE_RE.match(original.strip()):
        return None  # "`cat app.py | llm -p "…"`": a command in a code span
    line = _HEADING_MARKS_RE.sub("", line)  # "### Retrieval x N": a heading, no hashtags
    if (label := CLOUD_LABEL_RE.match(line)) is not None and (
        found := _labelled_list(line[label.end() :])
    ):
        return found
    if (glued := _glued_tags(original)) is not None:
        return glued
    if _enumeration_only(original):
        return "keywords joined by 、"
    if _READING_TIME_GLUED_RE.match(original) and not ends_like_sentence(original):
        return "reading time run into tags"  # "4 min readOpen SourceArchitecture"
    line = _HEX_COLOR_RE.sub(" ", line)  # fill:#4f46e5 is a colour, not a hashtag
    if AGE_IN_LINE_RE.search(line) or READING_TIME_RE.search(line):
        return None  # a dated bar of labels, not a cloud of tags
    if _SHELL_RE.match(original):
        return None  # a command and its arguments
    if _slug_tags(original):
        return "tags printed as URL slugs"  # "vector-search cosine-similarity rag nlp"
    if _row_of_measures(original):
        return None  # "NVIDIA L4 24GB 121 TFLOPS 0.70-1.00 7B模型推理": a table's row without bars
    if _mostly_digits(original):
        return None  # "Batch 32 (tok/s)2,4621,9331,8791,124": a table's row run together
    if _MONTH_YEAR_RE.search(line):
        return None  # "Claude 2 Jul 2023 100 k tokens …": a table's row run into one line
    if (TABLE_ROW_RE.match(original) or _OPEN_TABLE_ROW_RE.match(original)) and (
        any(c.isdigit() for c in original)
        or max(visible_length(cell) for cell in original.split("|")) >= TABLE_PHRASE_CELL_CHARS
    ):
        return None  # "| 训练时间 | 19 分 15 秒 |", "| Node | 处理函数,接收 State |": a table's row
    tokens = [t for t in _CLOUD_SPLIT_RE.split(line.replace("#", " # ")) if t and t != "#"]
    if (
        len(tokens) >= 3
        and line.count("#") >= 3
        and len(line) <= HASHTAG_LIST_MAX_CHARS
        and not _SENTENCE_END_RE.search(line)
    ):
        return "hashtag list"
    if _PROSE_MARK_RE.search(line) or _DEFINITION_RE.match(original):
        return None
    if _JOINED_PHRASE_RE.search(line) and not _CLOUD_MARK_RE.search(line):
        return None  # "Designing & Building Models — Study Manual": words joined as a headline
    # Keywords joined by commas or underscores without spaces ("A,B,C,D,E-某网"): an SEO title.
    if _UNDERSCORED_KEYWORDS_RE.fullmatch(line.strip()) and not _DATE_STAMP_PART_RE.search(line):
        return "SEO keywords joined by underscores"  # a date stamp makes it a file's name
    listed = (
        len(tokens) >= 5 and " " not in line.strip() and _LIST_SEPARATOR_RE.search(line) is not None
    )
    if (len(tokens) < 8 and not listed) or ends_like_sentence(line) or _HARD_STOP_RE.search(line):
        return None
    if line.rstrip().endswith((":", "：")) or _CODE_RE.search(line) or _CLAUSE_STOP_RE.search(line):
        return None  # a clause that introduces what follows, or a line of code
    if any(_ZH_FUNCTION_RE.fullmatch(t) for t in tokens):
        return None  # "在", "和" standing alone between words: a sentence, not a tag
    if _BULLET_RE.match(original) and any(t in _EN_FUNCTION_WORDS for t in tokens):
        return None  # "• QLoRA — 4-bit base + adapters; the consumer-GPU breakthrough": a list item
    if sum(_ZH_FUNCTION_RE.search(t) is not None for t in tokens) > max(1, 0.15 * len(tokens)):
        return None
    if sum(_is_long_token(t) for t in tokens) > 0.15 * len(tokens):
        return None
    lengths = sorted(len(t) for t in tokens)
    if lengths[len(lengths) // 2] > 6 or _spaced_around_latin(original):
        return None
    stopwords = sum(t.lower() in EN_STOPWORDS for t in tokens)
    if stopwords > 0.1 * len(tokens):
        return None
    if stopwords and not _CLOUD_MARK_RE.search(line):
        return None  # words joined only by spaces, one of them "for" or "of": a headline
    if stopwords and any(_joins_a_phrase(part.split()) for part in _CLOUD_MARK_RE.split(line)):
        return None  # "Nvidia, AMD Stocks Up Sharply as AI Drives Chip Demand": a headline
    if _clauses_of_a_headline(original):
        return None  # "US Officials Defend New Chip Rules, Say Changes Could Come": a headline
    return f"{len(tokens)} short tokens without a sentence"


HEADLINE_CLAUSE_WORDS = 4


def _clauses_of_a_headline(line: str) -> bool:
    """Two or three title-cased Latin clauses of four or more words joined by commas: a
    headline's clauses, where tags between commas are one to three words long."""
    parts = line.split(",")
    return 2 <= len(parts) <= 3 and all(
        title_cased(part, HEADLINE_CLAUSE_WORDS) and not _CLOUD_MARK_RE.search(part)
        for part in parts
    )


def _spaced_around_latin(line: str) -> bool:
    """A Chinese phrase with spaces only around its Latin words ("使用 n8n + LineBot 搭建 RAG AI
    应用"): two Chinese words never stand side by side, as tags in a cloud do."""
    words = line.split()
    chinese = [_CJK_CHAR_RE.search(w) is not None for w in words]
    return (
        sum(chinese) >= 2
        and not any(a and b for a, b in itertools.pairwise(chinese))
        and _CLOUD_MARK_RE.search(line) is None
    )


def _is_long_token(token: str) -> bool:
    """Longer than a tag: 13 characters, or 8 Chinese ones ("确保训练开始时偏移为" is a clause)."""
    return len(token) > LONG_TOKEN_CHARS or _CJK_CLAUSE_RE.search(token) is not None


ENUMERATION_MIN_ITEMS = 8
ENUMERATION_ITEM_MAX_CHARS = 12
_ENUMERATION_ITEM_RE = re.compile(r"^[\w\u3400-\u9fff()（）.+-]+$")


def _enumeration_only(line: str) -> bool:
    """ "商业航天、星链、星舰、估值建模、…": eight or more short terms joined by "、" alone, no
    other mark or space: a page's keywords, never a sentence of the article."""
    items = line.strip().split("、")
    return len(items) >= ENUMERATION_MIN_ITEMS and all(
        0 < visible_length(item) <= ENUMERATION_ITEM_MAX_CHARS and _ENUMERATION_ITEM_RE.match(item)
        for item in items
    )


def _joins_a_phrase(words: Sequence[str]) -> bool:
    """Five or more words between two separators, joined by a stopword: a phrase, not a tag."""
    return len(words) >= PHRASE_WORDS and any(w in EN_STOPWORDS for w in words[1:-1])


_READING_TIME_GLUED_RE = re.compile(r"^\s*\d+\s*(?:min|mins|minutes?)\s+read[A-Z][^.!?]{0,80}$")


_SLUG_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BARE_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:[-–~]\d+(?:\.\d+)?)?")


def _row_of_measures(line: str) -> bool:
    """Cells joined by spaces alone, two of them bare numbers and one of those more than a digit
    ("121 … 0.70-1.00"): a table's row. A version beside a name ("llama 4 · qwen 3") is a tag."""
    numbers = [t for t in line.split() if _BARE_NUMBER_RE.fullmatch(t)]
    return (
        len(numbers) >= 2
        and any(len(n) > 1 for n in numbers)
        and not any(mark in line for mark in "·•|#/")
    )


def _mostly_digits(line: str) -> bool:
    """Digits (with their commas and points) make up two fifths of the line's characters."""
    chars = [c for c in line if not c.isspace()]
    return sum(c.isdigit() or c in ",." for c in chars) >= DATA_ROW_DIGIT_SHARE * len(chars)


DATA_ROW_DIGIT_SHARE = 0.4


# the languages a README or a docs page is offered in, each a link: "**English** | [中文](README_zh.md)"
_LANGUAGE_NAMES = frozenset(
    {
        "english",
        "中文",
        "简体中文",
        "繁体中文",
        "繁體中文",
        "日本语",
        "日本語",
        "한국어",
        "español",
        "français",
        "deutsch",
        "русский",
        "português",
        "italiano",
        "tiếng việt",
        "bahasa indonesia",
        "简中",
        "繁中",
        "en",
        "zh",
        "zh-cn",
        "zh-tw",
        "ja",
        "ko",
    }
)
_LINK_MARKUP_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


def language_switcher(line: str) -> str | None:
    """Two or more language names between bars or dots, and nothing else: a page's language
    switcher."""
    text = _LINK_MARKUP_RE.sub(lambda m: m.group(1) or "", line)
    parts = [p.strip().lower() for p in re.split(r"[|｜·•/]", text)]
    if (
        len(parts) >= 2
        and all(p in _LANGUAGE_NAMES for p in parts)
        and any(len(p) > 2 for p in parts)
    ):
        return "a page's language switcher"
    return None


def _slug_tags(line: str) -> bool:
    """Four or more lower-case tokens, two of them hyphenated like a URL's slug, and no word
    that joins a phrase: tags, not a heading ("cosine-similarity nearest-neighbors rag")."""
    tokens = line.split()
    return (
        len(tokens) >= 4
        and all(_SLUG_TOKEN_RE.fullmatch(t) for t in tokens)
        and sum("-" in t and any(c.isalpha() for c in t) for t in tokens) >= 2
        and not any(t in EN_STOPWORDS for t in tokens)
    )


def _glued_tags(line: str) -> str | None:
    """Tags run together: several lower-to-upper case joins and few spaces, no sentence; not
    a list item (``• 示例 RecursiveCharacterTextSplitter``: class names of a list).

    >>> _glued_tags("ChatGPTOpenAIClaudeGeminiLlama"), _glued_tags("• 示例PyPDFLoaderTextLoader")
    ('tags run together (5 joined)', None)
    """
    text = line.strip()
    if visible_length(text) > 80 or _GLUE_FORBIDDEN_RE.search(text) or _LIST_MARKER_RE.match(text):
        return None
    joins = len(_GLUE_RE.findall(text))
    if (
        joins >= 3
        and text.count(" ") <= max(2, joins // 2)
        and not any(w.lower() in EN_STOPWORDS for w in text.split())
    ):
        return f"tags run together ({joins + 1} joined)"
    return None


def _labelled_list(rest: str) -> str | None:
    tokens = [t for t in _CLOUD_SPLIT_RE.split(rest.replace("#", " ")) if t]
    if len(tokens) < 2 or ends_like_sentence(rest) or _SENTENCE_END_RE.search(rest):
        return None
    if max(visible_length(t) for t in tokens) > 16 or sum(t in EN_STOPWORDS for t in tokens) > 1:
        return None
    return f"tag label followed by {len(tokens)} short tokens"


def pager(line: str) -> str | None:
    """Links to the previous and next article: ``上一篇：… 下一篇：…``, ``« Previous post``."""
    line = line.lower()
    text = _LIST_MARKER_RE.sub("", line)
    first = PAGER_RE.search(text)
    if first is None or first.start() > 2 or text.endswith(("。", ".")):
        return None
    if first.end() < len(text) and text[first.end()] not in _PAGER_AFTER:
        return None  # "下一篇论文会讨论…" is a sentence, not a link
    labels = len(PAGER_RE.findall(text))
    if labels >= 2 or visible_length(text) <= 60:
        return f"previous/next article links ({labels} label{'s' if labels > 1 else ''})"
    return None


_EXAMPLES_RE = re.compile(r"[a-z0-9]\s*等")


# "HomeUncategorizedGlobal demand for … in the...": the items lost their separators
_GLUED_CRUMB_RE = re.compile(r"^(?:Home|首页|首頁)[A-Z\u4e00-\u9fff]\S.{0,200}(?:\.\.\.|…)$")
_BOXED_STEP_RE = re.compile(r"^\[[^\[\]]+\]$")


def breadcrumb(line: str) -> str | None:
    """``Home > Section > Page``: short segments joined by arrows; slashes inside brackets
    join alternatives, not a path.

    >>> breadcrumb("论文 / 解读 / 大模型"), breadcrumb("- 多模态融合(文本/图像/语音)")
    ('breadcrumb of 3 short segments', None)
    >>> breadcrumb("• 多模型支持:Llama2/Mistral/Vicuna等")
    >>> breadcrumb("AutoGen / CrewAI / LangGraph 等框架调研"), breadcrumb("调研:AutoGen/CrewAI/LangGraph")
    (None, None)
    >>> breadcrumb("您的位置:首页 > 资讯 > 收藏!")
    'breadcrumb starting at the home page'
    """
    if _GLUED_CRUMB_RE.match(line.strip()):
        return "breadcrumb run together, its headline cut short"
    line = line.lower()
    text = _BRACKETED_RE.sub("", _LIST_MARKER_RE.sub("", line))
    if visible_length(text) > 100 or _URL_RE.search(text):
        return None
    parts = [p for p in _BREADCRUMB_SPLIT_RE.split(text) if p]
    separators = len(_BREADCRUMB_SPLIT_RE.findall(text))
    home = BREADCRUMB_HOME_RE.match(text) is not None
    if home and separators >= 2:
        # its last item may be the headline, and end like a sentence ("… > 收藏!")
        return "breadcrumb starting at the home page"
    if _SENTENCE_END_RE.search(text):
        return None
    if _PROSE_MARK_RE.search(text):
        return None  # a flow in a sentence: "Agent：「目标 → 规划 → 执行」的模式"
    if _BOXED_STEP_RE.match(line.strip()):
        return None  # a box of a flow chart drawn in text: "[加载模型 → 分配内存/GPU]"
    only_slashes = not re.search(r"[>＞›»→]", text)
    if (_LIST_MARKER_RE.match(line) or only_slashes) and re.match(
        r"^[^:：/>＞›»→]{1,20}[:：]", text
    ):
        return None  # a note's field: "- 推理框架:vLLM / llama.cpp / TensorRT-LLM"
    if only_slashes and _EXAMPLES_RE.search(text):
        return None  # alternatives, not a path: "AutoGen / CrewAI / LangGraph 等框架调研"
    if separators and home:
        return "breadcrumb starting at the home page"
    if separators >= 2 and len(parts) >= 3 and all(visible_length(p) <= 14 for p in parts):
        return f"breadcrumb of {len(parts)} short segments"
    return None


# A row of a price ticker: a name (and symbol), the price, its change and the change in percent.
_TICKER_ROW_RE = re.compile(
    r"^[^\d\s]{1,16}(?:\s*[(（]?[A-Z]{2,6}[)）]?)?\s+[\d,]+(?:\.\d+)?\s+[+\-−▲▼]?\s?[\d,]+(?:\.\d+)?"
    r"\s+[+\-−▲▼]?\s?\d+(?:\.\d+)?%$"
)


TICKER_RUN = 3


def ticker_runs(lines: Sequence[str]) -> list[int]:
    """Rows of a market price ticker a site prints beside its articles: three or more in a row
    (one such row alone may be a results table's).

    >>> ticker_runs(["示例币ABC 12.5 -0.3 -2.34%", "某某币XY 1,985.91 -100.04 -4.80%",
    ...              "Index 5,012.3 +12.1 +0.24%", "The model scored 85.2, up 3.1 or 4%"])
    [0, 1, 2]
    """
    found: list[int] = []
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line and _TICKER_ROW_RE.match(line.strip()):
            run.append(index)
            continue
        if not line and run and index < len(lines):
            continue  # blank lines inside the ticker
        if len(run) >= TICKER_RUN:
            found.extend(run)
        run = []
    return found


_NUMBERED_HOME_RE = re.compile(r"^1[.)]\s*(?:home|首页|主页|首頁|主頁)$", re.IGNORECASE)
_NUMBERED_ITEM_RE = re.compile(r"^(\d)[.)]\s+\S")
BREADCRUMB_MAX_ITEMS = 6


def numbered_breadcrumb(lines: Sequence[str]) -> list[int]:
    """A breadcrumb printed as an ordered list, one item a line, from "1. Home" down to the
    article's own headline: its items after "Home" (the headline is printed again below).

    >>> numbered_breadcrumb(["1. Home", "2. Business", "3. A lab raises $9 million", "A lab …"])
    [1, 2]
    """
    for start, line in enumerate(lines):
        if not _NUMBERED_HOME_RE.match(line.strip()):
            continue
        items: list[int] = []
        for index in range(start + 1, min(len(lines), start + 2 * BREADCRUMB_MAX_ITEMS)):
            if not lines[index]:
                continue
            number = _NUMBERED_ITEM_RE.match(lines[index].strip())
            if number is None or int(number.group(1)) != len(items) + 2:
                break
            items.append(index)
        return items
    return []


DOUBLED_MIN_CHARS = 8
SCRAMBLE_MIN_TOKENS = 4


def is_scramble(text: str) -> bool:
    """Anti-scraping filler a forum hides between the lines: tokens of one or two printable
    ASCII characters, several of them punctuation ("; d5 F, W' O; P9 w( W! p/").

    >>> is_scramble("; d5 F, W' O; P9 w( W! p/ [; d' Y, I"), is_scramble("A B C D")
    (True, False)
    >>> is_scramble("x = y + 1; z = 2")
    False
    """
    tokens = text.split()
    if len(tokens) < SCRAMBLE_MIN_TOKENS or any(len(t) > 2 or not t.isascii() for t in tokens):
        return False
    marked = sum(any(not c.isalnum() for c in t) for t in tokens)
    return marked >= len(tokens) / 3 and "=" not in text


def scramble_line(line: str) -> str | None:
    return "anti-scraping filler" if is_scramble(line) else None


def doubled_line(line: str) -> str | None:
    """A line that is one phrase printed twice in a row (a headline run into its own copy). A
    name printed twice is an author card's, read by the byline steps.

    >>> doubled_line("新模型今天发布了新模型今天发布了"), doubled_line("Ada LovelaceAda Lovelace")
    ('a phrase printed twice in a row', None)
    """
    text = line.strip()
    size = len(text) // 2
    if len(text) % 2 or text[:size] != text[size:]:
        return None
    half = text[:size]
    if ends_like_sentence(half):
        return None  # a sentence said twice is the writer's, a headline run twice is the site's
    phrase = len(half.split()) >= 4 or len(_CJK_CHAR_RE.findall(half)) >= DOUBLED_MIN_CHARS
    return "a phrase printed twice in a row" if phrase else None


# "共计 5058 个字符，预计需要花费 13 分钟才能阅读完成。": a sentence, but about the page
_LENGTH_AND_TIME_RE = re.compile(
    r"[\d,]+\s*个?(?:字符|字)[^。]{0,12}?(?:预计|大约|约|需)[^。\d]{0,8}\d+\s*分钟"
)
# "TLDR. 字数约2000字,阅读5min,建议…": the page's note of its own length, a sentence or not
_LENGTH_NOTE_RE = re.compile(
    r"(?:字数|全文|本文)\s*[约共]?\s*[\d,]+\s*字[^。]{0,8}?(?:阅读|读完)\s*[约需]?\s*\d+\s*(?:分钟|mins?\b)"
)
LENGTH_NOTE_MAX_CHARS = 80


def length_note(line: str) -> str | None:
    """The article's length and reading time, said in a line of their own."""
    if visible_length(line) <= LENGTH_NOTE_MAX_CHARS and _LENGTH_NOTE_RE.search(line):
        return "the article's length and reading time"
    return None


_BARE_DURATION_RE = re.compile(r"^[•·*\-]?\s*\d{1,2}\s*(?:min|mins|minutes)$")
_BAR_SEPARATOR_RE = re.compile(r"\s[·•|｜]\s")


def _dated_duration_bar(line: str) -> bool:
    """ "May 3, 2026 · 4 min · Ada Park": a post's date and its reading time (no "read") as
    fields of one bar."""
    fields = [f.strip() for f in _BAR_SEPARATOR_RE.split(line)]
    return (
        len(fields) >= 2
        and any(_BARE_DURATION_RE.match(f) for f in fields)
        and any(DATE_RE.fullmatch(f) for f in fields)
    )


EMOJI_LINE_MAX_CHARS = 12


def _only_emoji(line: str) -> bool:
    """A flag, a pointing hand, a row of sparkles: pictographs with nothing said ("🇹🇼", "👇👇")."""
    marks = "".join(line.split())
    return (
        0 < len(marks) <= EMOJI_LINE_MAX_CHARS
        and any(unicodedata.category(c) == "So" for c in marks)
        and all(unicodedata.category(c) in ("So", "Sk", "Mn", "Cf") for c in marks)
    )


def counter_line(line: str) -> str | None:
    """View, click, like or comment counts, possibly with a date, and nothing else."""
    line = line.lower()
    if visible_length(line) <= 40 and _AGE_RE.search(line) and not _HARD_STOP_RE.search(line):
        return "post age and counters"  # "admin8个月前 (04-15)数码56"
    if _emoji_fields(line):
        return "info bar of emoji-led fields"
    if visible_length(line) > 60:
        return None
    # a reading time beside section labels or a word count: "Tier 3 · What we built 8 min read"
    if READING_TIME_RE.search(line) and not ends_like_sentence(line):
        return "reading time and section labels"
    if READING_TIME_RE.search(line) and residue(line, READING_TIME_RE, UI_WORDS_RE) <= 2:
        return "reading time"  # "Estimated reading time: 20–25 minutes."
    if _LENGTH_AND_TIME_RE.search(line):
        return "the article's length and reading time"
    if _BARE_DURATION_RE.match(line.strip()) or _dated_duration_bar(line):
        return "reading time"  # "• 7 minutes" under a view count
    if COUNTER_RE.search(line) and residue(line, COUNTER_RE, DATE_RE, UI_WORDS_RE) <= 2:
        return "view/click/like counter"
    if _counters_between_dots(line):
        return "counters and links between dots"
    return None


DATED_FIELD_MAX_WORDS = 6
DATED_FIELDS_MAX_CHARS = 100
# a clock time, or what an ISO timestamp leaves after its date: "t04:19:31", ".738830+00:00"
_CLOCK_TIME_RE = re.compile(
    r"t?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[+-]\d{2}:\d{2}|z\b)?|\.\d{3,}(?:[+-]\d{2}:\d{2})?"
)


def dated_fields(line: str) -> str | None:
    """An info bar of a date and a few short fields between dots, none of them a name the byline
    rule reads ("January 19, 2026 · Head of Research at Example Labs")."""
    if visible_length(line) > DATED_FIELDS_MAX_CHARS or not _dated_fields_between_dots(line):
        return None
    return "a date and short fields between dots"


def _dated_fields_between_dots(line: str) -> bool:
    """ "January 19, 2026 · Head of Engineering at Example Labs", "worked for 0 agents · created
    2026-06-16T04:19 · anonymous": fields between dots, one a date, the others a few words; a
    sentence has no such fields."""
    fields = _DOT_FIELD_RE.split(line.strip())
    return (
        len(fields) >= 2
        and any(
            DATE_RE.search(field) is not None
            and len(_CLOCK_TIME_RE.sub("", DATE_RE.sub("", field.lower())).strip()) <= 12
            for field in fields
        )
        and all(len(field.split()) <= DATED_FIELD_MAX_WORDS for field in fields)
        and not _SENTENCE_MARK_RE.search(_CLOCK_TIME_RE.sub(" ", DATE_RE.sub(" ", line)))
    )


_DOT_FIELD_RE = re.compile(r"\s[·•|｜]\s")
DOT_FIELD_MAX_WORDS = 4


def _counters_between_dots(line: str) -> bool:
    """ "1206 points · 381 comments on HN · read original →": fields between dots, two of them
    counts, the others a few words; a sentence has no such fields."""
    fields = _DOT_FIELD_RE.split(line.strip())
    return (
        len(fields) >= 3
        and sum(COUNTER_RE.match(field) is not None for field in fields) >= 2
        and all(len(field.split()) <= DOT_FIELD_MAX_WORDS for field in fields)
        and not _SENTENCE_MARK_RE.search(line)
    )


# a pictograph, with its variation selector: the mark that leads each field of an emoji bar
_SENTENCE_MARK_RE = re.compile(r"[.!?:;。！？：；]")
_EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?")
EMOJI_FIELDS_MIN = 3
EMOJI_FIELD_MAX_CHARS = 32


def _emoji_fields(line: str) -> bool:
    """ "📅 Published: Feb 1, 2026📖 45 min read📊 …": short fields, each led by an emoji, one of
    them a date or a reading time."""
    fields = [f.strip() for f in _EMOJI_RE.split(line) if f.strip()]
    return (
        len(_EMOJI_RE.findall(line)) >= EMOJI_FIELDS_MIN
        and len(fields) >= EMOJI_FIELDS_MIN
        and all(visible_length(f) <= EMOJI_FIELD_MAX_CHARS for f in fields)
        and not _HARD_STOP_RE.search(line)
        and any(READING_TIME_RE.search(f) or DATE_RE.search(f) for f in fields)
    )


_PERMALINK_GLYPHS = frozenset({"¶", "§", "🔗", "#"})
# "[7] [1] [8]": an encyclopedia's citation marks whose sentences were lost
_CITATION_MARKS_RE = re.compile(
    r"^(?:\[\d{1,3}\]\s*)+$|^[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?:[,\s]+[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})*$"
)


# A row of social networks to follow or share on: "Facebook | Threads | LinkedIn".
_SOCIAL_NAMES = (
    r"facebook|twitter|x|threads|linkedin|instagram|youtube|github|weibo|wechat|telegram|"
    r"discord|reddit|mastodon|bluesky|tiktok|line|rss|微博|微信|知乎|小红书|抖音|bilibili|b站"
)
_SOCIAL_ROW_RE = re.compile(rf"^(?:(?:{_SOCIAL_NAMES})\s*(?:[|｜/·•,，]\s*|$)){{2,}}$")


_LANGUAGE = (
    r"(?:en|zh|zh-cn|zh-tw|zh-hans|zh-hant|cs|de|fr|es|it|pt|ru|nl|pl|ja|jp|ko|kr|vi|th|id|ar|tr|"
    r"english|deutsch|français|español|中文|简体|简体中文|繁體|繁體中文|繁体中文|繁体|日本語|日本语|한국어)"
)
# "CS EN DE", "English | 中文": the site's language links, two or more of them
# "EN | 中文"; with its label, one language is enough: "Read in other languages: 한국어日本語"
_LANGUAGE_SWITCH_RE = re.compile(
    rf"^{_LANGUAGE}(?:\s*[|/·•]?\s*{_LANGUAGE}){{1,8}}$"
    r"|^(?:read (?:this )?in other languages|other languages|also available in)\s*[:：]?\s*"
    rf"{_LANGUAGE}(?:\s*[|/·•]?\s*{_LANGUAGE}){{0,8}}$"
)
# "Rendering diagram…", "Loading...", "加载中": what a script printed before its content came
_LOADING_RE = re.compile(
    r"^(?:loading|rendering|fetching|downloading|preparing|initializing)\b[^.!?]{0,40}(?:…|\.{3})$"
    r"|^(?:正在)?(?:加载|加載|载入|載入|渲染|读取|讀取)中?[，,]?\s*(?:请稍候|請稍候)?\s*(?:…+|\.{2,}|⋯+)$"
    r"|^(?:加载中|加載中|载入中|載入中)$"
)
LOADING_MAX_CHARS = 60
# a code host's toolbar over a file: "Raw Blame History", "一键复制 编辑 原始数据 按行查看 历史"
# (lines are folded: simplified and lower case)
_FILE_ACTIONS = frozenset(
    {"raw", "blame", "history", "edit", "copy", "download", "permalink", "preview", "delete"}
    | {"一键复制", "复制", "编辑", "原始数据", "按行查看", "历史", "下载", "删除", "预览"}
)
_FILE_TOOLBAR_MARKS = frozenset({"raw", "blame", "原始数据", "按行查看", "一键复制"})
FILE_TOOLBAR_MIN_WORDS = 3


def _file_toolbar(line: str) -> bool:
    """ "raw blame history": a code host's buttons over a file, one of them its own.

    >>> _file_toolbar("一键复制 编辑 原始数据 按行查看 历史"), _file_toolbar("edit history copy")
    (True, False)
    """
    words = line.split()
    return (
        len(words) >= FILE_TOOLBAR_MIN_WORDS
        and all(word in _FILE_ACTIONS for word in words)
        and any(word in _FILE_TOOLBAR_MARKS for word in words)
    )


# the engine a site runs on, or a forum's printable header: "Powered by Discuz! X3.4",
# "Proudly powered by WordPress | Theme: X", "欢迎光临 某论坛 (https://…)"
_ENGINE_CREDIT_RE = re.compile(
    r"^(?:proudly )?powered by (?:wordpress|discuz!?|hugo|jekyll|hexo|ghost|blogger|typecho|z-blog"
    r"|halo|vuepress|vitepress|docusaurus|gitbook|mkdocs|substack|squarespace|wix|webflow|phpbb"
    r"|vbulletin|discourse|drupal|joomla|notion|framer|astro|gatsby|zola|pelican)\b[\w .!&+-]{0,30}"
    r"(?:\s*[|·•&]\s*(?:theme\s*:?)?.{0,40})?$"
    r"|^欢迎光临\s*\S.{0,30}[(（]https?://[^)）\s]+[)）](?:\s*[|｜]?\s*powered by \S.{0,40})?$"
)


def engine_credit(line: str) -> str | None:
    """A site engine's credit, or a forum's printable header, the two run together or not
    ("欢迎光临 某论坛 (https://…) Powered by Discuz! X3.5").

    >>> engine_credit("欢迎光临 某论坛 (https://bbs.example.cn/) Powered by Discuz! X3.5")
    "the site engine's credit or welcome"
    >>> engine_credit("| 欢迎光临 某论坛 (https://bbs.example.cn/)"), engine_credit("Powered by Discuz! X3.4 |")
    ("the site engine's credit or welcome", "the site engine's credit or welcome")
    """
    return (
        "the site engine's credit or welcome"
        if _ENGINE_CREDIT_RE.match(line.lower().strip(" |｜"))  # a table's cell, its bars
        else None
    )


def ui_line(line: str) -> str | None:
    """Only interface words: buttons, menus, share bars, search boxes; or a record's number
    ("Report #97321", "Ticket #12").

    >>> ui_line("Facebook | Threads | LinkedIn"), ui_line("Threads")
    ('a row of social networks', None)
    >>> ui_line("EN | 中文"), ui_line("Rendering chart…"), ui_line("Loading the model weights")
    ('a language switch', 'a loading placeholder', None)
    """
    line = line.lower()
    if _RECORD_NUMBER_RE.match(line.strip()):
        return "a record's number"
    if _ENGINE_CREDIT_RE.match(line.strip()):
        return "the site engine's credit or welcome"
    if line.strip() in _PERMALINK_GLYPHS:
        return "a heading's permalink"
    if _CITATION_MARKS_RE.match(line.strip()):
        return "citation marks left alone on a line"
    if _SOCIAL_ROW_RE.match(line.strip()):
        return "a row of social networks"
    if _only_emoji(line):
        return "emoji alone on a line"
    if _LANGUAGE_SWITCH_RE.match(line.strip()):
        return "a language switch"
    if _file_toolbar(line):
        return "a code host's buttons over a file"
    if visible_length(line) <= LOADING_MAX_CHARS and _LOADING_RE.match(line.strip()):
        return "a loading placeholder"
    if (
        visible_length(line) <= 24
        and _TOGGLE_RE.match(line.strip())
        and len(_CJK_CHAR_RE.findall(line)) <= _TOGGLE_MAX_CJK  # "▲ 【某基金会】…" heads a story
    ):
        return "a toggle's label"
    if visible_length(line) <= 30 and TRAILING_HEADER_RE.fullmatch(line.strip().rstrip(":：")):
        return "a related-links label"
    if visible_length(line) > 40 or not UI_WORDS_RE.search(line):
        return None
    if residue(line, UI_WORDS_RE) > 1:
        return None
    return "interface words only"


def ad_slot(line: str) -> str | None:
    """The label of an advertising slot, in the languages crawled pages carry it ("廣告",
    "Anzeige", Blogger's "Iklan Atas Artikel": the ad above the article).

    >>> ad_slot("Iklan Tengah Artikel 1"), ad_slot("Advertisement"), ad_slot("Ads are coming")
    ('advertising slot label', 'advertising slot label', None)
    """
    return "advertising slot label" if AD_SLOT_RE.match(line.strip().lower()) else None


EMPTY_FIELD_REASON = "field label without a value"


def empty_field(line: str) -> str | None:
    """A field label whose value the page left empty ("Published on", "發佈時間：")."""
    if visible_length(line) > 20:
        return None
    text = line.lower()
    if _TEMPLATE_LABEL_RE.match(text.strip()):
        return EMPTY_FIELD_REASON
    if META_LABEL_WORDS_RE.search(text) is None:
        return None
    if letters(META_LABEL_WORDS_RE.sub(" ", text)) <= 1:
        return EMPTY_FIELD_REASON
    # "By • min read": a byline template whose fields (author, reading time) were left empty
    template = _FIELD_SEPARATOR_RE.search(text) is not None and not any(c.isdigit() for c in text)
    if template and residue(text, META_LABEL_WORDS_RE, UI_WORDS_RE) <= 1:
        return EMPTY_FIELD_REASON
    return None


def bare_url(line: str) -> str | None:
    """A line that is only a link (with or without its scheme: "example.com/2025/05/a-post"), a
    page's URL slug ("how-to-train-a-model"), a link's label whose link is gone ("项目链接:") or
    with nothing but its link ("链接:https://…"):
    the residue of a link list or a card, not a sentence."""
    if (
        _BARE_URL_RE.match(line)
        or _SCHEMELESS_URL_RE.match(line.strip())
        or _BARE_DOMAIN_RE.match(line.strip())
    ):
        return "a bare URL"
    if _PICTURE_SOURCE_RE.match(line.strip().lower()):
        return "a picture's source address"
    if visible_length(line) <= 24 and _LINK_LABEL_RE.match(line.strip().lower()):
        return "a link's label without its link"
    if _LABELLED_LINK_RE.match(line.strip().lower()):
        return "a labelled link"
    if _RELATIVE_PATH_RE.match(line.strip()):
        return "a relative file path"  # "../../tpl_static/wap/font3.html": a template's path
    if _FILE_AND_SIZE_RE.match(line.strip()):
        return "a file's name and size"
    if _LONE_HASHTAG_RE.match(line.strip()):
        return (
            "a topic's hashtag"  # "#算法工程师", "#话题#": the tag page the post was crawled from
        )
    return "a URL slug" if _SLUG_RE.match(line.strip()) else None


_RELATIVE_PATH_RE = re.compile(r"^(?:\.{1,2}[/\\])+[\w.-]+(?:[/\\][\w.-]+)*$")
# a code host's file header: "week8.md 24.79 KB"
_FILE_AND_SIZE_RE = re.compile(
    r"^[\w.-]+\.[a-z0-9]{1,5}\s+\d+(?:\.\d+)?\s*(?:bytes|[kmg]i?b|b)$", re.IGNORECASE
)
_LONE_HASHTAG_RE = re.compile(r"^#[^\s#]{2,30}#?$")


def html_attributes(line: str) -> str | None:
    """An embed's attributes left as text: ``frameborder="0"``, ``allow="autoplay; …"``."""
    return "raw HTML attributes" if _HTML_ATTRIBUTES_RE.match(line.strip()) else None


def forum_profile(line: str) -> str | None:
    """A poster's profile card on a forum: ``主题 12 帖子 345 积分 678``, ``注册时间 2019-1-1``."""
    line = line.lower()
    if visible_length(line) > 80:
        return None
    labels = FORUM_PROFILE_RE.findall(line)
    if not labels or (len(labels) < 2 and not DATE_RE.search(line) and not re.search(r"\d", line)):
        return None
    if residue(line, FORUM_PROFILE_RE, DATE_RE, UI_WORDS_RE, COUNTER_RE) > 2:
        return None
    return "forum poster's profile"


_POSTER_AGE_RE = re.compile(
    r"^(?:u/|@)?[^\s:：,，。.!?！？]{2,30}(?:\s+[^\s:：,，。.!?！？]{1,20}){0,2}\s*[·•|｜-]?\s*"
    r"(?:\d+\s*(?:[smhdwy]|mo|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)"
    r"\s+ago|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|yesterday|昨天|前天)"
    r"(?:\s*[·•]\s*(?:edited|已编辑)(?:\s+\d+\s*[a-z]+\s+ago)?)?$"
)


def poster_age(line: str) -> str | None:
    """A comment's header: the poster's handle or name and the post's age (``u/ttkciar 23h
    ago``, ``小王 3天前``).

    >>> poster_age("u/ttkciar 23h ago"), poster_age("We shipped it 3 days ago")
    ("poster's name and the post's age", None)
    """
    if visible_length(line) > 50 or _POSTER_AGE_RE.match(line.strip().lower()) is None:
        return None
    name = line.strip().split()[0].lower()
    if name in EN_STOPWORDS or name.removeprefix("u/").removeprefix("@") in EN_STOPWORDS:
        return None
    words = [w for w in re.split(r"[\s·•|｜-]+", line.strip()) if w]
    if len(words) > 5:
        return None  # "We shipped it 3 days ago": a clause, not a header
    return "poster's name and the post's age"


_OTHER_ARTICLE_DATE_RE = re.compile(
    r"^(?:最新推荐|推荐|相关|热门|最新|上一篇|下一篇)文章\s*(?:于|发布于|更新于)|"
    r"^(?:latest|recommended|related|previous|next) (?:post|article|story)s? (?:published|updated|on)\b"
)


# "3 days ago", "6 hr. ago", "last month", "2 小时前": the age of a post or of a listing row.
RELATIVE_TIME_RE = re.compile(
    r"^[·•]?\s*(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    r"[smhdwy])\.?\s+ago$|"
    r"^(?:yesterday|today|last (?:week|month|year))$|"
    r"^(?:\d+|几|半|一)\s*(?:秒|分钟|小时|天|周|个月|月|年)前$|^(?:昨天|前天|今天|上周|上个月|去年)$"
)


_SIGNATURE_RE = re.compile(r"^[※◆]\s*\S{1,12}\s*[:：]")
# a letter's or newsletter's closing words on their own line, above the sender's name
_SIGN_OFF_RE = re.compile(
    r"^(?:all the best|best regards|kind regards|warm regards|warmly|regards|best wishes|cheers"
    r"|sincerely|talk soon|until next time|see you next (?:week|time)|祝好|此致敬礼)[,，!！.。]?$"
)
# a link's label whose link is gone: "项目链接:", "原文網址：", "YouTube 傳送門" (a portal: a link)
_LINK_LABEL_RE = re.compile(
    r"^[\w\u4e00-\u9fff ]{0,8}?(?:链接|连结|网址|link|links|url)\s*[:：]$|^[^。,，.!?！？]{1,16}\s*(?:传送门|发送门)$"
)
# the same label with its address, nothing else: "链接:https://example.com/s/abc"
# "项目链接：https://…", and a project's name with its link ("Example Models: https://…")
_LABELLED_LINK_RE = re.compile(
    r"^[\w\u4e00-\u9fff ]{0,8}?(?:链接|连结|网址|地址|出处|来源|link|url|source|domain)\s*[:：]\s*"
    r"(?:https?://|www\.)\S+$"
    r"|^[\w\u4e00-\u9fff][\w\u4e00-\u9fff .&+-]{0,23}[:：]\s*"
    r"(?:https?://\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*)$"  # or an address without its scheme
    # a Markdown link alone on its line or heading, its label a word or two: "[Source](https://…)"
    r"|^(?:#{1,6}\s+)?\[[\w\u4e00-\u9fff][\w\u4e00-\u9fff .&+-]{0,23}\]\(https?://[^()\s]+\)$"
)
_SEPARATOR_RE = re.compile(r"^[-=_*~·•—–]{2,}$")
# A role printed under an author's name on a byline card ("Staff Engineer", "Head of AI at
# Example", "首席科学家").
_ROLE_RE = re.compile(
    r"^(?:(?:(?:senior|staff|principal|lead|chief|junior|associate|assistant)\s+)?"
    r"(?:[a-z&-]+\s+){0,2}"
    r"(?:engineer|manager|scientist|researcher|director|developer|designer|architect|"
    r"co-?founder|founder|ceo|cto|cfo|coo|professor|intern|analyst|evangelist|advocate|"
    r"editor|writer|correspondent|reporter)s?|(?:head|vp|vice president) of [a-z& -]{2,30}?)"
    r"(?:\s+(?:at|@|for|and (?:author|host|editor|creator) of)\s+\S.{0,40})?$|"
    r"^[\u3400-\u9fff]{0,8}(?:工程师|经理|研究员|科学家|总监|负责人|联合创始人|创始人|教授|实习生|"
    r"架构师|设计师|分析师|主编|记者|特约撰稿人)$"
)


# The furniture of a model or paper hub page: stats labels, tabs, buttons, ranking badges.
_HUB_FURNITURE_RE = re.compile(
    r"^(?:downloads last month|model size|tensor type|inference providers?|inference api|"
    r"files and versions|use this model|model card|spaces using|collections? including|"
    r"(?:models|datasets|spaces) citing this paper|add to collection|view arxiv page|"
    r"#\d+\s+\w+ of the (?:day|week|month))\b"
    # a series' navigation: "Hub: AI Engineering", "Part 2 of 9 in the … series"
    r"|^(?:hub|series)\s*:|^part \d+ of \d+ in\b"
)
# "Published on Mar 28": a byline date the page prints without its year.
_YEARLESS_DATE_LINE_RE = re.compile(
    r"^(?:(?:published|posted|updated|submitted|edited)\s+)?(?:on\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$"
    # a bar's item in Chinese: "- 5月19日"
    r"|^(?:[-•·]\s*)?(?:发布于|发表于|更新于)?\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]$"
)


# a field of a post's info bar: "Reading time: ~32 min", "Track: ML", "Date: Sun, 2026-07-05"
_FIELD_RE = re.compile(r"^[^\W\d][\w .'’()-]{0,28}\s*[:：]\s*\S")
_BAR_SPLIT_RE = re.compile(r"\s+[|｜·•]\s+")
FIELD_BAR_MIN_FIELDS = 3
FIELD_MAX_CHARS = 80


# a field's label of one or two words, capitalised, then its colon: "Review date: ", "Status/Venue: "
_RUN_LABEL_RE = re.compile(r"(?:^|(?<=\s))[A-Z][\w/-]*(?: [a-z][\w/-]*)?:\s")
RUN_LABELS_MIN = 4
# one label at least names a page's metadata, not a profile's or a table's content
_METADATA_LABEL_RE = re.compile(
    r"\b(?:date|author|reviewer|review|venue|status|published|updated|posted|source|category|tags?"
    r"|level|paper|track|version|license|language)\b"
)


def field_bar(line: str) -> str | None:
    """A bar of labelled fields, three or more, split by bars or dots ("Reading time: ~9 min |
    Level: Beginner | Roles: ML Engineer"): a post's metadata, not its prose.

    >>> field_bar("Date: Sun, 2026-07-05 · Track: ML · Level: intermediate · Est. read: 2 h")
    'a bar of labelled fields'
    >>> field_bar("Note: the model is small | it runs on a laptop | nothing to install")
    >>> field_bar("Review date: 2026-05-01 Reviewer: Ada Park Paper: X Venue: arXiv")
    'labelled fields run together'
    >>> field_bar("Background: chef for 8 years Timeline: 14 months Salary: $200,000 Project: a vision app")
    """
    labels = _RUN_LABEL_RE.findall(line)
    if (
        len(labels) >= RUN_LABELS_MIN
        and _RUN_LABEL_RE.match(line.strip())
        and any(_METADATA_LABEL_RE.search(label.lower()) for label in labels)
    ):
        return "labelled fields run together"  # "Review date: … Review author: … Venue: …"
    fields = _BAR_SPLIT_RE.split(line.strip())
    if len(fields) < FIELD_BAR_MIN_FIELDS or any(len(f) > FIELD_MAX_CHARS for f in fields):
        return None
    labelled = sum(_FIELD_RE.match(f) is not None for f in fields)
    enough = labelled >= max(len(fields) - 1, FIELD_BAR_MIN_FIELDS)
    return "a bar of labelled fields" if enough else None


# Where the page sits in a course or series: "Session 33 of the 48-session learning series.",
# "Module 1 of 9", "The … course · 3 parts", "系列文章：本文是…系列".
_SERIES_PLACE_RE = re.compile(
    r"^(?:part|session|module|lesson|chapter|episode|unit|week)\s+\d+\s+(?:of|/)\s+(?:the\s+)?\d+"
    r"(?:[- ][a-z]+){0,4}\.?$"
    r"|^.{1,60}\s[·•|]\s*\d+\s+(?:parts|lessons|modules|chapters|sessions|episodes|units)$"
    r"|^(?:>\s*)?系列文章\s*[:：]"
    # "📍 Part of: Tools → Topic 8 of 12": the series, then the place in it
    r"|^\W{0,3}part of\s*:?.{1,40}(?:part|topic|lesson|module|chapter|step|episode|unit)\s+\d+\s+of\s+\d+$"
)


def series_place(line: str) -> str | None:
    """Where the page sits in its course or series, alone on its line.

    >>> series_place("Module 3 of 9"), series_place("Part 2 of 5: Setting up the index")
    ('place in a course or series', None)
    """
    if _SERIES_PLACE_RE.match(line.lower().strip()) is None:
        return None
    return "place in a course or series"


_LABEL_ROW_SPLIT_RE = re.compile(r"\s+[·•]\s+|\s*[✦★✓✔✅]\s*")
LABEL_ROW_MIN_FIELDS = 3
LABEL_ROW_FIELD_WORDS = 4
LABEL_ROW_FIELD_CHARS = 30


def label_row(line: str) -> str | None:
    """Three or more short labels between dots or stars: a site's slogans or a course's perks
    ("Where developers are forged. · Structured learning · Free forever.", "✦ Real code ✦
    Interview questions ✦ Analogies"). A sentence runs longer between its marks.

    >>> label_row("✦ Plain analogies ✦ Real code with output ✦ Interview questions")
    'a row of short labels between dots'
    >>> label_row("We tested three models · each on two GPUs, and the larger one won by far")
    """
    if any(c.isdigit() for c in line) or "@" in line:
        return None  # a date, a count or a handle: an info bar, for the byline rules
    fields = [f for f in _LABEL_ROW_SPLIT_RE.split(line.strip()) if f]
    if len(fields) < LABEL_ROW_MIN_FIELDS:
        return None
    if any(
        len(f.split()) > LABEL_ROW_FIELD_WORDS or visible_length(f) > LABEL_ROW_FIELD_CHARS
        for f in fields
    ):
        return None
    return "a row of short labels between dots"


# "原标《2023 求职心得》": a reprint's original title, in brackets under its new headline
_ORIGINAL_TITLE_NOTE_RE = re.compile(
    r"^[(（]?(?:原标|原题|原文标题|原标题)\s*[《「][^》」]{1,60}[》」][)）]?$"
)


# a bulletin board's header run together: "看板Soft_Job标题Re: [心得] …作者"
_BOARD_HEADER_RE = re.compile(r"^看板\s*\S{1,30}?\s*标题.{2,120}?作者")


def board_header(line: str) -> str | None:
    """A bulletin board's post header, its fields run together (board, title, author)."""
    return "a bulletin board's post header" if _BOARD_HEADER_RE.match(line.strip()) else None


def original_title_note(line: str) -> str | None:
    """A reprint's original title named in brackets under the headline it now has; the label
    with a colon, "(原标题:…)", is a title of its own (`zhiku.clean.layout.TITLE_LABEL_RE`).

    >>> original_title_note("原标《2023 求职心得》"), original_title_note("原标题:求职心得")
    ("a reprint's original title", None)
    """
    return "a reprint's original title" if _ORIGINAL_TITLE_NOTE_RE.match(line.strip()) else None


def hub_furniture(line: str) -> str | None:
    """Labels and buttons of a model or paper hub page ("Downloads last month", "#3 Paper of
    the day"), each alone on its line or with its value."""
    if visible_length(line) > 80 or _HUB_FURNITURE_RE.match(line.lower().strip()) is None:
        return None
    return "model or paper hub furniture"


def yearless_date(line: str) -> str | None:
    """A byline's date without a year ("Published on Mar 28", "on Apr 2", "- 5月19日").

    >>> yearless_date("- 5月19日"), yearless_date("5月19日发布了新模型")
    ('date without a year (byline)', None)
    """
    if _YEARLESS_DATE_LINE_RE.match(line.lower().strip()) is None:
        return None
    return "date without a year (byline)"


# what a date line holds besides digits and punctuation: weekdays, months, and their units
_CALENDAR_WORDS_RE = re.compile(
    r"星期[一二三四五六日天]|週[一二三四五六日]|周[一二三四五六日]|[年月日号號]"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:am|pm|today|yesterday)\b|今天|昨天|上午|下午",
    re.IGNORECASE,
)


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DIGITS_RE = re.compile(r"\d+")


def calendar_only(line: str) -> str | None:
    """A date and nothing else, in any order of its parts ("星期五, 19 12 月, 2025",
    "Friday, 19 December 2025"): a site's header prints today's date, no headline.

    >>> calendar_only("星期五, 19 12 月, 2025"), calendar_only("Friday 19 December 2025")
    ('a date alone on its line', 'a date alone on its line')
    >>> calendar_only("2025 年 AI 工程师薪资报告"), calendar_only("May Day")
    (None, None)
    """
    if _YEAR_RE.search(line) is None or len(_DIGITS_RE.findall(line)) < 2:
        return None
    if letters(_CALENDAR_WORDS_RE.sub(" ", line)):
        return None
    return "a date alone on its line"


def signature_line(line: str) -> str | None:
    """A bulletin-board post's signature ("※ 发信站: …", "※ 文章网址: …") or the "--" above it."""
    if visible_length(line) > 160:
        return None
    if _SIGNATURE_RE.match(line) or _SEPARATOR_RE.match(line.strip()):
        return "post signature or separator"
    if visible_length(line) <= 24 and _SIGN_OFF_RE.match(line.strip().lower()):
        return "a letter's closing words"
    return None


# a name run into the role after it, the card's two lines flattened: "Jane DoeSenior Reporter"
# (an avatar's name may come first: "Jane DoeBy Jane DoeSenior Reporter")
_GLUED_NAME = r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}"
_NAME_GLUED_TO_ROLE_RE = re.compile(
    rf"^(?:{_GLUED_NAME})?(?:By {_GLUED_NAME}|{_GLUED_NAME})(?=[A-Z][a-z])"
)


def author_role(line: str) -> str | None:
    """A job title alone on its line, or run into the name before it: the role under a name
    on an author card.

    >>> author_role("Senior Finance Reporter and author of Term Sheet")
    "author's role on a byline card"
    >>> author_role("Jane DoeStaff Writer for The Courier"), author_role("Why engineers burn out")
    ("author's role on a byline card", None)
    """
    if visible_length(line) > 80:
        return None
    line = line.strip()
    glued = _NAME_GLUED_TO_ROLE_RE.match(line)
    role = line[glued.end() :] if glued is not None else line
    if _ROLE_RE.match(role.lower()) is None:
        return None
    return "author's role on a byline card"


# A section's name in capitals before the date: "HOW TO GUIDES March 7, 2026, 11:30 p.m."
_SECTION_CAPS_RE = re.compile(r"^[A-Z][A-Z0-9&'’/-]*(?: [A-Z0-9&'’/-]+){0,3} (?=[A-Z][a-z]|\d)")


def section_and_date(line: str) -> str | None:
    """A section's name in capitals, then the post's date: its info bar.

    >>> section_and_date("HOW TO GUIDES March 7, 2026, 11:30 p.m."), section_and_date("AI March")
    ('section and date (kept as metadata)', None)
    """
    line = line.strip()
    section = _SECTION_CAPS_RE.match(line)
    if section is None:
        return None
    date = line[section.end() :]
    if DATE_RE.search(date) is None or byline(date.lower()) is None:
        return None
    return "section and date (kept as metadata)"


def other_article_date(line: str) -> str | None:
    """The date of another article printed above this one ("最新推荐文章于 … 发布"): not this
    page's date, and not a byline whose first words are the author."""
    line = line.lower()
    if visible_length(line) > 60 or _OTHER_ARTICLE_DATE_RE.match(line) is None:
        return None
    return "date of a recommended article"


# a paper's authors, shortened: "Vaswani et al.", "A. Lee, B. Kim et al."
_ET_AL_RE = re.compile(
    r"^(?:[a-z][a-z'’.-]*\s?){1,3}(?:,\s*(?:[a-z][a-z'’.-]*\s?){1,3}){0,4}\s*et al\.?$"
)


# "分享嘉宾|某某博士 某公司技术负责人", "编辑|王某 某某学院": a talk's or a piece's credit, the role
# and a bar before the name and where the person works
_BARRED_CREDIT_RE = re.compile(
    r"^(?:分享嘉宾|嘉宾|主讲嘉宾|主讲人|主讲|讲者|演讲者|分享人|编辑整理|整理|编辑|作者|撰文|出品社区|出品平台)"
    r"\s*[|｜丨]\s*[^\s|｜丨，,。:：;；!?！？]{2,12}(?:\s+[^\s|｜丨，,。:：;；!?！？]{1,16}){0,3}$"
)


# "(报告出品方/作者:某某证券,王某、李某)": the credit of a report's excerpt, in brackets
_BRACKETED_CREDIT_RE = re.compile(
    r"^[(（【\[]\s*[^()（）:：]{0,6}(?:出品方|作者|来源|编辑|撰文|记者|编译)(?:/[^:：()（）]{1,6})?"
    r"\s*[:：]\s*[^()（）。]{2,40}[)）】\]]$"
)


# the writer's role after the name: "By Jane Doe, Staff Writer"
_BYLINE_ROLE_RE = re.compile(
    r",\s*(?:(?:staff|senior|contributing|guest|special|chief|managing|associate|news|"
    r"technology|tech|features?|student)\s+)?(?:writer|reporter|editor|columnist|correspondent|"
    r"contributor|intern|analyst)s?\b"
)


def byline(line: str) -> str | None:
    """An info bar of labelled fields (author, source, date, tags) with little else in it."""
    line = split_doubled_dates(line.lower())
    size = visible_length(line)
    if size <= 80 and _ET_AL_RE.match(line.strip()):
        return "a paper's authors (kept as metadata)"
    if size <= 50 and _BARRED_CREDIT_RE.match(line.strip()):
        return "a credit: a role, a bar, a name and where they work"
    if size <= 60 and _BRACKETED_CREDIT_RE.match(line.strip()):
        return "a credit in brackets"
    if size <= 200 and _TAG_LINE_RE.match(line):
        return "tag list"
    if size <= 40 and (find_wire_byline(line) is not None or SENT_FROM_RE.match(line.strip())):
        return "wire-service byline (kept as metadata)"
    if size <= 50 and _ACCOUNT_MASTHEAD_RE.match(line.strip()):
        return "outlet and its WeChat account"
    outlet = OUTLET_WEEKDAY_RE.match(line.strip())
    if outlet is not None and size <= 90 and DATE_RE.search(line[outlet.end() :]):
        return "outlet and date (kept as metadata)"
    short_field = ("文" in line or "图" in line) and SHORT_FIELD_RE.search(line) is not None
    labels = {m.group(0).rstrip(":：|｜丨/／ ") for m in META_LABEL_RE.finditer(line)}
    if len(labels) >= 2 and META_LABEL_RE.match(line) and not _HARD_STOP_RE.search(line):
        return "byline / info bar (kept as metadata)"  # "作者: X 日期: Y 系列: Z 关键字: …"
    dated = DATE_RE.search(line) or (
        META_LABEL_WORDS_RE.search(line) and _MONTH_DAY_RE.search(line)
    )
    if size > 120 or not (
        short_field or META_LABEL_RE.search(line) or dated or EN_BYLINE_RE.match(line)
    ):
        return None
    if "。" in line and not META_LABEL_RE.match(line):
        return None  # "1. 知识截止日期:它不知道……。": a sentence, its label word inside a word
    if not dated and TERM_AND_GLOSS_RE.match(line.strip()):
        return (
            None  # "- 模组化设计:将复杂逻辑分解成小单元": a term ending in a label word, explained
        )
    # Interface words go first: "只看该作者" is a button, not an author label.
    fields = (SHORT_FIELD_RE, META_FIELD_RE) if short_field else (META_FIELD_RE,)
    line = _KEYWORDS_TAIL_RE.sub(" ", line)
    left = residue(
        line,
        _BYLINE_ROLE_RE,  # before the interface words: "write" is one
        UI_WORDS_RE,
        DATE_RE,
        _MONTH_DAY_RE,
        _CLOCK_OR_TAG_RE,
        HANDLE_RE,
        EN_BYLINE_RE,
        *fields,
        COUNTER_RE,
        _URL_RE,
    )
    if left > max(2, size // 4):
        return None
    return "byline / info bar (kept as metadata)"


# a repost's notice that it will be taken down on request: "如有侵权，请联系删除"
_TAKEDOWN_RE = re.compile(r"(?:如有|若有|如涉及|如涉|若涉及)侵权.{0,16}(?:删除|删文|撤下|处理)")
# a code host's note over a repository without a licence file
_NO_LICENSE_RE = re.compile(
    r"^(?:该|此|本)(?:仓库|项目)未(?:声明|包含|提供|选择)(?:开源)?(?:许可证|许可|授权|license)"
    r"|^this (?:repository|repo|project) (?:does not|doesn't) (?:have|declare|include|specify) a licen[cs]e"
)


# "Some links on this site are affiliate links … we earn a small commission": the site's note on
# its links, never the article's sentence about affiliate marketing, which says more around it
_AFFILIATE_RE = re.compile(
    r"(?:links? (?:on|in) this (?:site|page|post|article) (?:are|is|may be) affiliate)"
    r"|(?:we|i) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:affiliate )?commission"
    r"|as an amazon associate|本(?:文|站|页)(?:含有|包含|中的)(?:部分)?(?:联盟|推广|返利)链接"
)
AFFILIATE_NOTE_MAX_CHARS = 400
# "如需引用,请注明来源。", "Please cite this article as the source."
_CITATION_NOTE_RE = re.compile(
    r"(?:如需|如要|若需|欢迎)(?:引用|转载)[^。]{0,8}?(?:请)?(?:注明|标明|标注)(?:来源|出处)"
    r"|^please cite (?:this|the) (?:article|post|page|source)\b"
)
CITATION_NOTE_MAX_CHARS = 60


def disclaimer(line: str) -> str | None:
    """Copyright, licence numbers, and the site's notices about reposts and liability."""
    line = line.lower()
    if LEGAL_ID_RE.search(line):
        return "site registration / legal id"
    size = visible_length(line)
    if size <= 200 and COPYRIGHT_RE.search(line):
        return "copyright notice"
    self_reference = SELF_REFERENCE_RE.search(line) is not None
    if size <= CITATION_NOTE_MAX_CHARS and _CITATION_NOTE_RE.search(line):
        return "a notice asking to cite the source"
    if size <= 200 and WEAK_COPYRIGHT_RE.search(line) and (self_reference or not is_prose(line)):
        # In body prose, "copyright" or "未经授权" is a topic; the site's notice names the site.
        return "copyright notice"
    if size <= 120 and _TAKEDOWN_RE.search(line):
        return "repost takedown notice"
    if size <= 120 and _NO_LICENSE_RE.search(line):
        return "a code host's note on the licence"
    if size <= AFFILIATE_NOTE_MAX_CHARS and _AFFILIATE_RE.search(line):
        return "an affiliate disclosure"
    provenance = PROVENANCE_RE.search(line)
    if 8 <= size <= 160 and provenance and (self_reference or provenance.start() <= 2):
        return "note on where the piece first appeared"
    if self_reference:
        terms = {m.group(0).lower() for m in LEGAL_TERMS_RE.finditer(line)}
        if len(terms) >= 3:
            return f"site disclaimer ({', '.join(sorted(terms)[:4])})"
    return None


# An account on a network, or a personal site, and its handle: "Instagram > jane.doe.318",
# "個人網站 > https://jane.dev/", "Twitter @jane_doe"
_ACCOUNT_HANDLE_RE = re.compile(
    rf"^(?:{_SOCIAL_NAMES}|个人网站|个人主页|网站|website|homepage)\s*(?:[:：>＞→]\s*|\s+)"
    r"(?:@[\w.-]+|https?://\S+|[\w-]*[.\d][\w.-]*)/?$"
)


def contact(line: str) -> str | None:
    """Contact details: e-mail, QQ, WeChat, phone, address, office hours; an account's handle.

    >>> contact("Instagram > jane.doe.318"), contact("Twitter @jane_doe"), contact("Twitter threads")
    ('an account and its handle', 'an account and its handle', None)
    """
    line = line.lower()
    size = visible_length(line)
    if size > 100:
        return None
    if _ACCOUNT_HANDLE_RE.match(line.strip()):
        return "an account and its handle"
    text = _URL_RE.sub(" ", line)
    has_label = CONTACT_RE.search(text) is not None
    has_value = EMAIL_RE.search(text) is not None or PHONE_RE.search(text) is not None
    if not has_value and (not has_label or text != line):
        # A bare link under a label ("项目地址：https://…") is a link, not a contact block.
        return None
    if residue(text, EMAIL_RE, PHONE_RE, CONTACT_RE) > max(2, size // 5):
        return None
    return "contact details"


EDITOR_HELP_MAX_CHARS = 240


def editor_help(line: str) -> str | None:
    """The markdown cheat-sheet printed under comment boxes: a short line of examples."""
    line = line.lower()
    if (
        visible_length(line) > EDITOR_HELP_MAX_CHARS
        or sum(line.count(c) for c in _MARKUP_CHARS) < 4
    ):
        return None
    examples = len(MARKUP_EXAMPLE_RE.findall(line))
    words = {m.group(0).lower() for m in MARKUP_WORDS_RE.finditer(line)}
    if examples >= 2 and len(words) >= 2:
        return "comment editor help"
    return None


# Someone doing what a prompt asks, told as a story: "我立即注册并…", "we signed up and …";
# not the one asked ("和我们做好友", "join us").
_NARRATOR_RE = re.compile(r"(?:(?<![和与跟给向对])[我他她]们?|(?<![a-z])(?:i|we|he|she|they))\s*$")


# a button's label and its arrow, alone or ending a promotion: "Try Now>>", "… for free! Try Now>>",
# "Get started free →"
_BUTTON_END_RE = re.compile(
    r"(?:^|[\s!.。！])(?:try|get|start|sign up|join|register|book|claim|download|explore|learn more)"
    r"(?: (?:it|now|today|free|for free|started|a demo|them))*\s*(?:>>|»|→|->)\s*$"
)
BUTTON_MAX_CHARS = 30


# A consent banner speaks to the reader about the site's cookies: "We use cookies to …", "By
# pressing "Accept All" … you consent to …"; a piece about cookies speaks about others'.
_COOKIE_RE = re.compile(r"\bcookies?\b")
_CONSENT_RE = re.compile(
    r"\b(?:consent|accept|reject|deny|opt[- ]out|personali[sz]\w*|advertising|third parties|"
    r"(?:essential|functional|performance|marketing|analytics|optional) cookies|this banner|"
    r"privacy policy|your (?:experience|preferences|browser))\b"
)
_SITE_VOICE_RE = re.compile(r"\b(?:we|our|you|your)\b")
CONSENT_MAX_CHARS = 400
CONSENT_REASON = "cookie consent banner"
# A notice that a link leaves the site: "You are being directed to X …", "… click OK. If you do
# not, click Cancel."
_LEAVING_SITE_RE = re.compile(
    r"^you are (?:now )?(?:being |about to be )?(?:re)?directed to\b|^you are (?:now |about to be )?leaving\b"
    r"|\bclick ok\b[^.]{0,40}\.\s*if you do not\b|^if you wish to (?:go|continue|proceed) to\b"
)


def consent_notice(line: str) -> str | None:
    """A cookie consent banner's sentence, or a notice that a link leaves the site.

    >>> consent_notice("We use cookies to understand how you use our site and to improve your experience.")
    'cookie consent banner'
    >>> consent_notice("Browsers now block third-party cookies, and advertising suffers.") is None
    True
    """
    line = line.lower()
    if visible_length(line) > CONSENT_MAX_CHARS:
        return None
    if _LEAVING_SITE_RE.search(line):
        return "notice that a link leaves the site"
    if _COOKIE_RE.search(line) and _CONSENT_RE.search(line) and _SITE_VOICE_RE.search(line):
        return CONSENT_REASON
    return None


CONSENT_NEIGHBOUR_MAX_CHARS = 120


def consent_neighbours(lines: Sequence[str], reasons: Sequence[str | None]) -> list[int]:
    """Short lines of a cookie banner between its sentences that do not say "cookie" ("This
    includes personalizing content and advertising."), given each line's removal reason.

    >>> consent_neighbours(["We use cookies.", "This includes advertising.", "Body."],
    ...                    ["cookie consent banner", None, None])
    [1]
    """
    found = []
    for index, line in enumerate(lines):
        if not line or reasons[index] is not None:
            continue
        if visible_length(line) > CONSENT_NEIGHBOUR_MAX_CHARS or not _CONSENT_RE.search(
            line.lower()
        ):
            continue
        around = [index - 1, index + 1]
        if any(0 <= i < len(lines) and reasons[i] == CONSENT_REASON for i in around):
            found.append(index)
    return found


_READER_RE = re.compile(r"\b(?:you|your)\b|您|你")
PITCH_MAX_CHARS = 300


def pitch_between_calls(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """A line speaking to the reader between two calls to action ("Subscribe to our Newsletter"
    / "Join our editors every weekday evening as they steer you …" / "Your newsletter
    subscriptions are subject to …"): the pitch of the box they frame.

    >>> pitch_between_calls(["Subscribe now", "We bring you the news.", "Privacy policy applies"],
    ...                     ["call_to_action", None, "call_to_action"])
    [1]
    """
    found = []
    for index, line in enumerate(lines):
        if not line or steps[index] is not None or visible_length(line) > PITCH_MAX_CHARS:
            continue
        above = next((i for i in range(index - 1, -1, -1) if lines[i]), None)
        below = next((i for i in range(index + 1, len(lines)) if lines[i]), None)
        if (
            above is not None
            and below is not None
            and steps[above] == steps[below] == "call_to_action"
            and _READER_RE.search(line.lower())
        ):
            found.append(index)
    return found


TWIN_CALLS_MAX_LINES = 8


def box_between_twin_calls(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """The short lines of a promotion framed by the same call to action above and below
    ("Start free trial" / "Premium" / "• Daily curated jobs" / "Start Free Trial"): a box's
    pitch and perks. Nothing is taken when a line between reads as prose.

    >>> box_between_twin_calls(["Try it free", "Pro plan", "• Priority jobs", "Try It Free"],
    ...                        ["call_to_action", None, None, "call_to_action"])
    [1, 2]
    """
    found: list[int] = []
    calls = [i for i, step in enumerate(steps) if step == "call_to_action" and lines[i]]
    for top, bottom in itertools.pairwise(calls):
        if lines[top].strip().lower() != lines[bottom].strip().lower():
            continue
        between = [i for i in range(top + 1, bottom) if lines[i]]
        if 0 < len(between) <= TWIN_CALLS_MAX_LINES and not any(
            is_prose(lines[i]) for i in between
        ):
            found.extend(i for i in between if steps[i] is None)
    return found


def call_to_action(line: str) -> str | None:
    """Cookie banners, newsletter prompts and greetings, share/follow/subscribe prompts, sponsor
    headers, injected download boxes."""
    line = line.lower()
    size = visible_length(line)
    if (consent := consent_notice(line)) is not None:
        return consent
    if size > 250:
        return None
    if _BUTTON_END_RE.search(line):
        return "a promotion's button" if size > BUTTON_MAX_CHARS else "a button"
    if (
        ("【" in line or "[" in line)
        and (label := DOWNLOAD_LABEL_RE.search(line))
        and (_URL_RE.search(line) or line.count(label.group(0)) >= 2)
    ):
        return "injected download box"
    if size <= 80 and SPONSOR_RE.search(line):
        return "sponsor block header"
    if GREETING_RE.match(line) and ISSUE_WORDS_RE.search(line):
        return "newsletter greeting"
    if size <= 100 and RELATED_LINK_RE.match(line):
        return "link to another article"
    if size <= 30 and line.endswith((":", "：")) and READING_LIST_LABEL_RE.search(line):
        return "link to another article"
    cell = line.strip("| ")  # a table row's cell: "| » 某某报告 | |"
    if size <= 60 and cell.startswith(("»", "🔗")) and "。" not in cell and not cell.endswith("."):
        return "link to another article"  # "» 2025 年某某行业报告-四"
    if size <= 60 and _MORE_BY_RE.match(line):
        return "link to another article"  # "More Decks by X", "Other posts in Y"
    if size <= 40 and (_NAV_TABLE_ROW_RE.match(line) or _MENU_ROW_RE.match(line)):
        return "navigation table row"
    if size <= 100 and _NAV_LABEL_RE.match(line):
        return "navigation links"
    if size <= 40 and (_BACK_LINK_RE.match(line) or _BACK_TO_LISTING_RE.match(line.strip())):
        return "link back to the site"
    if size <= 60 and (gate := SHORT_CALL_TO_ACTION_RE.search(line)) and not is_prose(line):
        return f"call to action ({gate.group(0)})"
    if size <= ACCESS_GATE_MAX_CHARS and (gate := _ACCESS_GATE_RE.search(line)):
        return f"access gate ({gate.group(0)})"
    if size <= IMPERATIVE_GATE_MAX_CHARS and (gate := _IMPERATIVE_GATE_RE.search(line)):
        return f"call to action ({gate.group(1)})"  # "Progress is saved here — sign in to sync."
    if CALL_TO_ACTION_RE.search(line) is None:
        return None
    hits = {
        m.group(0).lower()
        for m in CALL_TO_ACTION_RE.finditer(line)
        if not _NARRATOR_RE.search(line, 0, m.start())
    }
    whole = line.strip() in hits  # the line is nothing but the call: a row of buttons
    if hits and (size <= 60 or len(hits) >= 2 or whole or _BRACKETED_NOTE_RE.match(line.strip())):
        return f"call to action ({', '.join(sorted(hits)[:3])})"
    return None


# a gated download told to the reader: "您需要先同意授权条款才能使用此模型", "… but you have to
# accept the conditions to access its files and content."
_ACCESS_GATE_RE = re.compile(
    r"(?:^|您|你)\s*(?:需要?|请|须|必须)?\s*先(?:同意|接受|登录|登入|注册)[^。!?]{0,16}(?:才能|才可以?|方可)"
    r"|(?:you (?:need|have) to|you must) (?:agree|accept)[\w ]{0,40} to access\b"
)
# a gate told to the reader, even as a sentence: "… — sign in to sync", "Please log in to reply."
_IMPERATIVE_GATE_RE = re.compile(
    r"(?:^|[—–:;.!]\s*|\bplease\s+)((?:sign|log) (?:in|up) to|login to|register to|subscribe to)\s"
)
IMPERATIVE_GATE_MAX_CHARS = 80
ACCESS_GATE_MAX_CHARS = 120


# a note wholly in brackets, set apart from the text: "【本文的视频版…欢迎大家入群…】"
_BRACKETED_NOTE_RE = re.compile(r"^【[^【】]+】$|^\[[^\[\]]+\]$")


SPONSOR_BLOCK_LINES = 6


def sponsor_blocks(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """The advert under a sponsor header ("A message from our sponsor"), up to its call to
    action ("Get started for free"): kept lines only, and only when the call to action comes
    within a few lines (else the header stands alone).

    >>> sponsor_blocks(["A word from our sponsor", "Fast GPUs for you.", "Join now"],
    ...                ["call_to_action", None, "call_to_action"])
    [1]
    """
    found: list[int] = []
    for index, line in enumerate(lines):
        if steps[index] != "call_to_action" or not SPONSOR_RE.search(line.lower()):
            continue
        block: list[int] = []
        for following in range(index + 1, len(lines)):
            if not lines[following]:
                continue
            if steps[following] == "call_to_action":
                found.extend(block)
                break
            if len(block) == SPONSOR_BLOCK_LINES or steps[following] is not None:
                break
            block.append(following)
    return found


# An author's bio glued to the crawler's date stamp on the page's first line
# ("date 2024-10-25 Staff writer Ada is the co-founder and editor of …").
_BIO_RE = re.compile(
    r"^(?:[\w'’-]+\s){0,3}[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}\s(?:is|was)\s(?:a|an|the)\s"
    r"(?:[\w-]+\s){0,4}(?:journalist|writer|editor|reporter|correspondent|author|founder|co-founder|"
    r"publisher|columnist|contributor|analyst|engineer|researcher)s?\b"
)


_SCRIPT_WORD_RE = re.compile(r"function\s*\(|window\.|document\.|\bvar |=>|;\}|\}\}|\.style\.")
_SCRIPT_PUNCTUATION_RE = re.compile(r"[{}();=]")
SCRIPT_MIN_CHARS = 60


def leaked_script(line: str) -> str | None:
    """Minified script code an embed left in the text (a chart's resize handler): dense with
    braces and semicolons, hardly a space, script words. A tutorial's code keeps its spaces."""
    size = len(line)
    if size < SCRIPT_MIN_CHARS or ";" not in line or "(" not in line:
        return None
    if len(_SCRIPT_WORD_RE.findall(line)) < 3:
        return None
    dense = len(_SCRIPT_PUNCTUATION_RE.findall(line)) >= 0.08 * size
    return "script code left by an embed" if dense and line.count(" ") < 0.06 * size else None


def columnist_line(line: str) -> str | None:
    """A columnist's name and titles above an opinion piece ("●林某某／某某大学讲座教授")."""
    if ("／" not in line and "/" not in line) or visible_length(line) > 80:
        return None
    if COLUMNIST_RE.match(line.strip()) is None:
        return None
    return "columnist's name and titles (kept as metadata)"


# "吴某某／核稿编辑", "王五/责任编辑": the desk's editor signing off
_EDITOR_SIGN_OFF_RE = re.compile(r"^[\u3400-\u9fff·]{2,4}\s*[／/]\s*(?:核稿|责任|执行|值班)?编辑$")
# a wire story's credits: "(Reporting by Jane Roe in Paris; Editing by Ken Ito)"
_WIRE_CREDIT_RE = re.compile(
    r"^[(\[]?(?:additional )?(?:reporting|writing|editing|compiled|research) by [^()]{2,200}[)\]]?$",
    re.IGNORECASE,
)
# "◤ 作者王五博士，现为某大学教授": the author introduced in a line of their own
_AUTHOR_BIO_ZH_RE = re.compile(
    r"^[◤◆■●▲►▶※★☆\s]*(?:作者|本文作者)\s*[\u3400-\u9fff·]{2,4}(?:博士|教授|先生|女士)?\s*[，,]\s*"
    r"(?:现为|现任|目前为|目前任职于|曾任|任职于)"
)

# a broadcaster's or paper's credit on its own line: "记者王五《三周年特辑》报道", "记者王五 报道",
_REPORTER_CREDIT_RE = re.compile(
    r"^(?:记者|特派记者|实习记者)\s*[\u3400-\u9fff·]{2,4}\s*(?:《[^《》]{1,20}》|[/／]\s*[\u3400-\u9fff]{2,6})?"
    r"\s*(?:报道|报导)$"
    # or the desk's: "生活中心/综合报导"
    r"|^[\u3400-\u9fff]{2,6}(?:中心|组|部)\s*[/／]\s*(?:综合|综合外电)?(?:报道|报导)$"
)


def author_note(line: str) -> str | None:
    """An editor's sign-off or a line introducing the author (kept apart from the story).

    >>> author_note("王五／核稿编辑"), author_note("◤ 作者王五博士，现为某大学教授")
    ("editor's sign-off", "author's bio")
    """
    text = line.strip()
    if _EDITOR_SIGN_OFF_RE.match(text):
        return "editor's sign-off"
    if _AUTHOR_BIO_ZH_RE.match(text):
        return "author's bio"
    if DESK_DATE_RE.match(text):
        return "the desk that signed it and the date"
    if _WIRE_CREDIT_RE.match(text) and (";" in text or text.startswith(("(", "["))):
        return "a wire story's credits"
    if _REPORTER_CREDIT_RE.match(text):
        return "the reporter's credit"
    return None


def stamped_bio(line: str) -> str | None:
    """An author's bio on the line that carries the crawler's date stamp (the date is kept)."""
    stamp = CRAWL_STAMP_RE.match(line)
    if stamp is None or _BIO_RE.match(line[stamp.end() :]) is None:
        return None
    return "author's bio beside the date stamp"


# A page template's field names printed without their values, one a line (a Notion export).
_FIELD_NAME_RE = re.compile(
    r"^(?:type|status|date|slug|summary|tags|category|categories|icon|password|title|author|"
    r"authors|cover|created|updated|description|draft|lang|layout|keywords)$",
    re.IGNORECASE,
)
FIELD_NAME_RUN = 4


def field_name_runs(lines: Sequence[str]) -> list[int]:
    """Runs of four or more lines that are each a template's field name and nothing else.

    >>> field_name_runs(["Intro.", "type", "status", "slug", "tags", "Body."])
    [1, 2, 3, 4]
    """
    found: list[int] = []
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if line and _FIELD_NAME_RE.match(line.strip()):
            run.append(index)
            continue
        if len(run) >= FIELD_NAME_RUN:
            found.extend(run)
        run = []
    return found


_INTRODUCED_STEPS = frozenset({"breadcrumb", "keyword_cloud"})


def introduced_lines(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """Lines the article introduces with a colon ("流程如下：" then "提问 → 检索 → 生成"): a
    flow or a list of terms that a line rule took for a breadcrumb or a tag cloud.

    >>> introduced_lines(["流程简化如下：", "提问 → 检索 → 召回 → 生成"], [None, "breadcrumb"])
    [1]
    >>> introduced_lines(["Tags:", "rag, eval, llm, agents"], [None, "keyword_cloud"])
    []
    >>> introduced_lines(["当前位置：", "首页 > 新闻 > 正文"], [None, "breadcrumb"])
    []
    """
    found = []
    above: int | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if above is not None and steps[index] in _INTRODUCED_STEPS and steps[above] is None:
            intro = lines[above].rstrip()
            if (
                intro.endswith((":", "："))
                and CLOUD_LABEL_RE.match(intro.lower()) is None
                and BREADCRUMB_HOME_RE.match(intro.lower()) is None  # "当前位置：", a label
                and residue(intro.lower(), UI_WORDS_RE, META_LABEL_WORDS_RE) >= 4
            ):
                found.append(index)
        above = index
    return found


# "[## owner/model · Example Hub": a link preview card, its page's title as a heading inside
_LINK_CARD_RE = re.compile(r"^\[#{1,6}\s+\S")


def link_card(line: str) -> str | None:
    """The title line of a link preview card pasted into a note (``[## Page title``).

    >>> link_card("[## acme/tiny-model · Example Hub"), link_card("[1] See the appendix")
    ('a link preview card', None)
    """
    return "a link preview card" if _LINK_CARD_RE.match(line.strip()) else None


# "來源:TechCrunch - OpenAI launches a model": an item's source, the outlet and its story's headline
_SOURCE_STORY_RE = re.compile(
    r"^(?:来源|出处|source|via)\s*[:：]\s*[\w.&'’]{2,24}(?:\s[\w.&'’]{1,16}){0,2}\s+[-–—|]\s+\S.{2,90}$"
)


def source_story(line: str) -> str | None:
    """A news item's source: an outlet and the headline of its story, linked (folded lines).

    >>> source_story("来源:example news - a model launches"), source_story("来源:新华社")
    ("the source's outlet and story headline", None)
    """
    text = line.strip()
    if _SOURCE_STORY_RE.match(text) and not ends_like_sentence(text):
        return "the source's outlet and story headline"
    return None


MENU_ROW_MIN_WORDS = 12
MENU_ROW_LONG_WORDS = 20
_MENU_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*|&")


def menu_row(line: str) -> str | None:
    """A site's menu run into one line: a dozen or more words, every one capitalised, no
    sentence mark, and either "&" between its entries or twenty words or more ("AI & Agentic
    Systems Cloud & Platform Engineering Data Platform & Integration …"). A headline in title
    case is shorter, and lower-cases its "a", "to" and "of".

    >>> menu_row("Home Products Solutions Pricing Docs Blog Careers About Contact Partners Press Events Login Signup Support Status Community Forum Changelog Roadmap")
    'a menu run into one line'
    >>> menu_row("How We Built a Retrieval Pipeline That Scales to Ten Million Documents")
    """
    if _SENTENCE_MARK_RE.search(line) or not line.isascii():
        return None
    words = _MENU_WORD_RE.findall(line)
    if len(words) < MENU_ROW_MIN_WORDS or any(w[0].islower() for w in words):
        return None
    if words.count("&") >= 2 or len(words) >= MENU_ROW_LONG_WORDS:
        return "a menu run into one line"
    return None


# an editor's card of the points, numbered on one line: "…开源共享!核心内容: 1. … 2. … 3. …"
_POINTS_CARD_RE = re.compile(
    r"(?:核心内容|内容提要|本文要点|文章要点|划重点|要点|导读|key points|in this article)\s*[:：]\s*"
    r"1[.、)]\s*\S.{2,120}?\s2[.、)]\s*\S",
    re.IGNORECASE,
)


# a countdown widget: "days until the obligations deadline", "12 days left to apply"
_COUNTDOWN_RE = re.compile(
    r"^(?:\d+\s+)?(?:days?|hours?|weeks?|months?)\s+(?:until|till|left|to go|remaining|before)\b"
    r"|^(?:距离?|距)[^，。,]{1,20}(?:还剩|还有|仅剩)\s*\d*\s*天$"
)
# a Q&A site's count of who answered: "Analyzed by 4 domain experts", "Reviewed by 3 editors"
_ANSWERED_BY_RE = re.compile(
    r"^(?:analy[sz]ed|reviewed|answered|rated|verified|fact-checked) by \d+ (?:[\w-]+ ){0,2}"
    r"(?:experts|editors|reviewers|people|users|readers|specialists)$"
)
COUNTDOWN_MAX_CHARS = 80


def widget_count(line: str) -> str | None:
    """A countdown ("days until the deadline") or a count of who answered a question.

    >>> widget_count("days until model obligations deadline"), widget_count("analyzed by 4 domain experts")
    ('a countdown', 'a count of who answered')
    >>> widget_count("days until the launch, the team worked around the clock.") is None
    True
    """
    line = line.lower()
    if _ANSWERED_BY_RE.match(line.strip()):
        return "a count of who answered"
    if _COUNTDOWN_RE.match(line.strip()) and not has_full_stop(line) and "," not in line:
        return "a countdown"
    return None


def points_card(line: str) -> str | None:
    """An editor's summary of the article's points, numbered inside one line.

    >>> points_card("新模型发布,开源共享!核心内容: 1. 基准测试的表现 2. 参数规模 3. 部署推荐")
    "the editor's numbered points above the article"
    >>> points_card("步骤如下: 1. 安装依赖 2. 下载模型") is None
    True
    """
    return (
        "the editor's numbered points above the article" if _POINTS_CARD_RE.search(line) else None
    )


# (step, rule, longest line it can match, whether it can match a long prose paragraph): the
# gates skip rules cheaply on body paragraphs. Order matters only for the reported name.
LINE_RULES: tuple[tuple[str, LineRule, int, bool], ...] = (
    ("editor_help", editor_help, 1_000_000, True),
    ("script", leaked_script, 1_000_000, True),
    ("script", html_attributes, 400, True),
    ("byline", stamped_bio, 1_000_000, True),
    ("byline", author_note, 400, True),
    ("markup", block_markup, 20, False),
    ("front_matter", front_matter_line, 2000, True),
    ("image", image_residue, 1000, False),  # a Markdown image's address can run long
    ("image", figure_label, 200, True),
    ("image", screenshot_alt, SCREENSHOT_ALT_MAX_CHARS, True),
    ("image", alt_text, 40, False),
    ("image", post_picture, POST_PICTURE_MAX_CHARS, False),
    ("byline", author_avatar, 80, False),
    ("image", stock_alt_text, 160, True),
    ("ui_line", ad_slot, 40, False),
    ("image", photo_credit, CAPTION_MAX_CHARS, True),
    ("link", bare_url, 400, False),
    ("link", link_card, 200, False),
    ("link", source_story, 140, False),
    ("byline", empty_field, 20, False),
    ("forum_profile", forum_profile, 80, False),
    ("forum_profile", poster_age, 50, False),
    ("navigation", menu_row, 400, True),  # its commas between entries read as prose
    ("counter_line", counter_line, 160, False),  # an emoji-led info bar runs long
    ("counter_line", length_note, 200, True),
    ("teaser", points_card, 300, True),
    ("counter_line", widget_count, COUNTDOWN_MAX_CHARS, False),
    ("repeated_line", doubled_line, 240, True),
    ("watermark", scramble_line, 80, False),
    ("recommendation", other_article_date, 60, False),
    ("signature", signature_line, 160, False),
    ("byline", author_role, 80, False),
    ("byline", columnist_line, 80, False),
    ("byline", yearless_date, 40, False),
    ("byline", section_and_date, 80, False),
    ("byline", calendar_only, 40, False),
    ("ui_line", hub_furniture, 80, False),
    ("byline", original_title_note, 80, False),
    ("byline", board_header, 200, False),
    ("ui_line", series_place, 120, False),
    ("byline", field_bar, 400, True),
    ("byline", byline, 200, False),
    ("byline", dated_fields, DATED_FIELDS_MAX_CHARS, False),
    ("ui_line", label_row, 120, True),
    ("navigation", language_switcher, 200, False),
    ("breadcrumb", breadcrumb, 100, False),
    ("pager", pager, 200, False),
    ("keyword_cloud", keyword_cloud, 1_000_000, True),
    ("ui_line", ui_line, 40, False),
    ("ui_line", engine_credit, 120, True),
    ("disclaimer", disclaimer, 1_000_000, True),
    ("contact", contact, 100, False),
    ("call_to_action", call_to_action, CONSENT_MAX_CHARS, True),
)
LONG_PROSE_WIDTH = 60


def has_full_stop(line: str) -> bool:
    """A sentence ends inside ``line`` ("。", "!", "?", or a period before a space)."""
    return _HARD_STOP_RE.search(line) is not None or _PERIOD_RE.search(line) is not None


def classify_line(line: str) -> tuple[str, str] | None:
    """The first rule that calls ``line`` chrome, as ``(step, reason)``.

    A long line that reads as prose only because of its commas or semicolons
    ("[Submitted on 4 Mar 2024 (v1), last revised …]", "Subjects: A (cs.CL); B (cs.LG)") is
    still offered to the byline rule, whose residue test keeps real sentences.
    """
    size = visible_length(line)
    long_prose = width(line) >= LONG_PROSE_WIDTH and is_prose(line)
    if long_prose and size <= 200 and not has_full_stop(line) and (reason := byline(line)):
        return "byline", reason
    for step, rule, longest, on_prose in LINE_RULES:
        if size <= longest and (on_prose or not long_prose) and (reason := rule(line)) is not None:
            return step, reason
    return None
