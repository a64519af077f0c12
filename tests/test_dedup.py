"""Exact and near-duplicate detection on texts we wrote (imitating reposts with other chrome)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.dedup import (
    NearDuplicateIndex,
    exact_key,
    is_empty_signature,
    shingles,
    signature,
    signature_from_bytes,
    signature_to_bytes,
    similarity,
)
from zhiku.errors import InputError
from zhiku.normalize import to_traditional

ARTICLE = """\
某开源实验室周二发布了新一代中文大语言模型“青岚-2”，参数规模为七百亿，并同时开放了权重与训练代码。
团队介绍，青岚-2 在预训练阶段使用了约八万亿个词元的中英文混合语料，其中代码和数学数据的占比较上一代提高了一倍。
在公开评测中，该模型在中文阅读理解、长文本问答和代码生成三项任务上的得分均超过了同等规模的闭源模型。
研发负责人表示，新模型最大的变化在于推理效率：借助分组查询注意力和更细粒度的量化方案，单张消费级显卡即可运行其四比特版本。
此外，团队还发布了一套面向检索增强生成的工具链，帮助企业把内部文档接入模型，并在回答中给出引用来源。
业内人士认为，开放权重的做法有助于高校和中小企业在本地部署大模型，降低数据外流的风险。
不过也有研究者提醒，模型在事实性问题上仍会出现幻觉，落地时需要配合人工审核和严格的评测流程。
据悉，青岚-2 采用宽松的开源许可证，允许商业使用，但要求使用者在产品说明中注明模型来源。
"""

# the same story reposted by a portal: its own chrome, first line lost, a line break moved
REPOST = """\
首页 > 科技 > 人工智能 > 正文
来源：某某科技网 | 责任编辑：周一鸣 | 阅读 3,412
团队介绍，青岚-2 在预训练阶段使用了约八万亿个词元的中英文混合语料，
其中代码和数学数据的占比较上一代提高了一倍。在公开评测中，该模型在中文阅读理解、长文本问答和代码生成三项任务上的得分均超过了同等规模的闭源模型。
研发负责人表示，新模型最大的变化在于推理效率：借助分组查询注意力和更细粒度的量化方案，单张消费级显卡即可运行其四比特版本。
此外，团队还发布了一套面向检索增强生成的工具链，帮助企业把内部文档接入模型，并在回答中给出引用来源。
业内人士认为，开放权重的做法有助于高校和中小企业在本地部署大模型，降低数据外流的风险。
不过也有研究者提醒，模型在事实性问题上仍会出现幻觉，落地时需要配合人工审核和严格的评测流程。
据悉，青岚-2 采用宽松的开源许可证，允许商业使用，但要求使用者在产品说明中注明模型来源。
分享到：微信 微博 QQ空间
"""

# another article on the same topic, written independently
SAME_TOPIC = """\
国内又一家初创公司加入开源大模型的竞争，其发布的“星衍”系列包含三十亿和一百四十亿两个参数版本。
与其他开源模型相比，星衍更强调端侧部署：三十亿版本经过剪枝和蒸馏后，可以在手机芯片上以每秒二十个词元的速度生成文本。
公司创始人在发布会上说，大模型的竞争正在从拼参数转向拼成本，谁能让推理更便宜，谁就能赢得开发者。
评测数据显示，星衍在中文常识问答上表现不错，但在长文本和代码任务上仍落后于头部开源模型。
该公司计划下半年推出支持图像输入的多模态版本，并与几家手机厂商合作预装。
分析人士指出，开源大模型的数量增长很快，真正能形成开发者生态的项目却不多，许可证和社区运营同样关键。
"""

EN_ARTICLE = """\
A research lab released an open-weight language model on Tuesday, publishing the training code
alongside the weights. The team said the model was trained on eight trillion tokens of mixed
Chinese and English text, with twice as much code and mathematics as the previous version.
On public benchmarks it outperformed closed models of the same size in reading comprehension,
long-document question answering and code generation. The biggest change, according to the
project lead, is inference efficiency: grouped-query attention and finer-grained quantization
let the four-bit version run on a single consumer graphics card. Researchers cautioned that the
model still hallucinates on factual questions and that deployments need human review.
"""

EN_REPOST = """\
Home / News / AI
Posted by staff writer | 4 min read
A research lab released an open-weight language model on Tuesday, publishing the training code
alongside the weights. The team said the model was trained on eight trillion tokens of mixed
Chinese and English text, with twice as much code and mathematics as the previous version.
On public benchmarks it outperformed closed models of the same size in reading comprehension,
long-document question answering and code generation. The biggest change, according to the
project lead, is inference efficiency: grouped-query attention and finer-grained quantization
let the four-bit version run on a single consumer graphics card. Researchers cautioned that the
model still hallucinates on factual questions and that deployments need human review.
Share this story  |  Subscribe to our newsletter
"""

THRESHOLD = NearDuplicateIndex().threshold


def sim(a: str, b: str) -> float:
    return similarity(signature(a), signature(b))


def test_repost_with_other_chrome_is_a_near_duplicate() -> None:
    assert sim(ARTICLE, REPOST) >= THRESHOLD
    assert sim(EN_ARTICLE, EN_REPOST) >= THRESHOLD


def test_traditional_conversion_is_a_near_duplicate() -> None:
    hant = to_traditional(ARTICLE)
    assert hant != ARTICLE
    assert sim(ARTICLE, hant) >= 0.9
    assert sim(to_traditional(REPOST), ARTICLE) >= THRESHOLD


def test_different_articles_on_one_topic_are_not() -> None:
    assert sim(ARTICLE, SAME_TOPIC) < 0.2
    assert sim(ARTICLE, EN_ARTICLE) < 0.2  # a translation is a different text, not a repost


def test_short_text_sharing_a_paragraph_with_a_long_one_is_not() -> None:
    # Jaccard of a contained text is |short| / |long|: an excerpt is not a copy of the story,
    # and linking them would hide the rest of the long article behind the short one.
    excerpt = ARTICLE.splitlines()[3]
    assert shingles(excerpt) <= shingles(ARTICLE)
    assert sim(excerpt, ARTICLE) < THRESHOLD


def test_shingles_ignore_punctuation_width_case_and_line_breaks() -> None:
    assert shingles("ＧＰＴ－４o 是一个\n多模态模型。") == shingles("gpt-4O 是一个多模态模型")
    assert shingles("The new model") == {"the new model"}
    assert shingles("短文") == {"短文"}
    assert shingles("，。！  \n") == set()


def test_mixed_text_gets_both_kinds_of_shingles() -> None:
    found = shingles("智谱发布新模型 and it runs locally on laptops")
    assert "智谱发布新" in found
    assert "runs locally on" in found


def test_exact_key_is_the_exact_duplicate_key() -> None:
    assert exact_key("ＧＰＴ－４o 軟體  發布") == exact_key("GPT-4o 软件 发布")
    assert exact_key("a  b\n") == exact_key("A b")
    assert exact_key(ARTICLE) != exact_key(REPOST)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_a_text_is_its_own_near_duplicate(text: str) -> None:
    assert similarity(signature(text), signature(text)) == 1.0


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_signature_round_trips_through_bytes(text: str) -> None:
    sig = signature(text)
    assert sig.dtype == np.uint32 and sig.shape == (128,)
    blob = signature_to_bytes(sig)
    assert len(blob) == 512
    assert np.array_equal(signature_from_bytes(blob), sig)


def test_signature_is_stable_across_calls_and_sizes() -> None:
    assert np.array_equal(signature(ARTICLE), signature(ARTICLE))
    assert signature(ARTICLE, num_perm=64).shape == (64,)


def test_empty_text_has_an_empty_signature_that_matches_nothing() -> None:
    empty = signature("—— ……")
    assert is_empty_signature(empty)
    index = NearDuplicateIndex()
    index.add("blank", empty)
    index.add("a", signature(ARTICLE))
    assert "blank" not in index
    assert index.query(empty) == []
    assert index.query(signature("？？？")) == []


def test_index_finds_reposts_best_first_and_forgets_removed() -> None:
    index = NearDuplicateIndex.from_signatures(
        [
            ("original", signature(ARTICLE)),
            ("other", signature_to_bytes(signature(SAME_TOPIC))),
            ("hant", signature(to_traditional(ARTICLE))),
            ("en", signature(EN_ARTICLE)),
        ]
    )
    assert len(index) == 4
    found = index.query(signature(REPOST))
    assert [doc_id for doc_id, _ in found][:2] in (["original", "hant"], ["hant", "original"])
    assert all(score >= index.threshold for _, score in found)
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    assert "other" not in {doc_id for doc_id, _ in found}
    assert index.query(signature(EN_REPOST))[0][0] == "en"

    index.remove("original")
    index.remove("never-added")
    assert [doc_id for doc_id, _ in index.query(signature(ARTICLE))] == ["hant"]


def test_adding_an_id_again_replaces_its_signature() -> None:
    index = NearDuplicateIndex()
    index.add("d", signature(ARTICLE))
    index.add("d", signature(SAME_TOPIC))
    assert index.query(signature(ARTICLE)) == []
    assert index.query(signature(SAME_TOPIC))[0] == ("d", 1.0)


def test_bad_signatures_and_thresholds_are_input_errors() -> None:
    with pytest.raises(InputError, match="different sizes"):
        similarity(signature("abc def ghi"), signature("abc def ghi", num_perm=64))
    with pytest.raises(InputError, match="the index uses 128"):
        NearDuplicateIndex().add("x", signature("abc def ghi", num_perm=64))
    with pytest.raises(InputError, match="multiple of 4 bytes"):
        signature_from_bytes(b"abc")
    with pytest.raises(InputError, match="threshold"):
        NearDuplicateIndex(threshold=1.5)


def test_the_signature_of_a_long_text_does_not_depend_on_the_block_size(monkeypatch) -> None:
    import numpy as np

    from zhiku import dedup

    text = (
        "大模型的上下文窗口越来越长，检索仍然重要。" * 700
        + " retrieval still matters for long context" * 300
    )
    blocked = dedup.signature(text)
    monkeypatch.setattr(dedup, "_SIGNATURE_BLOCK", 10**9)
    assert np.array_equal(blocked, dedup.signature(text))


def _datasketch_query(
    lsh: object, sigs: dict[str, np.ndarray], sig: np.ndarray, threshold: float
) -> list[tuple[str, float]]:
    """What NearDuplicateIndex answered when it kept a datasketch MinHashLSH."""
    from datasketch import MinHash

    from zhiku.dedup import SCHEME, SEED, _template

    minhash = MinHash(
        seed=SEED, hashvalues=sig, permutations=_template(len(sig)).permutations, scheme=SCHEME
    )
    found = [(d, similarity(sig, sigs[d])) for d in lsh.query(minhash)]  # type: ignore[attr-defined]
    return sorted(
        ((d, s) for d, s in found if s >= threshold), key=lambda pair: (-pair[1], pair[0])
    )


def _variants(count: int, seed: int) -> list[np.ndarray]:
    """Signatures in families: each a random base with 0-100 of its 128 values changed, so
    some share one band, some several, some none."""
    rng = np.random.default_rng(seed)
    sigs = []
    while len(sigs) < count:
        base = rng.integers(0, 2**32 - 1, size=128, dtype=np.uint64).astype(np.uint32)
        for changed in rng.integers(0, 100, size=8):
            sig = base.copy()
            where = rng.choice(128, size=int(changed), replace=False)
            sig[where] = rng.integers(0, 2**32 - 1, size=len(where), dtype=np.uint64)
            sigs.append(sig)
    return sigs[:count]


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_the_band_index_answers_as_datasketchs_lsh(threshold: float) -> None:
    from datasketch import MinHash, MinHashLSH

    from zhiku.dedup import SCHEME, SEED, _template

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    index = NearDuplicateIndex(threshold=threshold)
    sigs: dict[str, np.ndarray] = {}
    stored = _variants(6000, seed=7)  # > the arrays' merge size: arrays and recent dict both
    for i, sig in enumerate(stored):
        doc_id = f"d{i}"
        sigs[doc_id] = sig
        index.add(doc_id, sig)
        lsh.insert(
            doc_id,
            MinHash(
                seed=SEED, hashvalues=sig, permutations=_template(128).permutations, scheme=SCHEME
            ),
        )
    for i in range(0, 6000, 3):  # removals, then some ids added again with new signatures
        index.remove(f"d{i}")
        lsh.remove(f"d{i}")
        del sigs[f"d{i}"]
    for i, sig in zip(range(0, 600, 3), _variants(200, seed=8), strict=True):
        sigs[f"d{i}"] = sig
        index.add(f"d{i}", sig)
        lsh.insert(
            f"d{i}",
            MinHash(
                seed=SEED, hashvalues=sig, permutations=_template(128).permutations, scheme=SCHEME
            ),
        )
    queries = stored[::7] + _variants(300, seed=9)
    answers = [index.query(q) for q in queries]
    assert answers == [_datasketch_query(lsh, sigs, q, threshold) for q in queries]
    assert sum(len(a) > 1 for a in answers) > 30  # families were found, not only self-matches


def test_the_band_index_is_a_fraction_of_datasketchs_memory() -> None:
    import tracemalloc

    from datasketch import MinHash, MinHashLSH

    from zhiku.dedup import SCHEME, SEED, _template

    stored = _variants(2000, seed=3)
    tracemalloc.start()
    try:
        index = NearDuplicateIndex()
        start = tracemalloc.get_traced_memory()[0]
        for i, sig in enumerate(stored):
            index.add(f"d{i}", sig)
        ours = tracemalloc.get_traced_memory()[0] - start
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        minhashes = [
            MinHash(
                seed=SEED, hashvalues=s, permutations=_template(128).permutations, scheme=SCHEME
            )
            for s in stored
        ]
        start = tracemalloc.get_traced_memory()[0]
        for i, minhash in enumerate(minhashes):
            lsh.insert(f"d{i}", minhash)
        theirs = tracemalloc.get_traced_memory()[0] - start
    finally:
        tracemalloc.stop()
    # ours includes the signatures themselves (~0.6 KiB a document), theirs only the tables
    print(f"band index {ours / 2000:.0f} B a document, MinHashLSH {theirs / 2000:.0f} B")
    assert ours < theirs / 3, (ours, theirs)
