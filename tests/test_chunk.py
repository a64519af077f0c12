import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.chunk import split_into_chunks, split_sentences

PIECES = st.sampled_from(
    [
        "大模型",
        "检索增强生成",
        "軟體",
        "。",
        "！",
        "？",
        "；",
        "…",
        "……",
        ".",
        "!",
        "?",
        " ",
        "\n",
        "\n\n",
        "GPT-4o",
        "Qwen2.5-7B",
        "model",
        "the",
        "3.14",
        "“",
        "”",
        "(",
        ")",
        "e.g.",
        "  ",
    ]
)
MIXED_TEXT = st.lists(PIECES, max_size=300).map("".join)


@given(MIXED_TEXT, st.integers(20, 400), st.integers(0, 19))
@settings(max_examples=300, deadline=None)
def test_chunk_offsets_point_at_their_text(text: str, max_chars: int, overlap: int) -> None:
    chunks = split_into_chunks(text, doc_id="d", max_chars=max_chars, overlap=overlap)
    for i, chunk in enumerate(chunks):
        assert text[chunk.start : chunk.end] == chunk.text
        assert 0 < len(chunk.text) <= max_chars
        assert chunk.ordinal == i
    # every non-space character is inside some chunk
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@given(MIXED_TEXT)
@settings(max_examples=200, deadline=None)
def test_sentence_offsets_point_at_their_text(text: str) -> None:
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text


def test_sentences_end_at_chinese_and_english_punctuation() -> None:
    text = "大模型很强。它会写代码吗？会！But is it safe? Yes; mostly…然后呢\n下一段"
    assert [s.text for s in split_sentences(text)] == [
        "大模型很强。",
        "它会写代码吗？",
        "会！",
        "But is it safe?",
        "Yes;",
        "mostly…",
        "然后呢",
        "下一段",
    ]


def test_decimal_points_and_ids_do_not_end_sentences() -> None:
    assert [s.text for s in split_sentences("Qwen2.5 scored 3.14 points. Next.")] == [
        "Qwen2.5 scored 3.14 points.",
        "Next.",
    ]


def test_a_sentence_ending_in_an_acronym_or_a_name_with_a_capital_ends_there() -> None:
    text = "Northwind invested in OpenAI. The deal closed in May. She holds a PhD. 她后来回国了。"
    assert [s.text for s in split_sentences(text)] == [
        "Northwind invested in OpenAI.",
        "The deal closed in May.",
        "She holds a PhD.",
        "她后来回国了。",
    ]


def test_initials_and_dotted_abbreviations_do_not_end_sentences() -> None:
    text = "J. R. Quill wrote it for the U.S. Navy. It runs on a GPU. it is fast."
    assert [s.text for s in split_sentences(text)] == [
        "J. R. Quill wrote it for the U.S. Navy.",
        "It runs on a GPU. it is fast.",
    ]


def test_chunks_overlap_by_whole_sentences() -> None:
    text = "".join(f"第{i}句话在这里。" for i in range(40))
    chunks = split_into_chunks(text, doc_id="d", max_chars=60, overlap=20)
    assert len(chunks) > 3
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end  # overlap
        assert b.start > a.start  # progress
        assert text[b.start - 1] == "。"  # starts at a sentence boundary


def test_an_overlong_sentence_is_cut_into_windows() -> None:
    text = "字" * 1000
    chunks = split_into_chunks(text, doc_id="d", max_chars=300, overlap=50)
    assert [len(c.text) for c in chunks] == [300, 300, 300, 100]


def test_hard_wrapped_english_lines_stay_one_sentence() -> None:
    text = "Milvus was created by the\ncompany Zilliz in 2019.\nNext line.\n标题\n正文第一句。"
    assert [s.text for s in split_sentences(text)] == [
        "Milvus was created by the\ncompany Zilliz in 2019.",
        "Next line.",
        "标题",
        "正文第一句。",
    ]
