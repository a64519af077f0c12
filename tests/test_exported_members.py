import zhiku


def test_public_api_is_pinned() -> None:
    assert sorted(zhiku.__all__) == [
        "Answer",
        "AnswerSentence",
        "Chunk",
        "Citation",
        "Document",
        "Hit",
        "IngestResult",
        "KnowledgeBase",
        "SearchFilters",
        "Settings",
        "Source",
        "ZhikuError",
    ]
    for name in zhiku.__all__:
        assert getattr(zhiku, name).__module__.startswith("zhiku.")
