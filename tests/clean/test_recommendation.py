"""Blocks appended after the article, and the project links worth keeping from them."""

from __future__ import annotations

from zhiku.clean import clean_plain_text
from zhiku.clean.recommendation import project_links

ARTICLE = "\n".join(
    f"第{i}段：这是一段讨论检索增强生成的正文，内容足够长，带有完整的句子和标点。"
    for i in range(1, 9)
)


def test_resource_block_is_removed_and_its_project_links_kept() -> None:
    block = "\n".join(
        [
            "工具箱",
            "为你推荐以下相关资源，内容自动生成，仅供参考",
            "1",
            "检索",
            "一个轻量的向量检索库，适合在笔记本上运行。",
            "项目地址：https://github.com/example-org/tiny-vector/tree/main",
            "一个把文档切块并建立索引的工具",
            "项目地址：https://gitlab.com/another/chunker",
            "模型页面：https://huggingface.co/example/small-embedder",
        ]
    )
    cleaned = clean_plain_text(f"{ARTICLE}\n{block}")
    assert "向量检索库" not in cleaned.text and "工具箱" not in cleaned.text
    assert "第8段" in cleaned.text
    assert cleaned.links == (
        "https://github.com/example-org/tiny-vector",
        "https://gitlab.com/another/chunker",
        "https://huggingface.co/example/small-embedder",
    )


def test_related_posts_list_is_removed() -> None:
    tail = "Related posts\nWhy small models hallucinate less on closed tasks\nA week with a local coding assistant"
    cleaned = clean_plain_text(f"{ARTICLE}\n{tail}")
    assert "Related posts" not in cleaned.text and "local coding assistant" not in cleaned.text


def test_a_heading_mid_article_does_not_cut_the_article() -> None:
    page = f"{ARTICLE}\n相关研究\n{ARTICLE.replace('第', '续')}"
    assert clean_plain_text(page).text.count("\n\n") == 16


def test_project_links_normalize_and_dedupe() -> None:
    assert project_links(
        [
            "https://github.com/a/b.git",
            "see https://github.com/a/b/issues/3",
            "https://github.com/topics/x",
        ]
    ) == ("https://github.com/a/b",)


def test_a_related_header_above_the_articles_own_prose_does_not_cut_it() -> None:
    """A page cut off mid-article, its site's menus and model list on top: the related-links
    header sits half way down, and the article's paragraphs follow it. They stay."""
    models = "、".join(
        f"Example-{size}B-Chat-v{version}" for size in (3, 8, 70) for version in (1, 2, 3)
    )
    page = "\n\n".join(
        [
            "某某学习社 每月一次线下分享",
            "去 YouTube 订阅 | 回 GitHub Pages | 到 GitHub 点星 | 网站",
            "本地模型 语音处理 自然语言处理 电脑视觉",
            models,
            "作者 王小明",
            "相关文章参考",
            "引言",
            "随着检索增强生成的普及,越来越多团队开始在本地部署知识库,并用真实问题检验它的回答是否有据可查。"
            "本文整理了几种常见做法,并比较它们在中文网页上的表现。",
            "🎵 本期播客 🎵",
            "本地知识库评测报告",
            "第一节 目的",
            "当前的开源工具各有侧重:有的重视检索速度,有的重视引用的准确,很少兼顾两者。",
        ]
    )
    cleaned = clean_plain_text(page)
    assert "随着检索增强生成的普及" in cleaned.text
    assert "当前的开源工具各有侧重" in cleaned.text
