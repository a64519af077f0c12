"""Terminal plumbing shared by the zhiku commands: consoles, JSON output, settings from the
global options, and opening the library with errors turned into one-line messages."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from zhiku.errors import ZhikuError
from zhiku.knowledge_base import KnowledgeBase
from zhiku.settings import Settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@dataclass
class Context:
    home: Path | None
    config: Path | None
    debug: bool

    def settings(self) -> Settings:
        return Settings.load(self.config, home=str(self.home) if self.home else None)


def cli_context(ctx: typer.Context) -> Context:
    value = ctx.obj
    assert isinstance(value, Context)  # set by the callback; not input validation
    return value


@contextmanager
def open_library(ctx: typer.Context, *, reembed: bool = False) -> Iterator[KnowledgeBase]:
    """Open the library, turning zhiku errors into a one-line message and exit status 1."""
    with reported_errors(ctx), KnowledgeBase.open(cli_context(ctx).settings(), reembed=reembed) as kb:
        yield kb


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")




@contextmanager
def reported_errors(ctx: typer.Context) -> Iterator[None]:
    """Turn a `ZhikuError` into a one-line message and exit status 1 (traceback with --debug)."""
    try:
        yield
    except ZhikuError as error:
        if cli_context(ctx).debug:
            raise
        err.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(1) from None
