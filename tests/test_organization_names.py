"""A Chinese body a question names in full must be named by the sentence that answers."""

from __future__ import annotations

import pytest

from zhiku.organization_names import organization_names, organization_unnamed


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("北岭无线科技商會是哪一年成立的?", ["北岭无线科技商会"]),
        ("南屿理工大学的哪位教授提出了这个方法?", ["南屿理工大学"]),
        ("东篱人工智能学会的理事长是谁?", ["东篱人工智能学会"]),
        ("哪一家银行提供了这笔贷款?", []),  # which bank: asked, not named
        ("该协会有多少会员?", []),  # a pointer, not a name
        ("这家公司是哪一年成立的?", []),  # 公司 alone is too common a word to require
    ],
)
def test_full_names_of_bodies(question: str, names: list[str]) -> None:
    assert organization_names(question) == names


def test_a_sentence_about_another_body_leaves_the_asked_one_unnamed() -> None:
    question = "北岭无线科技商會是哪一年成立的?"
    assert organization_unnamed(question, "某研究机构在 2016 年刚成立时只有 52 人。") == [
        "北岭无线科技商会"
    ]
    assert organization_unnamed(question, "北岭无线科技商会成立于 1998 年。") == []
    # named by the page's title or the sentence before, or without its body word
    assert organization_unnamed(question, "它成立于 1998 年。", title="北岭无线科技商会简介") == []
    assert organization_unnamed(question, "成立于 1998 年。", before="关于北岭无线科技:") == []
