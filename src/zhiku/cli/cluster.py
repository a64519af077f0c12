"""Commands for the cluster backends: ``zhiku migrate``."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer
from rich.markup import escape

from zhiku.backends import INDEX_SCHEMES, STORE_SCHEMES
from zhiku.cli.console import cli_context, out, reported_errors
from zhiku.errors import ConfigError
from zhiku.migrate import migrate as migrate_library

commands = typer.Typer()


@commands.command()
def migrate(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Target store: postgresql://USER@HOST:PORT/DB, or a directory for an embedded library.",
        ),
    ],
    index: Annotated[
        str,
        typer.Option(
            "--index",
            help="Target index: milvus://HOST:PORT/COLLECTION; empty for the embedded index.",
        ),
    ] = "",
) -> None:
    """Copy this library into other backends (PostgreSQL + Milvus, or back into an embedded
    library): no re-embedding, counts verified. The target store must be empty."""
    context = cli_context(ctx)
    with reported_errors(ctx):
        source = context.settings()
        if index and not index.startswith(INDEX_SCHEMES):
            raise ConfigError(
                f"--index {index!r}: expected milvus://HOST:PORT/COLLECTION or nothing"
            )
        if to.startswith(STORE_SCHEMES):
            target = dataclasses.replace(source, store=to, index=index)
        else:  # an embedded library in the directory `to` (its index beside it, or Milvus)
            target = dataclasses.replace(source, home=to, store="", index=index)
        done = migrate_library(source, target, embedder=context.embedder)
    for table in done.tables:
        if table.rows:
            out.print(f"{table.table:>16}  {table.rows} rows")
    out.print(
        f"migrated {done.documents} documents, {done.chunks} chunks into {escape(to)}"
        f"{' + ' + escape(index) if index else ''}; {done.indexed} chunks indexed"
    )
