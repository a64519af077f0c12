"""Junk inside lines that are otherwise kept: raw HTML tags, HTML entities, in-page jump links,
anti-scraping noise.

A crawler that takes text from a half-rendered page leaves markup in the middle of sentences
("模型<br>的表现", "效果很好&nbsp;。", an entity that lost its ampersand: "#xff0c;"), and
newsletters append jump links to their summaries ("… (Scroll To Tech Updates)"). Each is cut
out of the line (entities are decoded); the line itself stays. A line without Chinese text
whose tags carry attributes (``<div class="x">``) is code that shows HTML and keeps its markup,
unless its text without the tags reads as prose.

Forums hide random strings in their posts so that copies can be traced ("大模型a3Bx9的效果");
a crawl keeps them glued into the Chinese text. A string is such noise when it mixes digits,
lower- and upper-case letters with at least four changes between them (``Qwen2VL`` has three),
touches a Chinese character, and the page has at least two of them.
"""

from __future__ import annotations

import html
import itertools
import re

from zhiku.clean.lines import is_prose, is_scramble

_TAG_NAMES = (
    r"p|br|div|span|font|strong|b|i|em|u|a|img|ul|ol|li|table|tbody|thead|tr|td|th|h[1-6]|"
    r"section|article|blockquote|center|sup|sub|small|big|hr|label|iframe|script|style|pre|code"
)
_TAG_RE = re.compile(
    rf"</?(?:{_TAG_NAMES})(?:\s[^<>]{{0,200}})?\s*/?>|<!--.{{0,200}}?-->", re.IGNORECASE
)
# A tag escaped inside a JSON string, with the escaped newlines after it: "…trends.<\/p>\n\n"
_ESCAPED_TAG_RE = re.compile(rf"<\\/(?:{_TAG_NAMES})>(?:\\[nrt])*", re.IGNORECASE)
# A closing tag that lost its "<" after the last sentence: "…in the coming weeks. p>"
_HALF_TAG_TAIL_RE = re.compile(r"(?<=[.!?。！？”\"])\s+/?(?:p|div|span|li|br)\s*/?>\s*$")
# A page's JSON record run onto its text: `…era.","post_title":"…","post_status":"publish",…};`
_JSON_RECORD_TAIL_RE = re.compile(r'(?:\\n)*"\s*[,}\]]\s*"[A-Za-z_][\w-]{0,40}"\s*:.*$')
_JSON_KEY_RE = re.compile(r'"[A-Za-z_][\w-]{0,40}"\s*:')
JSON_RECORD_MIN_KEYS = 3
# A tag with attributes on a line without Chinese: code that shows HTML, left as it is.
_SHOWS_MARKUP_RE = re.compile(r"^[^\u3400-\u9fff]*<[a-z][\w-]*\s+[\w-]+=", re.IGNORECASE)
_BARE_TAGS_RE = re.compile(
    r"^(?:\s*(?:<br\s*/?>|</(?:p|div|span|font|li|td|tr|section|article)>))+\s*$", re.IGNORECASE
)
_ENTITY_RE = re.compile(r"&(?:#x[0-9a-f]{2,6}|#\d{2,7}|[a-z]{2,8});", re.IGNORECASE)
# An entity garbled by a wrong encoding, its name now Chinese characters ("&nbsp;" as "&苍产蝉辫;")
_GARBLED_ENTITY_RE = re.compile(r"&[\u3400-\u9fff]{2,8};")
# A numeric entity whose "&" was lost on the way ("深度学习#xff0c;大模型").
_BROKEN_ENTITY_RE = re.compile(
    r"(?<![&0-9A-Za-z])#x(?P<hex>[0-9a-f]{2,5});|(?<=[A-Za-z])#x(?P<wide>[0-9a-f]{4,5});",
    re.IGNORECASE,
)
_JUMP_LINK_RE = re.compile(
    r"\s*[(（\[【]\s*(?:scroll to|jump to|skip to|go to|back to top|return to top|返回顶部|回到顶部|"
    r"跳转到|跳转至|跳至|回到目录|返回目录|打印本页|打印本頁|print this page)[^()（）\[\]【】\n]{0,60}[)）\]】]",
    re.IGNORECASE,
)


# A docs site's heading anchor read aloud ("Section titled “How it works”"), glued to the text.
_ANCHOR_LABEL_RE = re.compile(r"section titled [“\"][^”\"]{1,80}[”\"]\s*", re.IGNORECASE)
# An icon font's ligature name left glued to the text it decorated: "• check_circleSafety …"
# (snake_case, run straight into a capital or a Chinese character).
_ICON_NAME_RE = re.compile(r"^([\s•·*\-–]*)([a-z]+(?:_[a-z]+)+)(?=[A-Z\u3400-\u9fff])")
# Forum filler (`zhiku.clean.lines.is_scramble`) glued to the start of a Chinese line:
# "5 v5 p2 n) Y( b$ R" i加快…"
_SCRAMBLE_PREFIX_RE = re.compile(r"^(?:[-•]\s)?((?:[!-~]{1,2}\s){3,}[!-~]{1,2})(?=[\u3400-\u9fff])")
# … or to its end, after the sentence: "…新篇章。: V) X& \0 L% v& {+ s3"
_SCRAMBLE_SUFFIX_RE = re.compile(
    r"(?<=[\u3400-\u9fff。！？，”」])((?:[!-~]{1,2}\s){3,}[!-~]{1,2})$"
)
# A news desk's sign-off closing the story: "（编辑：王五）1130709" (a date code after it).
_SIGN_OFF_RE = re.compile(
    r"[（(](?:编辑|編輯|责任编辑|責任編輯|责编|責編)[:：／/]\s*[\u3400-\u9fff、]{2,12}[)）]\s*\d{0,8}$"
)
# A repost's byline run into its paragraph: "…创造。 作者 | 王五 来源 | 某某资本(ID:abc) 全球…"
_INLINE_BYLINE_RE = re.compile(
    r"(?<=\S\s)作者\s*[|｜]\s*[^\s|｜]{1,16}\s+(?:来源|來源)\s*[|｜]\s*[^\s|｜(（]{1,20}"
    r"(?:[(（]\s*ID\s*[:：]\s*[\w-]{1,40}\s*[)）])?(?:\s+|$)"
)
# An encyclopedia's citation marks after a sentence, two or more: "… to follow. [7] [1] [8] The"
_CITATION_RUN_RE = re.compile(r"(?<=[.。!?！？”\"])\s*(?:\[\d{1,3}\]\s*){2,}(?=\S|$)")
# The "#" permalink a heading carries at its end ("一、背景#", "Why it matters?#").
# Not after a Latin letter: "C#" and "F#" are names.
_HEADING_ANCHOR_RE = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef?!.:)”」』])#$")


# A Markdown image inside a line of text ("…价值最大化。 ![a.jpg](/uploads/a.jpg)"), or a
# picture's file name as the upload named it left after a list item ("• 成本控制 1768291068530-4de5c166.jpg"),
# not a name the text gives ("save it as out.png")
_INLINE_IMAGE_RE = re.compile(
    r"\s*!\[[^\[\]]{0,200}\]\([^()\s]{1,400}\)|(?<=\S)\s+[\w-]{0,40}\d{6,}[\w-]{0,40}\.(?:jpe?g|png|gif|webp|svg)$",
    re.IGNORECASE,
)
# An embed's attributes left in the text, its tag gone: '” frameborder=”0″ allow=”autoplay” allowfullscreen>'
_EMBED_ATTRIBUTES_RE = re.compile(
    r"[\"”″]?\s*(?:(?:frameborder|allowfullscreen|allow|width|height|style|referrerpolicy|loading)"
    r"(?:\s*=\s*[\"'“”″′][^\"'“”″′<>]{0,200}[\"'“”″′])?\s*){3,}/?>",
    re.IGNORECASE,
)
# A link to the section a summary shortens, after its last sentence: "… datasets. More in Methodology →"
_MORE_IN_TAIL_RE = re.compile(r"(?<=[.!?。！？])\s+More in [A-Z][\w ]{1,30}\s*(?:→|->|»|›)\s*$")
# A blog editor's placeholder for a picture's caption, left glued to the sentence before it:
# "…正逢其时。在这里插入图片描述"
_CAPTION_PLACEHOLDER_RE = re.compile(
    r"(?<=[。！？!?.”」)）])\s*(?:在这里插入图片描述|在這裡插入圖片描述)"
)
# A blog engine's shortcode around a figure: '[caption id="attachment_1" width="768"]', "[/caption]",
# or any plugin's shortcode in snake_case
_SHORTCODE_RE = re.compile(
    r"\[/?(?:caption|gallery|embed|video|audio|playlist)(?:\s[^\[\]]{0,200})?\]"
    r"|\[[a-z]+(?:_[a-z]+)+\]"  # a plugin's own, left unrendered: "Views: [post_views]"
    # a Markdown editor's embed tag ("{%youtube abc123 %}"), a contents marker before a heading
    r"|\{%\s*[a-z]+\b[^{}%]{0,200}%\}|^\[\[?toc\]\]?\s+(?=\S)"
    # emphasis marks around nothing, glued to a paragraph's ends: "****某某表示…。****"
    r"|^\*{4,}(?=[^\s*])|(?<=[^\s*])\*{4,}$"
    # a link's attribute left after it: "[Docs](https://…) [target=_blank]", "{target="_blank"}"
    r"|\s*[\[{]\s*target\s*=\s*[\"']?_blank[\"']?\s*[\]}]",
    re.IGNORECASE,
)
# A reporter's credit run onto the end of the lead paragraph: "…里程碑。記者王小明/綜合報導"
_REPORTER_TAIL_RE = re.compile(
    r"(?<=[。！？」”])\s*(?:记者|記者)\s*[\u3400-\u9fff]{2,4}\s*[/／]\s*[\u3400-\u9fff]{0,6}"
    r"(?:报导|報導|报道|報道)\s*$"
)
# A headline's info bar run onto it: "… riches Published Wed, Oct 22 202512:20 PM EDTUpdated …"
_STAMP = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}"
    r"(?:,?\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b|\s*[a-z]{2,4}(?=updated))?)?"
)
_INFO_BAR_TAIL_RE = re.compile(
    rf"(?<=\w)\s+(?-i:Published|Posted|Updated)(?: on)?:?\s+{_STAMP}"
    rf"(?:\s*(?:last )?updated(?: on)?:?\s+{_STAMP})?\s*$",
    re.IGNORECASE,
)
# A syndication service's credit opening the story: "(FEEDNAME- The Example Times) Meta plans …"
_SYNDICATION_PREFIX_RE = re.compile(r"^\([A-Z]{2,12}-\s*[^()]{2,40}\)\s+(?=\S)")
# A shared post's tail after its last sentence: "…差异。”更多详细内容请查看原文>> :sys_link: 网页链接
# https://…" (a link to the original, a social site's icon shortcodes, bare addresses).
_LINK_TAIL_RE = re.compile(
    r"(?<=[。！？!?”」』…])(?:\s*(?:[^。！？”」』\s]{0,8}(?:查看|查閱|点击|點擊|阅读|閱讀)(?:原文|全文)"
    r"\s*[>》»]*|:[a-z_]{2,24}:|网页链接|網頁鏈接|https?://\S+))+\s*$"
)

# A Markdown link inside a line of text reads as its label ("採納你的[反饋](https://…)"); a link
# with no label ("[](https://youtu.be/… "title")", an image's frame whose image is gone) is
# nothing to read. A line that is only a link is left to the line rules.
_MARKDOWN_LINK_RE = re.compile(
    r"(?<!!)\[(?P<label>[^\[\]\n]{0,200})\]\((?P<target>(?:https?://|/)[^()\s]{0,400})"
    r"(?:\s+\"[^\"\n]{0,120}\")?\)"
)


def strip_inline_junk(line: str) -> tuple[str, tuple[str, ...]]:
    """``line`` without its inline junk, and the pieces taken out (decoded entities included).

    >>> strip_inline_junk("模型<br>的表现很好，速度也快，成本也低。")
    ('模型的表现很好，速度也快，成本也低。', ('<br>',))
    >>> strip_inline_junk("深度学习#xff0c;大模型")
    ('深度学习，大模型', ('#xff0c;',))
    >>> strip_inline_junk("Chips got cheaper. (Scroll To Tech Updates)")
    ('Chips got cheaper.', ('(Scroll To Tech Updates)',))
    >>> strip_inline_junk("5 v5 p2 n) Y( b$ R i模型发布了。")
    ('模型发布了。', ('5 v5 p2 n) Y( b$ R i',))
    >>> strip_inline_junk("模型发布了。: V) X& L% v& s3 E0 ^")
    ('模型发布了。', (': V) X& L% v& s3 E0 ^',))
    >>> strip_inline_junk("审查通过后再发布细则。（编辑：王小明）1130709")
    ('审查通过后再发布细则。', ('（编辑：王小明）1130709',))
    >>> strip_inline_junk("• check_circleKeep the safety checks on.")
    ('• Keep the safety checks on.', ('check_circle',))
    >>> strip_inline_junk("It listed 75 rules. [7] [1] [8] Later ones were shorter.")
    ('It listed 75 rules. Later ones were shorter.', ('[7] [1] [8]',))
    >>> strip_inline_junk("See item [2] of the list.")
    ('See item [2] of the list.', ())
    >>> strip_inline_junk("数据如下。 作者 | 王五 来源 | 某某资本(ID:abc_01) 全球首个…")
    ('数据如下。 全球首个…', ('作者 | 王五 来源 | 某某资本(ID:abc_01)',))
    >>> strip_inline_junk("差别不大。”更多内容请查看原文>> :sys_link: 网页链接 https://a.example/t")
    ('差别不大。”', ('更多内容请查看原文>> :sys_link: 网页链接 https://a.example/t',))
    >>> strip_inline_junk('图为发布会现场。(图/某某)[/caption]')
    ('图为发布会现场。(图/某某)', ('[/caption]',))
    >>> strip_inline_junk("模型上线了。 ![a.jpg](/uploads/a.jpg)"), strip_inline_junk("• 成本 1234567-ab.jpg")
    (('模型上线了。', ('![a.jpg](/uploads/a.jpg)',)), ('• 成本', ('1234567-ab.jpg',)))
    >>> strip_inline_junk('看影片:” frameborder=”0″ allow=”autoplay” allowfullscreen style=”x”> 下一段。')
    ('看影片: 下一段。', ('” frameborder=”0″ allow=”autoplay” allowfullscreen style=”x”>',))
    >>> strip_inline_junk("We ran four benchmarks. More in Results →")
    ('We ran four benchmarks.', ('More in Results →',))
    >>> strip_inline_junk("時機正好。在这里插入图片描述")
    ('時機正好。', ('在这里插入图片描述',))
    >>> strip_inline_junk("這是一個里程碑。記者王小明/綜合報導")
    ('這是一個里程碑。', ('記者王小明/綜合報導',))
    >>> strip_inline_junk("歡迎提出[意見](https://example.org/talk)。")
    ('歡迎提出意見。', ('https://example.org/talk',))
    >>> strip_inline_junk('[](https://example.org/v/1 "Intro")'), strip_inline_junk("[Docs](/docs)")
    (('', ('[](https://example.org/v/1 "Intro")',)), ('[Docs](/docs)', ()))
    >>> strip_inline_junk("Chips Get Cheaper Published Wed, Oct 22 202512:20 PM EDTUpdated Wed, Oct 22 20253:26 PM EDT")
    ('Chips Get Cheaper', ('Published Wed, Oct 22 202512:20 PM EDTUpdated Wed, Oct 22 20253:26 PM EDT',))
    >>> strip_inline_junk("- the rule was updated Jan 5, 2025")[1]
    ()
    >>> strip_inline_junk("[TOC] 十三、聚类"), strip_inline_junk("{%youtube Ab12Cd %}")
    (('十三、聚类', ('[TOC] ',)), ('', ('{%youtube Ab12Cd %}',)))
    >>> strip_inline_junk("****某机构负责人表示,市场正在变化。****")[0]
    '某机构负责人表示,市场正在变化。'
    >>> strip_inline_junk("一、背景是什么?#"), strip_inline_junk("C#")
    (('一、背景是什么?', ('#',)), ('C#', ()))
    """
    removed: list[str] = []
    line = _ICON_NAME_RE.sub(lambda m: m.group(1) + _note(removed, m.group(2)), line)
    line = _cut_edges(line, removed)
    line = _ANCHOR_LABEL_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    line = _HEADING_ANCHOR_RE.sub(lambda m: _note(removed, "#"), line)
    if "作者" in line:
        line = _INLINE_BYLINE_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "![" in line or "." in line:
        stripped = _INLINE_IMAGE_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
        line = stripped if stripped.strip() else line
    line = _REPORTER_TAIL_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "More in" in line:
        line = _MORE_IN_TAIL_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "allow" in line:
        line = _EMBED_ATTRIBUTES_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "插入" in line:
        line = _CAPTION_PLACEHOLDER_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    line = _SYNDICATION_PREFIX_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "ublished" in line or "pdated" in line or "osted" in line:
        line = _INFO_BAR_TAIL_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    tail = _LINK_TAIL_RE.search(line)
    if tail is not None and re.search(r"原文|全文|:[a-z_]+:", tail.group(0)):
        removed.append(tail.group(0).strip())
        line = line[: tail.start()]
    if line.endswith(">"):
        line = _HALF_TAG_TAIL_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    if "<\\/" in line:
        line = _ESCAPED_TAG_RE.sub(lambda m: _note(removed, m.group(0)), line)
    record = _JSON_RECORD_TAIL_RE.search(line) if '":' in line else None
    if record and record.start() and len(_JSON_KEY_RE.findall(record[0])) >= JSON_RECORD_MIN_KEYS:
        removed.append(record.group(0))
        line = line[: record.start()]
    if "](" in line:
        line = _link_labels(line, removed)
    if not any(mark in line for mark in "<&#(（[【{*"):
        return (line.strip(), tuple(removed)) if removed else (line, ())
    text = _JUMP_LINK_RE.sub(lambda m: _note(removed, m.group(0).strip()), line)
    text = _SHORTCODE_RE.sub(lambda m: _note(removed, m.group(0)), text)
    text = _CITATION_RUN_RE.sub(lambda m: _note(removed, m.group(0).strip()) + " ", text)
    text = _BROKEN_ENTITY_RE.sub(
        lambda m: _decoded(removed, m.group(0), f"&#x{m.group('hex') or m.group('wide')};"),
        text,
    )
    text = _ENTITY_RE.sub(lambda m: _decoded(removed, m.group(0), m.group(0)), text)
    text = _GARBLED_ENTITY_RE.sub(lambda m: _note(removed, m.group(0)), text)
    if "<" in text:
        if _BARE_TAGS_RE.match(text):
            removed.append(text.strip())
            text = ""
        else:
            stripped = _TAG_RE.sub("", text)
            if stripped != text and (is_prose(stripped) or not _SHOWS_MARKUP_RE.search(text)):
                removed.extend(m.group(0) for m in _TAG_RE.finditer(text))
                text = stripped
    return text.strip() if removed else line, tuple(removed)


def _link_labels(line: str, removed: list[str]) -> str:
    """``line`` with each Markdown link in its text replaced by the link's label."""
    matches = list(_MARKDOWN_LINK_RE.finditer(line))
    outside = _MARKDOWN_LINK_RE.sub("", line).strip(" #-*•>")
    if not matches or (not outside and any(m.group("label").strip() for m in matches)):
        return line
    for match in matches:
        removed.append(
            match.group(0) if not match.group("label").strip() else match.group("target")
        )
    return _MARKDOWN_LINK_RE.sub(lambda m: m.group("label"), line)


# Glued to Chinese text or its punctuation on one side, to nothing Latin on either side.
_JAMMER_RE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[A-Za-z0-9]{4,12}(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])[A-Za-z0-9]{4,12}(?=[\u3400-\u9fff])"
)
JAMMER_MIN_CHANGES = 4
JAMMERS_PER_PAGE = 2


def _is_random(token: str) -> bool:
    return (
        _class_changes(token) >= JAMMER_MIN_CHANGES
        and any(c.isdigit() for c in token)
        and any(c.islower() for c in token)
        and any(c.isupper() for c in token)
    )


def _class_changes(token: str) -> int:
    kinds = ["d" if c.isdigit() else "u" if c.isupper() else "l" for c in token]
    return sum(a != b for a, b in itertools.pairwise(kinds))


def _cut_edges(line: str, removed: list[str]) -> str:
    """``line`` without forum filler glued to its start or end, or a desk's closing sign-off."""
    head = _SCRAMBLE_PREFIX_RE.match(line)
    if head is not None and is_scramble(head.group(1)):
        removed.append(head.group(0).strip())
        line = line[head.end() :]
    for pattern, check in ((_SCRAMBLE_SUFFIX_RE, is_scramble), (_SIGN_OFF_RE, None)):
        tail = pattern.search(line)
        if tail is not None and tail.start() > 0 and (check is None or check(tail.group(1))):
            removed.append(tail.group(0).strip())
            line = line[: tail.start()].rstrip()
    return line


def find_jammers(lines: list[str]) -> frozenset[str]:
    """Random strings hidden in the page's lines, when there are at least two of them.

    >>> sorted(find_jammers(["效果a3Bx9很好", "速度7k2Qx也快", "用Qwen2VL模型"]))
    ['7k2Qx', 'a3Bx9']
    """
    found = {
        m.group(0)
        for line in lines
        if not line.isascii()  # the strings hide in Chinese text
        for m in _JAMMER_RE.finditer(line)
        if _is_random(m.group(0))
    }
    return frozenset(found) if len(found) >= JAMMERS_PER_PAGE else frozenset()


def strip_jammers(line: str, jammers: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    removed = [m.group(0) for m in _JAMMER_RE.finditer(line) if m.group(0) in jammers]
    if not removed:
        return line, ()
    return _JAMMER_RE.sub(lambda m: "" if m.group(0) in jammers else m.group(0), line), tuple(
        removed
    )


def _note(removed: list[str], piece: str) -> str:
    removed.append(piece)
    return ""


def _decoded(removed: list[str], piece: str, entity: str) -> str:
    value = html.unescape(entity)
    if value == entity:
        return piece
    removed.append(piece)
    return " " if value == "\xa0" else value
