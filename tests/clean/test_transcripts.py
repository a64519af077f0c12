"""Plain text without punctuation (speech transcripts, quick notes) is still an article."""

from __future__ import annotations

from zhiku.clean import clean_html, clean_plain_text

ZH = (
    "今天我们聊一聊向量数据库为什么会变得这么重要因为大模型只能看到检索回来的那几段文字"
    "所以检索的质量直接决定了回答的质量"
)
EN = (
    "okay so the next thing I want to show you is how the evaluation works we take a few hundred "
    "questions from our own documents and check whether the right passage comes back first"
)
ZH_2 = "第二部分讲的是怎么把关键词检索和向量检索合起来用两种方法各有长处合在一起通常更稳"
EN_2 = (
    "and that is really why we keep both kinds of search around instead of picking just one of them"
)


def test_an_unpunctuated_transcript_is_kept_whole() -> None:
    for first, second in ((ZH, ZH_2), (EN, EN_2)):
        cleaned = clean_plain_text(f"{first}\n\n{second}\n")
        assert cleaned.text.split("\n\n") == [first, second]


def test_a_titled_transcript_keeps_its_title_as_metadata() -> None:
    cleaned = clean_plain_text(f"第三期播客文字稿\n\n{ZH}\n")
    assert cleaned.title == "第三期播客文字稿"
    assert cleaned.text == ZH


def test_punctuated_prose_still_decides_what_the_body_is() -> None:
    # a page with real sentences: an unpunctuated long line above them is not promoted
    page = f"{ZH}\n\n检索增强生成先找段落，再回答问题。每句话都有出处，读者可以核对。\n"
    cleaned = clean_plain_text(page)
    assert "每句话都有出处" in cleaned.text


def test_short_unpunctuated_lines_are_still_no_article() -> None:
    cleaned = clean_plain_text("首页\n\n新闻\n\n关于我们\n\n联系方式\n")
    assert cleaned.text == ""


def test_html_pages_keep_the_strict_rule() -> None:
    html = f"<html><body><div>{ZH}</div></body></html>"
    assert clean_html(html).text == ""
