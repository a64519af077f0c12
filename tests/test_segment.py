from zhiku.segment import query_terms, tokenize


def test_traditional_and_simplified_share_tokens() -> None:
    assert tokenize("軟體工程師微調模型") == tokenize("软件工程师微调模型")


def test_full_width_and_case_are_folded() -> None:
    assert tokenize("ＧＰＴ－４ｏ") == tokenize("gpt-4o")


def test_alphanumeric_names_are_kept_whole_and_split() -> None:
    tokens = tokenize("我们用Qwen2.5-7B-Instruct做实验")
    assert "qwen2.5-7b-instruct" in tokens
    assert {"qwen", "7b", "instruct"} <= set(tokens)


def test_english_is_stemmed_and_stopwords_dropped() -> None:
    assert tokenize("The models are running") == ["model", "run"]


def test_query_terms_are_distinct() -> None:
    assert query_terms("模型 模型 model models") == ["模型", "model"]


def test_mixed_text_keeps_order() -> None:
    assert tokenize("RAG 检索增强生成 retrieval") == ["rag", "检索", "增强", "生成", "retriev"]
