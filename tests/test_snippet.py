from zhiku.snippet import make_snippet, match_spans


def test_match_spans_find_folded_terms_at_original_offsets() -> None:
    text = "新發佈的ＧＰＴ模型在軟體工程上表現很好"
    spans = match_spans(text, "gpt 发布")
    assert [text[s:e] for s, e in spans] == ["發佈", "ＧＰＴ"]


def test_english_terms_match_by_stem_and_repeats_collapse() -> None:
    text = "Retrieval augmented generation"
    spans = match_spans(text, "retrieval retrieval augmented")
    assert [text[s:e] for s, e in spans] == ["Retriev", "augment"]


def test_snippet_window_centres_on_the_first_match() -> None:
    text = "x" * 500 + " vector index " + "y" * 500
    snippet = make_snippet(text, "vector", width=100)
    assert len(snippet.text) == 100
    (start, end), = snippet.marks
    assert snippet.text[start:end] == "vector"
    assert text[snippet.start + start : snippet.start + end] == "vector"


def test_no_match_gives_the_start_of_the_text() -> None:
    snippet = make_snippet("alpha beta gamma", "delta")
    assert snippet.text == "alpha beta gamma" and snippet.marks == () and snippet.start == 0


def test_characters_that_expand_under_nfkc_keep_offsets() -> None:
    text = "㍿ company ﬁle and the file"  # both expand to several characters under NFKC
    spans = match_spans(text, "file")
    assert [text[s:e] for s, e in spans] == ["file"]
