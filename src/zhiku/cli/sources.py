"""``zhiku watch DIR``: keep a folder in sync with the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zhiku.cli.console import err, open_library, out, reported_errors
from zhiku.sources.watch import SyncReport, watch_folder

commands = typer.Typer()


def _print_sync(report: SyncReport) -> None:
    for result in report.results:
        if result.status != "unchanged":
            reason = f": {escape(result.reason)}" if result.reason else ""
            out.print(f"{result.status:<9} {escape(result.origin)}{reason}")
    for path in report.removed:
        out.print(f"{'removed':<9} {escape(path)}")


@commands.command()
def watch(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="The folder to mirror.", exists=True, file_okay=False)],
) -> None:
    """Keep a folder in sync: new and changed files are added, deleted files removed (Ctrl-C stops)."""
    with open_library(ctx) as kb, reported_errors(ctx):
        err.print(f"watching {escape(str(folder))} (Ctrl-C to stop)")
        watch_folder(kb, folder, on_sync=_print_sync)
    err.print("stopped watching; the library matches the folder as of the last change seen")
