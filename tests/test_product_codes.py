from __future__ import annotations

import numpy as np

from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.product_codes import (
    asks_a_code,
    code_unstated,
    product_codes,
    rival_code,
    rival_variant,
)


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


def test_which_chip_is_answered_only_by_a_sentence_naming_one() -> None:
    question = "Which Nvidia chip may now be sold abroad?"
    assert asks_a_code(question)
    assert asks_a_code("训练集群用的是英伟达哪一型号的 GPU?")
    assert not asks_a_code("How many GPUs does the cluster use?")
    assert code_unstated(question, "The new rule covers the export of AI chips.")
    assert not code_unstated(question, "The H20 may now be sold under a licence.")
    assert not code_unstated(question, "It may now be sold.", previous="The rule names the H20.")


def test_a_sentence_naming_no_chip_is_ruled_out_as_numbers_are() -> None:
    rows = evidence_features(
        "Which Nvidia chip may now be sold abroad?",
        ["The new rule covers the export of AI chips.", "The H20 may now be sold abroad."],
        [0.0, 0.5],
        np.array([0.5, 0.5]),
        idf=lambda term: 1.0,
    )
    assert list(rows[:, FEATURES.index("numeric_missing")]) == [1.0, 0.0]
