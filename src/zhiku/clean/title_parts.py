"""A page title's parts: the headline, and what the site put around it.

A crawled title carries more than the headline a reader would name the article by:

- the site's name: "Headline | Site", when the page prints the headline alone on a line;
- the author's signature: "Headline - Jane Doe", "标题 - 高某某" (a blog or a slide deck);
- a column's name, which the page quotes elsewhere: "专栏名|Headline" under a line such as
  "「专栏名」是一档…的专栏".

The headline is the title; a Chinese signature is also the author (a Latin one may be the
site, "Hugging Face", so it is only cut off).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.clean.folding import fold_lines
from zhiku.clean.layout import LATIN_NAME_RE
from zhiku.clean.lines import visible_length
from zhiku.surnames import SURNAMES

TITLE_SEPARATOR_RE = re.compile(r"\s*[|｜]\s*|\s+[-–—_·]\s+")
# a site's name in Latin capitals after a Chinese headline: "本地模型服务指南 · Example AI Hub"
_LATIN_SITE_NAME_RE = re.compile(r"^[A-Z][\w.&'-]*(?:\s+[A-Z0-9][\w.&'-]*){0,4}$")
_HAS_CJK_RE = re.compile(r"[\u3400-\u9fff]")
COLUMN_MAX_CHARS = 12
# A short Chinese run that ends like this is a site or an outlet ("某某网", "某某日报"), not a person.
_OUTLET_ENDING = tuple("网站报刊社界号圈院馆台")
_CJK_SIGNATURE_RE = re.compile(r"^[\u3400-\u9fff]{2,3}$")
# Words that start a series' part ("Part Two") or a common phrase, never a signature.
_NOT_A_SIGNATURE_RE = re.compile(
    r"\b(?:part|chapter|episode|volume|section|lesson|step|edition|season|getting|started|"
    r"introduction|overview|summary|review|guide|tutorial|update|news|notes|day|week|"
    # a subtitle's words: "… — Career Switch", "… - Explained", "… | Complete Roadmap"
    r"career|switch|roadmap|explained|complete|beginners?|handbook|primer|playbook|basics|"
    r"essentials|cheat|recap|report|analysis|interview|transcript|podcast|explainer|deep dive|"
    r"manual|workbook|textbook|syllabus|lectures?|study|course|reference)\b",
    re.IGNORECASE,
)
# a document-sharing site's file name: "教学计划.docx", with its shop's mark ("…docxVIP")
_FILE_TYPE_RE = re.compile(r"\.(?:docx?|pdf|pptx?|xlsx?|wps)(?:\s*VIP)?$", re.IGNORECASE)
# the desk's credit after the headline: "…|編:周某某", "… | 文／王某"
_EDITOR_CREDIT_RE = re.compile(r"^(?:编|編|文|责编|責編|撰文|编辑|編輯)\s*[:：/／]\s*\S{2,4}$")
_QUOTE_MARKS = (("「", "」"), ("“", "”"), ("『", "』"))
# a channel's short name run onto the headline after an underscore: "…实践指南_风闻"
_CHANNEL_AFTER_UNDERSCORE_RE = re.compile(r"(?<=[\u3400-\u9fff：:）)」”])_[\u3400-\u9fff]{2,4}$")
# a news desk's section before a bar: "香港要聞 | …", "科技快讯｜…" (matched on the folded title)
_DESK_BEFORE_BAR_RE = re.compile(
    r"^[\u3400-\u9fff]{0,4}(?:要闻|新闻|快讯|头条|资讯|动态|焦点|速递|早报|晚报|独家报道|独家)\s*[|｜]\s*"
)


@dataclass(frozen=True, slots=True)
class TitleParts:
    headline: str
    author: str | None = None


def title_parts(title: str, lines: Sequence[str]) -> TitleParts:
    """The headline of ``title`` as the page's ``lines`` show it, and the author who signed it.

    >>> title_parts("Local models in practice - Mei Tanaka", ["Local models in practice - Mei Tanaka"])
    TitleParts(headline='Local models in practice', author=None)
    >>> title_parts("向量库选型的五个问题 - 周某某", ["向量库选型的五个问题 - 周某某"])
    TitleParts(headline='向量库选型的五个问题', author='周某某')
    >>> title_parts("闲聊AI|向量库选型", ["闲聊AI|向量库选型", "「闲聊AI」是一档专栏。"])
    TitleParts(headline='向量库选型', author=None)
    >>> title_parts("本地模型服务指南 · Example AI Hub", ["本地模型服务指南 · Example AI Hub"])
    TitleParts(headline='本地模型服务指南', author=None)
    >>> title_parts("開源模型,不必再等“下一代”|某某光年", [])
    TitleParts(headline='開源模型,不必再等“下一代”', author=None)
    >>> title_parts("向量库选型:全面解析与实践指南_某闻", []).headline
    '向量库选型:全面解析与实践指南'
    >>> title_parts("本地要聞 | 某公署發指引,協助機構制定AI政策", []).headline
    '某公署發指引,協助機構制定AI政策'
    >>> title_parts("模型部署手册.docxVIP", []), title_parts("什麼是向量庫|編:周某某", [])
    (TitleParts(headline='模型部署手册', author=None), TitleParts(headline='什麼是向量庫', author=None))
    """
    title = _FILE_TYPE_RE.sub("", title) or title
    title = _CHANNEL_AFTER_UNDERSCORE_RE.sub("", title) or title
    title = _without_keyword_prefix(title)
    desk = _DESK_BEFORE_BAR_RE.match(fold_lines([title])[0])
    if desk is not None and visible_length(title[desk.end() :]) > 2 * visible_length(desk.group(0)):
        title = title[desk.end() :]
    parts = [p for p in TITLE_SEPARATOR_RE.split(title) if p]
    if len(parts) < 2:
        return TitleParts(title)
    own = {line.strip() for line in lines}
    alone = next((p for p in parts if p in own and len(p) >= len(title) // 2), None)
    if alone is not None:
        return TitleParts(alone)
    # separators between two parts (not a leading or trailing "|")
    separators = [
        m for m in TITLE_SEPARATOR_RE.finditer(title) if m.start() > 0 and m.end() < len(title)
    ]
    if not separators:
        return TitleParts(title)
    signed = _signed(title, separators[-1])
    if signed is not None:
        return signed
    site = _site_after_bar(title, separators[-1])
    if site is not None:
        return TitleParts(site)
    return TitleParts(_without_column(title, separators[0], separators[-1], lines))


def _without_keyword_prefix(title: str) -> str:
    """ "gpu云服务器价格,深度解析,GPU云服务器价格趋势": a search keyword put before the
    headline that already holds it; the headline alone.

    >>> _without_keyword_prefix("gpu云服务器价格,深度解析,GPU云服务器价格趋势与选型")
    '深度解析,GPU云服务器价格趋势与选型'
    >>> _without_keyword_prefix("向量库,一文讲透")
    '向量库,一文讲透'
    """
    head, comma, rest = title.partition(",") if "," in title else title.partition("，")
    if not comma or visible_length(head) < KEYWORD_PREFIX_MIN_CHARS or not rest.strip():
        return title
    return rest.strip() if head.strip().lower() in rest.lower() else title


KEYWORD_PREFIX_MIN_CHARS = 4
SITE_AFTER_BAR_MAX_CHARS = 8
SITE_HEADLINE_RATIO = 2.5
_NAME_PUNCTUATION_RE = re.compile(r"[，,。:：!！?？“”「」()（）]")


def _site_after_bar(title: str, last: re.Match[str]) -> str | None:
    """ "香港科技產業,不必再提“失去的二十年”|某某光年": a short name after a bar, a headline of a
    sentence's length before it: the headline without the site's name."""
    headline, name = title[: last.start()].strip(), title[last.end() :].strip()
    if (
        last.group(0).strip() in ("|", "｜")
        and _HAS_CJK_RE.search(headline)
        and visible_length(name) <= SITE_AFTER_BAR_MAX_CHARS
        and _NAME_PUNCTUATION_RE.search(name) is None
        and visible_length(headline) >= SITE_HEADLINE_RATIO * visible_length(name)
        and _NAME_PUNCTUATION_RE.search(headline) is not None
    ):
        return headline
    return None


def _signed(title: str, last: re.Match[str]) -> TitleParts | None:
    """A title signed "Headline - Name": the headline, and the name when it is a Chinese one."""
    headline, name = title[: last.start()].strip(), title[last.end() :].strip()
    if _EDITOR_CREDIT_RE.match(name):
        return TitleParts(headline)
    if (
        _HAS_CJK_RE.search(headline)
        and _LATIN_SITE_NAME_RE.match(name)
        and _NOT_A_SIGNATURE_RE.search(name) is None  # "… - Part 2" is the headline's own
    ):
        return TitleParts(headline)  # a Latin site name, however long, after a Chinese headline
    if visible_length(headline) < visible_length(name):
        return None
    if _CJK_SIGNATURE_RE.match(name):
        folded = fold_lines([name])[0]
        if folded[0] in SURNAMES and not folded.endswith(_OUTLET_ENDING):
            return TitleParts(headline, name)
        return None
    if LATIN_NAME_RE.match(name) and _NOT_A_SIGNATURE_RE.search(name) is None:
        return TitleParts(headline)
    return None


def _without_column(
    title: str, first: re.Match[str], last: re.Match[str], lines: Sequence[str]
) -> str:
    """The title without a first or last part the page quotes as a name ("「专栏名」")."""
    page = "\n".join(lines)
    for part, rest in (
        (title[: first.start()], title[first.end() :]),
        (title[last.end() :], title[: last.start()]),
    ):
        part = part.strip()
        if (
            visible_length(part) <= COLUMN_MAX_CHARS
            and visible_length(rest) > visible_length(part)
            and any(f"{opening}{part}{closing}" in page for opening, closing in _QUOTE_MARKS)
        ):
            return rest.strip()
    return title
