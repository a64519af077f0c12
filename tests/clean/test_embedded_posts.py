"""A social-media post embedded in a story leaves with its attribution line."""

from __future__ import annotations

from zhiku.clean import clean_plain_text

STORY_ZH = """某实验室今天发布了新一代开源推理模型，并公布了它在多项基准测试中的成绩。
该模型提供两种尺寸，较小的一款可以在单张消费级显卡上运行，较大的一款则面向数据中心部署。
Today we are releasing our new open reasoning models!
Two sizes, open weights, and a report on how we trained them. Try them now.
— Jane Doe (@janedoe_ai) May 5, 2026
实验室负责人表示，团队花了一年时间重新设计训练数据，下一步将开放更多工具。
"""

STORY_EN = """The lab released two open reasoning models on Monday, with a report on their training.

The smaller one runs on a single consumer GPU, while the larger targets data-center use.

Huge day for the team: both models are out now, weights and all.
— Jane Doe (@janedoe_ai) May 5, 2026

Researchers outside the lab said the open weights would let them check the results.
"""


def test_a_latin_post_in_a_chinese_story_leaves_with_its_attribution() -> None:
    cleaned = clean_plain_text(STORY_ZH)

    assert "@janedoe_ai" not in cleaned.text
    assert "Today we are releasing" not in cleaned.text
    assert "Two sizes, open weights" not in cleaned.text
    assert "较小的一款可以在单张消费级显卡上运行" in cleaned.text
    assert "团队花了一年时间重新设计训练数据" in cleaned.text


def test_in_a_story_of_the_posts_own_language_only_the_attribution_goes() -> None:
    cleaned = clean_plain_text(STORY_EN)

    assert "@janedoe_ai" not in cleaned.text
    assert "The smaller one runs on a single consumer GPU" in cleaned.text
    assert "Researchers outside the lab said" in cleaned.text
