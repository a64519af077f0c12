"""What a page says about itself in its text: author, translator, editor, source, date, url.

Each field is read from labelled lines ("作者：X", "文｜X", "By X", "来源：X", "via X",
"原文链接：URL", "发布于 2023年7月1日"). Only lines the pipeline calls meta-like are read (info
bars, short lines, the zones before and after the article body), so a body sentence that
happens to contain "来自" or a date never becomes metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.clean.dates import find_date
from zhiku.clean.folding import fold_lines, same_span
from zhiku.clean.vocabulary import META_LABELS, OUTLET_NAME_RE, OUTLET_WORDS_RE, UI_WORDS_RE

_OPEN = '“"「『《'
_CLOSE = '”"」』》'
_SEP = r"\s*[:：|｜丨/／]\s*"
_QUOTED = rf"[{_OPEN}](?P<q>[^{_CLOSE}\n]{{1,40}})[{_CLOSE}]"
# A Latin name may hold spaces ("Daniel Moore") when nothing but a separator or the line end follows.
_LATIN_NAME = r"[A-Za-z][\w.'’-]*(?:\s[A-Za-z][\w.'’-]*){1,3}(?=\s*(?:$|[|｜丨,，;；·•]))"
# A Chinese name shown given name first, family name last ("庭妤 郭"), ending the line.
_SPACED_CJK_NAME = r"[\u3400-\u9fff]{1,3}\s[\u3400-\u9fff]{1,2}(?=\s*$)"
_PLAIN = (
    rf"(?P<p>{_LATIN_NAME}|{_SPACED_CJK_NAME}|[^\s,，;；|｜丨“”\"「」『』《》()（）:：/。]{{1,30}})"
)
_VALUE = rf"(?:{_SEP}|\s*(?=[{_OPEN}]))(?:{_QUOTED}|{_PLAIN})"

_AUTHOR_RE = re.compile(
    rf"(?:作者相片|作家相片|作者|撰文|文字|记者|(?<![\w\u3400-\u9fff])文){_VALUE}"
)
_AUTHOR_EN_RE = re.compile(
    r"(?:^|[|·•]\s*)(?:[Bb]y|[Ww]ritten by|[Pp]osted by|[Aa]uthors?:|[Ww]riter'?s picture:)\s+"
    r"(?P<p>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|di|le)){0,3}"
    # a Chinese name after the Latin one: "By Kit 小克 | …"
    r"(?:\s+[\u3400-\u9fff]{2,4}(?=\s*(?:[|｜·•]|$)))?)"
)
_READ_TIME_RE = re.compile(r"\bmins?\b|\bminutes?\b|分钟|views?\b|阅读")
# "By Ada Park | Example Weekly | 2026-03-27": the outlet between the writer and the date
_BY_OUTLET_BAR_RE = re.compile(
    r"^(?:by|written by)\s+[^|｜·•]{2,40}?\s*[|｜·•]\s*(?P<p>[^|｜·•\d][^|｜·•]{1,40}?)\s*[|｜·•]",
    re.IGNORECASE,
)
# A desk's name glued to the date it signed: "某某学院编辑部2025年11月21日".
DESK_DATE_RE = re.compile(
    r"^(?P<p>[^\s\d，。,.!?][^，。,.!?]{0,30}?(?:编辑部|编辑组|编辑团队|小编))\s*(?:19|20)\d{2}\s*[年/.-]"
    r"\s*\d{1,2}\s*[月/.-]\s*\d{1,2}\s*日?$"
)
# A forum handle: "Posted by u/ada_l", "by @ada".
_HANDLE_RE = re.compile(r"(?:^|\s)(?:[Pp]osted by|[Bb]y)\s+(?:u/|@)(?P<p>[\w.-]{2,40})")
# A forum or blog info bar that opens with the poster's name: "小王 发表于 2024-1-2", "Ann 2024/1/2".
_NAME_FIRST_BAR_RE = re.compile(
    r"^(?!\S*[于於]\s)(?P<p>[^\s\d:：|｜/／,，]{2,20})\s+(?:发表于|发布于|posted on|posted|published|(?:19|20)\d{2}[-/.年])"
)
# A name glued to the reading time: "Jane Doe7 min read · Mar 3, 2024".
_GLUED_BYLINE_RE = re.compile(
    r"^(?P<p>[A-Z](?:[^\W\d]|['’.-])*(?:\s+[A-Z](?:[^\W\d]|['’.-])*){0,3}?)"
    r"\s*\d+\s*(?:min|mins|minutes?)\s+read"
)
# In an info bar a space may separate label and name ("楼主 小王 发表于 …", "作者 Ada 2024-01-02").
_BAR_AUTHOR_RE = re.compile(
    r"(?:^|[\s|｜丨·•])(?:作者|楼主|撰文|记者|题主|答主|(?<![\w\u3400-\u9fff])文)\s+"
    r"(?P<p>[^\s\d,，;；|｜丨:：/／“”\"「」『』《》()（）][^\s,，;；|｜丨:：/／“”\"「」『』《》()（）]{0,19})"
)
# A forum's poster by handle in the post's info bar: "r/SomeForum • u/someone • Oct 08 '20".
_POSTER_HANDLE_RE = re.compile(r"(?:^|[\s|｜丨·•])/?u/(?P<p>[\w-]{2,})")
# Taiwan / Hong Kong wire style: "記者王小明／台北報導", "中央社記者王小明台北18日電".
_REPORTER_RE = re.compile(
    r"记者\s*(?P<p>[\u3400-\u9fff·]{2,4}(?:、[\u3400-\u9fff·]{2,4})*)\s*"
    r"(?:[/／]|(?=[\u3400-\u9fff]{2,3}\d{1,2}日电))"
)
# A reporter's line in the style of Chinese tech media: "王五 赵六 发自 某地", the names first.
SENT_FROM_RE = re.compile(
    r"^(?P<p>[\u3400-\u9fff·]{2,4}(?:\s+[\u3400-\u9fff·]{2,4}){0,3})\s+发自\s*[\u3400-\u9fff]{2,8}$"
)
# A wire story's dateline run into the headline above it: "<headline>某某社记者王五台北29日电".
_GLUED_DATELINE_RE = re.compile(
    r"(?P<p>[\u3400-\u9fff]{2}社)记者[\u3400-\u9fff·、]{2,14}?[\u3400-\u9fff]{2,3}\d{1,2}日电"
)
GLUED_HEADLINE_MIN_CHARS = 8


@dataclass(frozen=True, slots=True)
class GluedDateline:
    headline: str
    outlet: str


def find_glued_dateline(line: str, original: str | None = None) -> GluedDateline | None:
    """A headline with the wire dateline run into it, on a (folded) line.

    >>> find_glued_dateline("新模型今天发布 团队:效果很好星河社记者王五、赵六台北29日电 (2026-01-29)")
    GluedDateline(headline='新模型今天发布 团队:效果很好', outlet='星河社')
    """
    original = original if original is not None and len(original) == len(line) else line
    match = _GLUED_DATELINE_RE.search(line)
    if match is None or len(line[: match.start()].strip()) < GLUED_HEADLINE_MIN_CHARS:
        return None
    return GluedDateline(
        original[: match.start()].strip(), original[match.start("p") : match.end("p")]
    )


# Wire-service bylines: "某某日报／ 编译王小明／综合外电", "记者王小明／台北报导".
_WIRE_SPLIT_RE = re.compile(r"\s*[/／]\s*")
_WIRE_ROLE_RE = re.compile(
    r"^(?P<role>记者|编译|特派员|特约记者|实习记者|撰稿|撰文|整理)\s*(?P<p>[\u3400-\u9fff·]{2,4})$"
)
WIRE_SEGMENT_CHARS = 12
_WIRE_DATELINE_RE = re.compile(r"^[\u3400-\u9fff]{2,4}\d{1,2}日电$")
# The outlet, the role and the name run together on one line: "某某网编译王小明", "某某新闻网记者
# 王小明/综合报导".
_OUTLET_ROLE_RE = re.compile(
    r"^(?P<outlet>[\u3400-\u9fffA-Za-z]{2,12}?(?:通讯社|新闻网|新闻社|日报|晚报|时报|周刊|网|社|报))"
    r"\s*(?P<role>记者|编译|特约记者|实习记者|特派员)\s*(?P<p>[\u3400-\u9fff·]{2,4})"
    r"(?:\s*[/／]\s*[\u3400-\u9fff]{2,6})?$"
)
OUTLET_BYLINE_CHARS = 30
_EDITOR_RE = re.compile(rf"(?:责任编辑|责编|编辑|主编|审校|校对)(?!部){_VALUE}")
_EDITOR_EN_RE = re.compile(
    r"(?:[Ee]dited by|[Ee]ditor:)\s+(?P<p>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
_TRANSLATOR_RE = re.compile(rf"(?:编译|翻译|译者|(?<![\w\u3400-\u9fff])译){_VALUE}")
_TRANSLATOR_EN_RE = re.compile(
    r"(?:[Tt]ranslated by|[Tt]ranslator:?)\s+(?P<p>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
_SOURCE_RE = re.compile(
    r"(?<!图)(?<!图片)(?<!数据)(?<!资料)(?<!视频)(?<!照片)"
    r"(?:来源|出处|出自|稿源|原载|转载自|转自|出品社区|出品方|出品|"
    rf"来自(?:微信)?公众号|来自于|来自(?=\s*[{_OPEN}:：]))(?:{_VALUE})"
)
_SOURCE_BY_RE = re.compile(
    r"由\s*[「“\"『]?\s*(?P<p>[A-Za-z0-9][\w .&-]{0,30}[\w]|[\u3400-\u9fffA-Za-z0-9]{2,20}?)\s*[」”\"』]?\s*"
    r"(?:编译|翻译|整理|出品|原创)"
)
_SOURCE_EN_RE = re.compile(
    r"(?:^|[|·•]\s*)(?:[Ss]ource|[Vv]ia|[Oo]riginally (?:published|appeared) (?:in|on|at|by)|"
    r"[Pp]ublished in|[Dd]iscover more from)"  # the last: a newsletter platform's banner
    r"\s*:?\s+(?P<p>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
)
_URL_LABEL_RE = re.compile(
    r"(?:原文链接|原文地址|本文链接|文章链接|本文地址|原文|出处|permalink|source|canonical|"
    r"originally published at)\s*[:：]?\s*(?P<u>https?://[^\s<>\"'，。、；）)]+)",
    re.IGNORECASE,
)
_DATE_LABEL_RE = re.compile(
    r"发布时间|发表时间|发布于|发表于|发布日期|更新时间|时间[:：]|日期[:：]|published|posted|"
    r"updated|date:|submitted",
    re.IGNORECASE,
)
# WeChat-style info bar: "原创 <author> <account> 2024-01-05 08:00", labels omitted.
_MARKED_BAR_RE = re.compile(
    r"^(?:原创|转载|翻译|编译)\s+(?:(?P<a>[^\s\d:：|｜]{1,20})\s+)?(?P<s>[^\s\d:：|｜]{1,30})\s+"
    r"(?:19|20)\d{2}\s*[-/.年]"
)
# An info bar that is a publication's name and the issue date: "Weekly AI Digest - 30/09/2024".
_OUTLET_BAR_RE = re.compile(
    r"^(?P<p>[^\s\d|｜·•–—-][^|｜·•–—]{1,40}?)\s*[-–—|｜·•]\s*[\d\w ,/.-]{6,30}$"
)
# "Example Business TimesSaturday, March 21, 2026 at 5:57 PM": the outlet run into the date
OUTLET_WEEKDAY_RE = re.compile(
    r"^(?P<p>[A-Za-z][\w&.'’ ]{2,40}?)\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday),\s",
    re.IGNORECASE,
)
_LABEL_WORDS = frozenset(w.lower() for w in META_LABELS)


@dataclass(frozen=True, slots=True)
class PageFacts:
    author: str | None = None
    translator: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    editor: str | None = None


def _value(match: re.Match[str] | None, original: str | None = None) -> str | None:
    if match is None:
        return None
    group = "q" if match.groupdict().get("q") else "p"
    start, end = match.span(group)
    if start < 0:
        return None
    line = match.string
    value = same_span(original, line, start, end) if original is not None else line[start:end]
    value = value.strip()
    folded = line[start:end].strip().lower()
    if not value or folded in _LABEL_WORDS or find_date(value) is not None:
        return None
    if "http" in folded or "www." in folded or not re.search(r"[^\W\d_]", value):
        return None
    if not UI_WORDS_RE.sub("", folded).strip():
        return None  # a button ("只看该作者 | 倒序浏览"), not a name
    return value


def _group(match: re.Match[str], name: str, original: str) -> str | None:
    start, end = match.span(name)
    return same_span(original, match.string, start, end) if start >= 0 else None


# A columnist's line above an opinion piece: "●林某某／某某大学讲座教授、经济系名誉教授".
COLUMNIST_RE = re.compile(
    r"^[●◎■◆▲※]?\s*(?P<p>[\u3400-\u9fff·]{2,4})\s*[／/]\s*[^，。！？,!?\s\d]{0,40}?"
    r"(?:教授|研究员|学者|院长|所长|主任|总监|董事长|执行长|总经理|创办人|创始人|合伙人|分析师|律师|医师|"
    r"作家|主笔|评论员|顾问|委员|工程师|经济学家|校长|议员)(?=、|，|,|\s*$|\s*[（(])"
)


def find_author(line: str, original: str | None = None) -> str | None:
    """The author named on a (folded) line; ``original`` is the line in its own script.

    >>> find_author("作者 | Ada"), find_author("By Grace Hopper · 5 min read")
    ('Ada', 'Grace Hopper')
    >>> find_author("作者 | Ada Lovelace"), find_author("作者：Ada Lovelace 发表于 2024")
    ('Ada Lovelace', 'Ada')
    >>> find_author("王五 赵六 发自 某某寺")
    '王五 赵六'

    """
    return (
        _value(_AUTHOR_RE.search(line), original)
        or _value(_AUTHOR_EN_RE.search(line), original)
        or _value(_HANDLE_RE.search(line), original)
        or _value(DESK_DATE_RE.match(line.strip()), original.strip() if original else None)
        or _value(_REPORTER_RE.search(line), original)
        or _value(SENT_FROM_RE.match(line.strip()), original.strip() if original else None)
        or _value(COLUMNIST_RE.match(line.strip()), original.strip() if original else None)
    )


@dataclass(frozen=True, slots=True)
class WireByline:
    role: str
    name: str
    outlet: str | None


def find_wire_byline(line: str, original: str | None = None) -> WireByline | None:
    """A wire-style byline on a (folded) line: slash-separated short segments, one of them a
    role and a name; a segment before that one is the outlet.

    >>> find_wire_byline("某某日报／ 编译王小明／综合外电")
    WireByline(role='编译', name='王小明', outlet='某某日报')
    >>> find_wire_byline("某某财经网编译李小华")
    WireByline(role='编译', name='李小华', outlet='某某财经网')
    >>> find_wire_byline("某某新闻组／香港14日电")
    WireByline(role='desk', name='', outlet=None)
    """
    original = original if original is not None and len(original) == len(line) else line
    joined = _OUTLET_ROLE_RE.match(line.strip()) if len(line) <= OUTLET_BYLINE_CHARS else None
    if joined is not None:
        start = len(line) - len(line.lstrip())
        return WireByline(
            joined.group("role"),
            original[start + joined.start("p") : start + joined.end("p")],
            original[start + joined.start("outlet") : start + joined.end("outlet")],
        )
    parts = _WIRE_SPLIT_RE.split(original.strip())
    folded = _WIRE_SPLIT_RE.split(line.strip())
    if not 2 <= len(folded) <= 4 or len(parts) != len(folded):
        return None
    if any(not part or len(part) > WIRE_SEGMENT_CHARS for part in folded):
        return None
    if _WIRE_DATELINE_RE.match(folded[-1]):
        # "某某新闻组／香港14日电": the desk, then the place and the day the story was filed
        return WireByline("desk", "", None)  # a desk names no writer
    for position, part in enumerate(folded):
        if (match := _WIRE_ROLE_RE.match(part)) is not None:
            name = parts[position][match.start("p") : match.end("p")]
            outlet = parts[0] if position == 1 and not _WIRE_ROLE_RE.match(folded[0]) else None
            return WireByline(match.group("role"), name, outlet)
    return None


# A news dateline opening the story: "《某某通讯社19日专讯》", "（某某社记者王五台北19日电）",
# "【某某报讯】", "某某社北京1月19日电": the outlet is named before the place and the day.
_DATELINE_RE = re.compile(
    r"^[《【（(\[]?\s*(?P<p>[\u3400-\u9fffA-Za-z]{2,12}?(?:通讯社|新闻社|社|报|电台|电视台|网|周刊))"
    r"[》】]?(?:记者\S{1,8}?)?\s*(?:[\u3400-\u9fff]{0,4}?\d{1,2}\s*月)?\s*\d{0,2}\s*日?\s*"
    r"(?:专讯|电|讯|特稿|报导|报道)\s*[》】）)\]]?"
    # the editor who wrote it up: "《某某日报》1 月 9 日讯(编辑 王五)"
    r"(?:\s*[(（](?:编辑|记者|作者|文)\s*[:：]?\s*[\u3400-\u9fff]{2,4}[)）])?"
)
_NOT_OUTLET = frozenset({"本报", "本社", "本网", "综合报", "记者"})


def find_dateline_outlet(line: str, original: str | None = None) -> str | None:
    """The outlet a (folded) body line's opening news dateline names.

    >>> find_dateline_outlet("《星河通讯社19日专讯》星河实验室周五发布了新模型。")
    '星河通讯社'
    >>> find_dateline_outlet("《星河日报》1 月 9 日讯(编辑 王五) 星河实验室周五发布了新模型。")
    '星河日报'
    >>> find_dateline_outlet("（星河社记者王五台北19日电）"), find_dateline_outlet("【本报讯】今天")
    ('星河社', None)
    """
    match = _DATELINE_RE.match(line.strip())
    if match is None or match.group("p") in _NOT_OUTLET:
        return None
    return _value(match, original.strip() if original is not None else None)


# "图/记者王五摄", "• 照片／…": who took the picture, not who wrote the story
_PHOTO_LABEL_RE = re.compile(r"^[•·*\-\s]*(?:图|图片|照片|摄影|图文)\s*[／/]")
# "〔记者王五／台北报导〕" opening the story: the reporter, without the outlet
_REPORTER_DATELINE_RE = re.compile(r"^[〔【（(\[]\s*记者[^〕】）)\]]{2,24}[〕】）)\]]")


def find_dateline_reporter(line: str, original: str | None = None) -> str | None:
    """The reporter a (folded) body line's opening news dateline names.

    >>> find_dateline_reporter("（星河社记者王五台北19日电）星河实验室周五发布了新模型。")
    '王五'
    >>> find_dateline_reporter("〔记者王五/台北报导〕星河实验室周五发布了新模型。")
    '王五'
    >>> find_dateline_reporter("星河实验室周五发布了新模型，记者王五/台北报导")
    """
    dateline = _DATELINE_RE.match(line.strip()) or _REPORTER_DATELINE_RE.match(line.strip())
    if dateline is None:
        return None
    opening = line.strip()[: dateline.end()]
    shift = len(line) - len(line.lstrip())
    return _value(
        _REPORTER_RE.search(opening),
        original[shift : shift + len(opening)] if original is not None else None,
    )


# A news credit in brackets opening the story: "〔编译王五／台北报导〕", "[某某新闻] ",
# "（某某社记者王五台北19日电）", "【本报讯】". 《》 name works, so only a wire's "…专讯》" counts.
_BRACKET_CREDIT_RE = re.compile(
    r"^(?:[〔【（(\[［][^〔〕【】（）()\[\]［］\n]{1,30}?"
    r"(?:报导|报道|\d{1,2}日电|专讯|讯|新闻|新闻社|通讯社|记者\S{1,8})[〕】）)\]］]"
    r"|《[^《》\n]{1,20}?(?:专讯|\d{1,2}日电)》)\s*[-–—]?\s*"
)
# The same unbracketed, or after the day it was filed: "编译王五／即时报导", "2024/07/15 10:20
# 文/记者 王五 " (the name ends where Latin text or a space starts).
_BARE_CREDIT_RE = re.compile(
    r"^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*)?"
    r"(?:(?:记者|编译)\s*[\u3400-\u9fff·、]{2,10}\s*[／/]\s*[\u3400-\u9fff]{2,6}报导"
    r"|文\s*[／/]\s*记者\s*[\u3400-\u9fff·]{2,4}(?=[\sA-Za-z0-9]))\s*"
)


def opening_credit(line: str) -> int:
    """How many characters of a (folded) first body line are the news credit opening it: the
    outlet, the reporter and where they filed from, kept as metadata; 0 when none.

    >>> line = "〔编译王五／台北报导〕星河实验室周五发布了新模型。"
    >>> line[opening_credit(line):]
    '星河实验室周五发布了新模型。'
    >>> line = "2024/07/15 17:27:30文/记者 王小明AI教育正在走进校园。"
    >>> line[opening_credit(line):]
    'AI教育正在走进校园。'
    >>> opening_credit("《金融时报》报道，星河实验室周五发布了新模型。")
    0
    """
    match = _BRACKET_CREDIT_RE.match(line) or _BARE_CREDIT_RE.match(line)
    return 0 if match is None else match.end()


def find_editor(line: str, original: str | None = None) -> str | None:
    """The editor named on a (folded) line.

    >>> find_editor("责任编辑：王五"), find_editor("Edited by Sam Lee")
    ('王五', 'Sam Lee')
    """
    return _value(_EDITOR_RE.search(line), original) or _value(_EDITOR_EN_RE.search(line), original)


def find_translator(line: str, original: str | None = None) -> str | None:
    return _value(_TRANSLATOR_RE.search(line), original) or _value(
        _TRANSLATOR_EN_RE.search(line), original
    )


def find_source(line: str, original: str | None = None) -> str | None:
    """The site or publication a (folded) line names as the source.

    >>> find_source("来源：某某日报 2023-01-02"), find_source("本文由Open Lab编译。")
    ('某某日报', 'Open Lab')
    """
    return (
        _value(_SOURCE_RE.search(line), original)
        or _value(_SOURCE_EN_RE.search(line), original)
        or _value(_SOURCE_BY_RE.search(line), original)
    )


def find_url(line: str) -> str | None:
    match = _URL_LABEL_RE.search(line)
    return match.group("u").rstrip(".,;:") if match else None


def read_facts(
    lines: Sequence[str],
    folded: Sequence[str],
    *,
    meta_like: Sequence[bool],
    info_bars: Sequence[bool],
) -> PageFacts:
    """The first value of each field found in the meta-like lines.

    Labels are matched on the ``folded`` (Simplified) lines, values are cut from the original
    ``lines``. Dates come from info bars first (lines the byline/counter rules removed), then
    from lines with a date label; a date in a body sentence or in a URL is never the
    publication date.
    """
    author = translator = editor = source = url = compiler = None
    for line, original, is_bar in zip(folded, lines, info_bars, strict=False):
        if is_bar and (match := _MARKED_BAR_RE.match(line)):
            author = _group(match, "a", original)
            source = _group(match, "s", original)
            break
    for line, original, is_bar in zip(folded, lines, info_bars, strict=False):
        if author is None and is_bar:
            author = (
                _value(_BAR_AUTHOR_RE.search(line), original)
                or _value(_GLUED_BYLINE_RE.match(line), original)
                or _value(_NAME_FIRST_BAR_RE.match(line), original)
                or _value(_POSTER_HANDLE_RE.search(line), original)
            )
        if source is None and is_bar:
            source = _outlet_of_bar(line, original)
    for line, original, usable in zip(folded, lines, meta_like, strict=False):
        if not usable or not line:
            continue
        if (
            ("/" in line or "／" in line)
            and _PHOTO_LABEL_RE.match(line) is None
            and (wire := find_wire_byline(line, original)) is not None
        ):
            author = author or (wire.name if wire.role != "编译" else None) or None
            translator = translator or (wire.name if wire.role == "编译" else None)
            source = source or wire.outlet
            compiler = compiler or (wire.name if wire.role == "编译" else None)
        author = author or find_author(line, original)
        translator = translator or find_translator(line, original)
        editor = editor or find_editor(line, original)
        source = source or find_source(line, original)
        url = url or find_url(original)
    # A news story compiled from wire reports names no other writer: the compiler wrote it.
    author = author or compiler
    if author is not None and source is None and OUTLET_NAME_RE.search(fold_lines([author])[0]):
        author, source = None, author  # "文/某某时报": the text is the outlet's, no writer named
    return PageFacts(
        author, translator, source, url, _published(folded, meta_like, info_bars), editor
    )


def _outlet_of_bar(line: str, original: str) -> str | None:
    """The publication named before the date on an info bar ("Weekly AI Digest - 30/09/2024",
    "Example TimesSaturday, March 21, 2026")."""
    if (by := _BY_OUTLET_BAR_RE.match(line)) is not None:
        outlet = by.group("p")
        if find_date(line[by.end("p") :]) is not None and not (
            find_date(outlet) or _READ_TIME_RE.search(outlet)
        ):
            return _value(by, original)
    match = _OUTLET_BAR_RE.match(line) or OUTLET_WEEKDAY_RE.match(line)
    if match is None or find_date(line[match.end("p") :]) is None:
        return None
    name = match.group("p")
    return _value(match, original) if OUTLET_WORDS_RE.search(name.lower()) else None


def _published(
    lines: Sequence[str], meta_like: Sequence[bool], info_bars: Sequence[bool]
) -> str | None:
    for line, is_bar in zip(lines, info_bars, strict=False):
        if is_bar and (date := find_date(line)):
            return date
    for line, usable in zip(lines, meta_like, strict=False):
        if usable and _DATE_LABEL_RE.search(line) and (date := find_date(line)):
            return date
    return None
