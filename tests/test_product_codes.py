from __future__ import annotations

from zhiku.product_codes import product_codes, rival_code, rival_variant


def test_codes_are_letters_then_digits_and_not_versions_or_names() -> None:
    assert product_codes("The H-20, the RTX4090 and the A100s beat GPT-4 and Qwen3.") == {
        "h20",
        "rtx4090",
        "a100",
    }


def test_a_sentence_naming_only_other_codes_is_a_rival() -> None:
    question = "How many H20 chips did the lab order?"
    assert rival_code(question, "It bought 10,000 H800s and 10,000 H100s.") == ["H20"]
    assert rival_code(question, "It bought 10,000 H800s and more H20s.") == []
    assert rival_code(question, "It bought 10,000 chips.") == []  # the page may say which
    assert rival_code(question, "It bought chips.", title="Lab orders H20 chips") == []


def test_a_sentence_on_another_variant_of_the_model_does_not_answer() -> None:
    question = "What context length does Lumen 4 Swift support?"
    assert rival_variant(question, "Lumen 4 Steady supports ten million tokens.") == ["Swift"]
    assert rival_variant(question, "Lumen 4 Swift supports one million tokens.") == []
    assert rival_variant(question, "It supports a million.", previous="Lumen 4 Swift is new.") == []
    assert rival_variant(question, "The context window keeps growing.") == []  # no variant named
