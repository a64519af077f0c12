"""Run ``zhiku`` commands in-process with the fake embedder (``ZHIKU_HOME`` is a tmp folder)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from typer.testing import CliRunner

from zhiku.cli import app
from zhiku.cli.console import Injected
from zhiku.embedders import Embedder

Zhiku = Callable[..., Result]


@pytest.fixture
def zhiku(fake_embedder: Embedder) -> Zhiku:
    """``zhiku("search", "RAG", code=0)``: the command's result, its exit code checked
    (``input=`` is typed on standard input)."""
    runner = CliRunner()

    def run(*args: str, code: int | None = 0, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), obj=Injected(embedder=fake_embedder), input=input)
        if code is not None:
            assert result.exit_code == code, result.output
        return result

    return run
