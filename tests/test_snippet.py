from zhiku.snippet import make_snippet, match_spans


def test_match_spans_find_folded_terms_at_original_offsets() -> None:
    text = "新發佈的ＧＰＴ模型在軟體工程上表現很好"
    spans = match_spans(text, "gpt 发布")
    assert [text[s:e] for s, e in spans] == ["發佈", "ＧＰＴ"]


def test_english_terms_match_by_stem_and_mark_the_whole_word() -> None:
    text = "Retrieval augmented generation"
    spans = match_spans(text, "retrieval retrieval augmented")
    assert [text[s:e] for s, e in spans] == ["Retrieval", "augmented"]


def test_latin_terms_are_highlighted_on_whole_tokens_only() -> None:
    text = "LangChain again helps AI teams; AIGC is different."
    spans = match_spans(text, "ai")
    assert [text[s:e] for s, e in spans] == ["AI"]


def test_a_part_of_a_glued_name_and_a_versioned_name_are_whole_tokens() -> None:
    text = "Use LangChain with GPT-4o on a chain"
    spans = match_spans(text, "chain gpt-4o")
    assert [text[s:e] for s, e in spans] == ["Chain", "GPT-4o", "chain"]


def test_chinese_terms_still_match_inside_runs() -> None:
    text = "我们的AI工程师团队"
    spans = match_spans(text, "工程师")
    assert [text[s:e] for s, e in spans] == ["工程师"]


def test_snippet_window_centres_on_the_first_match() -> None:
    text = "x" * 500 + " vector index " + "y" * 500
    snippet = make_snippet(text, "vector", width=100)
    assert len(snippet.text) == 100
    ((start, end),) = snippet.marks
    assert snippet.text[start:end] == "vector"
    assert text[snippet.start + start : snippet.start + end] == "vector"


def test_no_match_gives_the_start_of_the_text() -> None:
    snippet = make_snippet("alpha beta gamma", "delta")
    assert snippet.text == "alpha beta gamma" and snippet.marks == () and snippet.start == 0


def test_characters_that_expand_under_nfkc_keep_offsets() -> None:
    text = "㍿ company ﬁle and the file"  # both expand to several characters under NFKC
    spans = match_spans(text, "file")
    assert [text[s:e] for s, e in spans] == ["file"]
