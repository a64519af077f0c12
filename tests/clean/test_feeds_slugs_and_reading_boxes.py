"""Raw feeds, slug tags, reading-time bars, one-line front matter, reading boxes, stamped
picture names and the other kinds added with the forty-first blind set (our own text)."""

from __future__ import annotations

from zhiku.clean import clean_html, clean_plain_text
from zhiku.clean.feeds import read_feed
from zhiku.clean.lines import classify_line, keyword_cloud

PROSE_EN = (
    "The team rebuilt its evaluation harness over the spring, and the new runs finish in half "
    "the time they used to take on the same hardware."
)
PROSE_EN_2 = (
    "Most of the gain came from caching tokenized prompts between runs instead of rebuilding "
    "them for every model under test."
)
PROSE_ZH = "团队在春天重写了评测框架，新的评测在同样的硬件上只需原来一半的时间就能跑完。"
PROSE_ZH_2 = "大部分提升来自在多次运行之间缓存分词后的提示，而不是为每个模型重新构建。"

RSS = (
    '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:atom="http://www.w3.org/2005/Atom" '
    'version="2.0"><channel><title><![CDATA[Caching prompts halves eval time &amp; cost]]>'
    "</title><link>https://example.org/t/1</link><item><title>Reply 1</title><description>"
    f'<![CDATA[<p dir="auto">{PROSE_EN}</p>\n<p>{PROSE_EN_2} See '
    '<a href="https://example.org/x" target="_blank" rel="noopener nofollow ugc">the notes</a>.'
)


def test_a_raw_rss_feed_reads_as_its_title_and_entries() -> None:
    cleaned = clean_plain_text(RSS)
    assert cleaned.title == "Caching prompts halves eval time & cost"
    assert PROSE_EN in cleaned.text and "See the notes." in cleaned.text
    assert "<" not in cleaned.text and "CDATA" not in cleaned.text and "rel=" not in cleaned.text
    assert cleaned.removed[0].step == "feed_markup"


def test_an_atom_feed_with_escaped_html_and_a_feed_saved_as_html() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Lab notes</title><entry><title>'
        'Caching prompts</title><content type="html">&lt;p&gt;'
        f"{PROSE_EN}&lt;/p&gt;&lt;p&gt;{PROSE_EN_2}&lt;/p&gt;</content></entry></feed>"
    )
    feed = read_feed(atom)
    assert feed is not None and feed.title == "Lab notes"
    assert feed.text.split("\n\n") == ["Lab notes", "Caching prompts", PROSE_EN, PROSE_EN_2]
    assert PROSE_EN_2 in clean_html(atom).text and "<p>" not in clean_html(atom).text


def test_a_page_that_mentions_rss_is_not_a_feed() -> None:
    assert read_feed(f"How to read an <rss> feed\n\n{PROSE_EN}") is None


def test_reading_times_in_other_words_are_bars_not_titles() -> None:
    page = f"Notes on caching\n\n📂 notes ⏱ 2 min 310 words\n\n{PROSE_EN}\n\n{PROSE_EN_2}"
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Notes on caching"
    assert "310 words" not in cleaned.text
    assert classify_line("Read time 9 min") is not None


def test_tags_printed_as_url_slugs_are_a_cloud_but_a_heading_is_not() -> None:
    assert keyword_cloud("tokenizers byte-pair-encoding sentence-piece vocab nlp") is not None
    assert keyword_cloud("getting started with fine-tuning and low-rank adapters") is None
    page = (
        "Tokenizers, Explained\n\nInteractive\n\nRead time 6 min\n"
        "tokenizers byte-pair-encoding sentence-piece vocab nlp\n\n"
        f"{PROSE_EN}\n\n{PROSE_EN_2}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Tokenizers, Explained"
    assert "byte-pair-encoding" not in cleaned.text and "6 min" not in cleaned.text


def test_a_table_row_without_bars_is_not_a_cloud() -> None:
    assert keyword_cloud("Card-A 48GB 210 TFLOPS 1.20-1.80 中型模型推理、微调实验") is None
    assert keyword_cloud("Card-B 24GB 95 TFLOPS 0.50-0.90 小模型推理、开发测试环境") is None


def test_front_matter_run_onto_one_line_goes_and_the_heading_below_stays() -> None:
    page = (
        "← 返回首页\n\n评测缓存笔记\n\n📂 llm ⏱ 1 min 167 words\n\n"
        '--- title: "评测缓存笔记" description: "如何缓存提示" tags: ["评测", "缓存"] '
        'category: "llm"\n\n评测缓存笔记\n\n缓存的做法\n\n'
        f"{PROSE_ZH}\n\n{PROSE_ZH_2}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "评测缓存笔记"
    assert "description:" not in cleaned.text
    assert "缓存的做法" in cleaned.text


def test_a_share_widgets_notice_and_a_bracketed_title_label() -> None:
    assert classify_line("链接已复制") is not None
    page = f"【标题】 **评测缓存笔记**\n\n举报\n\n{PROSE_ZH}\n\n{PROSE_ZH_2}"
    assert clean_plain_text(page).title == "评测缓存笔记"


def test_a_reading_box_in_the_middle_of_a_story_goes() -> None:
    page = (
        f"Caching prompts\n\n{PROSE_EN}\n\nRead also\n\nWhy small models win?\n"
        "How we cut latency in half\n\nWhat the harness does\n\n"
        f"{PROSE_EN_2}"
    )
    cleaned = clean_plain_text(page)
    assert "Read also" not in cleaned.text
    assert "Why small models win?" not in cleaned.text
    assert "How we cut latency in half" not in cleaned.text
    assert "What the harness does" in cleaned.text


def test_a_reading_label_over_the_articles_own_list_stays() -> None:
    page = f"Caching prompts\n\n{PROSE_EN}\n\nSee also\n\nOne cache per model\nOne per run"
    cleaned = clean_plain_text(page)
    assert "One cache per model" in cleaned.text


def test_more_news_links_inside_a_story_go() -> None:
    page = f"评测缓存笔记\n\n{PROSE_ZH}\n\n更多新聞:某公司發布新晶片 三項測試均排名第一\n\n{PROSE_ZH_2}"
    cleaned = clean_plain_text(page)
    assert "某公司發布新晶片" not in cleaned.text and PROSE_ZH_2 in cleaned.text


def test_pictures_named_by_their_date_stamped_files_or_featured_alt_text() -> None:
    assert classify_line("image-20240102113355120") is not None
    assert classify_line("IMG_20240102_113355") is not None
    assert classify_line("截屏2024-01-02 11.33.55") is not None
    assert classify_line("The featured image of the post of caching prompts") is not None
    assert classify_line("image 2 shows the cache") is None


def test_a_headline_opening_with_a_latin_word_is_not_an_authors_name() -> None:
    page = (
        "首页> 频道> 独家>\n\nGPU评测缓存的影响分析\n\n2024-01-02 10:38\n\n来源:某某网\n\n"
        f"{PROSE_ZH}\n\n{PROSE_ZH_2}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "GPU评测缓存的影响分析"
    assert cleaned.author is None


def test_the_line_over_the_posts_own_picture_is_its_title() -> None:
    page = (
        "評測快取總覽\n\nThe featured image of the post of an overview of prompt caching\n\n"
        f"重點\n\n{PROSE_ZH}\n\n{PROSE_ZH_2}"
    )
    assert clean_plain_text(page).title == "評測快取總覽"


def test_a_storys_first_sentence_cut_across_lines_is_neither_title_nor_chrome() -> None:
    page = (
        "发布时间:2024-01-02 已有: 位 网友关注\n近日,某研究院与某招聘平台联合发布\n"
        "评测岗位需求增加、薪资上涨\n"
        f"{PROSE_ZH}{PROSE_ZH_2}\n评测岗位的招聘要求提高\n{PROSE_ZH_2}{PROSE_ZH}"
    )
    cleaned = clean_plain_text(page)
    assert "近日,某研究院与某招聘平台联合发布" in cleaned.text
    assert cleaned.title is None


def test_a_summary_boxs_emoji_headings_come_after_the_headline() -> None:
    page = (
        "评测缓存:某公司扩产冲刺推理市场,万亿商机背后的布局\n\n💡 核心结论\n\n"
        "推理需求引爆缓存规格升级战,新技术将主导未来三年的资本支出\n\n📊 关键数据\n\n"
        "• 2026年全球缓存市场规模:1,700亿美元\n\n⚠️ 风险预警\n\n"
        "消费级产品产能缩减将导致明年涨价潮,供应链需提前布局\n\n"
        f"{PROSE_ZH}\n\n{PROSE_ZH_2}"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "评测缓存:某公司扩产冲刺推理市场,万亿商机背后的布局"
    assert "推理需求引爆缓存规格升级战" in cleaned.text
    assert "2026年全球缓存市场规模:1,700亿美元" in cleaned.text


def test_the_story_goes_on_after_a_reading_link_though_cut_short() -> None:
    page = (
        f"评测缓存笔记\n\n{PROSE_ZH}\n\n{PROSE_ZH_2}\n\n"
        "延伸閱讀︰【人力資源】某工具可以點幫輕HR?7個實際使用例子話你知!\n\n"
        "惟重申包括文章、圖片、影片和音樂在內,所有由生成式工具製作而成的作品,都是基於最初期的訓練,"
    )
    cleaned = clean_plain_text(page)
    assert "惟重申包括文章、圖片、影片和音樂在內" in cleaned.text
    assert "延伸閱讀" not in cleaned.text


def test_paywalls_length_notes_citation_notices_and_described_pictures() -> None:
    assert classify_line("Keep reading with Plus.") is not None
    assert (
        classify_line("You're reading the preview. Unlock the full lesson and its quiz.")
        is not None
    )
    assert classify_line("【本文约有2,350字】") is not None
    assert classify_line("如需引用,请注明来源。") is not None
    assert classify_line("An image showing a diagram of the retrieval pipeline") is not None
    assert classify_line("Books, a lamp, and a screen symbolizing research at night") is not None
    # the article's own words about previews, citing and images stay
    assert classify_line("The preview build ships next week with the full API.") is None
    assert classify_line("引用的格式见下文第三节,作者建议统一使用 APA 格式。") is None


def test_a_tables_source_note_and_a_rule_do_not_start_the_footer() -> None:
    page = (
        f"Caching prompts, measured\n\n{PROSE_EN}\n\nLet us start with what the runs show:\n\n"
        "ConfigurationCard ACard B\nBatch 1 (tok/s)9378\nBatch 32 (tok/s)2,4621,933\n\n"
        "Source: Lab benchmarks\n\n---\n\nKey observations:\n\n"
        "  • Card A is ~2.1x faster than Card B at batch size 1\n"
        "  • The gap stays the same across batch sizes\n"
    )
    cleaned = clean_plain_text(page)
    assert "Batch 32 (tok/s)2,4621,933" in cleaned.text
    assert "The gap stays the same across batch sizes" in cleaned.text


def test_a_profiles_labelled_fields_are_the_articles_not_metadata() -> None:
    line = (
        "Background: chef for 8 years Timeline: 14 months of evening study "
        "Current salary: $200,000 + equity Key project: a kitchen safety camera"
    )
    assert classify_line(line) is None
    assert classify_line("Review date: 2026-05-01 Reviewer: Ada Park Paper: X Venue: arXiv")


def test_a_dek_above_a_captioned_picture_is_not_its_caption() -> None:
    page = (
        "在推理年代被冷待,是誰給某城建了一堵牆?|工具人\n\n"
        "從來都是尖端科技第一試點的某城,會不會被推理年代跳過?\n"
        "2020年7月15日,某大廈外牆的廣告牌。攝:某某/某傳媒\n\n"
        "某城在推理年代的處境並不樂觀,多家服務至今仍未向某城的用戶開放,研究者只能繞道使用。\n\n"
        "業界人士認為,某城若想追上推理年代,必須先解決算力與數據兩大缺口,並吸引人才回流。"
    )
    cleaned = clean_plain_text(page)
    assert "會不會被推理年代跳過?" in cleaned.text
    assert "攝:某某/某傳媒" not in cleaned.text


def test_language_switchers_sales_pitches_picture_credits_and_ui_words() -> None:
    assert classify_line("**English** | [中文](./README_zh.md)") is not None
    assert classify_line("English | 简体中文 | 日本語") is not None
    assert classify_line("Ready to bring retrieval into your workflow?") is not None
    assert classify_line("Discover how Acme Cloud can transform your business") is not None
    assert classify_line("招聘会现场。 本文图片均为某某新闻记者 某某 图") is not None
    assert classify_line("Scroll down") is not None
    assert classify_line("请点击订阅") is not None
    assert classify_line("The model answers in English and 中文 equally well.") is None
    assert classify_line("Ready to ship? The team says the release lands in May.") is None


def test_an_exclusive_label_before_a_bar_is_cut_from_the_title() -> None:
    page = f"獨家報道|推理崛起,某城六成產業職缺降至低點\n\n{PROSE_ZH}\n\n{PROSE_ZH_2}"
    assert clean_plain_text(page).title == "推理崛起,某城六成產業職缺降至低點"


def test_a_table_header_with_a_header_word_glued_in_is_no_appended_block() -> None:
    page = (
        f"Chunking, explained\n\n{PROSE_EN}\n\n{PROSE_EN_2}\n\n{PROSE_EN}\n\n{PROSE_EN_2}\n\n"
        "Data TypeRecommended SizeStrategy\n"
        "Q&A / FAQSmall (100-300 tokens)Keep each pair as one chunk.\n\n"
        "The Semantic Evolution\n\n"
        "Plain character counts are crude. Today the better way is to split where the topic "
        "shifts, and to start a new chunk once it does."
    )
    cleaned = clean_plain_text(page)
    assert "Today the better way is to split where the topic shifts" in cleaned.text
    assert "Keep each pair as one chunk." in cleaned.text


def test_a_tables_row_taken_for_tags_does_not_start_the_footer() -> None:
    page = (
        f"推理工程师入门\n\n{PROSE_ZH}\n\n{PROSE_ZH_2}\n\n"
        "对比项推理工程师应用工程师\n"
        "核心技能缓存 原理、向量库、模型部署提示 版本管理、界面 设计、成本控制\n"
        "工作内容建构推理基础设施与服务开发各类助手、插件与代理\n"
        "学习曲线陡峭(6-12 个月)适中(2-3 个月)\n\n"
        "完成这个课程后,你将能够:\n\n• 独立搭建一个推理服务\n• 评估它的成本"
    )
    cleaned = clean_plain_text(page)
    assert "完成这个课程后,你将能够:" in cleaned.text
    assert "学习曲线陡峭(6-12 个月)适中(2-3 个月)" in cleaned.text
