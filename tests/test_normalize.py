import pytest

from zhiku.normalize import detect_script, fold_key, language_of


def test_fold_key_maps_traditional_phrases_to_simplified() -> None:
    assert fold_key("軟體與資料庫") == fold_key("软件与数据库")


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("大型語言模型正在改變軟體開發的方式，工程師們需要學習新的技能。", "zh-Hant"),
        ("大型语言模型正在改变软件开发的方式，工程师们需要学习新的技能。", "zh-Hans"),
        ("Large language models are changing how software is written.", "en"),
        ("大模型 LLM is a productivity tool for everyone who writes code every day", "mixed"),
        ("1234 5678", "und"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_language_of_script() -> None:
    assert language_of("zh-Hant") == "zh"
    assert language_of("en") == "en"
    assert language_of("mixed") == "mul"
