"""What a Chinese question for a number measures must be named by the sentence that answers."""

from __future__ import annotations

import numpy as np
import pytest

from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.measured_attribute import asked_measure, measure_unstated
from zhiku.normalize import fold_key


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("某公司第二季度的每股收益是多少?", "每股收益"),
        ("某機構統計的起薪(月薪)是多少?", "起薪"),
        ("这款模型的上下文窗口为多少?", "下文窗口"),
        ("它的参数量有多大?", "参数量"),
        ("公司的估值约为多少美元?", "估值"),
        ("吞吐量提升了多少?", None),  # a verb before 多少: what it counts follows
        ("r 和 alpha 各设为多少?", None),  # values set, no measure
        ("显存多大、带宽是多少?", None),  # two facts asked
        ("一共是多少?", None),
    ],
)
def test_the_measure_a_question_asks_the_number_of(question: str, measure: str | None) -> None:
    assert asked_measure(fold_key(question)) == measure


def test_one_word_of_the_measure_is_enough() -> None:
    assert not measure_unstated("热线号码", fold_key("熱線 1234 5678 已經開通。"))
    assert not measure_unstated("平均年薪", "工程师年薪中位数为 50 万元。")
    assert measure_unstated("每股收益", "收入预计为 60 亿美元。")


def _numeric_missing(question: str, text: str) -> bool:
    rows = evidence_features(question, [text], [0.0], np.array([0.5]), idf=lambda term: 1.0)
    return bool(rows[0, FEATURES.index("numeric_missing")])


def test_a_number_of_another_measure_does_not_answer() -> None:
    question = "某公司第二季度的每股收益是多少?"
    assert _numeric_missing(question, "某公司第二季度收入为 60 亿美元,同比增长 12%。")
    assert not _numeric_missing(question, "某公司第二季度每股收益为 0.27 美元。")
