"""What a Chinese question for a number measures must be named by the sentence that answers."""

from __future__ import annotations

import numpy as np
import pytest

from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.measured_attribute import asked_measure, asked_role, measure_unstated
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


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("某研究院的首任院长是谁?", "首任院长"),
        ("某基金现任的负责人是谁?", "负责人"),
        ("某论文的第一作者是谁?", None),  # a doer, named by the deed ("由某某提出")
        ("这个方法是谁提出的?", None),  # a deed asked, not an office
    ],
)
def test_the_office_a_question_asks_the_holder_of(question: str, role: str | None) -> None:
    assert asked_role(fold_key(question)) == role


def _relation_unstated(question: str, text: str, title: str = "") -> bool:
    rows = evidence_features(
        question, [text], [0.0], np.array([0.5]), idf=lambda term: 1.0, titles=[title]
    )
    return bool(rows[0, FEATURES.index("relation_unstated")])


def test_a_person_named_without_the_office_asked_does_not_hold_it() -> None:
    question = "某研究院的首任院长是谁?"
    assert _relation_unstated(question, "王五在节目中表示,政府将拨款设立某研究院。")
    assert not _relation_unstated(question, "某研究院宣布由王五出任首任院长。")
    assert not _relation_unstated(question, "王五出任首任院长。", title="某研究院成立")
