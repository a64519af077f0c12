"""A name asked about through its owner must be named by the sentence that answers."""

from __future__ import annotations

import pytest

from zhiku.possessed_names import possessed_name, possessed_unnamed


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Northwind 的 Lumen 是在哪一年推出的?", ("Lumen",)),
        ("How many parameters does Acme's Lumen 4 Swift have?", ("Lumen", "4", "Swift")),
        (
            "How many models did the lab's Model Review Board (MRB) rate?",
            ("Model", "Review", "Board", "MRB"),
        ),
        ("Who is Northwind's CEO?", ()),  # an office, not a product
        ("Northwind 的模型有多大?", ()),  # no name after 的
    ],
)
def test_the_possessed_name_and_its_words(question: str, words: tuple[str, ...]) -> None:
    assert possessed_name(question) == words


def test_a_sentence_about_the_owner_alone_leaves_the_name_unnamed() -> None:
    question = "Northwind 的 Lumen 是在哪一年推出的?"
    assert possessed_unnamed(question, "In 2019, Northwind raised $1 billion.") == ["Lumen"]
    assert possessed_unnamed(question, "Lumen 于 2025 年推出。") == []
    assert possessed_unnamed(question, "它于 2025 年推出。", previous="Lumen 是一款代理。") == []
    # one word of a longer name is enough: "Swift" names "Lumen 4 Swift"
    long_name = "How many parameters does Acme's Lumen 4 Swift have?"
    assert possessed_unnamed(long_name, "Swift packs 400 billion parameters.") == []
