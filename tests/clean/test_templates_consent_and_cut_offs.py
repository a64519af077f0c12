"""Reprint wrappers, page templates, code hosts' file views, consent banners, headline shapes and
pages the crawl cut off: texts we wrote, imitating the noise (never copied from ../shared)."""

from __future__ import annotations

from clean_pages import EN_BODY, ZH_BODY, removed_steps

from zhiku.clean import clean_plain_text
from zhiku.clean.ai_summary import ai_summary_lines
from zhiku.clean.folding import fold_lines
from zhiku.clean.inline import strip_inline_junk
from zhiku.clean.lines import call_to_action, classify_line, is_prose


def _step(line: str) -> str | None:
    verdict = classify_line(fold_lines([line])[0])
    return verdict[0] if verdict else None


def test_a_reprints_original_headline_in_brackets_is_the_title() -> None:
    page = f"(原标题:显存够不够?(某公司 Q2 电话会纪要))\n{ZH_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "显存够不够?(某公司 Q2 电话会纪要)"
    assert "原标题" not in cleaned.text
    assert "量化可以把权重压到原来的四分之一左右" in cleaned.text


def test_a_reposts_credit_is_neither_title_nor_text() -> None:
    page = f"笔记\n\n本地部署入门_第3篇\n\n转载:某笔记平台 某某产品经理\n\n{ZH_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "本地部署入门_第3篇"
    assert "转载:某笔记平台" not in cleaned.text


def test_a_bracketed_invitation_to_a_reader_group_goes() -> None:
    line = "【本期点评的视频版将与一位博主合作推出,欢迎大家入群,视频做好后会第一时间分享】"
    assert call_to_action(line.lower()) is not None
    page = f"某公司季度财报点评\n\n{ZH_BODY}{line}\n\n{ZH_BODY}"
    assert "欢迎大家入群" not in clean_plain_text(page).text


def test_an_unrendered_templates_fields_give_the_title_and_go() -> None:
    page = (
        "[TITLE]\n只讲一件事:显存怎么省\n[/TITLE]\n[KEYWORDS]\n显存,量化,LoRA,笔记本,某某电脑城\n"
        f"[/KEYWORDS]\n[FID]\n12\n[/FID]\n[CONTENT]\n{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "只讲一件事:显存怎么省"
    for gone in ("[TITLE]", "[KEYWORDS]", "某某电脑城", "[CONTENT]", "[FID]"):
        assert gone not in cleaned.text
    assert "如果机器只有 CPU" in cleaned.text


def test_a_code_hosts_file_view_keeps_the_notes_and_their_week() -> None:
    page = (
        "2 Star 1 Fork 0\n\nsomeone / course-notes\n\n加入 某代码平台\n免费加入\n"
        "该仓库未声明开源许可证文件(LICENSE),使用请注意其上游依赖。\n克隆/下载\n"
        "week3.md 12.5 KB\n一键复制 编辑 原始数据 按行查看 历史\n"
        "someone 提交于 2020-01-02 10:00 . 修订\ntypora-root-url\n..\\images\n\n第3周\n\n"
        "[TOC] 五、显存与量化\n\n5.1 为什么要量化\n\n参考视频: 5 - 1 - Why Quantize (4 min).mkv\n\n"
        f"{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "第3周"
    assert "5.1 为什么要量化" in cleaned.text
    for gone in ("原始数据", "week3.md", "..\\images", "未声明开源许可证", "[TOC]"):
        assert gone not in cleaned.text


def test_file_toolbars_sizes_and_paths_are_chrome_but_their_words_in_text_are_not() -> None:
    assert _step("Raw Blame History") == "ui_line"
    assert _step("notes.md 3.2 KB") == "link"
    assert _step("../assets/img") == "link"
    assert _step("编辑 历史") is None  # no code host's own button: two common words
    assert _step("我们在历史数据上编辑了训练集,原始数据保留不动。") is None


def test_a_counter_over_a_headline_is_still_not_the_title() -> None:
    page = f"Lesson 4\n\nBatching Requests Without Waste\n\n{EN_BODY}"
    assert clean_plain_text(page).title == "Batching Requests Without Waste"


def test_an_ai_warning_about_its_own_analysis_goes_and_a_finding_about_ai_stays() -> None:
    notice = "本解读由 AI 生成,可能有不准确之处,请以原文为准。"
    finding = "研究者发现由 AI 生成的代码可能有安全漏洞,这一点在报告中有详细说明。"
    assert ai_summary_lines(fold_lines([notice, finding])) == [0]


def test_a_notes_box_markup_does_not_start_the_footer() -> None:
    page = (
        "# 第 5 讲 向量检索\n\n:::info\n**课程说明**\n:::\n"
        f"{ZH_BODY}:::success\n请在课后提交作业,助教会在一周内回复大家。\n:::\n"
        "### ▪️ 延伸思考\n1. 如果只有 CPU,你会怎么选择模型的大小与"
    )
    cleaned = clean_plain_text(page)
    assert "延伸思考" in cleaned.text
    assert "你会怎么选择模型的大小与" in cleaned.text
    assert ":::" not in cleaned.text


def test_a_sentence_the_crawl_cut_off_stays_after_an_embedded_post() -> None:
    page = (
        f"{ZH_BODY}"
        "Our new models are out today and we are thrilled. pic.twitter.com/AbCdEf123\n"
        "— Sam Example (@sam_example) May 1, 2026\n"
        "▲ 某公司副总裁介绍新模型。\n"
        "值得注意的是,该公司这次强调新模型在"
    )
    cleaned = clean_plain_text(page)
    assert "值得注意的是,该公司这次强调新模型在" in cleaned.text
    assert "@sam_example" not in cleaned.text


def test_a_comment_row_at_the_end_is_not_a_cut_off_sentence() -> None:
    page = (
        f"{ZH_BODY}--\n※ 發信站: 示例論壇(bbs.example.tw)\n"
        "推 someone: 同意先用 API 試試看 05/02 10:12\n"
        "噓 another: 自己訓練模型才是真正的王道 05/02 11:01"
    )
    assert "自己訓練模型才是真正的王道" not in clean_plain_text(page).text


def test_a_title_cased_question_is_a_headline_not_prose() -> None:
    assert not is_prose("Will Paged Caches Cut Its Serving Costs This Year?")
    assert is_prose("Will paged caches cut its serving costs this year?")
    page = (
        "We use cookies to understand how you use our site and to improve your experience.\n"
        "This includes personalizing content and advertising.\n"
        'By pressing "Accept All" or closing this banner, you consent to the use of cookies.\n'
        "You are being directed to ExampleTrade, a separate company. Links are not offers.\n"
        "If you wish to go to ExampleTrade, click OK. If you do not, click Cancel.\n"
        "Will Paged Caches Cut Its Serving Costs This Year?\n"
        "Read MoreHide Full Article\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Will Paged Caches Cut Its Serving Costs This Year?"
    for gone in ("cookies", "personalizing", "ExampleTrade", "Hide Full Article"):
        assert gone not in cleaned.text


def test_a_piece_about_cookies_is_not_a_banner() -> None:
    line = "Browsers now block third-party cookies by default, and advertising suffers."
    assert call_to_action(line.lower()) is None


def test_a_course_title_with_a_question_and_a_long_title_cased_subtitle() -> None:
    page = (
        "CS 101: Can Machines Think? Understanding and Using Large Language Models\n\n"
        "banner_course_image.png\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == (
        "CS 101: Can Machines Think? Understanding and Using Large Language Models"
    )


def test_a_writers_role_after_the_name_is_a_byline() -> None:
    assert removed_steps(f"Cheaper Serving\n\nBy Ada Park, Staff Writer\n\n{EN_BODY}")[
        "By Ada Park, Staff Writer"
    ] == ("byline")


def test_a_release_printed_twice_is_titled_by_its_number() -> None:
    page = (
        "★ 7/10 · Releases · 2026-03-01\n\nv1.4.2\n\n"
        "The engine v1.4.2 adds paged caches to the server, so that long requests...\n\n"
        f"v1.4.2\n\n{EN_BODY}"
    )
    assert clean_plain_text(page).title == "v1.4.2"
    assert clean_plain_text(f"Version 2\n\nCheaper Serving\n\n{EN_BODY}").title != "Version 2"


def test_a_stock_pictures_alt_text_under_the_title() -> None:
    alt = "A data scientist working on model code using voice commands on a futuristic interface."
    assert _step(alt) == "image"
    assert _step("A data scientist working on model code found the bug on a screen.") is None


def test_an_editors_embed_tag_and_a_contents_marker_before_a_heading() -> None:
    assert strip_inline_junk("{%youtube Xy12Zz %}")[0] == ""
    assert strip_inline_junk("[TOC] 三、检索")[0] == "三、检索"


def test_a_table_flattened_to_one_cell_a_line_stays_in_the_article() -> None:
    cells = "".join(f"Model-{n}B |\n{n * 4} |\n16 / 8 |\n32K |\n" for n in (1, 2, 3))
    page = (
        f"{ZH_BODY}Models |\nLayers |\nHeads |\nContext |\n{cells}上下滑动查看更多\n"
        "训练后的模型已经可以在多个平台上下载使用,本地部署也有多种工具可以选择。"
    )
    cleaned = clean_plain_text(page)
    assert "16 / 8 |" in cleaned.text
    assert "本地部署也有多种工具可以选择" in cleaned.text
    assert "上下滑动查看更多" not in cleaned.text


def test_an_editors_numbered_points_and_a_vendors_banner_go() -> None:
    page = (
        "某模型全新发布,开源共享!核心内容: 1. 基准测试的表现 2. 参数规模 3. 部署推荐\n"
        f"{ZH_BODY}🔥 限时供应 🔥\n9月现货直发 · 欢迎点击洽谈\n立即询价 →\n{ZH_BODY}"
    )
    text = clean_plain_text(page).text
    for gone in ("核心内容", "欢迎点击洽谈", "立即询价"):
        assert gone not in text


def test_a_labelled_teaser_cut_short_goes() -> None:
    page = (
        "两款显卡的区别\n\n概述:两款显卡都面向大模型训练,但架构代际与定位存在明显差异,本文从四个方面...\n\n"
        "两款显卡都面向大模型训练,但架构代际与定位存在明显差异,本文从四个方面逐一对比。\n\n"
        f"{ZH_BODY}"
    )
    assert "概述" not in clean_plain_text(page).text


def test_markdown_headings_and_code_spans_are_not_tag_clouds() -> None:
    assert _step("### 失业的阴影 x N") is None
    assert _step('`cat app.py | llm -p "context" | other -p "context"`') is None


def test_a_link_attribute_and_empty_emphasis_go_from_the_line() -> None:
    assert (
        strip_inline_junk("- [大会官网](https://example.org/2025) [target=_blank]")[0]
        == "- 大会官网"
    )
    assert strip_inline_junk("****某机构表示,市场正在变化。****")[0] == "某机构表示,市场正在变化。"


def test_lower_case_alt_texts_in_a_chinese_page_go_and_commands_stay() -> None:
    page = (
        f"{ZH_BODY}gpu memory hierarchy diagram for local inference\n"
        "0 x7k2mq9zt4vw1b\n\npip install vllm now\n\n"
        "显存不够的时候,模型根本放不进去,再快的核心也没有用处。\n"
    )
    text = clean_plain_text(page).text
    assert "gpu memory hierarchy" not in text
    assert "x7k2mq9zt4vw1b" not in text
    assert "显存不够的时候" in text


def test_countdowns_answer_counts_credits_and_series_links_go() -> None:
    assert _step("days until model obligations deadline") == "counter_line"
    assert _step("Analyzed by 4 domain experts") == "counter_line"
    assert _step("Image by jane_doe from Pixabay.") == "image"
    assert _step("Part of the Agent Engineering Guide ... from prompts to production.") is not None
    assert _step("Part of the reason is that caches grow with every request.") is None


def test_a_phrase_two_headings_end_with_is_no_watermark() -> None:
    page = (
        "EU AI Act\n\nModel Obligations Under the EU AI Act\n\n"
        "Briefing: General Model Obligations Under the EU AI Act\n\n"
        f"{EN_BODY}"
    )
    assert clean_plain_text(page).title == "Model Obligations Under the EU AI Act"


def test_a_channel_after_an_underscore_and_a_desk_before_a_bar_leave_the_title() -> None:
    page = f"本地要聞 | 某公署發指引,協助機構制定使用生成式AI政策\n\n31/03/2025\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "某公署發指引,協助機構制定使用生成式AI政策"


def test_a_forums_welcome_and_its_engine_run_together_go() -> None:
    line = "欢迎光临 某某论坛 (https://bbs.example.cn/) Powered by Discuz! X3.5"
    assert "欢迎光临" not in clean_plain_text(f"{ZH_BODY}\n{line}").text


def test_a_newsletter_pitch_between_its_heading_and_its_fine_print_goes() -> None:
    page = (
        f"{EN_BODY}\nListen to this story\n\nSubscribe to our Newsletter\n\n"
        "Join our editors every evening as they walk you through the day's news.\n"
        "Your newsletter subscriptions are subject to our Privacy Policy and Terms of Service.\n\n"
        f"{EN_BODY}"
    )
    text = clean_plain_text(page).text
    for gone in ("Listen to this story", "Join our editors", "Your newsletter subscriptions"):
        assert gone not in text


def test_share_buttons_run_together_and_a_year_run_into_the_time() -> None:
    assert _step("Share Article via FacebookShare Article via TwitterShare Article via Email") == (
        "call_to_action"
    )
    assert _step("Published Wed, Oct 22 202512:20 PM EDT") == "byline"


def test_a_labelled_language_switch_and_a_link_to_the_original_go() -> None:
    assert _step("Read in other languages: 한국어日本語") == "ui_line"
    assert _step("中文") is None  # one language alone may be a heading
    assert _step("Original: Parts of an Agent View original →") is not None


def test_a_headline_over_a_call_to_action_and_its_info_bar_is_the_title() -> None:
    page = (
        "Six Parts of a Coding Agent, Explained for Busy Teams\n\n"
        "Original: Parts of an Agent View original →\n\n"
        "Read in other languages: 한국어日本語\n"
        "LLM Apr 6, 2026 By Example Desk 2 min read 1 views Source\n\n"
        "Why the post landed\n\n"
        f"{EN_BODY}"
    )
    assert clean_plain_text(page).title == "Six Parts of a Coding Agent, Explained for Busy Teams"
