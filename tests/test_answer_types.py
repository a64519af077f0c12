import pytest

from zhiku.answer_types import asked_type, asked_types, candidates, new_candidates


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # zh-Hans
        ("这个向量库最早是在哪一年开源的？", "date"),
        ("这家初创公司一共融资了多少美元？", "money"),
        ("团队里有多少名工程师？", "number"),
        ("训练这个模型用了多长时间？", "duration"),
        ("这个框架的创始人是谁？", "person"),
        ("该模型是由哪家公司发布的？", "organization"),
        ("公司总部在哪个城市？", "place"),
        ("文档写作时用的是哪个版本？", "version"),
        ("这个模型是否支持中文？", "yesno"),
        ("什么是检索增强生成？", "definition"),
        ("为什么要对向量做归一化？", "reason"),
        # zh-Hant
        ("這個開源專案是在哪一年發布的？", "date"),
        ("這家公司的估值是多少？", "money"),
        ("平台上有多少個職缺？", "number"),
        ("需要幾年相關經驗？", "duration"),
        ("這套工具的作者是誰？", "person"),
        ("總部設在哪裡？", "place"),
        ("教學使用的是什麼版本？", "version"),
        # en
        ("In which year was the library first released?", "date"),
        ("How much did the startup raise in its seed round?", "money"),
        ("How many layers does the encoder have?", "number"),
        ("How long did the training run take?", "duration"),
        ("Who wrote the first version of the tokenizer?", "person"),
        ("Which company acquired the vector database?", "organization"),
        ("Where is the lab based?", "place"),
        ("Which version of the SDK does the guide use?", "version"),
        ("Does the model support function calling?", "yesno"),
        ("What is a vector database?", "definition"),
        ("Why does quantization lose accuracy?", "reason"),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str) -> None:
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("该项目于 2019 年开源，三年后被收购。", "date", ["2019 年"]),
        ("該公司完成 2.5億美元融資。", "money", ["2.5亿美元"]),
        ("The company raised $40 million in March.", "money", ["$40 million"]),
        ("需要 5 年以上经验", "duration", ["5 年"]),
        ("The guide was written against version 2.3.1.", "version", ["version 2.3.1"]),
        ("平台目前有 1200 个职缺", "number", ["1200 个"]),
        # numbers in words, years in Chinese numerals, lengths for "how long", deep time
        ("The survey names three open models.", "number", ["three"]),
        ("One of the authors left within two weeks.", "duration", ["two weeks"]),
        ("景和七年冬，书院重修；十二月落成。", "date", ["七年", "十二月"]),
        ("在2019赛季中，球队连胜九场。", "date", ["2019"]),
        ("该基金投入2000万元。", "date", []),
        ("The trail is 42 km long, about 26 miles.", "duration", ["42 km", "26 miles"]),
        ("光缆全长175公里。", "duration", ["175公里"]),
        ("The first tools appeared 2.6 million years ago.", "date", ["2.6 million years ago"]),
        ("The index is rebuilt every night at 2 am.", "date", ["every night", "2 am"]),
        ("备份在每晚凌晨3点进行,10点半发报告。", "date", ["每晚", "凌晨3点", "10点半"]),
        ("这篇文章给出3点建议。", "date", []),
        # digits inside a name are no count
        ("Hybrid search pairs a vector index with BM25 and Qwen2.5 embeddings.", "number", []),
    ],
)
def test_candidates_of_each_kind_in_three_scripts(text: str, kind: str, found: list[str]) -> None:
    assert candidates(text, kind) == found


def test_a_candidate_the_question_already_states_does_not_count() -> None:
    question = "What did the lab release in 2023?"
    assert new_candidates(question, "In 2023 the lab released a model.", "date") == []
    assert new_candidates("When was the lab founded?", "The lab was founded in 2016.", "date") == [
        "2016"
    ]


def test_a_topical_sentence_without_the_asked_fact_has_no_candidate() -> None:
    question = "这个向量数据库是在哪一年开源的？"
    topical = "这个向量数据库支持混合检索，社区非常活跃。"
    assert new_candidates(question, topical, asked_type(question)) == []


def test_a_person_is_found_after_a_title_in_chinese_and_by_capitals_in_english() -> None:
    assert "周明远" in candidates("研究院首席科学家周明远表示，模型将开源。", "person")
    assert "ada lovelace" in candidates("The notes were written by Ada Lovelace.", "person")


def test_an_amount_asked_by_comparison_is_answered_by_a_share_or_a_multiple() -> None:
    higher = "How much more do data engineers earn than analysts?"
    assert asked_type(higher) == "money"
    assert new_candidates(higher, "数据工程师的年薪通常比分析师高出 20-35%", "money") == ["20-35%"]
    assert new_candidates("它比上一代贵多少?", "价格是上一代的两倍。", "money") == ["两倍"]
    # a sum is still what a plain amount question asks for
    assert new_candidates("How much does the plan cost?", "It is 20% cheaper.", "money") == []


def test_a_duration_of_some_months_and_more_is_a_duration() -> None:
    assert candidates("推出后仅仅两个多月,用户就过亿", "duration") == ["两个多月"]
    assert candidates("用了 18 个月完成", "duration") == ["18 个月"]


def test_a_count_is_not_answered_by_the_parts_of_a_date() -> None:
    question = "这个模型一共有多少个参数?"
    assert new_candidates(question, "最新的模型在2024年5月发布。", "number") == []
    assert new_candidates(question, "It was released on May 13, 2024.", "number") == []
    assert new_candidates(question, "模型有 70 亿个参数，于2024年发布。", "number") == ["70 亿"]


def test_the_chinese_article_is_not_a_count() -> None:
    question = "这份周报现在大概有多少订阅者?"
    assert new_candidates(question, "今年我收到一个读者的回信。", "number") == []
    assert new_candidates(question, "目前有三万个订阅者。", "number") != []


def test_times_field_acronyms_and_the_question_s_own_names_are_not_answer_names() -> None:
    question = "The leak of GPT-5.6 was first spotted on which developer forum?"
    assert asked_types(question) == ["organization"]
    text = "The leak, first spotted late Monday, shows GPT-5 can read more AI papers."
    assert new_candidates(question, text, "organization") == []
    assert new_candidates(question, "It was first posted on Hacker News.", "organization") == [
        "hacker news"
    ]
    assert candidates("One of the entries won.", "person") == []


def test_the_name_of_a_startup_asks_an_organization_and_a_relative_where_no_place() -> None:
    question = "What is the name of the speech startup where the engineer works?"
    assert asked_types(question) == ["organization"]
    assert asked_types("Where is the startup based?") == ["place"]
    assert "organization" in asked_types("这次泄露最早是在哪个开发者论坛上被发现的?")


def test_a_lone_numeral_or_an_ordinal_is_not_a_count_but_a_measured_one_is() -> None:
    assert candidates("这一点十分重要", "number") == []
    assert candidates("第三部分介绍了演进过程", "number") == []
    assert candidates("采用三层架构，跟十几位前辈聊过", "number") == ["三层", "十几位"]
    assert candidates("比例下降了两成", "number") == ["两成"]


def test_how_many_asks_an_amount_not_a_way() -> None:
    assert asked_types("How many users did the app have last December?") == ["number"]
    assert asked_types("How long does the training take?") == ["duration", "number"]
    assert asked_types("How does retrieval work?") == ["reason"]


def test_which_conference_asks_an_organization() -> None:
    assert asked_types("这篇论文发表在哪个会议上?") == ["organization"]
    assert asked_types("Which conference published the paper?") == ["organization"]


def test_a_share_asked_about_money_is_a_number() -> None:
    question = "那份调查说,真正从模型拿到显著收益的公司占多少比例?"
    assert asked_types(question) == ["number"]
    sentence = "调查显示,九成公司已经试用模型,但只有 6% 的公司从中获得显著收益。"
    assert new_candidates(question, sentence, asked_type(question)) == ["6%"]
    assert "money" in asked_types("这家公司去年的营收是多少?")


def test_a_company_that_is_not_named_is_no_organization() -> None:
    found = new_candidates(
        "她转行后入职的是哪家公司?", "她在杭州一家公司做设计师。", "organization"
    )
    assert not any("公司" in name for name in found)
    named = new_candidates(
        "她转行后入职的是哪家公司?", "她后来加入了星河科技公司。", "organization"
    )
    assert any(name.endswith("星河科技公司") for name in named)


def test_which_reporter_asks_a_person() -> None:
    assert asked_type("Which Verge reporter broke the story?") == "person"
    assert asked_type("What is the name of the marketing analyst who switched careers?") == "person"


def test_a_span_of_years_is_not_the_year_asked() -> None:
    question = "星河机器人这家公司是哪一年成立的?"
    assert new_candidates(question, "这家成立仅五年的公司已融资 6 亿元。", "date") == []
    assert new_candidates(question, "星河机器人成立于 2019 年。", "date") == ["2019 年"]
    assert new_candidates("建武是哪一年?", "建武九年,帝崩。", "date") == ["九年"]


def test_the_size_in_a_models_name_is_no_count() -> None:
    question = "Xinghe-7b 运行至少需要多少内存?"
    assert new_candidates(question, "新发布的模型为「Xinghe-70b」和「Xinghe-7b」。", "number") == []
    assert new_candidates(question, "Xinghe-7b 至少需要 16 GB 内存。", "number") == ["16"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What valuation did the startup reach after its $2 billion round?", "money"),
        ("What is the total parameter count of Lumen-Pro?", "number"),
        ("这个框架最初是由哪一位研究员写的?", "person"),
    ],
)
def test_valuations_counts_and_which_one_person_are_typed(question: str, kind: str) -> None:
    assert asked_type(question) == kind


def test_a_size_after_a_name_ending_in_a_digit_is_part_of_the_name() -> None:
    text = "团队公开了两个模型的权重:Lumen3-120B-A10B 和 Lumen3-20B-A2B。"
    assert candidates(text, "number") == ["两个"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Core idea: Lumen treats every agent as a chat partner.",  # a sentence's first word
        "Two frameworks lead the field: Lumen and CrewAI.",  # camel case names a product
        "The framework was built by Microsoft Research in a year.",  # a catalogued company
        "该框架出自论文《Attention Is All You Need》。",  # a work's title
        "根據「Sparse Routing Helps Small Language Models 論文」說明,路由很重要。",  # in 「」
    ],
)
def test_capitalized_words_that_name_no_one_are_no_person(sentence: str) -> None:
    assert new_candidates("Who created the Lumen framework?", sentence, "person") == []


def test_people_named_in_latin_are_still_found() -> None:
    sentence = "Lumen was started by Mira Holt, and later Okafor joined her."
    assert new_candidates("Who created Lumen?", sentence, "person") == ["mira holt", "okafor"]


def test_decades_and_a_century_are_durations() -> None:
    question = "How long has the author worked in search?"
    assert new_candidates(question, "After two decades in search, she moved on.", "duration")
    assert new_candidates(question, "It took him a decade to get there.", "duration")
    assert not new_candidates(question, "It was built in the 20th century.", "duration")


@pytest.mark.parametrize(
    "question",
    ["In which week of the course is retrieval taught?", "What lesson covers quantization?"],
)
def test_a_courses_numbered_part_is_asked_as_a_number(question: str) -> None:
    assert asked_type(question) == "number"
    assert new_candidates(question, "Week 7: retrieval and quantization", "number") == ["7"]


def test_which_round_still_asks_no_number() -> None:
    assert asked_type("Which funding round did the lab close?") != "number"


def test_an_amount_the_question_states_in_another_notation_is_no_new_candidate() -> None:
    question = "What valuation did the lab reach after raising more than US$2 billion?"
    assert new_candidates(question, "该公司过去一年筹得逾20亿美元。", "money") == []
    assert new_candidates(question, "该公司估值达到120亿美元。", "money") == ["120亿美元"]


def test_a_time_of_day_is_no_day() -> None:
    question = "两位创始人是在哪一天第一次见面的？"
    assert new_candidates(question, "那天上午 10 點，他們在咖啡館裡簽了字。", "date") == []
    assert new_candidates(question, "他们在 3月5日上午 10 点见面。", "date") == ["3月5日"]
    assert new_candidates("What date did they sign?", "They signed at 10:30 am.", "date") == []


def test_which_university_asks_for_a_school() -> None:
    question = "寫信給編輯部的那位讀者任職於哪一所大學？"
    assert asked_type(question) == "organization"
    assert new_candidates(question, "Northwind Labs Ships Its New Model.", "organization") == []
    assert new_candidates(
        "Which university did she join?", "She joined Halden University in May.", "organization"
    )


def test_a_bulleted_sentences_first_word_is_no_name() -> None:
    bullet = "• Explain why data, compute and evaluation each mattered at different times."
    assert new_candidates("这门课的主讲老师是谁？", bullet, "person") == []
    assert new_candidates("Who wrote it?", "• Mira Holt wrote it.", "person") == ["mira holt"]


def test_what_the_companies_are_called_asks_their_names() -> None:
    question = "这家实验室从两家电信公司拿到了投资，这两家公司分别叫什么？"
    assert asked_type(question) == "organization"
    sentence = "In August, the lab secured $100 million from two Asian telecom companies."
    assert new_candidates(question, sentence, "organization") == []
    assert new_candidates(question, "两家公司分别是 Nordtel 和 Sudcom。", "organization")


def test_a_ranking_and_a_share_are_no_count_of_people() -> None:
    question = "经理人班每期招收多少名学员？"
    sentence = "主任表示，前五大银行派来的人最多，每期约一成是医生。"
    assert new_candidates(question, sentence, "number") == []
    assert new_candidates("有多少人报名？", "今年共有1200人报名，其中七成是工程师。", "number") == [
        "1200人"
    ]


def test_a_placement_is_funding_and_an_amount_reached_keeps_its_aspect() -> None:
    question = "What was the issue price per share in the listing?"
    assert new_candidates(question, "公司去年完成约14亿港元新股配售。", "money") == []
    assert new_candidates(question, "公司完成5轮融资，估值翻倍，达到400亿元。", "money") == []
    assert new_candidates(question, "每股发行价为116.2港元。", "money") == ["116.2港元"]


def test_a_school_the_catalogue_knows_by_a_short_name_is_a_school() -> None:
    question = "Which university developed the serving engine?"
    assert new_candidates(question, "The engine came out of UC Berkeley in 2023.", "organization")
    assert new_candidates(question, "It was built by Stanford researchers.", "organization")
    assert not new_candidates(question, "It was built by Northwind Labs.", "organization")


def test_a_relative_who_after_how_long_asks_no_second_fact() -> None:
    from zhiku.answer_types import asks_several

    assert not asks_several("How long is the workshop, according to the teacher who ran it?")
    assert asks_several("How many people signed up, and who taught them?")
    # a leading "When" may open a clause: then either question word may be the one asked
    assert asks_several("When a request is cached, in what tier does it stay?")
    # "when" inside a clause is a conjunction, whatever question word opened the question
    assert not asks_several(
        "By what percentage do salaries rise when engineers move into research?"
    )
    assert asks_several("What did the lab release, and when did it ship?")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What was Nimbus's total revenue in the third quarter?", "money"),
        ("What is Lumen Pro 2's API price per million input tokens?", "money"),
        ("What was the total training cost of the model in US dollars?", "money"),
        ("What was the distribution of revenue across regions?", "other"),  # not the revenue
        ("On what exact date did the lab release its model?", "date"),
        ("How much does Lumen 3.5 cost per million input tokens?", "money"),  # a version between
        ("《某某基本法》全文共有幾條條文?", "number"),  # a count of articles
        ("这套教材一共有几章?", "number"),
    ],
)
def test_amounts_and_dates_asked_with_a_word_between(question: str, kind: str) -> None:
    assert asked_type(question) == kind


def test_a_percentage_is_answered_by_a_share_or_a_fraction_alone() -> None:
    question = "What percentage did Lumen 3 score on the Apex benchmark?"
    assert (
        new_candidates(question, "Lumen 3 beats Nimbus 4.5 and Cedar 5.1 at code.", "number") == []
    )
    assert new_candidates(question, "Lumen 3 scored 23.4% on Apex.", "number") == ["23.4%"]
    share = "What share of the stars are single?"
    assert new_candidates(share, "据研究,其中有2/3是单星。", "number")
    assert new_candidates(
        "企业中设立AI岗位的占比是多少?", "约有百分之三十的企业设立了岗位。", "number"
    )
    assert new_candidates("What share of firms use AI?", "About 30 percent of firms do.", "number")
