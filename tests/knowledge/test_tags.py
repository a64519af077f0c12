from __future__ import annotations

from pathlib import Path
from typing import Any

from zhiku.knowledge import KnowledgeKit, extract_keywords, tag_document
from zhiku.knowledge.phrases import phrase_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"


def test_tags_agree_with_labels(kit: KnowledgeKit, labels: dict[str, Any]) -> None:
    agree = 0
    for name, label in labels.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        tags = tag_document(text, "", taxonomy=kit.taxonomy)
        predicted = {t.tag_id for t in tags}
        agree += set(label["tags"]) <= predicted <= set(label["tags"]) | set(label["tags_ok"])
        for tag in tags:
            start, end = tag.evidence
            topic = kit.taxonomy.topics[tag.tag_id]
            assert phrase_key(text[start:end]) in {phrase_key(p) for p in topic.strong + topic.weak}
    assert agree / len(labels) >= 0.85


def test_taxonomy_has_three_scripts(kit: KnowledgeKit) -> None:
    assert len(kit.taxonomy.topics) >= 11
    for topic in kit.taxonomy.topics.values():
        assert topic.label_zh and topic.label_zh_hant and topic.label_en and topic.strong


def test_zh_hant_text_gets_the_same_tags(kit: KnowledgeKit) -> None:
    hans = tag_document(
        "我们用 LoRA 微调开源大模型，再部署到显卡上推理。微调数据要干净。", taxonomy=kit.taxonomy
    )
    hant = tag_document(
        "我們用 LoRA 微調開源大模型，再部署到顯卡上推理。微調資料要乾淨。", taxonomy=kit.taxonomy
    )
    assert [t.tag_id for t in hans][:1] == [t.tag_id for t in hant][:1] == ["fine-tuning"]


def test_keywords_use_library_frequencies() -> None:
    text = "向量数据库 Milvus 与向量检索。Milvus 支持混合检索。检索很重要。"
    plain = [k.term for k in extract_keywords(text, top_k=3)]
    # in this library every document talks about 检索, so it stops being a keyword
    df = {"检索": 1000, "milvus": 1, "向量": 300, "数据库": 300, "支持": 900, "混合": 200}
    library = [k.term for k in extract_keywords(text, top_k=3, df=df, n_docs=1000)]
    assert "检索" in plain and "检索" not in library and library[0] == "milvus"
    assert all(text[k.start : k.end].lower() == k.term for k in extract_keywords(text))


def test_frequency_lookup_reads_on_demand() -> None:
    from zhiku.knowledge.keywords import FrequencyLookup

    asked: list[str] = []
    lookup = FrequencyLookup(lambda term: asked.append(term) or 5)
    extract_keywords("Milvus 向量数据库", df=lookup, n_docs=10)
    assert "milvus" in asked
