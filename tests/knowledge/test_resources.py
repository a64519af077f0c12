from __future__ import annotations

from pathlib import Path

from zhiku.knowledge import KnowledgeKit, analyze_document, load_resources, match_resources


def test_links_and_mentions_give_reasons_and_evidence(kit: KnowledgeKit) -> None:
    text = "我们比较了 Dify 和 RAGFlow 两个知识库项目，最后用 Dify 搭了 RAG 检索增强生成，见 github.com/labring/FastGPT 。"
    knowledge = analyze_document(text, kit=kit, links=["https://github.com/labring/FastGPT"])
    matches = match_resources(
        knowledge.entities, knowledge.tags, text, catalogue=kit.resources, links=knowledge.links
    )
    by_name = {m.resource.name: m for m in matches}
    assert {"Dify", "RAGFlow", "FastGPT"} <= set(by_name)
    assert by_name["Dify"].reason.startswith("mentions Dify")
    start, end = by_name["Dify"].evidence  # type: ignore[misc]
    assert text[start:end] == "Dify"
    assert "linked from the text" in by_name["FastGPT"].reason
    start, end = by_name["FastGPT"].evidence  # type: ignore[misc]
    assert text[start:end].lower() == "github.com/labring/fastgpt"
    assert matches[0].score >= matches[-1].score


def test_links_from_removed_blocks_only_support_topics(kit: KnowledgeKit) -> None:
    # a careers article whose site appended AI-generated project links (seed 004's shape)
    text = "转行做 AI 产品经理：秋招、面试、简历和岗位要求都变了，转行者要先做项目。"
    knowledge = analyze_document(text, kit=kit)
    links = ["https://github.com/langgenius/dify", "https://github.com/labring/FastGPT"]
    names = {
        m.resource.name
        for m in match_resources(
            knowledge.entities, knowledge.tags, text, catalogue=kit.resources, links=links
        )
    }
    assert not names & {"Dify", "FastGPT"}


def test_off_topic_documents_get_nothing(kit: KnowledgeKit) -> None:
    text = "今天天气很好，我们去公园散步，晚上吃了火锅。"
    knowledge = analyze_document(text, kit=kit)
    assert match_resources(knowledge.entities, knowledge.tags, text, catalogue=kit.resources) == []


def test_user_resources(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        '[{"name": "My course", "kind": "course", "url": "https://example.org/c", "tags": ["rag"]}]',
        encoding="utf-8",
    )
    catalogue = load_resources(path)
    mine = [r for r in catalogue.resources if r.name == "My course"]
    assert mine and mine[0].origin == str(path)
