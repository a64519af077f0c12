"""MCP wiring in-process: the top_k setting applies, and the server does not load the web package
(the stdio round trip with the real model: test_mcp_server.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.mcp_server import build_server


def _call(server: Any, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = anyio.run(server.call_tool, tool, arguments)
    assert not result.is_error, result.content
    data: dict[str, Any] = result.structured_content or json.loads(result.content[0].text)
    return data


@pytest.mark.parametrize(("top_k", "k", "expected"), [(2, None, 2), (3, None, 3), (2, 4, 4)])
def test_search_reads_top_k_from_the_settings_unless_given(
    isolated_home: Path,
    fake_embedder: Any,
    sample_library: Path,
    top_k: int,
    k: int | None,
    expected: int,
) -> None:
    with KnowledgeBase.open(
        Settings(home=str(isolated_home), top_k=top_k), embedder=fake_embedder
    ) as kb:
        kb.add([sample_library])
        server = build_server(kb)
        arguments: dict[str, Any] = (
            {"query": "模型 model"} if k is None else {"query": "模型 model", "k": k}
        )
        assert len(_call(server, "search", arguments)["hits"]) == expected
        assert not _call(server, "ask", {"question": "什么是检索增强生成？"})["abstained"]


def test_the_mcp_server_does_not_load_the_web_package() -> None:
    import subprocess
    import sys

    code = (
        "import sys, zhiku.mcp_server; "
        "print(sorted(m for m in sys.modules if m.startswith(('zhiku.api', 'fastapi'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
