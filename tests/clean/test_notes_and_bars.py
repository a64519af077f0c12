"""Pages written as notes or code, bars and banners around them: kinds met on unseen sites.

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

from zhiku.clean import clean_plain_text

NOTES_PAGE = """向量检索速查:从安装到调参

发布于:2025-03-02 ⋅ 阅读:(18) ⋅ 点赞:(0)

一、为什么要自己部署

1.1 三个常见顾虑

  • 数据安全:内部文档不能交给第三方接口处理
  • 成本控制:按调用计费的接口在高频场景开销很大
  • 响应时延:跨地域请求平均要等一秒以上

1.2 部署步骤

# 启动服务
$ docker run -d -p 6333:6333 qdrant/qdrant
查询耗时:8 ms(10 万条向量)
内存占用:1.4GB(float32)
"""


def test_a_page_of_notes_without_sentences_is_an_article() -> None:
    cleaned = clean_plain_text(NOTES_PAGE)
    assert "数据安全:内部文档不能交给第三方接口处理" in cleaned.text
    assert "$ docker run -d -p 6333:6333 qdrant/qdrant" in cleaned.text
    assert "查询耗时:8 ms(10 万条向量)" in cleaned.text
    assert cleaned.title == "向量检索速查:从安装到调参"


def test_a_menu_is_still_no_article() -> None:
    assert clean_plain_text("首页\n\n教程\n\n下载\n\n联系我们\n").text == ""


TUTORIAL_CUT_AFTER_CODE = """Skip to content
Build Notes
Build Notes9 min read12 views

Writing Your First Retrieval Tool

A retriever turns a question into passages. This guide wires one into a small agent loop.

Why tools

An agent calls tools when its own knowledge is not enough. Each tool has a name and a docstring.

graph LR
    Q["Question"] --> R["Retriever"]
    style Q fill:#1d4ed8,stroke:#1e3a8a,color:#fff
    style R fill:#15803d,stroke:#14532d,color:#fff
from notes_lib import tool

@tool
def lookup(query: str) -> list[str]:
    return index.search(query, k=5)

print(lookup.name)
The decorator reads the function's signature and builds the schema from it and"""


def test_code_at_the_end_of_a_cut_page_stays_with_the_body() -> None:
    cleaned = clean_plain_text(TUTORIAL_CUT_AFTER_CODE)
    assert "def lookup(query: str) -> list[str]:" in cleaned.text
    assert "print(lookup.name)" in cleaned.text
    assert "The decorator reads the function's signature" in cleaned.text
    # a reading time glued to the section name marks a bar, never a title
    assert cleaned.title == "Writing Your First Retrieval Tool"
    assert "9 min read" not in cleaned.text


def test_an_age_inside_a_badge_line_makes_it_a_bar() -> None:
    page = (
        "Field Guide\nTopic page · Intermediate\n\n"
        "Small Models on Laptops: What Runs Where\n\n"
        "Small Models on LaptopsIntermediateactive·v2 · live·updated 4d ago\n\n"
        "More in this series\n\n"
        "Quantized models now run on ordinary laptops. A 4-bit 7B model needs about five "
        "gigabytes of memory, so most machines bought in the last few years can serve one.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Small Models on Laptops: What Runs Where"
    assert "updated 4d ago" not in cleaned.text


def test_comment_headers_of_a_thread_are_removed() -> None:
    page = (
        "r/localmodels 2d ago\n\nWhich runtime for a 7B model?\n\n3 comments\n\n"
        "u/quiet_owl 2d ago\n\nI use a llama.cpp server with a 4-bit file; it answers fast on "
        "a laptop CPU.\n\n2\n\nu/kettle_ops 1d ago\n\nOllama is simpler to set up, and it "
        "wraps the same engine underneath.\n"
    )
    cleaned = clean_plain_text(page)
    assert "u/quiet_owl" not in cleaned.text and "u/kettle_ops" not in cleaned.text
    assert "Ollama is simpler to set up" in cleaned.text


CONSENT_AND_WIRE = """本網站使用相關技術提供更好的閱讀體驗,同時尊重使用者隱私,點這裡瞭解本社隱私聲明當您關閉此視窗,代表您同意上述規範。
Your browser does not appear to support Traditional Chinese. Would you like to go to our English website?
星河新聞APP Icon星河新聞APP
下載

AI工程師缺口擴大 企業搶人

2025/6/3 10:20
請同意我們的隱私權規範,才能啟用聽新聞的功能。

(星河社記者林小雨台北3日電)人工智慧人才需求持續升溫,調查顯示相關職缺一年內增加三成,平均年薪也跟著上揚。

業者指出,具備模型部署經驗的工程師最搶手,許多公司願意提供更高的起薪。
"""


def test_consent_banners_and_language_prompts_are_removed() -> None:
    cleaned = clean_plain_text(CONSENT_AND_WIRE)
    for noise in ("代表您同意上述規範", "Would you like to go to", "APP Icon", "才能啟用聽新聞"):
        assert noise not in cleaned.text
    assert cleaned.title == "AI工程師缺口擴大 企業搶人"
    assert "人工智慧人才需求持續升溫" in cleaned.text


def test_a_wire_dateline_names_the_reporter_and_the_outlet() -> None:
    cleaned = clean_plain_text(CONSENT_AND_WIRE)
    assert cleaned.author == "林小雨"
    assert cleaned.source == "星河社"


def test_an_outlet_in_the_text_field_is_the_source_and_a_photo_credit_names_no_one() -> None:
    page = (
        "首頁 > 職場 > 新知\n\n調查:懂AI的員工加薪幅度最高\n\n"
        "  • 2025-4-9\n  • 文/星河時報\n  • 圖/記者林小雨攝\n"
        "調查指出懂AI的員工加薪幅度最高。(記者林小雨攝)\n\n"
        "〔記者王大明/台北報導〕一份新調查指出,具備AI技能的員工,今年加薪幅度平均高出兩成,"
        "其中資訊業最為明顯。\n\n調查也發現,企業更願意為內部培訓付費。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.source == "星河時報"
    assert cleaned.author == "王大明"
    assert "(記者林小雨攝)" not in cleaned.text
    assert "台北報導" not in cleaned.text


def test_a_news_credit_opening_the_story_is_cut_and_kept_as_metadata() -> None:
    story = "星河實驗室週五發表新模型，推理速度比上一代快兩倍，能耗也更低。\n\n業界認為這將帶動更多企業在本地部署。\n"
    for credit, author, source in (
        ("〔記者王大明／台北報導〕", "王大明", None),
        ("〔編譯王大明／綜合報導〕", None, None),
        ("[星河新聞] ", None, None),
        ("（星河社記者林小雨台北9日電）", "林小雨", "星河社"),
        ("2025/03/02 10:20:30文/記者 林小雨 ", None, None),
    ):
        cleaned = clean_plain_text(f"星河實驗室發表新模型\n\n{credit}{story}")
        assert cleaned.text.startswith("星河實驗室週五發表新模型"), credit
        assert author is None or cleaned.author == author
        assert source is None or cleaned.source == source


def test_an_outlet_named_by_the_first_sentence_stays_in_it() -> None:
    page = "星河實驗室發表新模型\n\n《星河時報》報導，星河實驗室週五發表新模型，推理速度比上一代快兩倍。\n"
    assert "《星河時報》報導，星河實驗室" in clean_plain_text(page).text


def test_a_byline_bar_names_the_writer_and_the_outlet() -> None:
    page = (
        "Skip to main content\n\n向量資料庫入門 | Vector Databases 101\n\n"
        "By Ren 小任 | Lab Notes Weekly | 2026-02-11\n\n"
        "向量資料庫把文字轉成向量後再做相似度搜尋,是檢索增強生成的基礎元件。"
        "它讓模型可以在回答前先找到相關段落。\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.author == "Ren 小任"
    assert cleaned.source == "Lab Notes Weekly"


def test_an_app_placeholder_for_a_picture_is_removed() -> None:
    page = (
        "转行做大模型应用,面试官最常问的三件事\n\n"
        "很多人从后端开发转到大模型应用,第一轮面试往往围绕项目经验展开,面试官会追问你做过的检索方案。\n\n"
        "打开星河新闻 查看精彩图片\n\n"
        "第二件事是评测:你怎么证明自己的系统回答得对,是否有一套可以重复的测试集。\n"
    )
    cleaned = clean_plain_text(page)
    assert "查看精彩图片" not in cleaned.text
    assert "第二件事是评测" in cleaned.text


def test_desk_sign_offs_bios_and_agency_captions_are_removed() -> None:
    page = (
        " date 2025-07-01 機房裡的伺服器正在測試新一代加速卡。（路透）\n\n"
        "林大同／核稿編輯\n\n"
        "〔財經頻道／綜合報導〕新一代加速卡開始出貨,雲端業者的訂單比去年同期多出一倍,"
        "供應鏈估計產能要到明年才會跟上。\n\n"
        "請繼續往下閱讀...\n\n"
        "業者表示,記憶體的供給仍是最大的瓶頸。\n\n"
        "◤ 作者陳明遠博士,現為某大學資訊系教授,專長為分散式系統與資料庫。\n"
    )
    cleaned = clean_plain_text(page)
    for noise in ("（路透）", "核稿編輯", "請繼續往下閱讀", "現為某大學資訊系教授"):
        assert noise not in cleaned.text
    assert "新一代加速卡開始出貨" in cleaned.text
    assert cleaned.title is None


def test_word_counts_reading_times_and_signed_desks_are_bars() -> None:
    page = (
        "向量库选型笔记\n\nWords: 2.1k | Reading time: 7min | reading:\n\n"
        "选向量库先看数据规模,再看是否需要过滤和多租户,最后才是延迟。\n\n"
        "星河学院編輯部2025年10月8日\n\n"
        "第二步是压测:用自己的查询集测召回率,而不是只看厂商的数字。\n"
    )
    cleaned = clean_plain_text(page)
    assert "Reading time" not in cleaned.text and "編輯部2025" not in cleaned.text
    assert cleaned.author == "星河学院編輯部"


def test_an_aggregators_template_sign_off_is_removed() -> None:
    page = (
        "检索增强生成的三种切块方式\n\n"
        "固定长度切块最简单,但容易把一句话切成两半,检索时丢掉上下文。\n\n"
        "按句子切块更自然,代价是块的长短不一,需要再合并短块。\n\n"
        "希望对大家解决检索问题提供一定的参考价值,需要的开发者们随着小编来一起学习吧!\n"
    )
    assert "随着小编" not in clean_plain_text(page).text


def test_the_crawlers_date_stamp_is_no_part_of_the_source() -> None:
    page = (
        " date 2025-05-06 星河新聞網\n\n開源模型追上閉源模型\n\n"
        "研究團隊比較了多個開源模型,發現差距已經縮小到幾個百分點,部分任務甚至超越。\n"
    )
    assert clean_plain_text(page).source == "星河新聞網"


def test_short_notes_of_commands_tables_and_fields_are_articles() -> None:
    commands = "常用命令\n\nollama pull qwen2.5:7b\nollama run qwen2.5:7b\nollama list\nollama rm qwen2.5:7b\n"
    cleaned = clean_plain_text(commands)
    # the model name ending three commands is their argument, not a watermark
    assert cleaned.text.splitlines()[0] == "ollama pull qwen2.5:7b"
    table = (
        "模型对比\n\n| 模型 | 参数量 | 上下文 |\n|---|---|---|\n| Qwen2.5-7B | 7B | 128k |\n"
        "| Llama-3.1-8B | 8B | 128k |\n| Mistral-7B | 7B | 32k |\n"
    )
    assert "| Llama-3.1-8B | 8B | 128k |" in clean_plain_text(table).text
    notes = (
        "# 面试准备清单\n\n## 基础\n- Transformer 结构:编码器、解码器、注意力\n"
        "- 归一化:LayerNorm vs RMSNorm\n\n## 工程\n- 推理框架:vLLM / llama.cpp / TensorRT-LLM\n"
    )
    cleaned = clean_plain_text(notes)
    assert cleaned.title == "面试准备清单"
    assert "## 基础" in cleaned.text  # a section heading, not chrome next to the title
    assert "- 推理框架:vLLM / llama.cpp / TensorRT-LLM" in cleaned.text  # a field, no breadcrumb


def test_a_short_list_of_numbered_steps_is_an_article() -> None:
    steps = "部署步骤\n\n1. 安装 Docker\n2. 拉取镜像\n3. 配置环境变量\n4. 启动服务\n5. 打开浏览器访问 3000 端口\n"
    cleaned = clean_plain_text(steps)
    assert cleaned.title == "部署步骤"
    assert "3. 配置环境变量" in cleaned.text
    assert clean_plain_text("首页\n\n1. 新闻\n2. 关于\n3. 联系\n").text == ""  # a numbered menu


def test_a_logos_alt_text_names_the_site_not_the_page() -> None:
    page = (
        "Lab Notes by Ana Ruiz logo\n\nLab Notes by Ana Ruiz\n\nArchives\nMay 2, 2026, 9:10 a.m.\n\n"
        "Issue 12 - Evaluating a RAG pipeline on your own questions\n\n"
        "Most teams test retrieval on public benchmarks. This issue shows how to build a small "
        "question set from your own documents and measure recall on it.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Issue 12 - Evaluating a RAG pipeline on your own questions"
    assert cleaned.source == "Lab Notes by Ana Ruiz"
    assert cleaned.author is None


def test_the_first_question_of_a_qa_list_is_not_the_title() -> None:
    page = "Q: What is RAG?\nA: Retrieval-augmented generation\nQ: Why chunk documents?\nA: To fit the context window\n"
    cleaned = clean_plain_text(page)
    assert cleaned.title is None
    assert cleaned.text.startswith("Q: What is RAG?")


def test_a_post_in_short_unpunctuated_lines_is_an_article() -> None:
    post = (
        "转行之前我想清楚的三件事\n\n作者｜阿青\n\n"
        "很多朋友问我\n为什么要离开前端\n其实理由不复杂\n\n我想做离用户问题更近的事\n先把评测做扎实\n再谈别的\n"
    )
    cleaned = clean_plain_text(post)
    assert cleaned.title == "转行之前我想清楚的三件事"
    assert cleaned.author == "阿青"
    assert "我想做离用户问题更近的事" in cleaned.text
    menu = "关于我们\n联系我们\n加入我们\n在线留言\n"
    assert clean_plain_text(menu).text == ""


def test_short_sentences_above_the_first_long_one_open_the_body() -> None:
    page = (
        "Why evals matter\n\nModels change.\nPrompts drift.\n"
        "Your users do not care which one broke.\nKeep a fixed question set and run it on every change.\n"
    )
    cleaned = clean_plain_text(page)
    assert cleaned.title == "Why evals matter"
    assert cleaned.text.startswith("Models change.\n\nPrompts drift.")
