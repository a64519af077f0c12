"""A crawler's date stamp before any first line, a headline after a layout's glyph, and a
site header's date printed alone: kinds met on unseen sites.

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.lines import classify_line

STAMPED_HEADLINE = """ date 2024-05 ▲ 【某某基金会】再向师范大学捐款推行人工智能课程

某某基金会今天宣布再捐出三百万元,推行为期三年的人工智能素养课程,让一千名中学生参加。

课程负责人表示,学生会先学概念,再动手训练一个小模型,最后把它用在一个自己选择的题目上。
"""


def test_a_month_stamp_is_cut_and_the_glyph_is_no_part_of_the_headline() -> None:
    cleaned = clean_plain_text(STAMPED_HEADLINE)
    assert cleaned.title == "【某某基金会】再向师范大学捐款推行人工智能课程"
    assert "date 2024-05" not in cleaned.text
    assert "再捐出三百万元" in cleaned.text


STAMPED_LABELS = """ date 2023-11 要闻速递·企业为抢人才开出高薪,年薪最高接近百万美元。

不少公司表示,懂得训练和部署大模型的工程师最难招,薪资因此一路上涨。
"""


def test_a_stamp_before_a_line_that_is_no_sentence_is_cut_too() -> None:
    cleaned = clean_plain_text(STAMPED_LABELS)
    assert "date 2023-11" not in cleaned.text
    assert "年薪最高接近百万美元" in cleaned.text


@pytest.mark.parametrize(
    "line",
    ["星期三, 07 05 月, 2025", "Wednesday, 7 May 2025", "2025年5月7日 星期三"],
)
def test_a_date_alone_on_its_line_is_removed(line: str) -> None:
    assert classify_line(line) is not None


@pytest.mark.parametrize(
    "line",
    ["2025 年 AI 工程师薪资报告", "May Day", "0", "第 16 天", "Day 16"],
)
def test_a_line_with_more_than_a_date_is_not_a_calendar_line(line: str) -> None:
    verdict = classify_line(line)
    assert verdict is None or verdict[1] != "a date alone on its line"


HEADER_DATE_PAGE = """星期二, 14 01 月, 2025
科技焦点 为何说电力才是这场算力竞赛的瓶颈?

为何说电力才是这场算力竞赛的瓶颈?

当人们谈论算力时,目光往往落在芯片上。然而,一座新的数据中心要先拿到电,才能装上第一台服务器,而电网的扩容往往需要好几年。
"""


def test_a_header_date_is_never_the_title() -> None:
    cleaned = clean_plain_text(HEADER_DATE_PAGE)
    assert cleaned.title != "星期二, 14 01 月, 2025"
    assert "星期二, 14 01 月, 2025" not in cleaned.text
    assert "一座新的数据中心要先拿到电" in cleaned.text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Reading time: ~12 min", "reading time and section labels"),
        ("Est. read: 3 h", "reading time and section labels"),
        ("Jane Roe—Getty Images", "photo credit"),
        ("向量数据库入门笔记_第3张图片", "a picture's name (the page's title and its number)"),
        ("链接:https://example.com/s/AbCdEf", "a labelled link"),
        ("本文仅供学习交流,如有侵权,请联系删除", "repost takedown notice"),
        (
            "Level: Beginner | Reading time: ~9 min | Roles: ML Engineer, Data Engineer",
            "a bar of labelled fields",
        ),
    ],
)
def test_kinds_of_chrome_met_on_unseen_sites(line: str, reason: str) -> None:
    verdict = classify_line(line)
    assert verdict is not None and verdict[1] == reason


@pytest.mark.parametrize(
    "line",
    [
        "Reading time matters: five minutes is the median for a blog post.",
        "The link: https://example.com is where the dataset lives, with its licence.",
        "作者认为,如果模型侵权的风险无法评估,企业就不会部署它。",
        "Note: the model is small | it runs on a laptop | nothing to install",
    ],
)
def test_sentences_like_them_stay(line: str) -> None:
    assert classify_line(line) is None


CAREER_GUIDE = """Skip to main content

Switching Careers Handbook

Moving into machine learning from backend work, analytics or finance, one step at a time.

Reading time: ~20 min | Level: Beginner | Roles: ML Engineer, Data Scientist

You have shipped services for years, and now you want to train the models behind them. The good news is that most of what you know still counts.
"""


def test_a_sentence_under_a_short_heading_is_its_dek() -> None:
    cleaned = clean_plain_text(CAREER_GUIDE)
    assert cleaned.title == "Switching Careers Handbook"
    assert "Reading time" not in cleaned.text
    assert "most of what you know still counts" in cleaned.text


def test_a_bulleted_item_with_a_clause_is_no_keyword_cloud() -> None:
    item = "  • DoRA — magnitude + direction split of the weights; a drop-in LoRA upgrade"
    assert classify_line(item) is None
    assert classify_line("LoRA QLoRA PEFT DPO RLHF SFT Python PyTorch vLLM GGUF") is not None
