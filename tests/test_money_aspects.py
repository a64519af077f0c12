"""What an amount is: an amount of another aspect than the one asked is no answer to it."""

import pytest

from zhiku.answer_types import new_candidates
from zhiku.money_aspects import asked_aspect, aspect_near, compatible_aspects
from zhiku.normalize import fold_key


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("这家公司最新一轮的估值是多少?", "valuation"),
        ("How much money did the startup raise in its seed round?", "funding"),
        ("文中資料科學家的平均年薪是多少?", "salary"),
        ("What is the monthly price of the Pro plan?", "price"),
        ("训练这个模型花了多少钱的成本?", "cost"),
        ("去年的营收是多少?", "revenue"),
        # of two aspects, the one the question word asks
        ("融资后估值多少?", "valuation"),
        ("What valuation did it reach after its $2 billion funding round?", "valuation"),
        # no money word, or two aspects asked alike: unknown, every amount stays a candidate
        ("How much did Google pay for the deal?", None),
        ("融资和估值各是多少?", None),
    ],
)
def test_the_aspect_a_question_asks(question: str, aspect: str | None) -> None:
    assert asked_aspect(fold_key(question)) == aspect


@pytest.mark.parametrize(
    ("text", "amount", "aspect"),
    [
        ("公司完成融资 2 亿美元,投后估值 20 亿美元", "2 亿美元", "funding"),
        ("公司完成融资 2 亿美元,投后估值 20 亿美元", "20 亿美元", "valuation"),
        ("The Pro plan is priced at $20 per month.", "$20", "price"),
        ("The company expects a charge of $3 billion this quarter.", "$3 billion", None),
        ("年薪可达 60 万元", "60 万元", "salary"),
    ],
)
def test_the_aspect_of_an_amount_is_its_nearest_money_word(
    text: str, amount: str, aspect: str | None
) -> None:
    folded = fold_key(text)
    start = folded.index(fold_key(amount))
    assert aspect_near(folded, start, start + len(fold_key(amount))) == aspect


def test_a_price_and_a_cost_answer_for_each_other() -> None:
    assert compatible_aspects("price", "cost") and compatible_aspects("cost", "price")
    assert not compatible_aspects("valuation", "funding")
    assert compatible_aspects(None, "funding") and compatible_aspects("salary", None)


def test_an_amount_of_another_aspect_is_no_candidate() -> None:
    sentence = "传闻中的 500 亿美元投资规模并不可行,公司今年稍晚才会上市。"
    assert new_candidates("这家公司上市时估值是多少?", sentence, "money") == []
    assert new_candidates("这家公司的投资规模有多少?", sentence, "money") == ["500 亿美元"]


def test_an_amount_without_a_money_word_stays_a_candidate() -> None:
    sentence = "The deal was worth about $2.7 billion, people familiar said."
    assert new_candidates("What was the valuation of the company?", sentence, "money") == [
        "$2.7 billion"
    ]
