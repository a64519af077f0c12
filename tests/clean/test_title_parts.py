"""What a crawled title carries besides its headline (an author's signature, a column's name)
and a forum post's title below its poster's bar.

Every page here is our own text imitating a kind of page, not a copy of a crawled one.
"""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.dates import find_date
from zhiku.clean.title_parts import title_parts

BODY_ZH = (
    "這場分享從一個問題開始:當程式碼助手能自己開分支、跑測試、發合併請求,工程師每天的工作還剩下什麼?\n\n"
    "講者用三個真實的小專案示範,說明哪些環節已經可以交給代理處理,哪些仍然需要人來把關。\n"
)
BODY_EN = (
    "Keeping up with the news takes an hour a day, so I wrote a small tool that reads it for me.\n\n"
    "It fetches a few feeds every morning, asks a model for a summary and mails me the result.\n"
)


def test_a_chinese_signature_after_the_title_is_the_author() -> None:
    page = f"# 程式碼助手之後,工程師還剩下什麼 - 周明遠\n\n{BODY_ZH}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "程式碼助手之後,工程師還剩下什麼"
    assert cleaned.author == "周明遠"


def test_a_latin_signature_is_cut_off_the_title() -> None:
    cleaned = clean_plain_text(f"My Morning News Robot - Tomas Novak\n\n{BODY_EN}")
    assert cleaned.title == "My Morning News Robot"


@pytest.mark.parametrize(
    "title",
    [
        "RAG 入门 - 第二部分",  # a part of a series
        "檢索增強生成 - 基本概念與實作",  # a subtitle, not a name
        "Evals in practice - Part Two",
        "GGUF - the file format of local models",
        "金融AI周报 - 金融界",  # a site ending in 界 is an outlet, never an author
    ],
)
def test_a_subtitle_or_a_part_is_no_signature(title: str) -> None:
    parts = title_parts(title, [title])
    assert parts.author is None
    if "金融界" not in title:
        assert parts.headline == title


def test_a_column_the_page_quotes_is_not_part_of_the_title() -> None:
    page = (
        "技术夜谈|检索增强生成为什么总是答非所问\n\n"
        "「技术夜谈」是一档每周更新的专栏,邀请一线工程师分享实践经验。\n\n"
        "很多团队第一次上线检索增强生成,发现模型经常引用不相关的段落,答案看似有据,其实并不可靠。\n\n"
        "问题往往出在切块和召回上,而不是模型本身。\n"
    )
    assert clean_plain_text(page).title == "检索增强生成为什么总是答非所问"


def test_a_day_number_before_the_title_stays() -> None:
    page = f"Day 12|讓答案有憑有據的檢索管線\n\n{BODY_ZH}"
    assert clean_plain_text(page).title == "Day 12|讓答案有憑有據的檢索管線"


def test_a_forum_post_title_below_its_posters_bar() -> None:
    page = (
        "r/learnprogramming • u/quiet_otter • Mar 14 '23\n\n"
        "Switching to ML engineering at 35 was harder than I expected.\n\n"
        "I spent ten years writing payment software and thought the move would take six months. "
        "It took two years, and most of that time went into statistics, not frameworks.\n\n"
        "Happy to answer questions about the route I took.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Switching to ML engineering at 35 was harder than I expected."
    assert cleaned.author == "quiet_otter"
    assert cleaned.published == "2023-03-14"
    assert cleaned.text.startswith("I spent ten years")


@pytest.mark.parametrize(
    ("text", "date"),
    [("Oct 08 '20", "2020-10-08"), ("Dec 3 ’98", "1998-12-03"), ("rock 'n' roll", None)],
)
def test_a_year_written_by_its_last_two_digits(text: str, date: str | None) -> None:
    assert find_date(text) == date


def test_a_reposts_original_title_label_is_not_part_of_the_title() -> None:
    page = f"原文标题:检索管线的五个常见错误\n\n作者:某某开发者社区\n\n{BODY_ZH}"
    assert clean_plain_text(page).title == "检索管线的五个常见错误"
