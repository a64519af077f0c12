from zhiku.retrieve import QuerySignals, fuse, lexical_weight, peak


def test_fusion_keeps_a_strong_lexical_winner_on_top() -> None:
    lexical = [(1, 20.0), (2, 5.0), (3, 4.0)]
    dense = [(2, 0.55), (3, 0.50), (1, 0.49), (4, 0.30)]
    fused = fuse(lexical, dense, weight=0.7)
    assert fused[0].key == 1


def test_fusion_with_zero_weight_is_the_dense_order() -> None:
    dense = [(4, 0.9), (2, 0.5), (3, 0.1)]
    assert [f.key for f in fuse([(3, 9.0)], dense, weight=0.0)] == [4, 2, 3]


def test_weight_follows_term_coverage() -> None:
    known = QuerySignals(coverage=1.0, lexical_peak=0.3, dense_peak=0.01)
    unknown = QuerySignals(coverage=0.0, lexical_peak=0.0, dense_peak=0.01)
    assert lexical_weight(known) > 0.5 > lexical_weight(unknown)
    assert 0.0 <= lexical_weight(unknown) <= lexical_weight(known) <= 0.95


def test_peak() -> None:
    assert peak([], relative=True) == 0.0
    assert peak([(1, 10.0), (2, 5.0)], relative=True) == 0.5
    assert abs(peak([(1, 0.6), (2, 0.5)], relative=False) - 0.1) < 1e-9
