"""Countries and regions named in either language; a sentence about another one (zhiku.places)."""

import pytest

from zhiku.places import places_named, rival_place


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("美國的資料中心", {"united states"}),
        ("data centres in the U.S. and the EU", {"united states", "europe"}),
        ("新加坡与香港", {"singapore", "hong kong"}),
        # whole words only, and adjectives name languages as often as places
        ("a neural net for Japanese text", set()),
        ("the museum of German art in Taiwan", {"taiwan"}),
    ],
)
def test_places_named_in_either_language(text: str, places: set[str]) -> None:
    assert places_named(text) == places


def test_a_sentence_about_another_country_is_a_rival() -> None:
    question = "英国有多少家 AI 初创公司?"
    assert rival_place(question, "France is home to 1,000 AI startups.") == ["United Kingdom"]
    assert rival_place(question, "Britain is home to 1,000 AI startups.") == []


def test_the_asked_place_may_be_named_before_the_sentence_or_in_the_title() -> None:
    question = "How many AI startups does Britain have?"
    text = "It has 1,000, twice as many as France."
    assert rival_place(question, text, previous="英国的 AI 生态正在扩张。") == []
    assert rival_place(question, text, title="The UK's AI startups") == []
    assert rival_place(question, text) == ["United Kingdom"]


def test_a_sentence_that_names_no_place_is_no_rival() -> None:
    assert rival_place("How many AI startups does Britain have?", "It has 1,000.") == []


def test_the_whole_world_is_a_rival_to_the_asked_country() -> None:
    question = "到2030年AI可能为日本经济贡献多少价值?"
    assert rival_place(question, "到2030年,AI可能为全球经济贡献10万亿美元。") == ["Japan"]
    assert rival_place(question, "日本是全球第三大经济体,AI可能贡献1万亿美元。") == []
