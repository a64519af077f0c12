"""Markdown notes with front matter: its fields become metadata, the note's text stays whole."""

from __future__ import annotations

from pathlib import Path

from zhiku import KnowledgeBase
from zhiku.clean.front_matter import metadata, split_front_matter

NOTE = """---
title: "评测集怎么写"
date: 2024-05-02 09:30
author: [Lin, Chen]
source: https://notes.example.org/eval
tags:
  - eval
---

# 评测集怎么写

先从自己的文档里挑问题，再写几个文档回答不了的问题，检验系统会不会拒答。
"""


def test_fields_become_metadata_and_the_body_starts_after_the_block() -> None:
    fields, body = split_front_matter(NOTE)
    assert body.lstrip().startswith("# 评测集怎么写")
    assert metadata(fields) == {
        "title": "评测集怎么写",
        "author": "Lin, Chen",
        "published": "2024-05-02T09:30",
        "url": "https://notes.example.org/eval",
    }


def test_a_leading_rule_without_fields_is_not_front_matter() -> None:
    text = "---\n\n正文第一段。\n\n---\n\n第二段。\n"
    assert split_front_matter(text) == ({}, text)


def test_a_note_is_stored_with_its_metadata_and_cites_the_body(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    note = tmp_path / "eval.md"
    note.write_text(NOTE, encoding="utf-8")
    (result,) = kb.add([note])
    document = kb.get(result.doc_id)
    assert (document.title, document.author, document.published) == (
        "评测集怎么写",
        "Lin, Chen",
        "2024-05-02T09:30",
    )
    assert document.url == "https://notes.example.org/eval"
    assert "title:" not in document.text and document.text.startswith("# 评测集怎么写")
    hit = kb.search("会不会拒答", k=1)[0]
    assert "拒答" in document.text[hit.chunk.start : hit.chunk.end]
