"""A fact asked about one side of a pair is not answered by the other side's."""

from zhiku.answer_types import asked_type, new_candidates
from zhiku.contrasts import asked_sides
from zhiku.normalize import fold_key


def test_the_other_side_of_a_pair_is_no_answer() -> None:
    sentence = "新价格下,输入价格降至 0.5 元/百万 tokens;输出价格为 2 元/百万 tokens。"
    assert new_candidates("输出 tokens 的价格是多少?", sentence, "money") == ["2 元"]
    assert new_candidates("输入 tokens 的价格是多少?", sentence, "money") == ["0.5 元"]
    # a question that names both sides asks both
    assert len(new_candidates("输入和输出的价格各是多少?", sentence, "money")) == 2


def test_training_is_not_inference() -> None:
    sentence = "The model's inference cluster uses 512 GPUs."
    assert new_candidates("How many GPUs were used for training?", sentence, "number") == []
    assert asked_sides(fold_key("What does inference cost?"))


def test_a_total_is_not_a_rate() -> None:
    sentence = "调用价格为每百万 tokens 16 元,训练总成本约 600 万美元。"
    assert new_candidates("训练一共花了多少钱?", sentence, "money") == ["600 万美元"]


def test_a_number_glued_to_a_word_is_a_name_and_a_day_of_the_month_a_date() -> None:
    assert new_candidates("公司一共有多少个员工?", "星河AI创始人、53AI顾问王某", "number") == []
    assert new_candidates("增产多少颗?", "路透31日报导,公司将增产芯片", "number") == []
    assert new_candidates("它有多少?", "显存为 40GB,速度快 10x", "number") == ["40", "10"]
    assert new_candidates("显存有多少?", "显存为 40GB,速度快 10x", "number") == [
        "40"
    ]  # no multiple


def test_a_dimension_is_a_number() -> None:
    assert asked_type("What embedding dimension does the small model produce?") == "number"
    assert asked_type("这个向量模型输出多少维?") == "number"
