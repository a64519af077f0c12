"""Noise and body lines met on unseen sites: a news photo's caption on the line above its
credit, a project's name with its link, a subscribe prompt after a greeting; and body lines a
keyword-cloud rule must leave alone (a clause with commas, a results table's row, a bullet whose
label compares two things).

Every page here is our own text imitating a kind of page or noise, not a copy of a crawled one.
"""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.figures import captions_above_credits
from zhiku.clean.lines import bare_url, call_to_action, keyword_cloud

BODY = (
    "A small lab in Lyon released an open model for reading handwritten archives on Tuesday.\n\n"
    "The model runs on a laptop and was trained on letters from three centuries.\n"
)


def test_a_caption_above_its_credit_goes_with_the_alt_text_above_it() -> None:
    page = (
        "A lab in Lyon opens its archive model\n\n"
        "Jane Roe speaking at the lab\n"
        "Jane Roe, head of research at the lab, during a press event in Lyon, France, on "
        "Tuesday, May 5, 2026.\n"
        "Ken Ito/Getty Images\n\n"
        f"{BODY}"
    )
    cleaned = clean_plain_text(page)
    assert "Jane Roe" not in cleaned.text
    assert cleaned.text.startswith("A small lab in Lyon")


def test_paragraphs_printed_without_blank_lines_are_not_taken_for_captions() -> None:
    lines = [
        "First paragraph of the story.",
        "Second one, still the story.",
        "Ken Ito/Getty Images",
    ]
    assert captions_above_credits(lines, [None, None, "image"]) == []


def test_a_paragraph_above_a_credit_is_no_caption() -> None:
    lines = ["The lab said so. It will share the weights.", "Ken Ito/Getty Images", "", "More."]
    assert captions_above_credits(lines, [None, "image", None, None]) == []


@pytest.mark.parametrize(
    "line", ["Example Models:https://models.example.org/", "某某开源社区:https://example.org/x"]
)
def test_a_projects_name_with_its_link_is_a_labelled_link(line: str) -> None:
    assert bare_url(line) == "a labelled link"


def test_a_sentence_ending_in_a_link_is_not_a_labelled_link() -> None:
    assert bare_url("The weights and the paper are here: https://example.org/x") is None


def test_a_greeting_with_a_subscribe_prompt_is_a_call_to_action() -> None:
    line = "Welcome to Quill's notes. Subscribe and get every new post in your inbox."
    assert call_to_action(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "矩阵 A 随机初始化 矩阵 B 初始化为 全 0,确保训练开始时输出不变,维持模型原有行为",
        "| 训练时间 | 21 分 30 秒 | 9 分 5 秒 |",
        "• Recall > precision: 200 checked answers often beat 5K unchecked ones",
    ],
)
def test_body_lines_are_no_keyword_clouds(line: str) -> None:
    assert keyword_cloud(line) is None
