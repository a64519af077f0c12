from zhiku.records import Chunk, Hit
from zhiku.search_results import diversified, names_title, shown


def _hit(doc: str, ordinal: int, score: float = 1.0, title: str = "") -> Hit:
    return Hit(
        Chunk(doc, ordinal, ordinal * 100, ordinal * 100 + 50, f"{doc} passage {ordinal}"),
        score,
        title=title or f"Title of {doc}",
        scores={"lexical": score, "dense": score},
    )


def test_at_most_two_passages_of_one_document_in_the_top_five() -> None:
    hits = [
        _hit("a", 0),
        _hit("a", 1),
        _hit("a", 2),
        _hit("a", 3),
        _hit("b", 0),
        _hit("c", 0),
        _hit("d", 0),
    ]
    top = diversified(hits, "some query")
    assert [(h.chunk.doc_id, h.chunk.ordinal) for h in top[:5]] == [
        ("a", 0),
        ("a", 1),
        ("b", 0),
        ("c", 0),
        ("d", 0),
    ]
    assert [(h.chunk.doc_id, h.chunk.ordinal) for h in top[5:]] == [("a", 2), ("a", 3)]


def test_a_query_that_names_the_document_keeps_its_passages() -> None:
    hits = [_hit("a", i, title="Choosing a vector database") for i in range(4)] + [_hit("b", 0)]
    top = diversified(hits, "choosing a vector database: which index?")
    assert [h.chunk.doc_id for h in top[:5]] == ["a", "a", "a", "a", "b"]


def test_the_first_passage_of_every_document_keeps_its_order() -> None:
    hits = [_hit("a", 0), _hit("a", 1), _hit("a", 2), _hit("b", 0), _hit("a", 3), _hit("c", 0)]
    firsts = list(dict.fromkeys(h.chunk.doc_id for h in diversified(hits, "q")))
    assert firsts == ["a", "b", "c"]


def test_no_negative_scores_are_shown() -> None:
    hit = _hit("a", 0, score=-0.25)
    assert shown(hit).score == 0.0 and min(shown(hit).scores.values()) == 0.0
    assert shown(_hit("b", 0, score=0.7)).score == 0.7


def test_names_title_across_scripts() -> None:
    assert names_title("向量資料庫選型", "向量数据库选型指南")
    assert not names_title("AI", "AI engineers in 2026")


def test_search_shows_no_negative_score_and_caps_passages(kb, tmp_path) -> None:  # type: ignore[no-untyped-def]
    long_doc = tmp_path / "long.md"
    long_doc.write_text(
        "\n\n".join(
            f"Vector databases paragraph {i}: vector search with an HNSW index keeps recall high, "
            * 6
            for i in range(8)
        ),
        encoding="utf-8",
    )
    (tmp_path / "other.md").write_text(
        "A short note on vector search in general.", encoding="utf-8"
    )
    for i, topic in enumerate(
        ["BM25 keyword search", "an IVF index", "product quantization", "a graph index"]
    ):
        (tmp_path / f"other{i}.md").write_text(
            f"Vector search with {topic}, compared side by side.", encoding="utf-8"
        )
    kb.add([tmp_path])
    hits = kb.search("vector search index", k=5)
    assert all(h.score >= 0 for h in hits)
    assert all(v >= 0 for h in hits for v in h.scores.values())
    counts: dict[str, int] = {}
    for h in hits[:5]:
        counts[h.chunk.doc_id] = counts.get(h.chunk.doc_id, 0) + 1
    assert max(counts.values()) <= 2
