"""Diagram sources, links back to a listing, tags glued to a reading time, digests titled with
their date, template paths, hashtags, bracketed leads and reading labels in the middle of a
story: texts we wrote, imitating the noise (never copied from ../shared)."""

from __future__ import annotations

from clean_pages import EN_BODY, removed_steps

from zhiku.clean import clean_plain_text
from zhiku.clean.figures import stock_alt_text
from zhiku.clean.lines import classify_line, keyword_cloud
from zhiku.clean.title_parts import title_parts

ZH_BODY = (
    "推理服务的瓶颈主要在显存：注意力缓存随请求增长，调度器要决定哪些请求放在同一批里。\n\n"
    "分页管理把缓存切成小块，长短请求可以并排存放，不会像固定预留那样浪费空间。\n\n"
    "连续批处理让完成的请求立即离开批次，等待中的请求在下一步就补上位置。\n"
)


def test_mermaid_subgraphs_styles_and_charts_are_removed_with_their_header() -> None:
    page = (
        "显存与批处理\n\n"
        f"{ZH_BODY}\n"
        "graph TD\n"
        'subgraph Flow["请求的一生"]\n'
        'A["排队"] --> B["预填充"]\n'
        "B --> C[解码]\n"
        "end\n"
        "style A fill:#123456,stroke:#abcdef,stroke-width:2px,color:#fff\n"
        "style Flow fill:#000000,color:#fff\n\n"
        "xychart-beta\n"
        'title "每秒生成的词元"\n'
        'x-axis ["一批", "四批", "八批"]\n'
        'y-axis "词元" 0 --> 900\n'
        "bar [120, 410, 780]\n\n"
        'flowchart LR Q["问题"] --> R["检索"] R --> G["生成"] style Q fill:#fff\n\n'
        "批越大，每个词元摊到的成本越低，但首个词元的等待也越长。\n"
    )
    cleaned = clean_plain_text(page)
    for code in (
        "subgraph Flow",
        "style A fill",
        "xychart-beta",
        "bar [120",
        "x-axis",
        "flowchart LR",
    ):
        assert code not in cleaned.text
    assert "批越大，每个词元摊到的成本越低" in cleaned.text
    assert "分页管理把缓存切成小块" in cleaned.text


def test_a_link_back_to_the_listing_is_no_title_and_by_the_numbers_no_byline() -> None:
    page = (
        "Back to Reading List\n\n"
        "[Paper]·PAP-X1·2024·May 2, 2026\n\n"
        "Small Models That Reason Well\n\n"
        "6 min readReasoningDistillationEfficiency\n\n"
        "Core Idea\n\n"
        "A small model trained on a large model's worked solutions keeps most of its accuracy.\n\n"
        "By the Numbers\n\n"
        f"{EN_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Small Models That Reason Well"
    removed = removed_steps(page)
    assert removed["Back to Reading List"] == "call_to_action"
    assert "6 min readReasoningDistillationEfficiency" in removed
    assert "By the Numbers" in cleaned.text
    assert classify_line("Back to all guides") is not None
    assert classify_line("Back to Basics: Why Retrieval Still Matters") is None


def test_a_headline_joined_by_ampersand_and_dash_is_no_tag_cloud_and_keeps_its_subtitle() -> None:
    line = "Designing & Running Small Language Models — Field Manual"
    assert keyword_cloud(line) is None
    assert title_parts(line, [line]).headline == line
    assert keyword_cloud("rag | agents | lora | qlora | vllm | ollama | gguf | onnx") is not None


def test_a_digest_titled_with_its_date_keeps_the_title_the_page_prints_twice() -> None:
    page = (
        "Weekly Model Funding Digest — 2026-03-02\n\n"
        "Three labs raised money this week, and one of them doubled its valuation in a year.\n\n"
        "Weekly Model Funding Digest — 2026-03-02\n\n"
        f"{EN_BODY}"
    )
    assert clean_plain_text(page).title == "Weekly Model Funding Digest — 2026-03-02"


def test_template_paths_and_a_lone_hashtag_are_removed_and_never_the_title() -> None:
    page = (
        "某某用户 2小时前\n\n"
        "谁在为国产大模型付费\n\n"
        "index_m2.html\n\n"
        "../../../core/tpl_static/wap/tpl_font2.html\n\n"
        f"{ZH_BODY}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "谁在为国产大模型付费"
    assert "tpl_font2.html" not in cleaned.text
    hashtag = (
        "#推理工程师\n\n"
        "【推理工程师年薪上涨：大厂争抢有经验的人】据招聘平台统计，今年推理方向的岗位数量翻了一番，"
        "有经验的工程师月薪普遍超过五万元。\n\n"
        f"{ZH_BODY}"
    )
    cleaned = clean_plain_text(hashtag)
    assert cleaned.title == "推理工程师年薪上涨：大厂争抢有经验的人"
    assert "#推理工程师" not in cleaned.text
    assert "有经验的工程师月薪普遍超过五万元" in cleaned.text


def test_one_linked_story_under_a_reading_label_goes_and_the_story_stays() -> None:
    page = (
        "評測中心公布語言模型成績\n\n"
        "2026-01-05 | 某某科技\n\n"
        "評測中心今天首次公布語言模型的評測結果，共比較了四十多個國內外模型，並加入在地知識的指標。"
        "記者王小明/綜合報導\n\n"
        '[caption id="attachment_1001" align="aligncenter" width="768"]\n'
        "評測中心發布結果的記者會現場。(圖/某某中心)[/caption]\n\n"
        "延伸閱讀:\n\n"
        "某某研究院與歐洲夥伴合建實驗平台\n\n"
        "小模型中，本地團隊開發的模型表現亮眼，不但超越它所依據的開源模型，也說明了在地調校的價值。"
        "大模型則由國外廠商的旗艦模型整體表現最好。\n\n"
        "部分模型在在地價值項目中也有不錯的表現。\n"
    )
    cleaned = clean_plain_text(page)
    assert "小模型中，本地團隊開發的模型表現亮眼" in cleaned.text
    assert "部分模型在在地價值項目中也有不錯的表現" in cleaned.text
    assert "某某研究院與歐洲夥伴合建實驗平台" not in cleaned.text
    assert "記者王小明" not in cleaned.text
    assert "[caption" not in cleaned.text
    assert "[/caption]" not in cleaned.text


def test_a_table_row_with_its_month_and_year_is_no_tag_cloud() -> None:
    assert (
        keyword_cloud("Model-B 2 Jul 2024 128 k tokens Longer context, tool use API & chat") is None
    )


def test_a_stock_scene_alt_text_goes_but_a_sentence_with_a_verb_stays() -> None:
    assert stock_alt_text("Tablet showing a chat assistant in a quiet home office.") is not None
    assert stock_alt_text("Engineers using the tool in a pilot were faster on the desk.") is None


def test_a_short_question_heading_under_the_opening_line_is_no_title() -> None:
    page = (
        "分页注意力：推理加速的原理与实践\n"
        "什么是分页注意力?\n"
        "分页注意力把注意力缓存切成固定大小的块，由一张块表记录每个请求用到的块，从而减少碎片。\n"
        "传统推理的问题\n"
        f"{ZH_BODY}"
    )
    assert clean_plain_text(page).title == "分页注意力：推理加速的原理与实践"


def test_an_avatar_naming_the_author_and_a_doubled_agency_credit_go() -> None:
    assert classify_line("Avatar for Jane Doe") == ("byline", "author's picture (kept as metadata)")
    assert classify_line("Avatar for the agents we built") is None
    assert classify_line("Sam Lee—Bloomberg/Getty Images") is not None
    assert classify_line("SEE FULL BIO") is not None


def test_numbered_captions_lone_markdown_links_and_view_original_go() -> None:
    assert classify_line(
        "Figure 2: Adapter layout – two small matrices beside each frozen weight"
    ) == (
        "image",
        "a numbered figure or table caption",
    )
    assert classify_line("表 3：各模型的参数量") is not None
    assert classify_line("[Source](https://example.org/news/series-b)") is not None
    assert classify_line("View Original") is not None
    # a sentence that mentions a figure stays
    assert (
        classify_line("Figure 2 shows that the adapter adds few parameters to the model.") is None
    )
