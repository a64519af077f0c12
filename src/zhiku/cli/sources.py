"""``zhiku watch DIR`` keeps a folder in sync; ``zhiku sources`` manages live web sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from zhiku.cli.console import JsonFlag, err, open_library, out, print_json, reported_errors
from zhiku.sources.subscriptions import SourceRunner, new_subscription, parse_interval
from zhiku.sources.watch import SyncReport, watch_folder
from zhiku.store.records import Subscription

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
    folder: Annotated[
        Path, typer.Argument(help="The folder to mirror.", exists=True, file_okay=False)
    ],
) -> None:
    """Keep a folder in sync: new and changed files are added, deleted files removed (Ctrl-C stops)."""
    with open_library(ctx) as kb, reported_errors(ctx):
        err.print(f"watching {escape(str(folder))} (Ctrl-C to stop)")
        watch_folder(kb, folder, on_sync=_print_sync)
    err.print("stopped watching; the library matches the folder as of the last change seen")


sources = typer.Typer(
    help="Live sources: feeds, sitemaps and pages polled on a schedule.", no_args_is_help=True
)
commands.add_typer(sources, name="sources")


def _subscription_payload(sub: Subscription) -> dict[str, object]:
    return {
        "id": sub.id,
        "url": sub.url,
        "kind": sub.kind,
        "every_s": sub.every_s,
        "last_run_at": sub.last_run_at,
        "next_run_at": sub.next_run_at,
        "last_status": sub.last_status,
        "last_error": sub.last_error,
        "last_added": sub.last_added,
        "failures": sub.failures,
    }


@sources.command("add")
def add_source(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="A feed, sitemap or page URL.")],
    every: Annotated[str, typer.Option("--every", help="How often: 30m, 6h, 1d, 1w.")] = "6h",
    kind: Annotated[str, typer.Option("--kind", help="auto, feed, sitemap or page.")] = "auto",
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow private, loopback or link-local addresses."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Subscribe to a source; `zhiku sources run` (or `zhiku serve`) polls it."""
    with open_library(ctx) as kb, reported_errors(ctx):
        sub = new_subscription(
            url,
            every_s=parse_interval(every),
            kind=kind,
            allow_private=allow_private,
            now=datetime.now(UTC),
        )
        kb.store.put_subscription(sub)
    if as_json:
        print_json(_subscription_payload(sub))
    else:
        out.print(f"added source {sub.id}: {escape(sub.url)} every {every}")


@sources.command("list")
def list_sources(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Sources with their last run, result and next run."""
    with open_library(ctx) as kb, reported_errors(ctx):
        subs = kb.store.subscriptions()
    if as_json:
        print_json([_subscription_payload(s) for s in subs])
        return
    for s in subs:
        last = (s.last_run_at or "never")[:16]
        out.print(f"[bold]{s.id}[/] {escape(s.url)}  ({s.kind}, every {_interval(s.every_s)})")
        out.print(
            f"    last run {last}: {s.last_status}, {s.last_added} added; next {s.next_run_at[:16]}"
        )
        if s.last_error:
            out.print(f"    [red]{escape(s.last_error)}[/]")
    if not subs:
        out.print("no sources; add one with `zhiku sources add URL --every 6h`")


def _interval(seconds: int) -> str:
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@sources.command("run")
def run_sources(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None, typer.Argument(help="Sources to run (default: those due).")
    ] = None,
    run_all: Annotated[
        bool, typer.Option("--all", help="Run every source now, due or not.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Poll the sources that are due (for cron), or the ones named."""
    with open_library(ctx) as kb, reported_errors(ctx):
        runner = SourceRunner(kb)
        if ids:
            reports = [runner.run(kb.store.subscription(i)) for i in ids]
        else:
            reports = runner.run_due(everything=run_all)
    if as_json:
        print_json([{**_subscription_payload(r.subscription), "added": r.added} for r in reports])
    else:
        for r in reports:
            detail = f": {escape(r.error)}" if r.error else f", {r.added} added"
            out.print(f"{r.subscription.id} {escape(r.subscription.url)} {r.status}{detail}")
        if not reports:
            out.print("no source is due")
    if any(r.status == "error" for r in reports):
        raise typer.Exit(1)


@sources.command("rm")
def remove_sources(
    ctx: typer.Context, ids: Annotated[list[str], typer.Argument(help="Source ids.")]
) -> None:
    """Unsubscribe (documents already added stay)."""
    with open_library(ctx) as kb, reported_errors(ctx):
        for source_id in ids:
            kb.store.delete_subscription(source_id)
            out.print(f"removed source {source_id}")
