"""Each line rule on its own: what it catches, and the body lines it must leave alone."""

from __future__ import annotations

import pytest

from zhiku.clean.lines import (
    breadcrumb,
    byline,
    call_to_action,
    classify_line,
    contact,
    counter_line,
    disclaimer,
    editor_help,
    is_prose,
    keyword_cloud,
    ui_line,
)

BODY_LINES = [
    "研究团队在论文中指出，数据配比对小模型的影响比想象中更大。",
    "The team found that data mixture matters more for small models than expected.",
    "模型上，有从闭源的大模型，到开源的 Mistral、Qwen 和其他模型；",
    "2023年6月1日，一家初创公司发布了新的开源代码模型，引起了广泛讨论。",
    "We use a cosine schedule, warm up for 2,000 steps, and train for 3 epochs.",
    "我在 GitHub 上关注了大约两百个项目，每周会花半天时间阅读它们的更新日志。",
    "In San Francisco, the meetup drew 300 engineers, founders and researchers.",
    "本文作者结合自己的经历，讨论了转行进入机器学习领域需要准备什么。",
]


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert classify_line(line) is None
    assert is_prose(line)


@pytest.mark.parametrize(
    "line",
    [
        "机器学习 深度学习 神经网络 计算机视觉 强化学习 大模型 智能体 多模态 具身智能 芯片",
        "Python | Rust | CUDA | LLM | RAG | Agents | Fine-tuning | Evaluation | Inference",
        "#AI #LLM #OpenSource #MachineLearning",
    ],
)
def test_keyword_clouds(line: str) -> None:
    assert keyword_cloud(line) is not None


def test_keyword_cloud_leaves_mixed_sentences() -> None:
    line = (
        "如果只要会写代码的人都能做,那乾脆让 AI 来做不就好了?(湾区也有很多 Code gen 公司在做这件事)"
    )
    assert keyword_cloud(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 资讯 > 人工智能",
        "Home › Blog › Engineering",
        "当前位置：首页 > 正文",
        "2. 频道 / 科技 / 深度",
    ],
)
def test_breadcrumbs(line: str) -> None:
    assert breadcrumb(line) is not None


def test_a_quote_is_not_a_breadcrumb() -> None:
    assert breadcrumb("> 这一段是引用的原话") is None


@pytest.mark.parametrize(
    "line",
    [
        "5621点击",
        "阅读 1.2万",
        "1,024 views · 36 comments",
        "浏览(3021)  2023-05-06 10:11",
        "12 likes",
    ],
)
def test_counters(line: str) -> None:
    assert counter_line(line) is not None


def test_a_sentence_with_a_number_is_not_a_counter() -> None:
    assert counter_line("这篇报告的阅读量超过了十万次，说明大家很关心这个话题。") is None


@pytest.mark.parametrize(
    "line", ["登录 | 注册", "分享到：微博 微信 QQ空间", "返回顶部", "Sign in", "Tweet Share Email"]
)
def test_interface_lines(line: str) -> None:
    assert ui_line(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "作者：李雷 | 来源：某科技报 | 2022-08-09",
        "编辑｜韩梅梅",
        "By Sam Carter | Jan 5, 2024 | 4 min read",
        "Tags: inference, quantization",
    ],
)
def test_bylines(line: str) -> None:
    assert byline(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Copyright © 2024 Some Media Group. All rights reserved.",
        "粤ICP备00000000号",
        "本站文章均来自网络转载，仅供参考，如有侵权请联系删除。",
        "The views expressed on this site are those of the authors; reproduction requires permission.",
    ],
)
def test_disclaimers(line: str) -> None:
    assert disclaimer(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "投稿邮箱：news@example.org",
        "联系电话：021-55556666",
        "Contact: hello@example.com",
        "QQ群：123456789",
    ],
)
def test_contact_lines(line: str) -> None:
    assert contact(line) is not None


def test_a_project_link_is_not_a_contact_line() -> None:
    assert contact("项目地址：https://github.com/example/project") is None


def test_editor_help() -> None:
    assert (
        editor_help("支持 Markdown：**加粗** *斜体* `代码` [链接](https://example.org) 列表")
        is not None
    )
    assert editor_help("用 `pip install` 安装，再运行 **一次** 即可。") is None
    # A report's summary in Markdown names tools, not the editor's buttons.
    summary = (
        "We compare **Acme Flow** and **Birch Agents** against a checklist for a no-code "
        "agent harness; neither passes every item."
    )
    assert editor_help(summary) is None


@pytest.mark.parametrize(
    "line",
    [
        "This website uses cookies. By clicking Accept all, you agree to our privacy policy.",
        "Sign up for our newsletter",
        "长按识别二维码，关注我们",
        "Related: How small models learn to use tools",
    ],
)
def test_calls_to_action(line: str) -> None:
    assert call_to_action(line) is not None
