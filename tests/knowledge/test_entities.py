from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from zhiku.knowledge import KnowledgeKit, extract_entities

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"


def _found(text: str, kit: KnowledgeKit) -> list[tuple[str, str, str]]:
    return [
        (text[m.start : m.end], m.entity_id, m.source)
        for m in extract_entities(text, catalogue=kit.catalogue)
    ]


def test_model_names_links_and_scripts(kit: KnowledgeKit) -> None:
    text = "見 https://github.com/QwenLM/Qwen2.5 ，Qwen2.5-7B-Instruct 勝過 Llama 3.1 與 GPT-4o；DeepSeek-V3 由深度求索發布"
    assert _found(text, kit) == [
        ("https://github.com/QwenLM/Qwen2.5", "project:qwenlm/qwen2.5", "pattern"),
        ("Qwen2.5-7B-Instruct", "model:qwen2.5-7b-instruct", "pattern"),
        ("Llama 3.1", "model:llama-3.1", "pattern"),
        ("GPT-4o", "model:gpt-4o", "catalogue"),
        ("DeepSeek-V3", "model:deepseek-v3", "catalogue"),
        ("深度求索", "org:deepseek", "catalogue"),
    ]


def test_glued_names_and_cross_script_aliases(kit: KnowledgeKit) -> None:
    found = _found("OpenAI科学家AndrejKarpathy表示赞同；輝達與英伟达是同一家。", kit)
    assert [(s, e) for s, e, _ in found] == [
        ("OpenAI", "org:openai"),
        ("AndrejKarpathy", "person:andrej-karpathy"),
        ("輝達", "org:nvidia"),
        ("英伟达", "org:nvidia"),
    ]


def test_ambiguous_words_need_context(kit: KnowledgeKit) -> None:
    assert _found("衣服上的扣子掉了。", kit) == []
    assert [e for _, e, _ in _found("字节跳动的扣子平台可以搭智能体。", kit)] == [
        "org:bytedance",
        "product:coze",
    ]
    assert _found("move the cursor left", kit) == []


def test_pos_names_need_a_signal(kit: KnowledgeKit) -> None:
    found = _found("猎头周屹（化名）说，今年很难。周屹见过很多人。林木很茂盛。", kit)
    assert [(s, e) for s, e, _ in found] == [("周屹", "person:周屹"), ("周屹", "person:周屹")]


def test_urls_are_not_prose(kit: KnowledgeKit) -> None:
    assert (
        _found(
            "[16]https://news.ycombinator.com/item?id=1 and https://research.runwayml.com/x", kit
        )
        == []
    )


def _gold(text: str, entities: dict[str, list[str]]) -> set[tuple[int, int, str]]:
    pairs = sorted(
        ((s, e) for e, surfaces in entities.items() for s in surfaces), key=lambda p: -len(p[0])
    )
    taken = bytearray(len(text) + 1)
    gold = set()
    for surface, entity_id in pairs:
        for m in re.finditer(re.escape(surface), text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                gold.add((m.start(), m.end(), entity_id))
    return gold


def test_labelled_fixtures_meet_the_bars(kit: KnowledgeKit, labels: dict[str, Any]) -> None:
    tp = fp = fn = 0
    for name, label in labels.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        mentions = extract_entities(text, catalogue=kit.catalogue)
        assert all(text[m.start : m.end].strip() == text[m.start : m.end] != "" for m in mentions)
        predicted = {(m.start, m.end, m.entity_id) for m in mentions}
        gold = _gold(text, label["entities"])
        tp, fp, fn = (
            tp + len(gold & predicted),
            fp + len(predicted - gold),
            fn + len(gold - predicted),
        )
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.8
