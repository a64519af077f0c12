"""Head lines met on unseen sites: a headline ending in an ellipsis, a caption closed by an
agency's file-photo credit, an author's photo alt text, a newsletter sign-up, a repost notice,
and a table of contents without a known label.

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

from zhiku.clean import clean_plain_text
from zhiku.clean.lines import is_prose

BODY = (
    "上週和一位做電商網站的工程師喝咖啡,他說公司裡學到的技能,過不了多久就被新工具取代。\n\n"
    "他擔心自己的經驗很快就不再值錢,於是每個週末都在學新的框架,卻越學越焦慮。\n"
)


def test_a_headline_ending_in_an_ellipsis_is_the_title() -> None:
    page = f"feature picture\nChatGPT\n\n30歲的職場焦慮:工具學不完,一不小心就被淘汰...\n\n分享\n收藏\n\n{BODY}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "30歲的職場焦慮:工具學不完,一不小心就被淘汰..."


def test_a_teaser_cut_short_is_still_not_the_title() -> None:
    full = "He said the skills he learned at work were replaced by new tools within a year or two."
    page = f"{full[:45]}...\n\n{full}\n\nHe now spends every weekend learning a new framework."
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert cleaned.text.startswith(full)


def test_a_caption_closed_by_an_agencys_file_photo_credit_is_not_the_title() -> None:
    page = (
        "為了讓回答更準確,某搜尋公司與一家通訊社簽約,由後者提供即時新聞。（路透資料照）\n\n"
        "2026/03/20 10:15\n\n"
        "〔記者王小明／綜合報導〕某搜尋公司今天宣布與一家通訊社簽約,由通訊社為其聊天機器人提供即時新聞內容,"
        "合約為期三年。\n\n雙方表示,新聞內容會標明來源,讀者可以點回原文查看。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "資料照" not in cleaned.text
    assert cleaned.text.startswith("某搜尋公司今天宣布")  # its credit is metadata
    assert cleaned.author == "王小明"


def test_an_authors_headshot_alt_text_is_not_the_title() -> None:
    page = (
        "Pro Exclusive Content\n\nA reading app for local news raises its first round\n\nheadshot\n"
        "Mar 3, 2026\n\nA small app that summarises local news has raised its first round of funding, "
        "its founders said on Tuesday.\n\nThe company plans to hire ten engineers this year.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "A reading app for local news raises its first round"
    assert "headshot" not in cleaned.text


def test_a_newsletter_sign_up_prompt_is_not_the_title() -> None:
    page = (
        "Stay informed with free updates\n"
        "Simply sign up to the Robotics Digest — delivered directly to your inbox.\n"
        "A European start-up has released a new family of open models, it said on Tuesday, "
        "in a push to catch up with larger rivals.\n"
        "The company said its largest model matched the leaders on several public tests.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "inbox" not in cleaned.text
    assert cleaned.text.startswith("A European start-up")


def test_a_repost_notice_is_not_the_title() -> None:
    page = (
        "以下文章来源于某问答社区:模型观察\n作者:模型观察\n\n"
        "训练一个大模型时,显卡的台数最好是偶数,这样流水线并行的切分会更均匀。\n\n"
        "如果只有三台服务器,很多框架都无法把它们充分利用起来。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert "以下文章来源于" not in cleaned.text


def test_a_contents_list_without_a_known_label_is_not_the_article() -> None:
    page = (
        "本篇速览\n- 起点:我们为什么焦虑?\n- 把模型当作外接大脑\n- 搭一条自己的协作流程\n"
        "1. 起点:我们为什么焦虑?\n当模型的回答比我们多年的经验更快,第一反应往往不是惊叹,而是不安。\n"
        "2. 把模型当作外接大脑\n把查资料和起草交给模型,自己负责提出好问题。\n"
        "3. 搭一条自己的协作流程\n每天固定一个时段,把要做的事拆成可以交给模型的小步骤。\n"
    )
    cleaned = clean_plain_text(page)
    assert "本篇速览" not in cleaned.text
    assert "- 把模型当作外接大脑" not in cleaned.text
    assert "1. 起点:我们为什么焦虑?" in cleaned.text  # the section headings stay
    assert "自己负责提出好问题" in cleaned.text


def test_a_list_repeated_as_prose_below_is_not_contents() -> None:
    items = ["检索先于生成", "引用每一句", "找不到就拒答"]
    page = "\n".join(
        [f"- {item}" for item in items] + [BODY] + items + [BODY.replace("上週", "昨天")]
    )
    cleaned = clean_plain_text(page)
    assert all(f"- {item}" in cleaned.text for item in items)


def test_production_credits_captions_and_sign_up_lines_are_not_the_article() -> None:
    body = BODY.replace("上週", "前天")
    noise = [
        "出品 | 某某科技组",
        "排版:Lin Chen",
        "人工智能進步很快,業界相信很快會有新突破。(某通訊社資料圖片)",
        "王小明(右一)認為,本地要發展人工智能,人才培訓不可少。",
        "局長王五在園區開幕式上致辭。某某報記者攝",
        "No spam. Unsubscribe at any time.",
        "Stay informed with the latest news. Follow Example News on WhatsApp Channel",
        "欢迎投稿,优质文章将获得推荐。",
    ]
    for line in noise:
        cleaned = clean_plain_text(f"{BODY}\n{line}\n\n{body}")
        assert line not in cleaned.text, line
        assert "他擔心自己的經驗很快就不再值錢" in cleaned.text


def test_a_quoted_sentence_is_prose_and_keeps_the_body_going_after_a_sign_up_box() -> None:
    page = (
        "A field guide to the retrieval stack\n\n"
        "Retrieval systems have many moving parts, and most teams assemble them by trial and error.\n\n"
        "No spam. Unsubscribe at any time.\n\n"
        "“This guide walks through the seven layers of the stack and names one good tool for each of "
        "them, from ingestion to the interface.”\n\n"
        "In practice, the hardest layer is evaluation, because few teams write down what good looks like.\n"
    )
    quoted = page.split("\n\n")[3]
    assert is_prose(quoted)  # its full stop sits inside the closing quote
    cleaned = clean_plain_text(page)
    assert "“This guide walks through the seven layers" in cleaned.text
    assert "the hardest layer is evaluation" in cleaned.text


BLOG_PLATFORM_POST = """Dev Corner

Jane Doe
Jane Doe

Posted on

Shipping a Retrieval Pipeline Without a Vector Database: Lessons From Six Months

I kept putting off a vector database, so the first version of our search used plain keyword scoring and a small cache of embeddings in memory.

That turned out to be enough for a while, and the rest of this post is about where it stopped being enough.
"""


def test_a_platform_name_over_the_byline_gives_way_to_the_headline_under_it() -> None:
    cleaned = clean_plain_text(BLOG_PLATFORM_POST)

    assert cleaned.title == (
        "Shipping a Retrieval Pipeline Without a Vector Database: Lessons From Six Months"
    )
    assert "Dev Corner" not in cleaned.text


AGGREGATOR_CARD = """A small lab releases open weights for a reasoning model that runs on one laptop GPU
Summary Card
At a glance before you read
4 min read
Estimated completion
tech news
Article classification
May 2, 2026
Original publisher
The weights were published on Monday, with a report describing how training used curated data.

Its scores exceed those of systems several times its size, the report says.

Researchers elsewhere said the published weights let them check the claims for themselves.
"""


def test_a_widget_label_yields_to_the_long_headline_the_page_opens_with() -> None:
    cleaned = clean_plain_text(AGGREGATOR_CARD)

    assert cleaned.title is not None
    assert cleaned.title.startswith("A small lab releases open weights")


CATALOGUE_RECORD = """學術典藏

Citation Infomation

題名 以檢索增強生成改善問答系統之研究
Improving Question Answering with Retrieval-Augmented Generation
作者 王小明
Wang, Hsiao-Ming

摘要 本研究提出一套結合檢索與生成的問答流程，先從文件庫找出相關段落，再讓語言模型依據段落作答，並在三個資料集上驗證其效果。實驗顯示，加入檢索後的答案正確率明顯提升，錯誤引用也隨之減少。
"""


def test_a_catalogue_records_title_field_gives_the_title_without_its_label() -> None:
    assert clean_plain_text(CATALOGUE_RECORD).title == "以檢索增強生成改善問答系統之研究"


NUMBERED_CRUMBS = """1. Home
  2. Business
  3. A Chip Maker Pays $400 Million to Hire a Startup's Founders and License Its Designs
A Chip Maker Pays $400 Million to Hire a Startup's Founders and License Its Designs
0

The chip maker agreed to pay more than $400 million to bring in the startup's founders and several engineers, according to people familiar with the deal.

The startup's designs let thousands of accelerators share memory, a problem that grows with every larger training cluster.
"""


def test_a_breadcrumb_printed_as_a_numbered_list_leaves_the_headline_as_the_title() -> None:
    cleaned = clean_plain_text(NUMBERED_CRUMBS)

    assert cleaned.title == (
        "A Chip Maker Pays $400 Million to Hire a Startup's Founders and License Its Designs"
    )
    assert "2. Business" not in cleaned.text


RELATED_IN_HEAD = """Jane Doe
12 min read

What Nobody Tells You About Moving Into Machine Learning Engineering

Most of the job is data plumbing, and the interviews rarely test it, says a hiring manager.

Related Articles

Why Our Vector Search Bill Tripled Overnight

9 min read

A Field Guide to Evaluating Chatbots Before Launch

11 min read

Enjoyed this article?

When I moved from backend work into machine learning, I expected to spend my days tuning models. I spent them cleaning data.

The interviews asked about gradient descent, while the job asked about pipelines that break at three in the morning.
"""


def test_headlines_listed_under_a_related_header_below_the_title_are_not_the_title() -> None:
    cleaned = clean_plain_text(RELATED_IN_HEAD)

    assert cleaned.title == "What Nobody Tells You About Moving Into Machine Learning Engineering"
    assert "Why Our Vector Search Bill Tripled Overnight" not in cleaned.text
    assert "A Field Guide to Evaluating Chatbots" not in cleaned.text
    assert "Enjoyed this article?" not in cleaned.text
    assert "I spent them cleaning data." in cleaned.text


SENTENCE_HEADLINE_UNDER_CRUMBS = """• Weekend Builder Notes
  • Posts
  • If I Started Over in AI Today, Here Is the One Skill I Would Learn First.

If I Started Over in AI Today, Here Is the One Skill I Would Learn First.

I have worked on recommendation systems for six years, and before that I taught chemistry.

The skill I would learn first is reading other people's code, because every job I had began with a codebase nobody explained.
"""


def test_a_sentence_headline_closing_a_breadcrumb_list_above_it_is_the_title() -> None:
    cleaned = clean_plain_text(SENTENCE_HEADLINE_UNDER_CRUMBS)

    assert cleaned.title == (
        "If I Started Over in AI Today, Here Is the One Skill I Would Learn First."
    )
    assert "Weekend Builder Notes" not in cleaned.text
    assert "I have worked on recommendation systems for six years" in cleaned.text


PORTAL_REPOST = """某某首页 > 某某号 > 正文 申请入驻

某厂,又开源了

0
分享至

某厂的开源,又一次加码!

文 | 某某财经 王小明

本周,某厂在开源社区发布了新一代大模型,并公布了它在多个基准测试上的成绩。

这已经是该公司今年第三次开放模型权重,开发者社区的反响相当热烈。
"""


def test_the_line_under_an_article_crumb_with_a_button_beats_a_heading_over_the_byline() -> None:
    assert clean_plain_text(PORTAL_REPOST).title == "某厂,又开源了"


THEME_PICTURE_ALT = """某实验室“转身”,开源社区“接棒”

大厂接手,这家实验室的最好结局

某实验室“转身”,开源社区“接棒”插图

不到一周，这家实验室的去向就有了结果，其开源项目将由社区基金会接手维护。

6月初，实验室宣布暂停新模型的研发，外界一度担心已有项目无人维护。
"""


def test_a_themes_picture_alt_text_repeats_the_headline_and_leaves() -> None:
    cleaned = clean_plain_text(THEME_PICTURE_ALT)

    assert cleaned.title == "某实验室“转身”,开源社区“接棒”"
    assert "插图" not in cleaned.text
