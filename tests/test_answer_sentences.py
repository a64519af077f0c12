"""Answer sentences read as sentences; one citation per document (zhiku.answer_sentences)."""

from __future__ import annotations

import pytest

from zhiku.answer import extract_answer
from zhiku.answer_sentences import answer_sentence, is_heading_like, merge_document_citations
from zhiku.records import Answer, AnswerSentence, Chunk, Citation, Hit


@pytest.mark.parametrize(
    "line",
    [
        "# Picking an embedding model",
        "## 向量数据库怎么选",
        "The Hiring Boom: Why Teams Want Builders",
        "Figure 3: latency by batch size",
        "图 2：不同批大小的延迟",
        "Step 4:",
        "优点：",
        "第二章 部署",
    ],
)
def test_headings_titles_captions_and_labels_are_not_sentences(line):
    assert is_heading_like(line) and answer_sentence(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "这个方法最早由一所大学的实验室团队在二〇一九年提出，后来整理成论文，论文题目为：",
        "The method was first described by a small university team in 2019, in a paper titled:",
        # Latin names and numbers inside Chinese text are words of the line too
        "QKV 的写法最早由 Mira Holt 和 Open Vector Lab（现名 Vector AI）团队在 2021 年提出，原文为：",
    ],
)
def test_a_long_line_that_ends_in_a_colon_still_states_a_fact(line):
    assert not is_heading_like(line) and answer_sentence(line) == line


@pytest.mark.parametrize(
    "line",
    [
        # a post broken into short lines without full stops states facts line by line
        "星河引擎的核心创新是分页缓存技术",
        "大幅减少显存占用,提高 GPU 利用率",
        "时间: 14:10 ~ 14:55",  # a field whose value is a number
    ],
)
def test_a_short_chinese_line_that_states_something_is_a_sentence(line):
    assert not is_heading_like(line) and answer_sentence(line) == line


@pytest.mark.parametrize(
    "line",
    ["Context window: 256K tokens", "3.Lumen: GitHub 9.4k Star", "**Price:** $12 per month"],
)
def test_a_short_latin_field_whose_value_is_a_number_is_a_sentence(line):
    assert not is_heading_like(line)


def test_a_list_item_that_states_something_is_a_sentence_without_its_bullet():
    line = "• 星河包管理器作为依赖管理工具"
    assert not is_heading_like(line) and answer_sentence(line) == line[2:]


@pytest.mark.parametrize(
    "line", ["什么是检索增强生成", "二、星河引擎是什么,适合谁", "三、部署方式"]
)
def test_short_chinese_questions_and_numbered_headings_stay_headings(line):
    assert is_heading_like(line)


@pytest.mark.parametrize(
    "line",
    [
        "sudo docker logs -f vector-api --tail 50",
        "pip install -U mini-rag",
        "cat server.log | grep error",
        "git clone https://example.org/team/mini-rag.git",
        "./convert.sh model-f16.bin q8",
        "export HF_HOME=~/cache",
        "store = build_index(docs)",
    ],
)
def test_a_command_or_a_line_of_code_is_a_sentence_not_a_title(line):
    assert not is_heading_like(line) and answer_sentence(line) == line


@pytest.mark.parametrize(
    "line",
    ["Deploying with Docker", "Self-Hosting on a Budget", "What Is RAG", "幻觉问题 - 原因与对策"],
)
def test_titles_with_hyphens_are_still_titles(line):
    assert is_heading_like(line)


@pytest.mark.parametrize(
    "line", ["The steps are as follows:", "安装完成后，运行下面的命令：", "Install it, then run:"]
)
def test_a_short_line_that_ends_in_a_colon_introduces_what_follows(line):
    assert is_heading_like(line)


@pytest.mark.parametrize(
    ("raw", "shaped"),
    [
        (
            "Ada Park[12] wrote the first version in 2022.[3]",
            "Ada Park wrote the first version in 2022.",
        ),
        ("这个方法¹很省显存[注2]。", "这个方法很省显存。"),
        ("The index is rebuilt\nevery night.", "The index is rebuilt every night."),
        ("索引每晚\n重建一次。", "索引每晚重建一次。"),
        ("• The cache is kept on disk.", "The cache is kept on disk."),
    ],
)
def test_sentences_lose_footnote_markers_soft_breaks_and_bullets(raw, shaped):
    assert answer_sentence(raw) == shaped


def _hit(text: str, *, doc: str = "doc-a", start: int = 0) -> Hit:
    return Hit(Chunk(doc, 0, start, start + len(text), text), 1.0, title=f"title of {doc}")


def test_citations_to_one_document_are_merged():
    text = "Ada Park wrote the tool. It runs on laptops. It was released in 2022."
    first, third = text.index("Ada"), text.index("It was")
    answer = Answer(
        "q",
        (
            AnswerSentence("Ada Park wrote the tool.", (1,)),
            AnswerSentence("It was released in 2022.", (2,)),
        ),
        (
            Citation(1, "doc-a", "t", "s", None, None, first, first + 24, text[first : first + 24]),
            Citation(2, "doc-a", "t", "s", None, None, third, len(text), text[third:]),
        ),
        abstained=False,
    )
    merged = merge_document_citations(answer, [_hit(text)])
    [citation] = merged.citations
    assert [s.citations for s in merged.sentences] == [(1,), (1,)]
    assert (citation.start, citation.end) == (0, len(text)) and citation.text == text


def test_extractive_answer_quotes_no_heading_and_no_footnote_marker(fake_embedder):
    text = (
        "# Vector stores for retrieval\n"
        "Vector stores for retrieval keep embeddings on disk[7] and answer nearest-neighbour queries.\n"
        "Vector stores for retrieval are\noften embedded in the application."
    )
    answer = extract_answer(
        "What do vector stores for retrieval keep on disk?",
        [_hit(text)],
        embedder=fake_embedder,
        term_idf=lambda term: 1.0,
        min_support=0.1,
    )
    assert not answer.abstained
    assert all(
        not s.text.startswith("#") and "[7]" not in s.text and "\n" not in s.text
        for s in answer.sentences
    )
    assert len({c.doc_id for c in answer.citations}) == len(answer.citations)


def test_a_reference_link_is_not_a_sentence() -> None:
    assert is_heading_like("[6]https://www.example.org/courses/machine-learning-intro...")
    assert is_heading_like("https://example.com/a/b")
    assert not is_heading_like("The paper is at https://example.org/abs/1234.")
