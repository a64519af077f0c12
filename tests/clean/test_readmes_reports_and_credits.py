"""READMEs run into one line, reports in Markdown, pages that open with their text, narrated
sign-ups, flow charts drawn in text, empty bylines, asides, glued breadcrumbs, image elements and
notes, filtered listings, credits and garbled entities: texts we wrote, imitating the noise
(never copied from ../shared)."""

from __future__ import annotations

from clean_pages import EN_BODY, ZH_BODY, removed_steps

from zhiku.clean import clean_plain_text
from zhiku.clean.inline import strip_inline_junk


def test_a_readme_run_into_one_line_keeps_its_text_and_loses_its_links() -> None:
    readme = (
        "# 向量检索入门 ## [课前小测](https://quiz.example.org/v/1) --- "
        '[![入门视频](https://img.example.org/v/abc/0.jpg)](https://video.example.org/abc "入门视频") '
        "> 🎥 点击上方图片观看课程介绍。 欢迎来到这门入门课程！无论你是否学过检索，我们都希望这里"
        "是一个友好的起点，也欢迎在[讨论区](https://forum.example.org/talk)留下意见。 "
        "## 开始之前 在开始这门课程之前，你需要准备好自己的电脑，能够在本地运行笔记本。 "
        "- **安装 Python**。建议先了解[Python](https://docs.example.org/python?ref=course-77)的基础，"
        "我们在课程里会一直使用它。 "
        "- **准备编辑器**。任何能写代码的编辑器都可以，我们的示例用的是一款常见的免费编辑器。"
    )
    cleaned = clean_plain_text(readme)
    assert cleaned.title == "向量检索入门"
    for kept in (
        "欢迎来到这门入门课程",
        "留下意见",
        "能够在本地运行笔记本",
        "我们在课程里会一直使用它",
        "我们的示例用的是一款常见的免费编辑器",
    ):
        assert kept in cleaned.text
    for gone in (
        "(https://quiz.example.org/v/1)",
        "点击上方图片观看课程介绍",
        "(https://forum.example.org/talk)",
        "?ref=course-77",
        "video.example.org",
    ):
        assert gone not in cleaned.text


def test_a_report_summary_in_markdown_is_no_editor_help() -> None:
    summary = (
        "This report compares **Acme Flow**, **Birch Agents** and **Cedar Graph** against a "
        "12-point checklist for a no-code agent harness. Acme Flow is the most opinionated, "
        "Cedar Graph the lowest-level, and no framework meets every item on the list."
    )
    cleaned = clean_plain_text(
        f"# Agent Frameworks Compared\n\n## Summary\n\n{summary}\n\n{EN_BODY}"
    )
    assert "no framework meets every item" in cleaned.text


def test_a_page_that_opens_with_its_text_has_no_title_taken_from_a_name_below() -> None:
    intro = (
        "Speech recognition is a core part of applied machine learning, turning recorded audio "
        "into text that other systems can search and act on. This course covers the models and "
        "the data pipelines behind it, from feature extraction to decoding."
    )
    about = (
        "Speech systems are everywhere because people talk to machines all day: assistants, "
        "captions, call centres, meeting notes and search by voice. In the 2010s, neural models "
        "replaced hand-built pipelines, and in the 2020s large pretrained models pushed accuracy "
        "further on noisy audio. In this course, students build their own recognisers."
    )
    page = (
        f"{intro}\n\nInstructors\n\nCourse Manager\n\nDana Whitfield\n\nLogistics\n\n"
        f"Content\n\nWhat is this course about?\n\n{about}\n\n{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "turning recorded audio into text" in cleaned.text


def test_someone_signing_up_in_a_story_is_no_call_to_action() -> None:
    story = "课程一上线，我立即注册并用了三个晚上看完讲座、做完作业。"
    page = f"一门课程的学习体验\n\n{ZH_BODY}\n{story}\n\n立即注册，领取新人礼包\n"
    steps = removed_steps(page)
    assert story in clean_plain_text(page).text
    assert steps["立即注册，领取新人礼包"] == "call_to_action"


def test_a_flow_chart_drawn_in_text_is_kept_with_what_follows_it() -> None:
    page = (
        "本地模型是怎么跑起来的\n\n"
        f"{ZH_BODY}\n"
        "运行流程如下：\n\n"
        "[检查本地是否已有模型]\n\n↓\n\n[没有 → 下载权重到 ~/.models]\n\n↓\n\n"
        "[加载模型 → 分配内存/显存]\n\n↓\n\n[开始对话]\n\n"
        "📁 6. 模型文件说明\n\n"
        "模型文件的格式类似容器镜像，权重和分词器放在同一个目录里。\n"
    )
    cleaned = clean_plain_text(page)
    assert "[没有 → 下载权重到 ~/.models]" in cleaned.text
    assert "权重和分词器放在同一个目录里" in cleaned.text


def test_a_numbered_heading_led_by_an_emoji_is_no_title() -> None:
    page = f"📌 1. 什么是本地推理？\n\n{ZH_BODY}\n🔧 2. 它能做什么？\n\n{ZH_BODY}"
    assert clean_plain_text(page).title != "📌 1. 什么是本地推理？"


def test_a_byline_whose_author_came_out_empty_is_no_title() -> None:
    page = (
        "Written by 09:12 Industry Views: [post_views]\n\n"
        "Why a Chip Maker Bought a Model Start-up\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Why a Chip Maker Bought a Model Start-up"
    assert "[post_views]" not in cleaned.text


def test_an_aside_in_brackets_is_no_title() -> None:
    aside = "(只想动手的话，请直接看下一篇：从零搭建一个检索服务)"
    page = f"检索服务到底在火什么\n\n{aside}\n\n{aside}\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "检索服务到底在火什么"


def test_a_glued_breadcrumb_points_at_the_headline_below_it() -> None:
    page = (
        "Monday, March 2, 2026\n\n"
        "Example search engine\n\n"
        "HomeCareersDemand for one AI role has tripled in a single year as compan...\n\n"
        "Demand for one AI role has tripled in a single year as companies hire\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Demand for one AI role has tripled in a single year as companies hire"
    assert "HomeCareers" not in cleaned.text


def test_image_elements_notes_listings_links_and_credits_are_removed() -> None:
    noise = {
        '<image>data:image/png,"img/abc123.png" alt="检索服务的架构"</image>': "image",
        "图片来源备注：图片由AI生成，授权服务商为某图库": "image",
        "Showing posts with label Interview Preparation. Show all posts": "call_to_action",
        "项目博客：blog.example.org/zh/posts/inf…": "link",
        "Source Domain: www.example.com": "link",
        "记者周小明《年度回顾》报道": "byline",
        "正在播放：完整版 Play full episode": "call_to_action",
        "ff7a557f 6a43 4bcc 8b0d b8e8a5943fca": "image",
    }
    page = "检索服务的一次升级\n\n" + ZH_BODY + "\n" + "\n\n".join(noise) + "\n\n" + ZH_BODY
    steps = removed_steps(page)
    for line, step in noise.items():
        assert steps.get(line) == step, line


def test_garbled_entities_and_syndication_credits_are_cut_from_the_line() -> None:
    assert strip_inline_junk("2024 年 3 月 1 日&苍产蝉辫;—&苍产蝉辫;团队开放了模型。") == (
        "2024 年 3 月 1 日—团队开放了模型。",
        ("&苍产蝉辫;", "&苍产蝉辫;"),
    )
    assert strip_inline_junk("(NEWSWIRE- The Example Post) A lab plans to ship a model.") == (
        "A lab plans to ship a model.",
        ("(NEWSWIRE- The Example Post)",),
    )


def test_a_list_items_term_ending_in_a_credit_word_is_no_byline() -> None:
    page = (
        "为什么要拆分子流程\n\n"
        f"{ZH_BODY}\n"
        "- 模块化设计：把复杂的逻辑拆成一个个小单元\n\n"
        "- 复用性：同一个子流程可以在不同地方使用\n\n"
        "设计：王小明\n\n"
        f"{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert "模块化设计：把复杂的逻辑拆成一个个小单元" in cleaned.text
    assert removed_steps(page)["设计：王小明"] == "byline"


def test_a_desk_credit_more_links_and_an_emoji_before_the_headline() -> None:
    page = (
        f"☕️ Serving Models: Memory and Batching\n\n{EN_BODY}\nMore in Methodology →\n\n{EN_BODY}"
    )
    assert clean_plain_text(page).title == "Serving Models: Memory and Batching"
    assert removed_steps(page)["More in Methodology →"] == "call_to_action"
    desk = f"模型更新了\n\n{ZH_BODY}\n生活中心/综合报导\n\n{ZH_BODY}"
    assert removed_steps(desk)["生活中心/综合报导"] == "byline"
