"""Terminal plumbing shared by the zhiku commands: consoles, JSON output, settings from the
global options, and opening the library with errors turned into one-line messages."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, ConsoleOptions, RenderableType
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.segment import Segment

from zhiku.embedders import Embedder
from zhiku.errors import ZhikuError
from zhiku.knowledge_base import KnowledgeBase
from zhiku.settings import Settings
from zhiku.terminal_text import safe_json, safe_text


class SafeConsole(Console):
    """A rich console that never passes a control character from the data to the terminal:
    styles still render, but text from titles, file names and passages goes through `safe_text`."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterator[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and not segment.text.isprintable():
                yield Segment(safe_text(segment.text), segment.style)
            else:
                yield segment


out = SafeConsole(highlight=False, soft_wrap=True)
err = SafeConsole(stderr=True, highlight=False)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@dataclass(frozen=True, slots=True)
class Injected:
    """What a caller hands the commands instead of what they would load themselves.

    Tests run the commands with a fake embedder by passing one as click's context object:
    ``CliRunner().invoke(app, ["search", "RAG"], obj=Injected(embedder=fake))``.
    """

    embedder: Embedder | None = None


@dataclass
class Context:
    """The global options (and anything injected), on ``ctx.obj`` for every command."""

    home: Path | None
    config: Path | None
    debug: bool
    embedder: Embedder | None = None

    def settings(self) -> Settings:
        return Settings.load(self.config, home=str(self.home) if self.home else None)

    def open_library(self, *, reembed: bool = False) -> KnowledgeBase:
        """The library of these settings, with the injected embedder if there is one."""
        return KnowledgeBase.open(self.settings(), embedder=self.embedder, reembed=reembed)


ProgressReport = Callable[[int, int, str], None]


@contextmanager
def progress_bar(description: str, *, disabled: bool = False) -> Iterator[ProgressReport]:
    """A transient progress bar on stderr; yields ``report(done, total, what)``."""
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(
        *columns, console=err, transient=True, disable=disabled or not err.is_terminal
    ) as progress:
        task = progress.add_task(description, total=None)

        def report(done: int, total: int, what: str) -> None:
            progress.update(task, completed=done, total=total, description=what or description)

        yield report


def cli_context(ctx: typer.Context) -> Context:
    value = ctx.obj
    if not isinstance(value, Context):  # set by the root callback for every command
        raise RuntimeError("zhiku commands run under the zhiku app (zhiku.cli.app)")
    return value


@contextmanager
def open_library(ctx: typer.Context, *, reembed: bool = False) -> Iterator[KnowledgeBase]:
    """Open the library, turning zhiku errors into a one-line message and exit status 1."""
    with reported_errors(ctx), cli_context(ctx).open_library(reembed=reembed) as kb:
        yield kb


def print_json(value: Any) -> None:
    sys.stdout.write(safe_json(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


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
