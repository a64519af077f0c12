"""The ``zhiku`` Typer app: global options, then every command module's ``commands``.

Each module under `zhiku.cli` declares its commands on its own ``commands = typer.Typer()``;
this is the one place they are added to the app (``add_typer`` without a name merges them).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from zhiku.cli import chat, cluster, core, evaluation, export, knowledge, llm, serve, sources
from zhiku.cli.console import Context, Injected
from zhiku.version import package_version

app = typer.Typer(
    help="zhiku (知库): a local-first knowledge base that answers with citations.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"zhiku {package_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        Path | None, typer.Option("--home", "--db", envvar="ZHIKU_HOME", help="Library directory.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", envvar="ZHIKU_CONFIG", help="TOML config file.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="%(name)s: %(message)s"
    )
    injected = ctx.obj if isinstance(ctx.obj, Injected) else Injected()
    ctx.obj = Context(home, config, debug, embedder=injected.embedder)


for module in (core, chat, sources, export, evaluation, serve, knowledge, llm, cluster):
    app.add_typer(module.commands)


def main() -> None:
    app()
