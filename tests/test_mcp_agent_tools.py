"""MCP for agents: described and annotated tools, search filters, the knowledge tools and chat."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.server.mcpserver.exceptions import ToolError

from zhiku import KnowledgeBase
from zhiku.mcp_server import build_server


@pytest.fixture
def server(kb: KnowledgeBase, sample_library: Path) -> Any:
    kb.add([sample_library])
    return build_server(kb)


def _call(server: Any, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = anyio.run(server.call_tool, tool, arguments)
    assert not result.is_error, result.content
    data: dict[str, Any] = result.structured_content or json.loads(result.content[0].text)
    return data


def test_every_tool_and_parameter_is_described_and_annotated(server: Any) -> None:
    tools = {t.name: t for t in anyio.run(server.list_tools)}
    assert set(tools) >= {
        "search",
        "ask",
        "chat",
        "get_document",
        "tags",
        "entity",
        "related",
        "trends",
        "add_url",
    }
    for tool in tools.values():
        assert tool.description and tool.annotations is not None, tool.name
        for name, schema in tool.input_schema.get("properties", {}).items():
            assert schema.get("description"), f"{tool.name}.{name}"
    assert tools["search"].annotations.read_only_hint
    assert (
        not tools["add_url"].annotations.read_only_hint
        and tools["add_url"].annotations.open_world_hint
    )
    assert (
        not tools["chat"].annotations.read_only_hint
        and not tools["chat"].annotations.destructive_hint
    )


def test_search_filters_apply(server: Any) -> None:
    every = _call(server, "search", {"query": "模型 model", "k": 20})["hits"]
    english = _call(server, "search", {"query": "模型 model", "k": 20, "language": "en"})["hits"]
    assert english and len(english) < len(every)
    assert {h["doc_id"] for h in english} < {h["doc_id"] for h in every}


def test_knowledge_tools_answer(server: Any) -> None:
    assert _call(server, "tags", {})["tags"]
    doc_id = _call(server, "search", {"query": "LoRA", "k": 1})["hits"][0]["doc_id"]
    related = _call(server, "related", {"doc_id": doc_id, "k": 3})["related"]
    assert all(r["doc_id"] != doc_id for r in related)
    assert _call(server, "trends", {"kind": "entity"})["kind"] == "entity"
    with pytest.raises(ToolError, match="between 1 and 20"):
        anyio.run(server.call_tool, "related", {"doc_id": doc_id, "k": 500})


def test_chat_carries_the_conversation(server: Any) -> None:
    first = _call(server, "chat", {"question": "What is llama.cpp?"})
    follow = _call(
        server, "chat", {"question": "Who started it?", "conversation_id": first["conversation_id"]}
    )
    assert follow["ordinal"] == 2 and "llama.cpp" in follow["asked"]
