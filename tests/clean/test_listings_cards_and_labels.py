"""Tag listings, tag rows, taglines, course counters, paper cards, field-label titles, sources
of news items, embeds and keyword runs: texts we wrote, imitating the noise (never copied from
../shared)."""

from __future__ import annotations

import pytest
from clean_pages import EN_BODY, ZH_BODY, removed_steps

from zhiku.clean import clean_plain_text
from zhiku.clean.folding import fold_lines
from zhiku.clean.inline import strip_inline_junk
from zhiku.clean.lines import classify_line


def test_a_tag_listing_keeps_the_first_post_and_drops_the_next_card() -> None:
    page = (
        "Serving Notes Banner\n\nServing Models on One GPU\n\n"
        f"{EN_BODY}\n"
        "Apr 2, 2026 · 6 min · Rae Kim\n\n"
        "Why Batching Beats Bigger Hardware\n\n"
        "TL;DR Most of the speed you want comes from how requests share a step, not from"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Serving Models on One GPU"
    assert "continuous batching" in cleaned.text
    for gone in ("6 min · Rae Kim", "Why Batching Beats", "TL;DR Most of the speed"):
        assert gone not in cleaned.text


def test_a_row_of_tags_under_the_description_is_removed_but_a_heading_is_not() -> None:
    page = (
        "Serving Models on One GPU\n\n"
        "A walk through paged caches, batching and quantisation for a single card.\n\n"
        "inference vLLM GPU batching quantisation\n\n"
        f"Memory First\n\n{EN_BODY}"
    )
    steps = removed_steps(page)
    assert steps["inference vLLM GPU batching quantisation"] == "keyword_cloud"
    assert "Memory First" in clean_plain_text(page).text


def test_a_sites_tagline_in_title_case_is_no_prose_and_the_headline_follows_it() -> None:
    page = (
        "Example Ledger\n\nMachine Learning, Hardware, Markets and the Shape of Work\n\n"
        f"How Inference Costs Fell in Two Years\n\n{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "How Inference Costs Fell in Two Years"
    assert "Shape of Work" not in cleaned.text


def test_a_course_counter_is_not_the_title_and_icon_names_are_not_text() -> None:
    page = (
        "Lesson 04\n\nWhat is a Vector Index?\n\n"
        "A vector index stores embeddings so that the nearest ones to a query come back fast.\n\n"
        f"text_fields\n\nExact search\n\n{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "What is a Vector Index?"
    assert "text_fields" not in cleaned.text
    assert "Exact search" in cleaned.text


def test_a_paper_card_takes_its_headline_over_the_authors_and_the_button() -> None:
    page = (
        "Reading list\n\nPaper\n\nSparse Mixtures of Tiny Experts\n\nOkafor et al.\n\n"
        f"Mar 2026\n\nView paper\n\n{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Sparse Mixtures of Tiny Experts"
    assert "Okafor et al." not in cleaned.text
    assert "View paper" not in cleaned.text


def test_a_line_citing_et_al_inside_a_sentence_stays() -> None:
    line = "As Okafor et al. showed, routing tokens to two experts is enough."
    assert classify_line(fold_lines([line])[0]) is None


def test_a_question_headline_with_its_subtitle_and_a_site_after_a_bar() -> None:
    cleaned = clean_plain_text(f"向量库是什麼? 從原理到選型的完整指南\n\n大綱: |\n\n{ZH_BODY}")
    assert cleaned.title == "向量库是什麼? 從原理到選型的完整指南"
    barred = clean_plain_text(f"開源模型,不必再等“下一代”|某某光年\n\n作者|王某\n\n{ZH_BODY}")
    assert barred.title == "開源模型,不必再等“下一代”"


def test_a_count_and_its_unit_open_a_headline_not_a_list() -> None:
    cleaned = clean_plain_text(f"3 分钟看懂 - 向量检索\n\n12 min read\n\n{ZH_BODY}")
    assert cleaned.title == "3 分钟看懂 - 向量检索"


def test_a_revision_note_and_sections_below_the_contents_are_not_the_title() -> None:
    page = (
        "最近更新:2026 Q1(补充 评测、成本)\n\n如果你正在考虑:\n\n• 检索为什么总是不准\n\n"
        f"这一页写给你。\n\n目录\n\n什么是向量检索?\n\n检索 vs 搜索\n\n{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "检索为什么总是不准" in cleaned.text


@pytest.mark.parametrize(
    "line",
    [
        "來源:ExampleWire - A lab ships a smaller model",
        "詳細定義請見:什麼是向量檢索?一篇入門的整理",
        "完整比較:[Retrieval Part 2] 稠密與稀疏,誰更適合你?",
        "TLDR. 字数约3000字,阅读8min,建议配合原论文阅读",
        "量化、蒸馏、剪枝、稀疏化、缓存、批处理、并行、调度、压缩(KV)",
        "²³",
    ],
)
def test_news_sources_pointers_length_notes_keyword_runs_and_footnote_marks(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is not None


@pytest.mark.parametrize(
    "line",
    [
        "模型的具体参数请见:下表。",
        "- 同步发布小版本(7B、14B 等),部分接近大模型水平",
        "量化、蒸馏和剪枝是三种常见的压缩方法。",
    ],
)
def test_sentences_that_point_or_list_are_kept(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is None


def test_embed_attributes_placeholders_and_section_links_are_cut_inside_lines() -> None:
    embed = "參考影片:” frameborder=”0″ allow=”autoplay; encrypted-media” allowfullscreen style=”w”> 下一段。"
    assert "frameborder" not in strip_inline_junk(embed)[0]
    assert strip_inline_junk("時機正好。在这里插入图片描述")[0] == "時機正好。"
    assert strip_inline_junk("It halves the cost. More in Methodology →")[0] == (
        "It halves the cost."
    )


@pytest.mark.parametrize(
    "line",
    [
        "分享嘉宾|周某某博士 某某科技 检索负责人",
        "编辑整理|吴某 某某学院",
        "Data: ExampleJobs.io; Note: Only counts public postings; Chart: Example Visuals",
        "从左到右依次为王某、李某、赵某",
        "Try it free >>",
        "🚀 Try Example Cloud, the managed vector store, for free! Try Now>>",
        "Powered by WordPress | Theme: Plain",
        "欢迎光临 某某论坛 (https://forum.example.org/)",
    ],
)
def test_credits_chart_sources_captions_buttons_and_engine_credits(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Data: we collected 300 runs; the chart below shows them.",
        "从左到右的顺序决定了注意力的计算方式，这一点在因果模型中很重要。",
        "The pipeline: load -> split -> embed -> store",
        "Powered by NVIDIA H100",
    ],
)
def test_sentences_and_headings_like_them_are_kept(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is None


def test_a_promotion_ending_in_a_button_is_no_breadcrumb_over_the_title() -> None:
    page = (
        "🚀 Try Example Cloud, the managed vector store, for free! Try Now>>\n\n"
        f"Example\n\nVendorCo\n\nWhat does a vector store cost?\n\n{EN_BODY}"
    )
    assert clean_plain_text(page).title == "What does a vector store cost?"


def test_a_markdown_tables_rows_are_neither_title_nor_keywords() -> None:
    page = (
        "| 组件 | 解释 | 类比 |\n| 状态 | 全局字典,节点之间传递数据 | 内存 |\n"
        "| 节点 | 处理函数,读入状态再返回新状态 | 指令 |\n\n"
        f"{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "处理函数,读入状态再返回新状态" in cleaned.text


def test_a_reports_credit_in_brackets_goes_but_an_authors_note_stays() -> None:
    assert classify_line(fold_lines(["(报告出品方/作者:某某证券,王某、李某)"])[0]) is not None
    assert classify_line(fold_lines(["(作者注:这里的数据来自官方报告,仅供参考。)"])[0]) is None


def test_a_manual_page_opening_with_its_numbered_chapter_takes_it_as_title() -> None:
    page = f"3. 向量检索入门\n\nAuthors |\n\n某某 |\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "3. 向量检索入门"
    listed = f"1. 安装依赖\n\n2. 下载模型\n\n{ZH_BODY}"
    assert clean_plain_text(listed).title != "1. 安装依赖"
