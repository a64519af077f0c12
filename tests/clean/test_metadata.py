"""Metadata stated in the text: author, translator, source, date, url."""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.dates import find_date
from zhiku.clean.metadata import find_author, find_source, find_translator

BODY = "这是一段足够长的正文，用来确认页面里确实有文章内容。"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023-07-01 15:25", "2023-07-01T15:25"),
        ("2023/7/1", "2023-07-01"),
        ("2023年7月1日 08:05", "2023-07-01T08:05"),
        ("发布于 2024.03.05", "2024-03-05"),
        ("March 4, 2024", "2024-03-04"),
        ("4 Mar 2024", "2024-03-04"),
        ("https://example.com/2021/05/06/post", None),
        ("2023-13-40", None),
        ("版本 1.2.3", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("作者：张三", "张三"),
        ("文｜李四", "李四"),
        ("记者 / 王五", "王五"),
        ("作者“赵六”", "赵六"),
        ("By Ada Lovelace", "Ada Lovelace"),
        ("作者: 来源:某报", None),
        ("本文作者结合自己的经历写成。", None),
        ("本文经原作者授权转载。", None),
    ],
)
def test_authors(line: str, author: str | None) -> None:
    assert find_author(line) == author


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("来源：某科技日报", "某科技日报"),
        ("文章来自于「模型观察」", "模型观察"),
        ("本文由Deep Notes编译，转载请联系。", "Deep Notes"),
        ("Source: The Example Times", "The Example Times"),
        ("出品 | 某某科技组", "某某科技组"),  # a production credit names the outlet
        ("出品社区|Example Forum", "Example Forum"),
        ("图片来源：某图库", None),
        ("转载请注明出处:https://example.com/a.html", None),
        ("本文转载自,作者:", None),
    ],
)
def test_sources(line: str, source: str | None) -> None:
    assert find_source(line) == source


def test_translator() -> None:
    assert find_translator("编译 | 孙七") == "孙七"
    assert find_translator("Translated by Li Wei") == "Li Wei"


def test_metadata_from_a_page_in_traditional_script() -> None:
    page = f"標題在這裡的一篇文章\n作者：陳大文　來源：科技週報　2022年5月6日\n{BODY}"
    cleaned = clean_plain_text(page)
    assert (cleaned.title, cleaned.author, cleaned.source, cleaned.published) == (
        "標題在這裡的一篇文章",
        "陳大文",
        "科技週報",
        "2022-05-06",
    )


def test_dates_in_body_sentences_are_not_publication_dates() -> None:
    page = f"{BODY}\n2021年3月2日，另一家公司也发布了类似的模型，但效果差了不少。"
    assert clean_plain_text(page).published is None


def test_original_url() -> None:
    cleaned = clean_plain_text(f"{BODY}\n原文链接：https://example.org/posts/42")
    assert cleaned.url == "https://example.org/posts/42"


def test_no_title_when_the_page_starts_with_prose() -> None:
    assert clean_plain_text(f"{BODY}\n{BODY}再来一句。").title is None
