"""Content units of a claim and their entailment by a span (zhiku.claims)."""

from __future__ import annotations

import pytest

from zhiku.claims import check_claim, clauses, content_units, is_bare_answer, supported_part

LLAMA = (
    "llama.cpp is a C and C++ engine for running language models, started by Georgi Gerganov "
    "in March 2023. It stores models as GGUF files."
)
CAREER = "Riley Goodside became known for his prompt experiments on early chat models."
LORA_ZH = "LoRA 是微软研究院的研究者在 2021 年提出的一种微调方法，它只训练两个很小的矩阵。"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(u.kind, u.text) for u in content_units(text)]


def test_units_cover_entities_terms_figures_and_words():
    units = kinds("微軟在 2021 年提出了 LoRA，训练成本降低了 70 亿美元。")
    assert ("entity", "微軟") in units and ("term", "LoRA") in units
    assert ("number", "2021 年") in units and ("word", "提出") in units
    assert any(kind == "number" and text.startswith("70") for kind, text in units)


@pytest.mark.parametrize(
    ("claim", "span"),
    [
        (
            "微軟研究院在 2021 年提出了 LoRA。",
            LORA_ZH,
        ),  # zh-Hant claim, zh-Hans span, alias of the entity
        ("Georgi Gerganov started llama.cpp.", LLAMA),
        ("A 7B model fits in memory.", "A model with 7 billion parameters fits in memory."),
        ("这个模型有七十亿参数。", "这个模型有 70 亿参数。"),
    ],
)
def test_true_claims_are_entailed(claim, span):
    assert check_claim(claim, span).entailed


@pytest.mark.parametrize(
    ("claim", "why"),
    [
        ("Riley Goodside started llama.cpp.", "entity swap"),
        ("Georgi Gerganov started llama.cpp in March 2021.", "number swap"),
        (
            "Georgi Gerganov started llama.cpp, and it runs only on GPUs with CUDA kernels.",
            "half true",
        ),
        ("Georgi Gerganov did not start llama.cpp.", "negation"),
    ],
)
def test_false_claims_are_not_entailed(claim, why):
    assert not check_claim(claim, LLAMA).entailed, why


def test_a_bare_name_is_checked_with_the_question():
    question = "Who started llama.cpp?"
    assert is_bare_answer(content_units("Riley Goodside"))
    wrong = check_claim("Riley Goodside", CAREER, question=question)
    assert wrong.answer_check and not wrong.entailed
    assert check_claim("Georgi Gerganov", LLAMA, question=question).entailed
    # the name is in the span, but in a sentence that does not say it started anything
    both = LLAMA + " " + CAREER
    assert not check_claim("Riley Goodside", both, question=question).entailed


def test_a_bare_figure_is_checked_with_the_question():
    span = "該框架在 2023 年開源。它的吞吐量比舊版本高 3 倍。"
    assert check_claim("3 倍", span, question="它的吞吐量比舊版本高多少？").entailed
    assert not check_claim("2023 年", span, question="它的吞吐量比舊版本高多少？").entailed


def test_a_half_true_sentence_is_cut_to_its_supported_clause():
    claim = "LoRA 是微软研究院提出的微调方法，而 QLoRA 则把底座模型量化到 4 比特。"
    assert not check_claim(claim, LORA_ZH).entailed
    part = supported_part(claim, LORA_ZH)
    assert part is not None
    assert part.kept == "LoRA 是微软研究院提出的微调方法。"
    assert "QLoRA" in part.dropped
    assert supported_part("QLoRA 把底座模型量化到 4 比特。", LORA_ZH) is None


def test_clauses_split_at_contrast_not_inside_a_list():
    text = "A does X, while B does Y."
    assert [text[a:b] for a, b in clauses(text)] == ["A does X", "B does Y."]
