"""Watermark tokens: found from how lines end, cut out of lines, body kept."""

from __future__ import annotations

from zhiku.clean import clean_plain_text
from zhiku.clean.watermark import find_watermarks, strip_watermark

PAGE = [
    "第一段正文讲的是数据清洗为什么重要。Zq9资讯台",
    "第二段正文讲的是去重和近似去重的区别。Zq9资讯台",
    "Zq9资讯台",
    "第三段讨论了评测集被污染的问题。Zq9资讯台",
    "第四段没有水印。",
    "第五段总结全文，给出了三点建议。Zq9资讯台",
]


def test_token_recurring_after_sentence_ends_is_found() -> None:
    assert find_watermarks(PAGE) == ("Zq9资讯台",)


def test_common_endings_are_not_watermarks() -> None:
    lines = [f"这是第{i}句话，结尾都是一样的标点。" for i in range(10)]
    lines += [f"Sentence {i} ends the way most English sentences end." for i in range(10)]
    assert find_watermarks(lines) == ()


def test_heading_words_at_line_end_are_not_watermarks() -> None:
    lines = ["模型训练", "数据训练", "代码训练", "这里是一段很长的正文内容，说明训练的细节。"]
    assert find_watermarks(lines) == ()


def test_the_unit_after_a_count_is_no_watermark() -> None:
    lines = [
        "挑了四个开源框架,按星标数排序:",
        "1.Alpha: Github 9.4w Star",
        "2.Beta: Github 6.1w Star",
        "3.Gamma: Github 2w Star",
        "4.Delta: Github 8k Star",
    ]
    assert find_watermarks(lines) == ()


def test_site_token_counts_from_one_line() -> None:
    lines = ["只有一行带着它。Zq9资讯台", "其他行都没有。", "真的没有。"]
    assert find_watermarks(lines) == ()
    assert find_watermarks(lines, site_tokens=frozenset({"Zq9资讯台"})) == ("Zq9资讯台",)


def test_strip_keeps_the_body() -> None:
    assert strip_watermark("正文。Zq9资讯台", "Zq9资讯台") == "正文。"
    assert strip_watermark("小标题Zq9资讯台", "Zq9资讯台") == "小标题"
    assert strip_watermark("句子。Zq9资讯台下一句。", "Zq9资讯台") == "句子。下一句。"
    assert strip_watermark("Zq9资讯台", "Zq9资讯台") == ""


def test_clean_removes_the_watermark_and_records_it() -> None:
    cleaned = clean_plain_text("\n".join(PAGE))
    assert "Zq9资讯台" not in cleaned.text
    assert "去重和近似去重的区别。" in cleaned.text
    assert {r.text for r in cleaned.removed if r.step == "watermark"} == {"Zq9资讯台"}


def test_a_mark_of_two_parts_is_cut_whole_in_one_pass() -> None:
    lines = [
        "向量检索先把文档切成段落，再为每段计算向量。登录 | 注册",
        "查询时用同一个模型把问题变成向量，找最近的段落。登录 | 注册",
        "最后把找到的段落交给模型，让它据此回答问题。| 注册登录 | 注册",
    ]
    once = clean_plain_text("\n\n".join(lines)).text
    assert "注册" not in once and "登录" not in once
    assert clean_plain_text(once).text == once


def test_a_headline_the_page_repeats_at_line_ends_is_no_watermark() -> None:
    headline = "收藏!向量检索(RAG)核心原理与企业知识库全解析"
    page = (
        "欢迎来到某某网站建设!\n\n关于我们 客户服务\n\n"
        f"您的位置:首页 > 资讯 > 科技 > {headline}\n\n{headline}\n\n"
        f"2026-01-21 来源:某某博客  浏览:    关键词:{headline}\n\n"
        "向量检索把文档切成段落并为每段计算向量,查询时找出与问题最相近的段落。\n\n"
        "企业知识库在此之上加入权限与引用,让每个答案都能追溯到原文。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == headline
    assert not [r for r in cleaned.removed if r.step == "watermark"]
    assert "向量检索把文档切成段落" in cleaned.text
