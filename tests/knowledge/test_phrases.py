from hypothesis import given
from hypothesis import strategies as st

from zhiku.knowledge.phrases import PhraseMatcher, fold_aligned


@given(
    st.text(alphabet=st.sampled_from(list("ａＢc軟體软件ﬁ…ＧＰＴ－４ İ后後龍龙 -x")), max_size=40)
)
def test_folded_spans_stay_inside_the_original(text: str) -> None:
    folded = fold_aligned(text)
    for start in range(len(folded.text)):
        for end in range(start + 1, min(len(folded.text), start + 4) + 1):
            s, e = folded.span(start, end)
            assert 0 <= s <= e <= len(text)


def test_matches_across_scripts_case_and_separators() -> None:
    matcher = PhraseMatcher(
        [
            ("微软", "ms"),
            ("Hugging Face", "hf"),
            ("智谱AI", "zp"),
            ("GPT-4", "g4"),
            ("GPT-4o", "g4o"),
        ]
    )
    text = "微軟、HuggingFace、智谱 AI、GPT-4o 與 gpt 4"
    found = [(text[s:e], p) for s, e, p in matcher.find(text)]
    assert found == [
        ("微軟", "ms"),
        ("HuggingFace", "hf"),
        ("智谱 AI", "zp"),
        ("GPT-4o", "g4o"),
        ("gpt 4", "g4"),
    ]


def test_latin_phrases_need_word_boundaries() -> None:
    matcher = PhraseMatcher([("Meta", "meta"), ("RAG", "rag")])
    assert list(matcher.find("metadata, drag, storage")) == []
    assert [p for _, _, p in matcher.find("Meta的RAG")] == ["meta", "rag"]
