"""A question that names a work by its title is answered from that work, or refused."""

from __future__ import annotations

import numpy as np

from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.answer_types import asked_types
from zhiku.named_work import named_work, titled_work, work_unnamed


def test_the_work_is_the_one_title_in_brackets() -> None:
    assert named_work("《Small Models Win》这篇文章的作者是谁?") == "smallmodelswin"
    assert named_work("「小模型」一文的作者是谁?") == "小模型"
    assert named_work("这篇文章的作者是谁?") is None
    assert named_work("《甲》和《乙》这两篇文章的作者是谁?") is None  # two: neither is the page
    assert named_work("欧盟《某法案》从哪一天起生效?") is None  # a law the pages speak of


def test_a_page_is_the_work_when_either_title_holds_the_other() -> None:
    question = "《向量库选型》一文的作者是谁?"
    assert titled_work(question, "向量库选型指南")
    assert titled_work(question, "向量库选型")
    assert not titled_work(question, "向量")  # a word of it names another page
    assert not titled_work(question, None)


def test_another_pages_sentence_does_not_answer_for_the_work() -> None:
    question = "《Small Models Win》这篇文章的作者是谁?"
    assert work_unnamed(question, "王五 wrote this article.", "", "芯片融资新闻")
    assert not work_unnamed(question, "王五 wrote this article.", "", "Small models win")
    rows = evidence_features(
        question,
        ["王五 wrote this article.", "王五写了这篇文章。"],
        [0.0, 0.5],
        np.array([0.5, 0.5]),
        idf=lambda term: 1.0,
        titles=["芯片融资新闻", "Small Models Win"],
    )
    assert list(rows[:, FEATURES.index("entity_unnamed")]) == [1.0, 0.0]


def test_a_count_of_investors_is_a_number_not_money() -> None:
    assert asked_types("一共引入了多少家基石投资者?") == ["number"]
    assert asked_types("一共有多少笔投资?") == ["number"]
    assert "money" in asked_types("这轮融资的金额是多少?")
