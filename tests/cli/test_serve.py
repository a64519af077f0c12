"""`zhiku serve` / `zhiku mcp` wiring: loopback by default, a key required anywhere else."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from zhiku import KnowledgeBase
from zhiku.cli import app


@pytest.fixture
def cli(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The CLI with serve/mcp registered; opening the library yields `kb`; uvicorn is recorded."""
    import uvicorn

    calls: dict[str, Any] = {}
    monkeypatch.setattr(KnowledgeBase, "open", classmethod(lambda cls, settings=None, **kw: kb))
    monkeypatch.setattr(kb, "close", lambda: None)
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: calls.update(app=a, **kw))
    monkeypatch.delenv("ZHIKU_API_KEY", raising=False)
    return calls


def test_every_command_is_registered_once() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert len(names) == len(set(names))
    assert {"add", "search", "ask", "eval", "serve", "mcp", "tags", "trends", "llm"} <= set(names)


def test_serve_defaults_to_loopback_and_prints_the_url(cli: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert "at http://127.0.0.1:8765/" in result.output
    assert cli["host"] == "127.0.0.1" and cli["port"] == 8765


def test_serve_refuses_other_hosts_without_a_key(cli: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0 without an API key" in result.output
    assert "app" not in cli


def test_serve_takes_the_key_from_the_environment(
    cli: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHIKU_API_KEY", "k3y")
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert "http://0.0.0.0:9001/" in result.output
    from fastapi.testclient import TestClient

    client = TestClient(cli["app"])
    assert client.get("/api/documents").status_code == 401
    assert client.get("/api/documents", headers={"X-API-Key": "k3y"}).status_code == 200


def test_serve_says_when_the_port_is_taken(cli: dict[str, Any]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on http://127.0.0.1:{port}/: Address already in use" in result.output
    assert "app" not in cli  # failed before the library was served


@pytest.mark.parametrize(("setting", "warmed"), [(None, True), ("true", True), ("false", False)])
def test_serve_warms_the_one_time_tables_unless_told_not_to(
    cli: dict[str, Any],
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
    setting: str | None,
    warmed: bool,
) -> None:
    from zhiku.cli import serve

    calls: list[str] = []
    monkeypatch.setattr(serve, "warm_tables", lambda: calls.append("warm") or {})
    monkeypatch.setattr(kb, "load_story_index", lambda: calls.append("stories"))
    if setting is not None:
        monkeypatch.setenv("ZHIKU_SERVE_WARM_TABLES", setting)
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls == (["warm", "stories"] if warmed else [])
    assert "app" in cli  # warmed (or not) before it listened
