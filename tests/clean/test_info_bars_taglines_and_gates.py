"""Info bars run onto headlines, agency credits with a collection, headlines under a site's
tagline, comma-joined headline clauses and gates told as a sentence: texts we wrote, imitating
the noise (never copied from ../shared)."""

from __future__ import annotations

from clean_pages import EN_BODY, ZH_BODY

from zhiku.clean import clean_plain_text
from zhiku.clean.figures import photo_credit
from zhiku.clean.folding import fold_lines
from zhiku.clean.inline import strip_inline_junk
from zhiku.clean.lines import call_to_action, classify_line, keyword_cloud


def _step(line: str) -> str | None:
    verdict = classify_line(fold_lines([line])[0])
    return verdict[0] if verdict else None


HEADLINE = "Chip Makers Warn Of Shortages, Say New Rules Could Slow Data Centers"


def test_an_info_bar_run_onto_the_headline_is_cut_from_it() -> None:
    line = f"{HEADLINE} Published Tue, Mar 3 202609:15 AM ESTUpdated Tue, Mar 3 202611:02 AM EST"
    kept, removed = strip_inline_junk(line)
    assert kept == HEADLINE
    assert removed and removed[0].startswith("Published Tue")


def test_a_sentence_ending_in_a_date_keeps_it() -> None:
    for line in ("- the guidance was updated Mar 3, 2026", "Shares rose. Published Mar 3, 2026."):
        assert strip_inline_junk(line)[1] == ()


def test_an_agency_credit_with_a_collection_between_bars_is_a_credit() -> None:
    assert photo_credit("Ada Park Studio | Stone | Getty Images") == "photo credit"
    assert photo_credit("Pricing | Docs | Blog") is None


def test_a_headlines_comma_joined_clauses_are_no_keyword_cloud() -> None:
    assert (
        keyword_cloud("Regulators Defend New Export Rules, Say Vendors Could Seek Changes") is None
    )
    assert keyword_cloud("llm, rag, agents, python, gpu, cuda, vllm, lora, qlora") is not None


def test_a_title_cased_headline_under_the_sites_tagline_is_the_title() -> None:
    page = f"Example Trade Wire is a Sample Media publication.\n\n{HEADLINE}\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == HEADLINE
    assert "Serving a model well is mostly about memory" in cleaned.text


def test_a_gate_told_as_a_sentence_is_a_call_to_action() -> None:
    assert call_to_action("Your notes stay on this device — sign in to sync them.") is not None
    assert call_to_action("Please log in to reply.") is not None
    assert call_to_action("Staff must sign in to the portal before each shift.") is None


def test_markup_and_a_json_record_leaked_from_a_pages_script_are_cut() -> None:
    line = r'Costs rose again.<\/p>\n","post_title":"Chips","post_status":"publish","guid":"x"}];'
    kept, removed = strip_inline_junk(line)
    assert kept == "Costs rose again."
    assert removed == (r"<\/p>\n", r'","post_title":"Chips","post_status":"publish","guid":"x"}];')
    assert strip_inline_junk(r"The rivalry has another<\/a> chapter now.")[0] == (
        "The rivalry has another chapter now."
    )


def test_json_quoted_in_a_sentence_stays() -> None:
    line = 'Set {"model": "m", "temperature": 0, "top_p": 1} in the config.'
    assert strip_inline_junk(line) == (line, ())


def test_a_closing_tag_that_lost_its_bracket_is_cut_after_the_last_sentence() -> None:
    assert strip_inline_junk("Terms may change in the coming weeks. p>") == (
        "Terms may change in the coming weeks.",
        ("p>",),
    )
    assert strip_inline_junk("if a > b then swap p>")[1] == ()


def test_counts_and_links_between_dots_are_an_info_bar_not_the_title() -> None:
    page = f"Small models can win\n\n812 points · 97 comments on HN · read original →\n\n{EN_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Small models can win"
    assert "812 points" not in cleaned.text


def test_a_reading_time_told_as_a_sentence_goes() -> None:
    page = f"Serving notes\n\nEstimated reading time: 10–15 minutes.\n\n{EN_BODY}"
    assert "reading time" not in clean_plain_text(page).text


def test_a_promotion_framed_by_the_same_button_goes() -> None:
    box = (
        "Start free trial\nExample Premium\n  • Curated jobs\n  • Tool discounts\nStart Free Trial"
    )
    cleaned = clean_plain_text(f"{EN_BODY}\n\n{box}\n\n{EN_BODY}")
    assert "Curated jobs" not in cleaned.text
    assert "Example Premium" not in cleaned.text
    assert "Paged allocation keeps that cache" in cleaned.text


def test_a_document_named_with_its_date_is_a_title_not_seo_keywords() -> None:
    name = "团队复盘_适合三年经验AI产品经理_小林_20240312"
    page = f"{name}\n2024年3月9日 更新\n开启更多功能,提升办公效能\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == name
    assert keyword_cloud("大模型_微调_显存_量化_部署教程") is not None


def test_a_markdown_table_row_without_its_leading_bar_stays() -> None:
    row = "A100 40GB | 40 | ¥9,000-¥12,000 | 训练 |"
    page = (
        f"GPU 价格\n\n{ZH_BODY}\n型号 | 显存 | 价格 | 场景 |\n---|---|---|---|\n{row}\n\n{ZH_BODY}"
    )
    assert row in clean_plain_text(page).text


def test_a_search_keyword_before_a_headline_that_holds_it_is_cut_from_the_title() -> None:
    page = f"gpu租赁价格,深度解析,GPU租赁价格趋势与选型\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "深度解析,GPU租赁价格趋势与选型"


def test_a_caption_printed_twice_under_its_picture_goes_both_times() -> None:
    caption = "某局长表示人工智能会改变很多行业。"
    page = f"某局长谈人工智能\n\n2025-03-03 10:00\n\n{caption}\n{caption}\n\n{ZH_BODY}"
    cleaned = clean_plain_text(page)
    assert caption not in cleaned.text
    assert "量化可以把权重压到原来的四分之一左右" in cleaned.text


def test_a_gated_download_told_to_the_reader_goes() -> None:
    assert call_to_action("您需要先同意授權條款才能使用此模型") is not None
    line = "This page is public, but you have to accept the terms to access its files."
    assert call_to_action(line) is not None
    sentence = "用户需要先注册账号才能调用接口,这和其他平台一样,注册只要填写邮箱即可。"
    assert call_to_action(sentence) is None


def test_a_headline_printed_twice_under_its_crumb_is_still_the_title() -> None:
    page = f"Guides\nServing Models\nServing Models\n{EN_BODY}"
    assert clean_plain_text(page).title == "Serving Models"


def test_a_dated_info_bar_of_short_fields_goes() -> None:
    assert _step("March 2, 2026 · Head of Research at Example Labs") == "byline"
    assert _step("worked for 3 agents · created 2026-06-16T04:19:31.120000+00:00 · anonymous")
    assert _step("On May 3, 2025 · we shipped the new index to every user.") is None


def test_short_labels_between_dots_or_stars_go() -> None:
    assert _step("Where builders learn. · Hands-on labs · Free forever.") == "ui_line"
    assert _step("✦ Plain analogies ✦ Real code with output ✦ Interview questions") == "ui_line"
    assert _step("📍 Part of: Agents → Topic 3 of 9") == "ui_line"
    assert _step("Qwen 14B | 28GB | 5GB | ~2%") is None  # a table's row


def test_labelled_fields_run_together_are_a_bar() -> None:
    line = "Review date: 2026-05-01 Reviewer: Ada Park Paper: Small Models Venue: arXiv preprint"
    assert _step(line) == "byline"


def test_a_latin_tag_before_an_english_headline_is_cut_from_the_title() -> None:
    page = f"[tooling] Model Runs Out Of Memory While Loading\n\n{EN_BODY}"
    assert clean_plain_text(page).title == "Model Runs Out Of Memory While Loading"
    page = f"[D] What fits in 16 GB for local inference?\n\n{EN_BODY}"
    assert clean_plain_text(page).title == "[D] What fits in 16 GB for local inference?"


def test_a_title_cased_headline_under_a_summary_is_the_title() -> None:
    summary = "A short guide to the rate limit error and what to do about it in your own code."
    page = f"{summary}\n\nrate limit 429\n\n{HEADLINE}\n\n{EN_BODY}"
    assert clean_plain_text(page).title == HEADLINE


def test_a_reprints_original_title_under_its_headline_is_noise() -> None:
    page = f"【学长带路】新人面试准备分享\n\n原标《2024 求职心得》\n\n文/某某\n\n{ZH_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "【学长带路】新人面试准备分享"
    assert "原标" not in cleaned.text


def test_cover_pictures_charts_and_screenshots_named_in_alt_text_go() -> None:
    for line in ("LLM 入门文章封面", "Example YTD Chart", "Screenshot of the playground page."):
        assert _step(line) == "image", line
    assert _step("此螢幕擷取畫面顯示模型部署頁面,其中醒目提示測試按鈕。") == "image"


def test_a_forums_welcome_and_engine_credit_in_a_table_row_go() -> None:
    assert _step("| 欢迎光临 某论坛 (https://bbs.example.cn/) | Powered by Discuz! X3.4 |")


def test_stories_listed_under_their_header_go_but_a_list_of_tools_stays() -> None:
    stories = "Recommended Stories\n- A county became a data center hub\n- Chips draw scrutiny"
    cleaned = clean_plain_text(f"{EN_BODY}\n{stories}\n{EN_BODY}")
    assert "data center hub" not in cleaned.text
    tools = "Recommended tools\n- A vector index\n- A local model server"
    assert "A vector index" in clean_plain_text(f"{EN_BODY}\n{tools}\n{EN_BODY}").text


def test_an_affiliate_disclosure_and_a_magazine_issue_note_go() -> None:
    note = "Some links on this site are affiliate links. When you buy, we earn a small commission."
    assert _step(note) == "disclaimer"
    assert _step("Affiliate marketing lets creators earn a share of the sales they refer.") is None
    assert _step("本文出自 2026 / 3月号杂志 某某专题") == "disclaimer"


def test_a_notes_front_matter_names_its_title() -> None:
    head = (
        "---\nsummary: 本地推理的设置\ntitle: 本地推理（设置）\nx-i18n:\n    provider: example\n---"
    )
    assert clean_plain_text(f"{head}\n\n{ZH_BODY}").title == "本地推理（设置）"


def test_a_board_header_names_the_title_printed_above_it() -> None:
    title = "Re: [心得] 2024 求职心得"
    header = f"看板Soft_Job標題{title}作者"
    page = f"推荐文章\n\n{title}\n\n{header}\nexample_user\n\n{ZH_BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == title
    assert "看板" not in cleaned.text


def test_a_video_sites_hashtags_are_cut_from_the_title() -> None:
    page = f"【科普】一口气看明白神经网络#人工智能 #神经网络\n\n{ZH_BODY}"
    assert clean_plain_text(page).title == "【科普】一口气看明白神经网络"
