from zhiku.retrieve import fuse


def test_a_clear_lexical_winner_survives_small_cosine_differences() -> None:
    lexical = [(1, 20.0), (2, 5.0), (3, 4.0)]
    dense = [(2, 0.55), (3, 0.50), (1, 0.49), (4, 0.30)]
    assert fuse(lexical, dense, coverage=1.0)[0].key == 1


def test_a_close_lexical_race_is_decided_by_the_dense_side() -> None:
    lexical = [(1, 10.0), (2, 9.8)]
    dense = [(2, 0.7), (1, 0.4)]
    assert [f.key for f in fuse(lexical, dense, coverage=1.0)][:2] == [2, 1]


def test_unknown_query_terms_hand_the_ranking_to_the_dense_side() -> None:
    lexical = [(3, 9.0)]  # a stray match on one common word
    dense = [(4, 0.9), (2, 0.5), (3, 0.1)]
    assert [f.key for f in fuse(lexical, dense, coverage=0.05)] == [4, 2, 3]


def test_each_candidate_appears_once_with_its_parts() -> None:
    fused = fuse([(1, 4.0), (2, 2.0)], [(2, 0.8), (5, 0.6)], coverage=1.0)
    assert sorted(f.key for f in fused) == [1, 2, 5]
    by_key = {f.key: f for f in fused}
    assert by_key[2].lexical == 0.5 and by_key[2].dense == 0.8
    assert by_key[1].dense == 0.6  # missed by the dense list: its floor


def test_empty_lists() -> None:
    assert fuse([], [], coverage=0.0) == []
    assert [f.key for f in fuse([], [(7, 0.3)], coverage=0.0)] == [7]


def test_dense_weight_comes_from_the_setting_then_the_embedder() -> None:
    from zhiku.retrieve import dense_weight_of

    assert dense_weight_of(8.0) == 8.0
    assert dense_weight_of(8.0, 2.5) == 2.5
    # a larger weight lets a clear dense winner overturn a close lexical one
    lexical, dense = [(1, 9.0), (2, 8.0)], [(2, 0.82), (1, 0.78)]
    assert next(f.key for f in fuse(lexical, dense, coverage=1.0)) == 1
    assert next(f.key for f in fuse(lexical, dense, coverage=1.0, dense_weight=8.0)) == 2
