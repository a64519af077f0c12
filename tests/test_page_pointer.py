"""A question that first points at a page: the pointer is cut before sentences are weighed, and
kept for what the pages hold (questions written for these tests)."""

import numpy as np
import pytest

from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.page_pointer import asked_part


def _idf(term: str) -> float:
    return 1.0


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("那篇讲本地部署的教程里,作者用哪个工具管理模型?", "作者用哪个工具管理模型?"),
        ("那篇介紹向量資料庫的文章說,作者團隊推出了哪個系列?", "作者團隊推出了哪個系列?"),
        ("根據那篇面試指南,生成式AI大約佔多少比例?", "生成式AI大約佔多少比例?"),
        ("那集討論轉職的 Podcast 說,主持人之前做什麼工作?", "主持人之前做什麼工作?"),
        (
            "In the vector database guide's example, how many passages does the LLM retrieve?",
            "how many passages does the LLM retrieve?",
        ),
        (
            "According to the newspaper's explainer, when did the chatbot reach 100 million users?",
            "when did the chatbot reach 100 million users?",
        ),
        (
            "In that Reddit post about ML work, what share was data cleaning?",
            "what share was data cleaning?",
        ),
        (
            "According to the Vectorly quick reference, how much does Lumen charge per call?",
            "how much does Lumen charge per call?",
        ),
    ],
)
def test_a_pointer_to_a_page_is_cut(question: str, asked: str) -> None:
    assert asked_part(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "According to Sam Altman, which model ships next?",  # a person, not a page
        "In 2024, how much did AI startups raise?",
        "vLLM 比 Ollama 快,主要靠哪项技术?",  # the first clause is part of what is asked
        "那篇文章里,谁?",  # nothing left to ask once the pointer is cut
        "According to the newspaper's explainer, when did it launch?",  # "it" is the pointer's
        "李某在某大会讲智能体的那场演讲,题目叫什么?",  # the talk is the subject
        "Which article won the award?",
        "According to a 2006 study, what share of stars are single?",  # the study's year asks
    ],
)
def test_a_question_without_a_pointer_is_kept(question: str) -> None:
    assert asked_part(question) == question


def test_the_pointer_does_not_dilute_a_sentence_that_answers() -> None:
    sentence = "作者用 Ollama 管理本地模型。"
    pointed = "那篇讲二〇二五年本地部署心得的长篇教程里,作者用哪个工具管理模型?"
    plain = "作者用哪个工具管理模型?"
    rows = evidence_features(
        pointed, [sentence], [0.0], np.full(1, 0.5), idf=_idf, titles=["本地部署心得"]
    )
    alone = evidence_features(
        plain, [sentence], [0.0], np.full(1, 0.5), idf=_idf, titles=["本地部署心得"]
    )
    lexical = FEATURES.index("lexical")
    assert rows[0, lexical] == pytest.approx(alone[0, lexical])
    # what pages hold still reads the whole question: the pointer's words are not in this page
    unseen = FEATURES.index("unseen_share")
    assert rows[0, unseen] > alone[0, unseen]
