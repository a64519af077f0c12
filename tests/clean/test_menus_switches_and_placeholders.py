"""Site menus run into one line, language switches, loading placeholders, emoji info bars, and
headlines over dated bars: texts we wrote, imitating the noise (never copied from ../shared)."""

from __future__ import annotations

import pytest
from clean_pages import EN_BODY, removed_steps

from zhiku.clean import clean_plain_text
from zhiku.clean.figures import alt_text, photo_credit
from zhiku.clean.lines import classify_line, counter_line, menu_row, ui_line


def test_a_menu_run_into_one_line_is_navigation_and_the_headline_is_the_title() -> None:
    menu = (
        "Platforms & Tools Data & Analytics Cloud Services Security & Identity Retail & Commerce "
        "Health & Care Energy, Utilities & Mining Media & Telecom"
    )
    page = (
        "_NORTHWIND\n\n"
        f"{menu}\n\n"
        "EN DE FR\n\n"
        "Let's talk\n\n"
        "Serving Open Models in Production: Memory, Batching and Cost\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Serving Open Models in Production: Memory, Batching and Cost"
    removed = removed_steps(page)
    assert removed[menu] == "navigation"
    assert removed["EN DE FR"] == "ui_line"
    assert removed["Let's talk"] == "ui_line"
    assert "Paged allocation keeps that cache" in cleaned.text


def test_menu_row_spares_title_case_headlines_and_sentences() -> None:
    assert (
        menu_row("How We Built a Retrieval Pipeline That Scales to Ten Million Documents") is None
    )
    assert (
        menu_row("Why Every Team Should Measure Retrieval Before Tuning Prompts Or Models") is None
    )
    assert (
        menu_row("Supported Backends: Postgres, Qdrant, Milvus, Elastic, Redis & Chroma & More")
        is None
    )


def test_a_headline_with_commas_above_a_dated_bar_is_the_title() -> None:
    headline = "Inference Pricing 2026: New Rates, Batch Discounts, and What Changed"
    page = f"{headline}\n\nNorthwind Notes · March 3, 2026 · Pricing\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == headline
    assert removed_steps(page)["Northwind Notes · March 3, 2026 · Pricing"] == "byline"
    assert cleaned.text.startswith("Serving a model well")


@pytest.mark.parametrize(
    "line",
    [
        "EN | 中文",
        "简体中文 English",
        "CS EN DE",
        "Rendering chart…",
        "Loading...",
        "加载中",
        "正在加载…",
    ],
)
def test_language_switches_and_loading_placeholders(line: str) -> None:
    assert ui_line(line) is not None


@pytest.mark.parametrize(
    "line", ["Downloading the model weights", "Loading data from S3", "EN", "中文"]
)
def test_headings_and_single_language_names_stay(line: str) -> None:
    assert ui_line(line) is None


def test_an_emoji_led_info_bar_is_removed_but_a_row_of_ticks_stays() -> None:
    assert (
        counter_line("🗓 Updated: Mar 3, 2026📚 12 min read🎯 Hands-on labs💡 4 projects")
        is not None
    )
    assert counter_line("✅ Fast ✅ Private ✅ Runs offline") is None


def test_a_caption_whose_credit_ends_with_a_full_stop() -> None:
    line = "Engineers inspect a rack of inference servers. Credit: Jane Doe/Shutterstock."
    assert photo_credit(line.lower()) is not None
    assert classify_line(line) is not None


def test_the_posts_own_picture_alt_text_is_removed_and_names_the_title() -> None:
    assert alt_text("Featured image of post Local models, local data") is not None
    assert alt_text("Cover image for Serving LLMs on one GPU") is not None
    page = (
        "Featured image of post 本地模型加知识库=?\n\n"
        "本地模型加知识库=?\n\n"
        "前言\n\n"
        "这篇笔记记录了在笔记本上部署本地模型，并接入自己的知识库的全过程，包括安装、配置和常见问题。\n\n"
        "部署之前，先确认内存和显存是否足够，否则模型加载会失败，或者回答得非常慢。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "本地模型加知识库=?"
    assert "Featured image" not in cleaned.text


def test_an_editors_pick_under_its_label_isremoved_steps() -> None:
    line = "精選報導：某某實驗室發表新一代推理晶片 業界看好量產進度"
    page = (
        "模型推理的成本主要來自記憶體，而不是算力本身，這一點常被忽略。\n\n"
        f"{line}\n\n"
        "把快取切成小塊管理之後，長短請求可以共用一批顯存，浪費明顯減少。\n"
    )
    assert removed_steps(page)[line] == "call_to_action"


@pytest.mark.parametrize("label", ["AI 生成摘要", "AI生成的摘要"])
def test_the_label_of_a_summary_a_model_wrote(label: str) -> None:
    page = (
        "推理服务的成本从哪里来\n\n"
        "模型推理的成本主要来自显存，而不是算力本身，这一点常被忽略，值得单独讨论。\n\n"
        f"{label}\n\n"
        "把缓存切成小块管理之后，长短请求可以共用一批显存，浪费明显减少，吞吐随之提高。\n"
    )
    assert removed_steps(page)[label] == "ai_summary"


ZH_BODY = (
    "本文记录了在一台笔记本上部署本地模型的过程，包括安装、拉取模型和调用接口，每一步都给出了命令。\n\n"
    "部署之前，先确认内存和显存是否足够，否则模型加载会失败，或者回答得非常慢，体验很差。\n\n"
    "接口调用时，可以设置保活时间，让模型在空闲一段时间后自动释放显存，方便其他程序使用。\n"
)


def test_a_reposts_byline_run_into_its_paragraph_is_cut_out() -> None:
    page = (
        "某某模型公司即将上市\n\n"
        "首个里程碑即将出现。 作者 | 王五 来源 | 某某资本(ID:abc_01) 国内备受关注的模型公司已通过聆讯，"
        "预计本月挂牌，募资规模在同类公司中居前。\n\n" + ZH_BODY
    )
    cleaned = clean_plain_text(page)
    assert "作者 |" not in cleaned.text
    assert "国内备受关注的模型公司已通过聆讯" in cleaned.text


def test_a_caption_credited_after_its_bracketed_note() -> None:
    assert photo_credit("同学们在实验室里讨论模型的训练结果。（仅为情境图）王小明摄") is not None


def test_a_latin_site_name_after_a_chinese_headline_is_cut_off() -> None:
    page = f"本地模型服务指南 · Northwind AI Hub\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "本地模型服务指南"


def test_a_repost_tag_naming_whose_report_it_was_leaves_the_title() -> None:
    page = f"【某某週刊報導】專家談大學選系\n\n發布於 2024年5月24日\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "專家談大學選系"


@pytest.mark.parametrize("line", ["N8N設定的畫面", "後台的設置畫面"])
def test_a_screenshot_named_by_its_screen(line: str) -> None:
    page = f"串接教學\n\n{ZH_BODY}\n\n{line}\n\n{ZH_BODY}"
    assert removed_steps(page)[line] == "image"


def test_a_chinese_headline_spaced_around_its_latin_words_is_the_title() -> None:
    headline = "使用 n8n + LineBot 搭建 RAG AI 應用"
    page = f"發佈日期:\n\n{headline}\n\n功能介紹\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == headline


def test_an_identifier_is_never_the_title() -> None:
    page = f"Retrieval-Augmented Generation (RAG)\n\nrag_system\n\n{EN_BODY}"
    assert clean_plain_text(page).title == "Retrieval-Augmented Generation (RAG)"


def test_a_list_of_questions_above_the_article_is_its_contents() -> None:
    questions = [
        "大模型到底是什么?",
        "参数量意味着什么?",
        "为什么需要检索?",
        "向量库怎么选?",
        "如何评估回答?",
    ]
    page = "入门笔记\n\n" + "\n".join(questions) + "\n\n" + ZH_BODY
    removed = removed_steps(page)
    assert all(removed.get(q) == "contents" for q in questions)
    answers = [
        f"第{n}个问题的回答写在这里，先说结论，再给出理由和例子，方便读者对照自己的情况。"
        for n in range(5)
    ]
    faq = "常见问题\n\n" + "\n\n".join(
        f"{q}\n\n{a}" for q, a in zip(questions, answers, strict=True)
    )
    assert not any(removed_steps(faq).get(q) == "contents" for q in questions)


def test_a_link_preview_card_and_a_related_analysis_header() -> None:
    page = f"Notes on small models\n\n{EN_BODY}\n\n[## acme/tiny-model · Example Hub\n\n{EN_BODY}"
    assert removed_steps(page)["[## acme/tiny-model · Example Hub"] == "link"
    assert ui_line("Related Analysis") is not None


def test_a_notes_one_top_heading_is_the_title_over_a_card_of_fields() -> None:
    page = (
        "# Northwind Labs — open models for small teams\n\n"
        "Founded\n\n2021\n\nHeadquarters\n\nLyon, France\n\n"
        f"{EN_BODY}"
    )
    assert clean_plain_text(page).title == "Northwind Labs — open models for small teams"
    two = f"# Part one\n\n{EN_BODY}\n\n# Part two\n\n{EN_BODY}"
    assert clean_plain_text(two).title != "Part two"
