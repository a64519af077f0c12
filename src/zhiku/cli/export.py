"""``zhiku export``: the library as JSONL or Markdown (both importable by ``zhiku add``), and
``zhiku export qa``: grounded question-answer pairs for fine-tuning."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from zhiku.cli.console import err, open_library, reported_errors
from zhiku.errors import InputError
from zhiku.export import (
    QA_FORMATS,
    grounded_pairs,
    library_documents,
    library_records,
    qa_answers,
    write_jsonl,
    write_markdown_folder,
)
from zhiku.llm.client import configured_llm

commands = typer.Typer()
export = typer.Typer(
    help="Write the library out: JSONL (default) or a folder of Markdown notes; "
    "`zhiku export qa` for fine-tuning pairs.",
    invoke_without_command=True,
)
commands.add_typer(export, name="export")

Output = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="File (JSONL) or folder (markdown); default: standard output for JSONL.",
    ),
]


@export.callback()
def export_library(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or markdown.")] = "jsonl",
    vectors: Annotated[
        bool, typer.Option("--vectors", help="Include each chunk's vector (JSONL).")
    ] = False,
    output: Output = None,
) -> None:
    """Every document: clean text, metadata, chunk offsets (and vectors), re-importable."""
    if ctx.invoked_subcommand is not None:
        return
    if fmt not in ("jsonl", "markdown"):
        raise typer.BadParameter(f"{fmt!r}; use jsonl or markdown", param_hint="--format")
    with open_library(ctx) as kb, reported_errors(ctx):
        if fmt == "markdown":
            if output is None:
                raise InputError("--output FOLDER is required for --format markdown")
            count = write_markdown_folder(library_documents(kb), output)
        elif output is None:
            count = write_jsonl(library_records(kb, with_vectors=vectors), sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                count = write_jsonl(library_records(kb, with_vectors=vectors), handle)
    err.print(f"exported {count} documents" + (f" to {output}" if output else ""))


@export.command("qa")
def export_qa(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help=" | ".join(QA_FORMATS))] = "sharegpt",
    per_document: Annotated[
        int, typer.Option("--per-document", help="Questions per document (with an LLM).")
    ] = 2,
    limit: Annotated[int, typer.Option("--limit", help="At most this many pairs.")] = 1000,
    output: Output = None,
) -> None:
    """Grounded question-answer pairs, every answer cited and verified by zhiku.

    With an LLM configured, it writes questions from the library's passages and zhiku answers
    them (verified, cited); without one, the questions asked of this library before (its
    query log) are answered extractively. Abstentions are left out.
    """
    if fmt not in QA_FORMATS:
        raise typer.BadParameter(f"{fmt!r}; use {', '.join(QA_FORMATS)}", param_hint="--format")
    with (
        open_library(ctx) as kb,
        reported_errors(ctx),
        configured_llm(kb.settings) or nullcontext() as model,
    ):
        if model is None:
            err.print("no LLM configured: exporting the logged questions, answered extractively")
        pairs = grounded_pairs(
            qa_answers(kb, llm=model, per_document=per_document, limit=limit), fmt
        )
        if output is None:
            count = write_jsonl(pairs, sys.stdout)
        else:
            with output.open("w", encoding="utf-8") as handle:
                count = write_jsonl(pairs, handle)
    err.print(f"exported {count} question-answer pairs" + (f" to {output}" if output else ""))
