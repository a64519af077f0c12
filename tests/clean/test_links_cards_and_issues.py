"""Link residue, figure cards, newsletter story lists, push prompts and headlines printed under
a column's byline: kinds met on unseen sites.

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.folding import fold_lines
from zhiku.clean.lines import classify_line
from zhiku.clean.stat_cards import stat_card_lines

LANDING_PAGE_WITH_CARDS = """Vector Databases in 2026: Six Engines Compared

A practical comparison of six vector databases, from embedded libraries to managed clusters.

March 3, 2026 · 6 min read

Every team building retrieval ends up choosing a vector store, and most choose twice. The first choice is made for a demo; the second one is made when the index no longer fits in memory.

6
Engines compared
40M
Vectors indexed
12+
Benchmarks run

Recall and latency move together: an index that answers in two milliseconds at 0.95 recall may need forty at 0.99.
"""


def test_a_row_of_figure_cards_is_not_the_article() -> None:
    cleaned = clean_plain_text(LANDING_PAGE_WITH_CARDS)
    assert cleaned.title == "Vector Databases in 2026: Six Engines Compared"
    for label in ("Engines compared", "Vectors indexed", "Benchmarks run"):
        assert label not in cleaned.text
    assert "Recall and latency move together" in cleaned.text


def test_one_figure_over_a_label_is_not_a_row_of_cards() -> None:
    assert stat_card_lines(["Step", "1", "Install the package", "Then run it."]) == []
    assert stat_card_lines(["10万+", "开发者", "", "500", "插件"]) == [0, 1, 3, 4]


NEWSLETTER_WITH_STORY_LIST = """Dear readers,
This week the labs argued about power plants more than about parameters, and the open models kept closing the gap. Here is what mattered, and what we think it means for teams that ship.
In this issue:
🔋 A chip maker signs for three new gigawatt campuses
🧪 An open model tops the coding leaderboard!
✨ And more from the week…
Best regards,

Chip maker signs for three gigawatt campuses
The agreement covers three sites and a first phase of two gigawatts, to be built over four years.
"""


def test_a_newsletters_story_list_and_sign_off_are_not_the_article() -> None:
    cleaned = clean_plain_text(NEWSLETTER_WITH_STORY_LIST)
    assert "In this issue" not in cleaned.text
    assert "tops the coding leaderboard" not in cleaned.text
    assert "And more from the week" not in cleaned.text
    assert "Best regards" not in cleaned.text
    assert "The agreement covers three sites" in cleaned.text


NEWS_WITH_PUSH_PROMPT = """Up Next
Wirebeat

Regulators want a say; the labs want a standard; and nobody wants the bill

Send Push
Three agencies asked the largest model makers on Tuesday to publish how they test their systems before release, a request the companies said they would answer within a month.

The letter stops short of a rule, but it lists the tests the agencies expect to see, from red-teaming to energy use.
"""


def test_a_headline_above_a_push_prompt_is_the_title() -> None:
    cleaned = clean_plain_text(NEWS_WITH_PUSH_PROMPT)
    assert cleaned.title == (
        "Regulators want a say; the labs want a standard; and nobody wants the bill"
    )
    assert "Send Push" not in cleaned.text
    assert cleaned.text.startswith("Three agencies asked")


COLUMN_UNDER_ITS_DATE = """« 返回上頁

2025-06-02 00:00

科技筆記 林曉晴

論小模型在手機上的三個瓶頸(上)

放大圖片
過去半年,手機廠商紛紛宣布在裝置上執行語言模型,但真正能流暢使用的功能仍然不多,原因在於記憶體、散熱與電量三個瓶頸同時存在。

(節錄)全文共4180字
"""


def test_the_headline_below_a_columns_byline_is_the_title() -> None:
    cleaned = clean_plain_text(COLUMN_UNDER_ITS_DATE)
    assert cleaned.title == "論小模型在手機上的三個瓶頸(上)"
    assert "放大圖片" not in cleaned.text
    assert "全文共" not in cleaned.text
    assert cleaned.text.startswith("過去半年")


@pytest.mark.parametrize(
    "line",
    [
        "example.org/2025/04/01/a-long-post-about-model-serving",
        "图片源于:https://example.org/photos/2025/chip.jpg",
        "專案連結:",
        "原文網址：",
        "YouTube 傳送門",
        "「週報」社群傳送門",
        "【好新聞值得訂閱 立即訂閱:https://example.org/sub】",
        "Previous12 · Retrieval at Scale",
        "Next · How We Evaluate",
        "Report #48213",
        "All the best,",
        "Send Push",
        "复制代码",
        "(1280字)",
        "延伸閱讀︰【專題】企業導入生成式AI的五個陷阱",
        "Topics",
        "▼ Summary",
        "Get the Newsroom App (Recommended)",
        "Leaderboard ad 728x90",
        "Related Reading",
        "原文標題:",
        "記者署名:",
        "示意截圖。圖自某公司官網",
        "某某市网站建设_网站建设公司_网站备案_seo优化",
        "logo of podcast 某某电台",
        'frameborder="0"',
        'allow="autoplay; clipboard-write; encrypted-media; picture-in-picture"',
        "pexels-jane-doe-2231940",
        "unsplash示意圖片",
        "An old press in a museum - a long way from here. (by Jane Doe)",
        "✦ Definition~90s read",
        "0:00/ 0:00",
        "Listen Along",
        "Shownotes Transcript",
        "微信搜一搜,关注“某某的笔记”",
        "examplenews.com",
        "原文刊於某某財經專欄「科技小室」",
    ],
)
def test_link_residue_prompts_and_sign_offs_are_chrome(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Node.js",
        "Next, we train the model on the new split.",
        "The link between retrieval and recall is direct.",
        "我们把这个项目叫作传送门计划,它会在明年上线。",
        "Best practices for chunking long PDFs",
        "AIGC,即 AI Generated Content,是指由模型生成的内容。",
        "model_name_or_path_for_the_loader",
        "Character.AI",
        "The width of the window matters here.",
        "Allow the model to call tools only once.",
    ],
)
def test_sentences_and_names_like_them_stay(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) is None


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Become an ML Engineer — Career Switch", "Become an ML Engineer — Career Switch"),
        ("Agents in Production - Explained", "Agents in Production - Explained"),
    ],
)
def test_a_subtitle_is_not_an_authors_signature(title: str, headline: str) -> None:
    page = f"{title}\n\nAgents fail in production for reasons a demo never shows, and most of them are about state.\n"
    assert clean_plain_text(page).title == headline


def test_a_papers_citation_line_is_not_its_title() -> None:
    page = (
        "PAPER 7 · Retrieval\n\nDense Passage Retrieval for Open-Domain QA\n\nKarpov et al. 2020 Paper\n\n"
        "The DPR paper showed that a dual encoder trained on question-passage pairs beats BM25 on "
        "open-domain question answering.\n"
    )
    assert clean_plain_text(page).title == "Dense Passage Retrieval for Open-Domain QA"


def test_a_title_case_headline_with_a_preposition_is_no_keyword_cloud() -> None:
    page = (
        "Lab Hires Safety Lead From Rival Amid Wave of Senior Departures\n\n"
        "The lab named a new head of safety on Monday, weeks after several senior researchers "
        "left for competitors.\n"
    )
    assert clean_plain_text(page).title == (
        "Lab Hires Safety Lead From Rival Amid Wave of Senior Departures"
    )


def test_a_version_label_is_not_a_title() -> None:
    page = (
        "Memory Chips Are the New Bottleneck for AI Servers\n\nVersion 3\n\n"
        "Supply of high-bandwidth memory, not GPUs, now limits how many AI servers ship each quarter.\n"
    )
    assert clean_plain_text(page).title == "Memory Chips Are the New Bottleneck for AI Servers"


def test_bulleted_sentences_after_a_contents_label_stay() -> None:
    page = (
        "How to Learn Retrieval in a Weekend\n\nContents\n"
        "• Read the chapters in order, once, quickly. About four hours.\n"
        "• A tutorial with almost no code.\n\n"
        "Retrieval is easier to learn than it looks, because most of the work is choosing what to "
        "index and how to split it.\n"
    )
    text = clean_plain_text(page).text
    assert "Read the chapters in order" in text
    assert "A tutorial with almost no code." in text
