"""What a count counts: a number of another unit than the one asked is no answer to it."""

import pytest

from zhiku.answer_types import new_candidates
from zhiku.counted_units import asked_unit, compatible, unit_after
from zhiku.normalize import fold_key


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("Lumen 在 GitHub 上有多少星标?", "star"),
        ("這個倉庫的星標數是多少？", "star"),
        ("How many GitHub stars does the Lumen repo have?", "star"),
        ("How many decoder layers does the small model stack?", "layer"),
        ("这个模型一共几层?", "layer"),
        ("公司现在有多少名员工?", "person"),
        ("How many weekly active users does the app report?", "person"),
        ("去年有多少家初创公司拿到融资?", "company"),
        ("这块显卡有多少 GB 显存?", "size"),
        ("一個 13B 模型推理需要多少 GPU 記憶體？", "size"),  # the head noun, not "GPU"
        ("部署时需要多少显存?", "size"),
        # units this module does not know name none: every count stays a candidate
        ("截至3月,招聘网站上有多少个AI相关职缺?", None),
        ("How many models were compared?", None),
        ("这个项目一共用了多少?", None),
    ],
)
def test_the_unit_a_question_counts(question: str, unit: str | None) -> None:
    assert asked_unit(fold_key(question)) == unit


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("系统采用四层缓存设计", "四层", "layer"),
        ("模型在测试集上拿到 31.2 BLEU", "31.2", "score"),
        ("The encoder stacks 12 identical layers", "12", "layer"),
        ("It now has 300 million monthly active users", "300 million", "person"),
        ("仓库已收获 2.5 万颗星", "2.5 万", "star"),
        ("团队共有 40 多人", "40", "person"),
        ("训练用了 512 张卡", "512", "gpu"),
        ("他们提炼了 23 篇文章", "23", "article"),
        ("Sizes on offer: 8B, 70B and 405B", "405", "parameter"),
        ("Accuracy rose 40% after the change", "40%", None),
        ("收入增长了 3 倍", "3 倍", None),
    ],
)
def test_the_unit_a_number_is_a_count_of(text: str, number: str, unit: str | None) -> None:
    folded = fold_key(text)
    start = folded.index(fold_key(number))
    assert unit_after(folded, start, start + len(fold_key(number))) == unit


def test_only_two_known_units_that_differ_are_incompatible() -> None:
    assert not compatible("star", "layer")
    assert compatible("star", "star")
    assert compatible(None, "layer") and compatible("person", None)


def test_a_count_of_another_unit_is_no_candidate() -> None:
    sentence = "Lumen 采用三层插件架构,检索准确率提升了 35%。"
    assert new_candidates("Lumen 在 GitHub 上有多少星标?", sentence, "number") == []
    assert new_candidates("Lumen 的插件架构分几层?", sentence, "number") == ["三层"]
    # a share may count what the module has no unit for ("多少企业" … "七成企业")
    assert new_candidates("Lumen 有多少插件?", sentence, "number") == ["三层", "35%"]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("How many parameters does Lumen-Mini have?", "Lumen-Mini runs ten times faster."),
        ("What is the total parameter count of Lumen-Pro?", "Lumen-Pro 的推理开销降至 27%。"),
        ("Lumen 需要多少 GB 显存?", "量化后显存占用减少 40%。"),
    ],
)
def test_a_share_or_a_multiple_is_no_magnitude(question: str, sentence: str) -> None:
    assert new_candidates(question, sentence, "number") == []


def test_a_magnitude_asked_by_comparison_takes_a_share() -> None:
    question = "量化后 Lumen 的显存占用减少了多少?"
    assert new_candidates(question, "量化后显存占用减少 40%。", "number") == ["40%"]


def test_a_bare_year_is_no_count_of_a_known_unit() -> None:
    sentence = "On the 2019 benchmark the model scored 27.5 BLEU."
    assert new_candidates("How many encoder layers does the model use?", sentence, "number") == []
    # a count of no known unit keeps every number, a year among them
    assert "2019" in new_candidates("How many runs were made?", sentence, "number")


def test_the_stated_count_of_the_asked_unit_is_kept() -> None:
    sentence = "The repository passed 18,000 stars and 40 contributors in March."
    found = new_candidates("How many stars does the repository have?", sentence, "number")
    assert found[0].startswith("18,000")


def test_a_total_is_not_a_share_of_it() -> None:
    sentence = "每天新建的集群里,超过 85% 由智能体创建,其余 300 个由人手动创建。"
    assert new_candidates("每天新建的集群一共有多少个?", sentence, "number") == ["300 个"]
    assert "85%" in new_candidates("每天新建的集群里有多少是智能体建的?", sentence, "number")


def test_hardware_counted_in_kuai_is_no_sum_of_money() -> None:
    assert new_candidates("训练一共花了多少钱?", "训练动用了 2000 块 GPU。", "money") == []
    assert new_candidates("这本书多少钱?", "这本书卖五十块。", "money") == ["五十块"]


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("For how many consecutive hours did Lumen run the task?", "Lumen 推出了两大核心模型。"),
        ("星河910 的互联带宽是多少 GB/s?", "星河:星河910(用于训练),星河310(用于推理)。"),
    ],
)
def test_a_time_or_a_size_is_never_written_bare(question: str, sentence: str) -> None:
    assert new_candidates(question, sentence, "number") == []


def test_a_time_or_a_size_written_with_its_unit_is_kept() -> None:
    assert new_candidates("Lumen 连续运行了多少小时?", "它连续运行了 7 小时。", "number") == ["7"]
    assert new_candidates("星河910 的带宽是多少 GB/s?", "带宽达 392 GB/s。", "number") == ["392"]


@pytest.mark.parametrize(
    ("question", "sentence", "found"),
    [
        ("Lumen-3 的总参数量是多少?", "周一发布了两款新模型 Lumen-3 及 Lumen-3-Pro。", []),
        (
            "Lumen-3 的总参数量是多少?",
            "Lumen-3 以 480B总参数/22B激活参数 的比例见长。",
            ["480b", "22b"],
        ),
        (
            "How many parameters does Lumen-3 have?",
            "Lumen-3 has 480 billion parameters.",
            ["480 billion"],
        ),
        ("How many layers does Lumen-3 have?", "Lumen-3 ran on 24K GPUs, Lumen-4 on 70K+.", []),
    ],
)
def test_parameters_are_counted_at_scale_and_layers_with_their_unit(
    question: str, sentence: str, found: list[str]
) -> None:
    assert new_candidates(question, sentence, "number") == found


def test_a_count_of_civil_servants_is_a_count_of_people_not_of_parameters() -> None:
    assert new_candidates("某实验室的首个大模型有多少个参数?", "该市有17万公务员。", "number") == []
    text = fold_key("该市有17万公务员。")
    assert unit_after(text, 3, 6) == "person"


def test_each_of_several_counts_asks_its_unit() -> None:
    assert asked_unit(fold_key("兩個模型的參數量分別是多少？")) == "parameter"
    assert asked_unit(fold_key("三家公司各自有多少員工？")) == "person"


def test_languages_are_a_unit() -> None:
    text = fold_key("The certificate is offered in 10 European languages.")
    assert unit_after(text, text.index("10"), text.index("10") + 2) == "language"
    assert not compatible(asked_unit(fold_key("该项目计划培训多少名工人?")), "language")
