"""``zhiku eval``: measure retrieval on a BEIR-layout set and answers on a QA set."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from zhiku.cli.console import JsonFlag, cli_context, open_library, out, print_json, reported_errors
from zhiku.evaluate import AnswerReport, evaluate_answers, evaluate_retrieval, load_qa
from zhiku.knowledge_base import MODES

eval_app = typer.Typer(help="Measure retrieval and answer quality.", no_args_is_help=True)
commands = typer.Typer()
commands.add_typer(eval_app, name="eval")


@eval_app.command("retrieval")
def eval_retrieval(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(help="A BEIR-layout folder: corpus.jsonl, queries.jsonl, qrels.tsv.")
    ],
    mode: Annotated[
        list[str] | None,
        typer.Option("--mode", help=f"Modes to run (default all): {', '.join(MODES)}."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N queries.")] = None,
    clean: Annotated[
        bool, typer.Option("--clean", help="Run the crawled-page cleaner on the corpus texts.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Index a BEIR set into a temporary library and print R@1/5/10, MRR@10, nDCG@10, latency."""
    with reported_errors(ctx):
        context = cli_context(ctx)
        reports = evaluate_retrieval(
            directory,
            settings=context.settings(),
            embedder=context.embedder,
            modes=mode or MODES,
            limit=limit,
            clean=clean,
        )
    if as_json:
        print_json([asdict(r) for r in reports])
        return
    table = Table(title=f"{directory.name}: {reports[0].queries if reports else 0} queries")
    for column in ("mode", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "p50 ms", "p95 ms"):
        table.add_column(column, justify="right")
    for r in reports:
        m, lat = r.metrics, r.latency_ms
        table.add_row(
            r.mode,
            *(f"{m[k]:.3f}" for k in ("R@1", "R@5", "R@10", "MRR@10", "nDCG@10")),
            f"{lat['p50_ms']:.2f}",
            f"{lat['p95_ms']:.2f}",
        )
    out.print(table)
    if reports:
        out.print(f"index build {reports[0].build_s:.1f} s")


@eval_app.command("answers")
def eval_answers(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="JSONL: question, answers (list) or answer, answerable (bool); optional evidence, lang, cross_lingual, cross_script."
        ),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Ask every question of a QA set against the current library and score the answers, overall
    and per language pair."""
    with open_library(ctx) as kb, reported_errors(ctx):
        report = evaluate_answers(kb.ask, load_qa(file))
    if as_json:
        print_json(asdict(report))
        return
    table = Table(title=f"{file.name}: {report.questions} questions")
    for column in (
        "answer accuracy",
        "citation precision",
        "abstention precision",
        "abstention recall",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        *(
            f"{v:.3f}"
            for v in (
                report.answer_accuracy,
                report.citation_precision,
                report.abstention_precision,
                report.abstention_recall,
            )
        )
    )
    out.print(table)
    out.print(pair_table(report))
    for failure in report.failures:
        out.print(f"  [dim]- {failure}[/]")


PAIR_COLUMNS = (
    "language pair",
    "questions",
    "answered",
    "accuracy",
    "right document",
    "evidence cited",
    "abstention P",
    "abstention R",
)


def pair_table(report: AnswerReport, title: str = "by language pair") -> Table:
    """The per-language-pair scores (and all questions) as a table; "–" where a rate has no
    question to apply to."""
    table = Table(title=title)
    for column in PAIR_COLUMNS:
        table.add_column(column, justify="right")
    rows = [*report.by_pair.items(), *([("all", report.overall)] if report.overall else [])]
    for pair, s in rows:
        table.add_row(
            pair,
            f"{s.questions} ({s.answerable}+{s.unanswerable})",
            *(
                "–" if v is None else f"{v:.2f}"
                for v in (
                    s.answered,
                    s.answer_accuracy,
                    s.right_document,
                    s.evidence_cited,
                    s.abstention_precision,
                    s.abstention_recall,
                )
            ),
        )
    return table
