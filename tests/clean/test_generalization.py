"""Rules added for pages from sites the first rules had not seen: what they catch, and the
article text they must leave alone (short verses and lists, prose about sharing or copyright)."""

from __future__ import annotations

import pytest

from zhiku.clean import clean_plain_text
from zhiku.clean.folding import fold_lines
from zhiku.clean.layout import is_dek, is_name_list
from zhiku.clean.lines import classify_line, disclaimer, keyword_cloud, pager
from zhiku.clean.metadata import find_author, find_source
from zhiku.clean.watermark import find_watermarks

BODY = (
    "开源模型的进步很快，很多任务已经不必调用最大的闭源模型，这是我们在评测中反复看到的现象。\n"
    "Before touching the prompt, measure whether the passage that answers is retrieved at all.\n"
    "如果显存只有八 GB，建议优先考虑四比特量化后的七八十亿参数模型，并先确认上下文长度。\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "上一篇：向量库选型 下一篇：框架对比",
        "上一篇：无",
        "« Previous post",
        "Next article: Why evals matter",
    ],
)
def test_pager_lines(line: str) -> None:
    assert pager(line) is not None


@pytest.mark.parametrize(
    "line",
    ["下一篇论文会讨论这个问题。", "The next post in this series covers distillation in detail."],
)
def test_pager_leaves_sentences(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize(
    "line", ["热门标签 LoRA 微调 大模型 显存", "標籤：量化、部署", "Tags rag eval"]
)
def test_labelled_keyword_lists(line: str) -> None:
    assert keyword_cloud(fold_lines([line])[0]) is not None


def test_labelled_list_needs_no_sentence() -> None:
    assert keyword_cloud("标签系统的设计决定了检索质量。") is None


@pytest.mark.parametrize(
    "line",
    [
        "多家媒体起诉模型公司，指其未经授权使用新闻文章训练大模型，案件仍在审理中。",
        (
            "The lawsuit argues that training on news articles without permission infringes "
            "copyright, and the court has not yet ruled."
        ),
    ],
)
def test_copyright_as_a_topic_of_body_prose_is_kept(line: str) -> None:
    assert disclaimer(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",
        "转载请注明出处，本文版权归原作者所有。",
    ],
)
def test_site_notices(line: str) -> None:
    assert disclaimer(fold_lines([line])[0]) is not None


@pytest.mark.parametrize(
    "line",
    [
        "2024/08/12 文／陳怡君 瀏覽次數 4521",
        "楼主 小李 发表于 2024-3-18 21:07 | 只看该作者 | 倒序浏览",
        "[Submitted on 4 Mar 2024 (v1), last revised 19 Mar 2024 (this version, v2)]",
        "Published in Applied Retrieval",
    ],
)
def test_info_bars_from_other_sites(line: str) -> None:
    assert classify_line(fold_lines([line])[0]) == (
        "byline",
        "byline / info bar (kept as metadata)",
    )


def test_authors_and_sources_from_other_sites() -> None:
    assert find_author("记者王柏翰／台北报导") == "王柏翰"
    assert find_author("只看该作者 | 倒序浏览") is None
    assert find_source("题图来自：视觉中国") is None
    assert find_source("本文来自微信公众号：算力前线（ID：x），作者：A") == "算力前线"


def test_name_lists_and_deks() -> None:
    assert is_name_list("Ada Lovelace, Alan Turing and Grace Hopper")
    assert not is_name_list("Llama, Mistral and Qwen")
    assert is_dek(
        "Notes on memory in assistant products", "What Happens When a Chatbot Remembers You"
    )
    assert not is_dek(
        "Chipmakers race to build memory for the next wave", "World Business Markets Science"
    )


def test_short_lines_of_the_article_above_the_footer_are_kept() -> None:
    page = (
        BODY
        + "送大家一首打油诗：\n显存不够先量化，\n效果不好换数据。\n分享到：微博 微信\n上一篇：A 下一篇：B\n"
    )
    text = clean_plain_text(page).text
    assert "显存不够先量化，" in text and "效果不好换数据。" in text
    assert "分享到" not in text and "上一篇" not in text


def test_footer_continues_below_the_first_chrome_line() -> None:
    page = (
        BODY
        + "Related Coverage\nStartups Bet on Cheaper Chips\nMost Popular\nHow to Keep Basil Alive\n"
    )
    text = clean_plain_text(page).text
    assert "Cheaper Chips" not in text and "Basil" not in text
    assert "measure whether the passage" in text


def test_prose_about_sharing_and_login_is_kept() -> None:
    page = (
        "If an assistant remembers that you asked it to reset your login, it can help faster next time.\n"
        "Users rarely comment on the feature when it works, but they share complaints when it fails.\n"
        "Share this\nLog in to comment\n"
    )
    text = clean_plain_text(page).text
    assert "reset your login" in text and "rarely comment" in text
    assert "Log in to comment" not in text


def test_watermark_at_line_start() -> None:
    lines = [f"【ab.net】第{i}段正文说明了一个事实，后面还有更多内容。" for i in range(5)]
    assert find_watermarks(lines) == ("【ab.net】",)


def test_speaker_labels_are_not_watermarks() -> None:
    lines = [f"【主持人】第{i}个问题是关于评测的，请您谈谈看法。" for i in range(5)]
    assert find_watermarks(lines) == ()


def test_a_subtitle_with_curly_apostrophes_is_still_a_sentence_case_dek() -> None:
    assert is_dek(
        "A newcomer’s guide to state-of-the-art retrieval pipelines",
        "Build Hybrid Search Quickly with Open Tools",
    )
