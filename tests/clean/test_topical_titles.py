"""Titles chosen by what the article talks about: a site's name, an author's name or a widget's
label shares no word with the article, the headline does. Also headlines that look like a list
item ("I Tested …") or a keyword cloud (a comma in a Title Case headline).

Every page here is our own text imitating a kind of page, not a copy of a crawled one.
"""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.layout import LIST_ITEM_RE
from zhiku.clean.lines import keyword_cloud
from zhiku.clean.topic_words import topic_words, topical_share

EN_BODY = (
    "Speculative decoding lets a small draft model propose several tokens that the large model "
    "then checks in one pass, so the answer comes out faster without changing it.\n\n"
    "In our tests on a laptop the draft model doubled the speed of decoding for long answers.\n"
)


def test_topic_words_are_latin_terms_and_chinese_pairs() -> None:
    assert topic_words("The Draft Model") == frozenset({"draft", "model"})
    assert topic_words("推理加速") == frozenset({"推理", "理加", "加速"})
    assert topic_words("of a to") == frozenset()


def test_topical_share_counts_words_the_body_uses() -> None:
    body = EN_BODY.lower()
    assert topical_share("Speculative Decoding on a Laptop", body) == 1.0
    assert topical_share("Weekly Notes by Quill", body) == 0.0
    assert topical_share("推理加速", "本文讲推理加速的方法") == 1.0


def test_a_site_name_above_the_reading_time_yields_to_the_headline_below() -> None:
    page = f"quillpress notes\n2 min read\n\nSpeculative Decoding, Explained\n\n{EN_BODY}"
    assert clean_plain_text(page).title == "Speculative Decoding, Explained"


def test_a_widget_label_under_the_headline_is_neither_title_nor_body() -> None:
    page = (
        "Speculative decoding makes a laptop answer twice as fast\n\n"
        "What's in this piece\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Speculative decoding makes a laptop answer twice as fast"
    assert "What's in this piece" not in cleaned.text
    assert cleaned.text.startswith("Speculative decoding lets")


def test_an_instructors_name_under_a_course_title_is_not_the_title() -> None:
    page = (
        "Draft Models for Faster Decoding\n\nLive Workshop\n\nJane Quill\n\nInstructor\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Draft Models for Faster Decoding"
    for label in ("Live Workshop", "Jane Quill", "Instructor"):
        assert label not in cleaned.text


def test_a_chinese_section_label_yields_to_the_headline_above() -> None:
    body = (
        "推测解码让一个小的草稿模型先写出几个词,再由大模型一次检查,答案不变却快了很多。\n\n"
        "在笔记本上测试,长回答的解码速度提高了一倍。\n"
    )
    page = f"推测解码:让大模型在笔记本上快一倍\n\n写在前面\n\n{body}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "推测解码:让大模型在笔记本上快一倍"
    assert "写在前面" not in cleaned.text


def test_a_topical_line_under_the_title_stays() -> None:
    page = f"Speculative decoding on a laptop\n\nMar 3, 2026\n\nHow a small draft model speeds up decoding\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Speculative decoding on a laptop"
    assert "How a small draft model speeds up decoding" in cleaned.text


@pytest.mark.parametrize(
    ("line", "listed"),
    [
        ("I Tested 3 Draft Models: One Was Faster", False),
        ("II. Results", True),
        ("IV) Data", True),
        ("3 Results", True),
    ],
)
def test_a_roman_numeral_needs_its_mark_to_open_a_list_item(line: str, listed: bool) -> None:
    assert (LIST_ITEM_RE.match(line) is not None) is listed


def test_a_title_case_headline_with_a_comma_is_no_keyword_cloud() -> None:
    assert keyword_cloud("Acme, Zenith Shares Up Sharply as AI Drives Chip Demand") is None
    assert keyword_cloud("rag, eval, llm, agents, vector db, chunking, rerank, bm25") is not None


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("Speculative Decoding¶", "Speculative Decoding"),
        ("推测解码让笔记本快一倍 原创", "推测解码让笔记本快一倍"),
    ],
)
def test_a_permalink_glyph_or_a_post_type_badge_is_no_part_of_the_title(
    head: str, title: str
) -> None:
    page = f"{head}\n\nMar 3, 2026\n\n{EN_BODY}"
    assert clean_plain_text(page).title == title


def test_a_preface_heading_is_not_the_title() -> None:
    body = (
        "推测解码让一个小的草稿模型先写出几个词,再由大模型一次检查,答案不变却快了很多。\n\n"
        "在笔记本上测试,长回答的解码速度提高了一倍。\n"
    )
    page = f"推测解码:让大模型在笔记本上快一倍\n\n前言:一个慢下来的下午\n\n{body}"
    assert clean_plain_text(page).title == "推测解码:让大模型在笔记本上快一倍"


def test_a_jump_link_is_interface_not_title() -> None:
    page = f"Jump to content\n\nSpeculative decoding on a laptop\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Speculative decoding on a laptop"
    assert "Jump to content" not in cleaned.text


def test_a_lone_label_none_of_whose_words_a_long_article_uses_is_no_title() -> None:
    more = (
        "The draft model must share the large model's vocabulary, or its guesses cannot be "
        "checked token by token.\n\n"
        "When the draft guesses wrong the large model simply keeps its own token, so the output "
        "is the same as before, only sooner.\n\n"
        "We found that a draft about a tenth the size of the large model gave the best speed.\n\n"
        "Larger drafts guessed better but cost more time than they saved on every step.\n"
    )
    page = f"Quick Digest\n\n{EN_BODY}\n{more}"
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "Quick Digest" not in cleaned.text


def test_a_page_opening_with_a_long_headline_titles_itself_not_its_first_section() -> None:
    page = (
        "檢索增強生成入門:從向量索引到引用來源的完整流程\n\n\n"
        "什麼是 RAG?核心概念\n\n"
        "定義與特徵\n\n"
        "RAG 先從知識庫找出相關段落,再交給模型生成答案,因此每個答案都能追溯到來源段落。\n\n"
        "它不需要重新訓練模型,只要更新知識庫,答案就會跟著更新。\n"
    )
    assert clean_plain_text(page).title == "檢索增強生成入門:從向量索引到引用來源的完整流程"


def test_a_menu_or_an_emoji_banner_opening_the_page_is_not_its_headline() -> None:
    for opening in (
        "首页 | 专栏 | 问答 | 下载 | 社区",
        "📚 构建知识库的完整指南,详见我们的实战手册专栏",
    ):
        page = (
            f"{opening}\n\n向量检索入门\n\n"
            "向量检索把文档切成段落并为每段计算向量,查询时找出与问题最相近的段落。\n\n"
            "它让知识库不必逐字匹配也能找到答案。\n"
        )
        assert clean_plain_text(page).title == "向量检索入门", opening
