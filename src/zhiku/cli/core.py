"""The core commands (add, search, ask, docs, show, rm, clean, reindex, demo): thin Typer
commands over `KnowledgeBase`, rendered with rich."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from zhiku.cli.console import (
    JsonFlag,
    cli_context,
    err,
    open_library,
    out,
    print_json,
    progress_bar,
    reported_errors,
)
from zhiku.errors import InputError, NotFound
from zhiku.ingest import clean_input
from zhiku.knowledge_base import MODES, fetch_urls
from zhiku.llm.client import answer_llm
from zhiku.payloads import answer_payload, document_payload, hit_payload, ingest_payload
from zhiku.records import Answer, SearchFilters
from zhiku.snippet import make_snippet
from zhiku.sources.files import iter_files, read_file
from zhiku.sources.web.address import PRIVATE_REFUSED

commands = typer.Typer()


@commands.command()
def add(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (.txt .md .html .jsonl) or http(s) URLs."),
    ] = None,
    feed: Annotated[
        list[str] | None,
        typer.Option("--feed", help="An RSS/Atom feed: ingest every article it links."),
    ] = None,
    sitemap: Annotated[
        list[str] | None, typer.Option("--sitemap", help="A sitemap: ingest every page it lists.")
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow URLs on private, loopback or link-local addresses."
        ),
    ] = False,
    no_clean: Annotated[
        bool, typer.Option("--no-clean", help="Index text as it is (no chrome removal).")
    ] = False,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Read, clean, chunk and embed files on Ray workers: 'local' (a Ray on this machine) or a cluster address (ray://HOST:10001, auto). zhiku[cluster].",
        ),
    ] = None,
    ray_workers: Annotated[
        int, typer.Option("--ray-workers", help="Ray workers (CPUs each) that prepare and embed.")
    ] = 2,
    as_json: JsonFlag = False,
) -> None:
    """Ingest files, folders and web pages; re-adding unchanged content is a no-op."""
    targets = paths or []
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    files = [Path(t) for t in targets if t not in urls]
    if not (targets or feed or sitemap):
        err.print("[red]error:[/] nothing to add: give files, folders, URLs, --feed or --sitemap")
        raise typer.Exit(2)
    done = [0]
    with open_library(ctx) as kb, progress_bar("reading", disabled=as_json) as progress:

        def report(finished: int, total: int, origin: str) -> None:
            done[0] = finished
            progress(finished, total, f"ingesting {Path(origin).name[:40]}")

        try:
            if ray is not None and files:
                from zhiku.ray_ingest import add_with_ray

                results = add_with_ray(
                    kb,
                    files,
                    address=None if ray == "local" else ray,
                    workers=ray_workers,
                    clean=not no_clean,
                    embedder=cli_context(ctx).embedder,
                    on_progress=lambda finished, total: report(finished, total, "on Ray workers"),
                )
            else:
                results = kb.add(files, clean=not no_clean, on_progress=report) if files else []
            if urls or feed or sitemap:
                results += kb.add_urls(
                    urls,
                    feeds=feed or [],
                    sitemaps=sitemap or [],
                    allow_private=allow_private,
                    on_progress=report,
                )
        except KeyboardInterrupt:
            err.print(
                f"interrupted after {done[0]} inputs; everything before is stored. Run the same "
                "command again to finish: what is stored already is reported as unchanged"
            )
            raise typer.Exit(130) from None
    if as_json:
        print_json([ingest_payload(r) for r in results])
    else:
        _render_ingest(results)
        if any(PRIVATE_REFUSED in r.reason for r in results):
            err.print("hint: pass --allow-private to fetch from your own machine or network")
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _render_ingest(results: list[Any], *, title: str = "zhiku add") -> None:
    counts = Counter(r.status for r in results)
    summary = Table(title=title, show_header=True)
    statuses = ("added", "updated", "unchanged", "duplicate", "skipped", "failed")
    for status in statuses:
        summary.add_column(status, justify="right")
    summary.add_row(*(str(counts.get(s, 0)) for s in statuses))
    out.print(summary)
    failed = [r for r in results if r.status in ("failed", "duplicate", "skipped") or r.reason]
    if failed:
        table = Table(show_header=True, header_style="bold")
        table.add_column("input")
        table.add_column("status")
        table.add_column("reason")
        for r in failed:
            table.add_row(escape(r.origin), r.status, escape(r.reason))
        out.print(table)


@commands.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="What to look for (Chinese, English or both).")],
    k: Annotated[
        int | None, typer.Option("-k", "--top", help="Number of passages (default: setting top_k).")
    ] = None,
    mode: Annotated[str, typer.Option(help=f"One of {', '.join(MODES)}.")] = "hybrid",
    tag: Annotated[
        str | None,
        typer.Option("--tag", help="Only documents with this tag (id or label; `zhiku tags`)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Ranked passages with their document, source, score and highlighted terms."""
    with open_library(ctx) as kb:
        hits = kb.search(query, k=k, mode=mode, filters=SearchFilters(tag=tag) if tag else None)
    if as_json:
        print_json(
            {
                "query": query,
                "mode": mode,
                "hits": [hit_payload(i, h, query) for i, h in enumerate(hits, 1)],
            }
        )
        return
    if not hits:
        out.print("No passages found.")
    for rank, hit in enumerate(hits, start=1):
        where = hit.url or hit.path or ""
        out.print(
            Text.assemble(
                (f"{rank}. ", "bold"),
                (hit.title, "bold cyan"),
                f"  [{hit.source}]  ",
                (f"score {hit.score:.3f}", "dim"),
            )
        )
        out.print(
            Text(
                f"   {hit.chunk.doc_id}  {where}  chars {hit.chunk.start}–{hit.chunk.end}",
                style="dim",
            )
        )
        out.print(_highlighted(hit.chunk.text, query))
        if hit.also_in:
            where_else = "; ".join(f"{s.source}: {s.url or s.path or s.title}" for s in hit.also_in)
            out.print(Text(f"   also in: {where_else}", style="dim"))
        out.print()


def _highlighted(text: str, query: str) -> Text:
    snippet = make_snippet(text.replace("\n", " "), query)
    rendered = Text("   " + ("…" if snippet.start else ""))
    cursor = 0
    for start, end in snippet.marks:
        rendered.append(snippet.text[cursor:start])
        rendered.append(snippet.text[start:end], style="bold yellow")
        cursor = end
    rendered.append(
        snippet.text[cursor:] + ("…" if snippet.start + len(snippet.text) < len(text) else "")
    )
    return rendered


@commands.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="A question in Chinese or English.")],
    k: Annotated[
        int | None, typer.Option("-k", "--top", help="Passages to read (default: setting top_k).")
    ] = None,
    llm: Annotated[
        bool,
        typer.Option("--llm", help="Generate the answer with the configured LLM, then verify it."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """An answer whose every sentence cites its passage, or 'not found'."""
    with (
        open_library(ctx) as kb,
        reported_errors(ctx),
        answer_llm(kb.settings, "llm" if llm else None) or nullcontext() as model,
    ):
        if model is None or as_json:
            answer = kb.ask(question, k=k, llm=model)
        else:
            answer = _streamed(kb.ask_stream(question, llm=model, k=k))
    if as_json:
        print_json(answer_payload(answer))
    else:
        render_answer(answer, generated=model is not None)


def _streamed(events: Iterator[Any]) -> Answer:
    """Show the model's draft as it arrives (dim), then return the verified answer."""
    answer = None
    for event in events:
        if isinstance(event, str):
            err.print(escape(event), end="", style="dim")
        elif isinstance(event, Answer):
            answer = event
    err.print()
    if answer is None:
        raise RuntimeError("ask_stream ended without an answer")
    return answer


def render_answer(answer: Answer, *, generated: bool = False) -> None:
    """The answer, and for a generated one what the verifier did (as the web UI shows it)."""
    if answer.abstained:
        out.print(f"[bold]The library does not answer this.[/] {escape(answer.reason)}")
        if generated:
            out.print("[dim]Mode: language model (its draft was checked against the sources).[/]")
        _render_removed(answer)
        return
    for sentence in answer.sentences:
        marks = "".join(f"[{n}]" for n in sentence.citations)
        out.print(Text.assemble(sentence.text, (marks, "bold cyan")))
    out.print()
    if generated:
        out.print("[dim]Written by the language model, then checked against the sources.[/]")
    if answer.reason:
        out.print(f"[dim]Verifier: {escape(answer.reason)}[/]")
    _render_removed(answer)
    if generated or answer.reason or answer.removed:
        out.print()
    out.print("[bold]Sources[/]")
    for c in answer.citations:
        where = c.url or c.path or c.doc_id
        page = f"p. {c.page}, " if c.page else ""
        span = (
            f"{page}chars {c.start}–{c.end}"
            if c.field is None
            else _field_span(c.field, c.raw_line)
        )
        out.print(f"  [{c.number}] {escape(c.title)} — {escape(where)} ({span}, doc {c.doc_id})")


def _render_removed(answer: Answer) -> None:
    if not answer.removed:
        return
    out.print("[bold]Removed: not supported by the sources[/]")
    for s in answer.removed:
        what = {"cut": "part cut", "off_question": "does not answer the question"}.get(
            s.status, f"support {s.support:.2f}"
        )
        out.print(Text.assemble("  ", (s.text, "strike"), (f"  ({what})", "dim")))


@commands.command("docs")
def list_documents(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """List the documents in the library."""
    with open_library(ctx) as kb:
        docs = kb.documents(limit=limit, offset=offset)
        total = kb.store.count_documents()
    if as_json:
        print_json({"total": total, "documents": [document_payload(d) for d in docs]})
        return
    table = Table(title=f"{total} documents")
    for column in ("id", "title", "source", "script", "chars", "added"):
        table.add_column(column)
    for d in docs:
        table.add_row(
            d.id,
            escape(d.title[:60]),
            escape(d.source[:30]),
            d.script,
            str(len(d.text)),
            d.added_at[:10],
        )
    out.print(table)


@commands.command()
def show(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    as_json: JsonFlag = False,
) -> None:
    """Print one document's metadata and clean text."""
    with open_library(ctx) as kb:
        doc = kb.get(doc_id)
    if as_json:
        print_json(document_payload(doc, with_text=True))
        return
    out.print(f"[bold]{escape(doc.title)}[/]  ({doc.id}, {doc.script}, {escape(doc.source)})")
    if doc.url or doc.path:
        out.print(escape(doc.url or doc.path or ""), style="dim")
    out.print()
    out.print(escape(doc.text))


MISSING_EXIT = 3  # `zhiku rm`: every known id deleted, some ids were not in the library


@commands.command("rm")
def remove(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids.")],
    as_json: JsonFlag = False,
) -> None:
    """Delete documents and everything derived from them; unknown ids are reported and skipped
    (exit status 3), so an interrupted rm can be run again."""
    deleted: list[str] = []
    missing: list[str] = []
    with open_library(ctx) as kb:
        for doc_id in dict.fromkeys(doc_ids):
            try:
                kb.delete(doc_id)
            except NotFound:
                missing.append(doc_id)
                if not as_json:
                    err.print(f"[yellow]not found:[/] {escape(doc_id)} (skipped)")
                continue
            deleted.append(doc_id)
            if not as_json:
                out.print(f"deleted {escape(doc_id)}")
    if as_json:
        print_json({"deleted": deleted, "missing": missing})
    elif missing:
        err.print(f"{len(deleted)} deleted, {len(missing)} not in the library")
    if missing:
        raise typer.Exit(MISSING_EXIT)


@commands.command()
def reingest(
    ctx: typer.Context,
    doc_ids: Annotated[list[str], typer.Argument(help="Document ids.")],
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow URLs on private, loopback or link-local addresses."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Read documents' files or URLs again and ingest them as `add` does."""
    with open_library(ctx) as kb:
        results = kb.reingest(doc_ids, allow_private=allow_private)
    if as_json:
        print_json([ingest_payload(r) for r in results])
    else:
        _render_ingest(results, title="zhiku reingest")
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


@commands.command("clean")
def clean_page(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(help="A saved page (.txt, .html, .md) or an http(s) URL.")
    ],
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Also print every removed line and the step that removed it."),
    ] = False,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow a URL on a private or loopback address.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Preview what cleaning keeps from a crawled page (nothing is stored)."""
    with reported_errors(ctx):
        settings = cli_context(ctx).settings()
        if source.startswith(("http://", "https://")):
            items = fetch_urls([source], allow_private=allow_private)
        else:
            items = [
                i
                for f in iter_files(Path(source))
                for i in read_file(f.resolve(), max_bytes=settings.max_file_bytes)
            ]
        if not items:
            raise InputError("no readable page", path=str(source))
        first = items[0]
        if isinstance(first, InputError):
            raise first
        cleaned = clean_input(first)
    if as_json:
        print_json(
            {
                "text": cleaned.text,
                "title": cleaned.title,
                "author": cleaned.author,
                "published": cleaned.published,
                "source": cleaned.source,
                "url": cleaned.url,
                "translator": cleaned.translator,
                "editor": cleaned.editor,
                "links": list(cleaned.links),
                "removed": [
                    {"step": r.step, "text": r.text, "reason": r.reason} for r in cleaned.removed
                ],
            }
        )
        return
    for label, value in (
        ("title", cleaned.title),
        ("author", cleaned.author),
        ("translator", cleaned.translator),
        ("editor", cleaned.editor),
        ("published", cleaned.published),
        ("source", cleaned.source),
        ("url", cleaned.url),
    ):
        if value:
            out.print(f"[dim]{label}:[/] {escape(value)}")
    out.print()
    out.print(escape(cleaned.text) if cleaned.text else "[yellow]no article text found[/]")
    if diff:
        out.print()
        table = Table(title=f"removed ({len(cleaned.removed)})")
        for column in ("step", "removed text", "why"):
            table.add_column(column)
        for r in cleaned.removed:
            table.add_row(r.step, escape(r.text[:120]), escape(r.reason))
        out.print(table)


@commands.command()
def reindex(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Rebuild the search indexes from the stored documents, re-embedding them when the
    embedder (or sentence_vectors) chosen differs from the one the library was built with."""
    with (
        open_library(ctx, reembed=True) as kb,
        progress_bar("reindexing", disabled=as_json) as report,
    ):
        try:
            chunks = kb.reindex(on_progress=report)
        except KeyboardInterrupt:
            err.print(
                "interrupted: the indexes are incomplete; run `zhiku reindex` again to finish"
            )
            raise typer.Exit(130) from None
        documents, embedder = kb.store.count_documents(), kb.embedder.name
    if as_json:
        print_json({"chunks": chunks, "documents": documents, "embedder": embedder})
    else:
        out.print(f"reindexed {chunks} chunks of {documents} documents ({embedder})")


@commands.command()
def demo(
    ctx: typer.Context,
    question: Annotated[
        str, typer.Argument(help="Question to ask the sample library.")
    ] = "什么是检索增强生成（RAG）？",
) -> None:
    """Ingest the bundled sample library and answer a question from it."""
    sample = resources.files("zhiku") / "sample_library"
    with resources.as_file(sample) as folder, open_library(ctx) as kb:
        results = kb.add([folder])
        _render_ingest(results)
        out.print(f"\n[bold]Q:[/] {escape(question)}\n")
        render_answer(kb.ask(question))


def _field_span(field: str, raw_line: int | None) -> str:
    """Where a citation of the page's metadata points: its field and, if known, the page line."""
    return f"{field} field, page line {raw_line}" if raw_line is not None else f"{field} field"
