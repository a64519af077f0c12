"""A question that first points at the page it is about, then asks (pure).

Users ask about what they read the way they remember it: "那篇讲转行做AI的文章里,研究生读的是什么专业?",
"In the pgvector setup lesson, what is the default value of ef_search?". The opening clause
names a page (its topic, its kind, its outlet); the rest asks the fact. Retrieval reads the
whole question, since the pointer helps find the page; but the sentence that answers states
only the fact, so weighing it against the pointer's words too ("文章", "lesson", the page's
topic) would make every answer look weaker than it is.
"""

from __future__ import annotations

import re

from zhiku.answer_binding import content_terms
from zhiku.normalize import fold_key

# What a page is: its kind ("文章", "教程", "guide", "thread").
_KIND_ZH = (
    r"文章|教程|指南|攻略|报道|报导|帖子|贴文|讨论串|节目|演讲|视频|影片|报告|访谈|课程|笔记|博客|博文|"
    r"页面|网页|专栏|稿子|podcast|blog"
)
_PAGE_EN = (
    r"\b(?:article|post|piece|guide|tutorial|explainer|report|thread|page|blog|newsletter|"
    r"interview|podcast|video|talk|answers|recap|story|write-?up|roundup|course|lesson|notes|"
    r"documentation|docs|readme|essay|column|primer|walkthrough|reference|faq|handbook|cheat ?sheet|"
    r"wiki|whitepaper|announcement|press release|release notes|changelog|"
    r"glossary|overview|summary|digest|bulletin)\b"
)
# "那篇讲向量库的文章里,": an opening clause that names a page by its kind or points at one ("那篇")
_POINTER_ZH_RE = re.compile(
    rf"^[^,，?？。]{{0,60}}?(?:{_KIND_ZH}|一文|那篇|这篇|那场|那集|该文|本文|文中)"
    r"[^,，?？。]{0,12}?[,，:：]\s*(?=\S)"
)
# "那篇 RAG 教程用什么工具…": a page named by 那篇 / 这集 ... and its kind, the question right after it
_NAMED_PAGE_ZH_RE = re.compile(
    rf"^(?:根据|据|按|按照|在)?(?:那|这|该)(?:篇|集|场|份|则|部|本|门|个)[^,，?？。]{{0,40}}?(?:{_KIND_ZH})"
    r"(?:里|中|里面|上|说|提到|写道|介绍)?\s*(?=[^\s的])"
)
_POINTER_EN_RE = re.compile(
    r"^(?:in|according to|per|from|based on|as|on)\b[^,?]{2,120}?"
    + _PAGE_EN
    + r"[^,?]{0,80}?,\s*(?=\S)",
    re.IGNORECASE,
)
# What is left must name its own subject: "题目叫什么?" leans on the pointer ("李某在某大会讲智能体的
# 那场演讲,"), which then is the subject, not a pointer.
ASK_MIN_TERMS = 3


def asked_part(question: str) -> str:
    """`question` without the clause that points at a page, when it opens with one.

    >>> asked_part("那篇讲向量库的文章里,作者推荐哪个索引?")
    '作者推荐哪个索引?'
    >>> asked_part("那篇 RAG 实作教程用什么工具管理套件?")
    '用什么工具管理套件?'
    >>> asked_part("In the pgvector setup lesson, what is the default ef_search?")
    'what is the default ef_search?'
    >>> asked_part("李某在某大会讲智能体的那场演讲,题目叫什么?")
    '李某在某大会讲智能体的那场演讲,题目叫什么?'
    >>> asked_part("According to Sam Altman, which model comes next?")
    'According to Sam Altman, which model comes next?'
    """
    # folding keeps offsets: one character for one (Traditional to Simplified, lower case)
    folded = fold_key(question)
    match = _POINTER_EN_RE.match(question)
    if match is None and len(folded) == len(question):
        match = _POINTER_ZH_RE.match(folded) or _NAMED_PAGE_ZH_RE.match(folded)
    if match is None:
        return question
    asked = question[match.end() :]
    return asked if len(content_terms(asked)) >= ASK_MIN_TERMS else question
