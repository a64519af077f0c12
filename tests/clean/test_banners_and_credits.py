"""Browser and login notices, bars without a year, bare agency credits, outlet lines, reposts
and newsletter issues: kinds met on unseen sites.

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

from zhiku.clean import clean_plain_text

NEWS_IN_AN_OLD_BROWSER = """請升級您的瀏覽器

您目前的瀏覽器版本過舊,已不再支援此瀏覽器。建議您更新瀏覽器,以獲得更好的閱讀體驗。

科技

晶片新創完成新一輪募資 將在新竹設立研發中心

數位周刊

更新於 03月02日18:20 • 發布於 03月02日10:05 • 王小明

一家專注推理晶片的新創公司今天宣布完成新一輪募資,並計畫在新竹設立研發中心,明年招募約兩百名工程師。

執行長表示,新中心將負責下一代推理晶片的設計,第一批樣品預計在年底完成驗證。
"""


def test_an_old_browser_notice_and_an_outlet_line_are_not_the_article() -> None:
    cleaned = clean_plain_text(NEWS_IN_AN_OLD_BROWSER)
    assert cleaned.title == "晶片新創完成新一輪募資 將在新竹設立研發中心"
    assert "瀏覽器" not in cleaned.text
    assert "更新於" not in cleaned.text  # an info bar whose dates have no year
    assert cleaned.text.startswith("一家專注推理晶片的新創公司")


REPOST_WITH_CAPTION = """ date 2026-01-12 我的頻道

編譯陳大文／綜合外電
一家雲端公司執行長周二在發表會上展示新的推理伺服器。 路透
這家公司表示,新伺服器的能耗比上一代低三成,將先提供給大型客戶測試。

分析師認為,推理成本下降會讓更多中小企業採用大型語言模型。
"""


def test_a_caption_closed_by_a_bare_agency_and_a_menu_label_are_dropped() -> None:
    cleaned = clean_plain_text(REPOST_WITH_CAPTION)
    assert "路透" not in cleaned.text
    assert cleaned.title is None  # the caption is no headline
    assert cleaned.source is None  # "我的頻道" is the reader's menu, no outlet
    assert "能耗比上一代低三成" in cleaned.text


REPOST_NOTICE = """模型評測的三個盲點

星河科技發表於2024-05-06
本文由 「星河科技」原創,原文連結:模型評測的三個盲點
譯者|林小雨

評測分數高的模型,在真實任務裡不一定表現更好,因為測試集常常和訓練資料重疊。

第二個盲點是只看平均分數,忽略了模型在少數難題上的穩定性。
"""


def test_an_original_content_notice_names_the_source_and_goes() -> None:
    cleaned = clean_plain_text(REPOST_NOTICE)
    assert cleaned.source == "星河科技"
    assert "原創" not in cleaned.text
    assert cleaned.text.startswith("評測分數高的模型")


COURSE_PREVIEW = """Course Home
第二章:向量数据库入门

This chapter requires login to view full content. You are viewing a preview.

向量数据库把文本变成向量保存,查询时按相似度返回最接近的几条记录,是检索增强生成的基础组件。

常见的索引结构包括倒排文件和分层图,它们在速度和召回率之间做不同的取舍。

Login to View Full Content
"""


def test_a_login_wall_is_not_the_article() -> None:
    cleaned = clean_plain_text(COURSE_PREVIEW)
    assert "login" not in cleaned.text.lower()
    assert "preview" not in cleaned.text.lower()
    assert "分层图" in cleaned.text


NEWSLETTER_ISSUE = """Discover more from Model Notes
Model Notes: Issue #7
Open weights keep closing the gap with hosted models
Hi everyone, and welcome to Issue #7 of Model Notes. This week is a short one.
Three open-weight models were released this week, and two of them beat last year's hosted leaders on coding benchmarks.
The third is small enough to run on a laptop, which matters for teams that cannot send data to an API.
"""


def test_a_newsletter_issue_is_the_title_and_its_subtitle_is_not() -> None:
    cleaned = clean_plain_text(NEWSLETTER_ISSUE)
    assert cleaned.title == "Model Notes: Issue #7"
    assert cleaned.source == "Model Notes"  # "Discover more from …": the platform's banner


BAR_WITH_KEYWORDS = """向量检索的三种索引怎么选

2025-11-02 来源:https://example.com/u/123/article/456  浏览:    关键词:向量检索 索引 怎么选?一文看懂

倒排文件索引适合数据量大、对延迟要求不高的场景,构建速度快。

分层图索引查询最快,但占用的内存也最多。
"""


def test_an_info_bar_ending_in_keywords_is_metadata() -> None:
    cleaned = clean_plain_text(BAR_WITH_KEYWORDS)
    assert "关键词" not in cleaned.text
    assert cleaned.published == "2025-11-02"
    assert cleaned.text.startswith("倒排文件索引适合")


def test_a_picture_disclaimer_is_dropped() -> None:
    page = "大模型创业的第二年\n\n(资料图片仅供参考)\n\n融资变难以后,很多团队开始把重心放在收入上,而不是参数规模。\n"
    cleaned = clean_plain_text(page)
    assert "资料图片" not in cleaned.text
    assert "融资变难以后" in cleaned.text


PHOTO_STORY = """▲工程師在會議上展示新的推理服務。(示意圖/記者林小華攝,下同)

工程師用生成式 AI 寫報告 同事看完直呼「內容準確嗎」

一名工程師在論壇上分享,主管要求每週交一份市場報告,他開始用生成式 AI 整理資料,省下不少時間。

不過同事發現報告裡有幾個數字找不到出處,討論串很快吵成一片。
"""


def test_a_caption_credited_for_the_pictures_below_is_not_the_title() -> None:
    cleaned = clean_plain_text(PHOTO_STORY)
    assert cleaned.title == "工程師用生成式 AI 寫報告 同事看完直呼「內容準確嗎」"
    assert "示意圖" not in cleaned.text


BLOG_WITH_NOTICES = """Home Blog About
This article is currently only available in Chinese. You are now viewing the original version.

向量資料庫入門:從索引到查詢

向量資料庫把文字轉成向量後保存,查詢時依相似度找出最接近的幾筆資料。

Press enter or click to view image in full size

建立索引時,常見的選擇是分層圖結構,它的查詢速度快,但會多用一些記憶體。

A screenshot of the query console is seen on a laptop screen in this illustration.

Certified Vector Search Expert Ad Strip

More posts by Lin Wei
"""


def test_language_notices_image_prompts_and_wire_captions_are_dropped() -> None:
    cleaned = clean_plain_text(BLOG_WITH_NOTICES)
    assert cleaned.title == "向量資料庫入門:從索引到查詢"
    for noise in (
        "only available",
        "Press enter",
        "in this illustration",
        "Ad Strip",
        "More posts",
    ):
        assert noise not in cleaned.text
    assert "分層圖結構" in cleaned.text


def test_a_menu_row_opening_with_home_is_navigation() -> None:
    page = "首頁 搜尋 我的書櫃\n\n第十二集:轉職 AI 工程師的第一年\n\n這一集我們聊到,轉職第一年最難的不是技術,而是找到能練手的真實專案。\n"
    cleaned = clean_plain_text(page)
    assert "首頁" not in cleaned.text and "我的書櫃" not in (cleaned.title or "")


HEADLINE_PRINTED_TWICE = """工程師怎麼轉型做 AI?

工程師怎麼轉型做 AI?

文章目錄

  • 為什麼要轉型
  • 六個月路線圖

很多後端工程師已經會寫服務、管資料庫,轉型時真正缺的是評估模型與處理資料的經驗。

第一個月可以先補數學與機器學習的基礎,再用小專案練習資料清理。
"""


def test_a_headline_printed_twice_is_the_title_even_when_it_reads_as_a_question() -> None:
    cleaned = clean_plain_text(HEADLINE_PRINTED_TWICE)
    assert cleaned.title == "工程師怎麼轉型做 AI?"
    assert not cleaned.text.startswith("工程師怎麼轉型做 AI?")


HANDLE_ABOVE_THE_DATE = """首页
社区首页 >专栏 >为什么函数调用是智能体的关键能力

为什么函数调用是智能体的关键能力

作者头像
认真的小码农
发布2026-01-20 09:15:02

函数调用让模型可以把自然语言请求转换成结构化的接口调用,这是智能体能够操作外部工具的基础。

没有它,模型只能生成文字,无法真正完成查询天气、下单这类任务。
"""


def test_a_handle_above_the_date_is_not_the_title_under_a_headline_printed_twice() -> None:
    cleaned = clean_plain_text(HANDLE_ABOVE_THE_DATE)
    assert cleaned.title == "为什么函数调用是智能体的关键能力"
    assert cleaned.author == "认真的小码农"  # the name under the author's avatar


CONTENTS_WITH_QUESTIONS = """轉職資料工程師的路線圖

文章目錄

  • 為什麼要轉職?
  • 需要補哪些技能
  • 成功案例

資料工程的職缺這幾年一直在增加,很多後端工程師開始考慮轉職。

為什麼要轉職?

因為資料平台需要懂服務與儲存的人,後端的經驗可以直接用上。
"""


def test_contents_entries_that_are_questions_are_contents() -> None:
    cleaned = clean_plain_text(CONTENTS_WITH_QUESTIONS)
    assert "需要補哪些技能" not in cleaned.text
    assert cleaned.text.startswith("資料工程的職缺")
    assert "為什麼要轉職?" in cleaned.text  # the section heading itself stays


PODCAST_EPISODE = """首頁 搜尋 我的書櫃
EP12-轉職不用怕:AI 工程師的第一年

EP12-轉職不用怕:AI 工程師的第一年

2024/03/08 | 00:52:10 | 某某播客 #科技

Play Episode

這一集我們請到一位從會計轉職 AI 工程師的來賓,聊她第一年怎麼補數學、怎麼找專案練手。

她說最重要的是先做出一個能展示的小作品,而不是把所有課程都上完。
"""


def test_a_podcast_episode_bar_and_its_play_button_are_not_the_article() -> None:
    cleaned = clean_plain_text(PODCAST_EPISODE)
    assert cleaned.title == "EP12-轉職不用怕:AI 工程師的第一年"
    assert cleaned.published == "2024-03-08"
    assert "Play Episode" not in cleaned.text and "00:52:10" not in cleaned.text


def test_picture_credits_and_stock_alt_texts_are_dropped() -> None:
    page = (
        "Two researchers leave a lab for a rival\n\n"
        "Placeholder\n\n"
        "The pair will work on model evaluation. Maria Lopez/Getty Images\n\n"
        "Glowing circuit board representing AI compute\n\n"
        "Two senior researchers have left a large AI lab to join a smaller rival, the company said "
        "on Tuesday.\n\n"
        "Both had worked on evaluation methods for five years and will lead a new team there.\n"
    )
    cleaned = clean_plain_text(page)
    assert "Placeholder" not in cleaned.text
    assert "Getty" not in cleaned.text
    assert "representing" not in cleaned.text
    assert cleaned.text.startswith("Two senior researchers")


def test_a_chinese_caption_closed_by_its_credit_is_dropped() -> None:
    page = (
        "某大學的機器人實驗室開放參觀\n\n"
        "實驗室的學生正在調整機械手臂。攝:王小明/某某週報\n\n"
        "一位早期的電腦科學家。圖/Public Domain, Wikimedia Commons\n\n"
        "會場一角,學生在展示作品。 某某週報記者 李大同 攝\n\n"
        "某大學的機器人實驗室今天開放參觀,學生示範了能分揀零件的機械手臂,吸引不少家長帶著孩子前來。\n\n"
        "負責的教授說,實驗室明年會招收更多大學部學生參與研究。圖/文:陳某某\n"
    )
    cleaned = clean_plain_text(page)
    assert "攝:" not in cleaned.text and "Public Domain" not in cleaned.text
    assert "李大同" not in cleaned.text
    assert "實驗室明年會招收更多大學部學生參與研究" in cleaned.text  # a text credit is no caption


def test_a_piece_written_up_from_a_talk_keeps_its_introduction() -> None:
    intro = (
        "本文整理自某大学研究员王某某在某开发者大会 2024 的演讲“让智能体学会使用工具”,"
        "演讲介绍了工具调用的三种做法,并讨论了它们的代价。"
    )
    page = (
        f"{intro}\n\n大家好,今天想和大家聊聊智能体如何学会使用工具,这是我们团队过去一年的主要工作。\n\n"
        "本文转载自某某公众号,已获授权。\n"
    )
    cleaned = clean_plain_text(page)
    assert intro in cleaned.text
    assert "转载自" not in cleaned.text
