"""A document is listed under a title from its page, never under its file name."""

from __future__ import annotations

from pathlib import Path

from zhiku import KnowledgeBase

LONG_OPENING = (
    "编者按：这是一篇关于转行做机器学习工程师的长文，作者结合自己的经历，讲了准备、求职和入职后的第一年，"
    "篇幅较长，建议先看小标题再决定从哪里读起；文中提到的公司和人名都做了处理，请勿对号入座。"
)


def test_page_without_a_title_is_named_by_its_first_heading(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    page = tmp_path / "000_3f9a1c2b7d.txt"
    page.write_text(
        f"{LONG_OPENING}\n转行的第一年\n我在第一年里犯过很多错误，也学到了很多东西，下面一一道来。\n",
        encoding="utf-8",
    )
    kb.add([page])
    (doc,) = kb.documents()
    assert doc.title == "转行的第一年"


def test_page_without_a_heading_is_named_by_its_first_sentence(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    page = tmp_path / "001_9c8b7a6d5e.txt"
    page.write_text(LONG_OPENING + "\n", encoding="utf-8")
    kb.add([page])
    (doc,) = kb.documents()
    assert len(LONG_OPENING) > 80  # the old code fell back to the file name here
    assert doc.title != "001_9c8b7a6d5e" and doc.title.startswith("编者按：这是一篇关于转行")
    assert len(doc.title) <= 81
