"""What a page's pictures leave in its text: file names, placeholders, alt labels, credits.

A crawler that flattens a page to text keeps, where each picture was, whatever the picture
carried: its file name (``screenshot_2024-05-01.png``), an editor's placeholder ("在这里插入图片
描述", "image"), a short alt label naming the figure ("系统架构图", "Pipeline diagram"), or a
caption that ends with the photo credit ("… 圖／路透", "… Photo: Jane Doe"). None of it is article
text; a caption written as the author's own sentence ("图：问题先经过检索……") stays.

Lines are judged on their own, folded to Simplified characters by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_IMAGE_EXT = r"(?:png|jpe?g|gif|webp|svg|bmp|tiff?|heic|avif)"
_FILE_NAME_RE = re.compile(rf"^[!\[\]()\w.\-~:/ ]{{0,120}}\.{_IMAGE_EXT}\)?$")
_IMAGE_END_RE = re.compile(rf"\.{_IMAGE_EXT}\)?$")
PLACEHOLDER_MAX_CHARS = 40
_MARKDOWN_IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_PLACEHOLDER_RE = re.compile(
    r"^[\[【(（]?\s*(?:在这里插入图片描述|图片描述|请输入图片描述|图片|配图|插图|题图|头图|图像|"
    r"图片加载失败|点击查看大图|查看大图|点击放大|放大图片|点击图片放大|image|img|picture|photo|figure|placeholder|"
    r"image (?:placeholder|not found|unavailable)|click to enlarge|enlarge (?:image|photo|picture)|"
    r"view (?:larger|full[- ]size) (?:image|photo|picture)|"
    # a stand-in picture, said so where it was
    r"illustrative (?:image|photo|picture)|(?:image|photo|picture) for illustration(?: purposes)?"
    r"(?: only)?|for illustration(?: purposes)? only|stock (?:image|photo)|file (?:image|photo)|"
    r"示意图片?|(?:资料|配)?(?:图片|照片|图)(?:仅供参考|仅为示意)|资料照片?|资料图片?)\s*\d*\s*[\]】)）]?[.。]?$"
)
# A figure named by its kind: "系统架构图", "图 3", "训练流程示意图", "Pipeline diagram".
_FIGURE_LABEL_RE = re.compile(
    r"(?:图|图示|图表|截图|截屏|示意图)\s*\d*$|^图\s*\d+$|"
    r"\b(?:diagram|flowchart|screenshot|illustration|infographic|schematic)s?$|^(?:fig\.?|figure)\s*\d+$"
)
_FIGURE_MAX_CHARS = 24
_FIGURE_ENDINGS = (
    "图",
    "图示",
    "图表",
    "截屏",
    "diagram",
    "diagrams",
    "flowchart",
    "flowcharts",
    "screenshot",
    "screenshots",
    "illustration",
    "illustrations",
    "infographic",
    "infographics",
    "schematic",
    "schematics",
    "figure",
    "fig.",
    "fig",
)
_CLAUSE_RE = re.compile(r"[，。！？；：,!?;:]")
# The credit that closes a caption: "图／路透", "(图/IC photo)", "Photo: Jane Doe", "Credit: X".
_CREDIT_RE = re.compile(
    r"[(（]?\s*(?:图|图片|照片|摄影|资料照|图片来源|图片源于|照片来源|图源|图片提供|"
    r"photo|photos|image|images|picture|credit|credits|photo credit|image credit|image source|"
    r"illustration|插画|插图|"
    r"photograph)\s*(?:by\s+|[／/:：|｜]\s*)"
    r"[^\s，。,.;；:：]{1,24}(?:\s[^\s，。,.;；:：]{1,16}){0,3}\s*[)）]?$"
    r"|\bphoto(?:graph)? by\s+\S+(?:\s+\S+){0,4}$|\bvia (?:getty images|unsplash|shutterstock)$"
)
# Photo and news agencies that close a credit line ("Jane Doe/Reuters", "… via Getty Images").
_AGENCIES = (
    r"reuters|ap|ap photo|afp|getty images|getty|nurphoto|bloomberg|shutterstock|unsplash|"
    r"alamy|epa|epa-efe|imago|xinhua|anadolu|sopa images|lightrocket|zuma press|zuma wire|"
    r"pexels|pixabay|istock|路透|路透社|法新社|美联社|新华社|中央社|达志影像|视觉中国|ic photo"
)
# "Jaap Doe/NurPhoto via Reuters", "Jaap Doe—Getty Images": a name (or an agency), a slash or a
# dash, an agency, maybe "via" another.
_AGENCY_CREDIT_RE = re.compile(
    rf"^[\w.'’-]+(?:\s[\w.'’-]+){{0,3}}\s?[／/—–]\s?(?:{_AGENCIES})(?:\s+via\s+(?:{_AGENCIES}))?$"
    rf"|^[\w.'’-]+(?:\s[\w.'’-]+){{0,4}}\s+via\s+(?:{_AGENCIES})$"
)
# the same credit closing a caption, the photographer's name capitalised: "… joins the safety
# team. Jane Doe/Getty Images"
_CAPTION_AGENCY_CREDIT_RE = re.compile(
    rf"[.。]\s+[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){{0,3}}\s?[／/]\s?(?i:{_AGENCIES})$"
)
CAPTION_MAX_CHARS = 160
CREDIT_TAIL_CHARS = 60
# "Image source: <url>": the credit is a link.
_CREDIT_SOURCE_RE = re.compile(
    r"^(?:image|photo|picture|图片|照片)\s*(?:source|credit|来源|出处)s?\s*[:：]\s*\S+$"
)
_CREDIT_MARKS = ("/", "／", ":", "：", "|", "｜", " by ", "via ")
_CREDIT_HINTS = (
    "图",
    "照",
    "摄",
    "插画",
    "photo",
    "image",
    "picture",
    "credit",
    "illustration",
    "via ",
)
AGENCY_CREDIT_MAX_CHARS = 80
# "…可达25%。（记者王五摄）", "（资料照）": a Chinese caption closed by who took the photo
_TAKEN_BY_RE = re.compile(
    r"[(（]\s*(?:(?:摄影)?记者|特派员|摄影)?\s*[\u3400-\u9fff·]{2,6}\s*摄(?:影)?\s*[)）]$|[(（][^()（）/／]{0,8}资料(?:照|图)(?:片)?\s*[)）]$"
    # the outlet's reporter after the caption's full stop: "…局长王五。某某报记者摄"
    r"|。\s*[^。\s]{0,10}(?:记者|摄影师?)\s*[\u3400-\u9fff·]{0,6}\s*摄(?:影)?$"
    # the credit after the picture's kind, for this one and the next: "（示意图/记者王五摄，下同）"
    r"|[(（][^()（）]{0,12}(?:记者|摄影)\s*[\u3400-\u9fff·]{2,6}\s*摄[^()（）]{0,8}[)）]$"
    # or by the agency it came from: "…许多芯片。（彭博）"
    rf"|[。.][(（]\s*(?:{_AGENCIES}|彭博|彭博社|美联|法新)\s*[)）]$"
    # or named bare after the caption's full stop: "…多位资深员工。 路透"
    r"|。\s*(?:路透社?|法新社?|美联社?|彭博社?|中央社|新华社|欧新社|达志影像)$"
)
# A Chinese caption's credit after its full stop, by its mark: "…的广告牌。摄:王五/某报",
# "…的肖像。图/Public Domain, Wikimedia Commons"
_CREDIT_AFTER_CAPTION_RE = re.compile(
    r"。\s*(?:摄|摄影|图|图片|照片)\s*[/／](?!\s*文)\s*\S.{0,80}$|。\s*(?:摄|摄影)\s*[:：]\s*\S.{0,80}$"
    # "网页截图。图自某网站", "。图片取自…": where the picture was taken from
    r"|。\s*(?:图|图片|照片)(?:取|撷取|来)?自\s*\S.{0,40}$"
)
CREDIT_AFTER_CAPTION_CHARS = 90
# An image's alt text in lower case: "search icon", "menu-icon", "cover image of news article".
_ALT_TEXT_RE = re.compile(
    r"^(?:[a-z][a-z0-9 _-]{0,30}\b)?(?:icon|logo|avatar|thumbnail|banner|headshot|portrait)s?"
    r"(?:\s[a-z]+){0,3}$"
    # a picture's own words need its role or "of": "cover image of …", "feature picture"
    r"|^(?:[a-z]+\s)?(?:cover|feature|featured|hero|header|banner|profile)[\s-](?:image|photo|picture)"
    r"(?:\s[a-z]+){0,4}$|^[a-z]+(?:\s[a-z]+)?\s(?:image|photo|picture) of(?:\s[a-z]+){1,4}$"
    # "logo of podcast 某某": the picture's role, then whose it is (not "Avatar for X": a byline
    # prints it before the author's name)
    r"|^(?:[Ll]ogo|[Ii]con|[Pp]rofile (?:picture|photo|image)|[Tt]humbnail) (?:of|for) \S.{0,40}$"
)
# A stock picture described by what it stands for: "Abstract network representing AI compute"
ALT_TEXT_MAX_WORDS = 10
_STANDS_FOR_RE = re.compile(
    r"^[A-Za-z][\w -]{2,60}\s(?:representing|symbolizing|symbolising)\s[\w -]{2,40}$"
)
# "Example Cloud banner image", "Product card image": a picture's role, named by the template
_TEMPLATE_IMAGE_RE = re.compile(
    r"\b(?:banner|card|hero|cover|header|featured|feature|thumbnail|profile)\s+(?:image|photo|picture)$",
    re.IGNORECASE,
)
# A stock-photo library named alone on its line: the credit of the picture above it.
# a caption closed by its photographer in brackets: "… since then. (by Jane Doe)"
_BY_NAME_CREDIT_RE = re.compile(
    r"[.!?。]\s*\((?:photo |image )?by [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}\)$"
)
_STOCK_LIBRARY_RE = re.compile(
    r"^[(（]?(?:shutterstock|getty images|istock(?:photo)?|unsplash|pexels|pixabay|alamy|"
    r"adobe stock|dreamstime|视觉中国|达志影像|ic photo)[)）]?$"
    # a stock file's name ("pexels-jane-doe-1440504") or its library and a word ("unsplash设计图片")
    r"|^(?:unsplash|pexels|pixabay|shutterstock|istock)(?:[-_][\w-]+|[\u4e00-\u9fff]{1,6})$"
)


def _size(text: str) -> int:
    return len("".join(text.split()))


# a repost site's name for each picture of a page: "<the page's title>_第1张图片"
_NUMBERED_PICTURE_RE = re.compile(r"[_-]\s*第\s*\d+\s*[张張幅]\s*(?:图片|圖片|图|圖)$")


def image_residue(line: str) -> str | None:
    """A picture's file name, markup or placeholder standing where the picture was."""
    text = line.strip().lower()
    if _IMAGE_END_RE.search(text[-8:]) and _FILE_NAME_RE.match(text):
        return "image file name or markup"
    if text.startswith("![") and _MARKDOWN_IMAGE_RE.match(text):
        return "image file name or markup"
    if len(text) <= PLACEHOLDER_MAX_CHARS and _PLACEHOLDER_RE.match(text):
        return "image placeholder"
    if _NUMBERED_PICTURE_RE.search(text):
        return "a picture's name (the page's title and its number)"
    return None


def figure_label(line: str) -> str | None:
    """A short label naming a figure, without a clause of its own (an image's alt text)."""
    text = line.strip().lower()
    if not text.rstrip("0123456789 ").endswith(_FIGURE_ENDINGS) and not text.startswith(
        ("fig", "图")
    ):
        return None
    if _size(text) > _FIGURE_MAX_CHARS or _CLAUSE_RE.search(text):
        return None
    if _FIGURE_LABEL_RE.search(text) is None:
        return None
    return "figure label (image alt text)"


def alt_text(line: str) -> str | None:
    """An image's alt text or an icon's name left as a line ("search icon", "anue logo"), or
    a stock-photo library named alone ("shutterstock"): never written in an article's voice.

    >>> alt_text("search icon"), alt_text("cover image of news article"), alt_text("Shutterstock")
    ('icon or image alt text', 'icon or image alt text', 'stock photo credit')
    >>> alt_text("Generate an image"), alt_text("the image is blurry.")
    (None, None)
    >>> alt_text("docker pull the nginx image"), alt_text("feature picture")
    (None, 'icon or image alt text')
    """
    text = line.strip()
    if _STOCK_LIBRARY_RE.match(text.lower()):
        return "stock photo credit"
    if len(text.split()) <= 6 and (_ALT_TEXT_RE.match(text) or _TEMPLATE_IMAGE_RE.search(text)):
        return "icon or image alt text"
    return None


def stock_alt_text(line: str) -> str | None:
    """A stock picture's alt text saying what it stands for, without a sentence around it.

    >>> stock_alt_text("Glowing circuit board representing AI compute")
    'stock picture alt text'
    >>> stock_alt_text("Each vector representing a token is learned during training.")
    """
    text = line.strip()
    if len(text.split()) <= ALT_TEXT_MAX_WORDS and _STANDS_FOR_RE.match(text):
        return "stock picture alt text"
    return None


# a wire caption: "An image of … is seen on a phone screen in this illustration"
_IN_THIS_PICTURE_RE = re.compile(
    r"\b(?:is|are) (?:seen|pictured|displayed|shown)\b.{0,120}\bin this "
    r"(?:illustration|picture|photo|photograph|file photo|photo illustration)\b"
)

# where a person stands in the picture: "王五(右一)认为…", "（前排左二）"
_IN_THE_PICTURE_AT_RE = re.compile(
    r"[(（](?:前排|后排|中排)?(?:左|右)[一二三四五六七八九\d][)）]|[(（](?:中|中间|居中)[)）]"
)


def photo_credit(line: str) -> str | None:
    """A caption that ends with the photo credit, or the credit alone."""
    text = line.strip().lower()
    if _size(text) <= CAPTION_MAX_CHARS and (
        _IN_THIS_PICTURE_RE.search(text) or _IN_THE_PICTURE_AT_RE.search(text)
    ):
        return "photo caption"
    if (
        len(text) <= AGENCY_CREDIT_MAX_CHARS
        and any(mark in text for mark in ("/", "／", " via ", "—", "–"))
        and _AGENCY_CREDIT_RE.match(text)
    ):
        return "photo credit"
    if _size(text) <= CAPTION_MAX_CHARS and (
        _TAKEN_BY_RE.search(text[-30:])
        or _BY_NAME_CREDIT_RE.search(line.strip()[-50:])
        or _CAPTION_AGENCY_CREDIT_RE.search(line.strip()[-60:])
        or _CREDIT_AFTER_CAPTION_RE.search(text[-CREDIT_AFTER_CAPTION_CHARS:])
    ):
        return "photo caption with its credit"
    if not any(word in text for word in _CREDIT_HINTS) or _size(text) > CAPTION_MAX_CHARS:
        return None
    if _CREDIT_SOURCE_RE.match(text):
        return "photo credit"
    # The credit is at the end: searching the tail keeps the rule cheap on long captions.
    tail = text[-CREDIT_TAIL_CHARS:]
    if not any(mark in tail[-30:] for mark in _CREDIT_MARKS) or _CREDIT_RE.search(tail) is None:
        return None
    return "photo caption with its credit"


CREDIT_LINE_MAX_CHARS = 60
ALT_TEXT_MAX_CHARS = 60
CAPTION_LINE_MAX_CHARS = 250
# a new sentence inside a caption: "… 2025. The company" (not "Feb. 03")
_NEW_SENTENCE_RE = re.compile(r"[.!?。！？]\s*[A-Z\u4e00-\u9fff]")
_END_MARK_RE = re.compile(r"[.!?。！？]$")
SPACED_SHARE_MIN = 0.5


def captions_above_credits(lines: Sequence[str], steps: Sequence[str | None]) -> list[int]:
    """The caption printed right above a photo credit line (no blank line between), and the
    photo's alt text right above that: "Jane Roe speaks at a summit in Paris, on May 3, 2025." /
    "Jane Roe/Example Images". Only on a page that separates its paragraphs with blank lines,
    where two lines touching are one block.

    >>> captions_above_credits(["Jane Roe at the summit, May 3.", "Ken Ito/Getty Images", "",
    ...                         "The talks went on."], [None, "image", None, None])
    [0]
    """
    if not _spaced_paragraphs(lines):
        return []
    found: list[int] = []
    for index, line in enumerate(lines):
        if steps[index] != "image" or len(line.strip()) > CREDIT_LINE_MAX_CHARS or index == 0:
            continue
        caption = index - 1
        if not _is_caption(lines[caption], steps[caption]):
            continue
        found.append(caption)
        alt = caption - 1
        if alt >= 0 and steps[alt] is None and _is_alt_text(lines[alt]):
            found.append(alt)
    return found


def _spaced_paragraphs(lines: Sequence[str]) -> bool:
    text_lines = [i for i, line in enumerate(lines[:-1]) if line.strip()]
    spaced = sum(not lines[i + 1].strip() for i in text_lines)
    return bool(text_lines) and spaced >= SPACED_SHARE_MIN * len(text_lines)


def _is_caption(line: str, step: str | None) -> bool:
    text = line.strip()
    return (
        step is None
        and bool(text)
        and len(text) <= CAPTION_LINE_MAX_CHARS
        and _NEW_SENTENCE_RE.search(text) is None
    )


def _is_alt_text(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) <= ALT_TEXT_MAX_CHARS and _END_MARK_RE.search(text) is None
