"""``zhiku tags``, ``entity``, ``related``, ``resources``, ``trends``, ``extract``: thin commands
over `kb.knowledge` (`zhiku.knowledge.library`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from zhiku.cli.console import JsonFlag, open_library, out, print_json, progress_bar
from zhiku.knowledge.payloads import (
    document_tag_payload,
    entity_payload,
    hot_query_payload,
    related_payload,
    resource_payload,
    tag_count_payload,
    trends_payload,
)

tags_app = typer.Typer(
    help="List tags with their document counts; tag documents by hand; rename and merge tags.",
    invoke_without_command=True,
    no_args_is_help=False,
)

commands = typer.Typer()
commands.add_typer(tags_app, name="tags")

DocArg = Annotated[str, typer.Argument(help="Document id (`zhiku docs` lists them).")]


def _quoted(text: str, start: int | None, end: int | None) -> str:
    return (
        f"“{text[start:end]}” @{start}"
        if start is not None and end is not None
        else "(added by hand)"
    )


@tags_app.callback()
def tags(
    ctx: typer.Context,
    doc: Annotated[
        str | None,
        typer.Option("--doc", help="Only this document's tags, with the passage behind each."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Every tag and how many documents carry it (or one document's tags with --doc)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_library(ctx) as kb:
        if doc is not None:
            text = kb.get(doc).text
            found = kb.knowledge.document_tags(doc)
            if as_json:
                print_json({"doc_id": doc, "tags": [document_tag_payload(t, text) for t in found]})
                return
            table = Table(title=f"tags of {doc}")
            for column in ("tag", "label", "score", "origin", "evidence"):
                table.add_column(column)
            for t in found:
                table.add_row(
                    t.tag_id,
                    Text(f"{t.label_zh} / {t.label_en}"),
                    f"{t.score:.2f}",
                    t.origin,
                    Text(_quoted(text, t.start, t.end)),
                )
            out.print(table if found else "No tags.")
            return
        counts = kb.knowledge.tags()
    if as_json:
        print_json({"tags": [tag_count_payload(t) for t in counts]})
        return
    table = Table(title="tags")
    for column in ("tag", "中文", "English", "origin", "documents"):
        table.add_column(column, justify="right" if column == "documents" else "left")
    for c in counts:
        table.add_row(c.tag_id, Text(c.label_zh), Text(c.label_en), c.origin, str(c.documents))
    out.print(table)


@tags_app.command("add")
def tags_add(
    ctx: typer.Context,
    doc_id: DocArg,
    label: Annotated[
        str, typer.Argument(help="A tag id or label (rag, 检索增强生成), or a new tag's name.")
    ],
) -> None:
    """Tag a document by hand; the tag survives re-adding and re-extraction."""
    with open_library(ctx) as kb:
        tag_id = kb.knowledge.add_tag(doc_id, label)
    out.print(Text(f"tagged {doc_id} with {tag_id}"))


@tags_app.command("rm")
def tags_rm(
    ctx: typer.Context,
    doc_id: DocArg,
    tag: Annotated[str, typer.Argument(help="The tag id or label to remove.")],
) -> None:
    """Untag a document; automatic extraction will not add the tag back."""
    with open_library(ctx) as kb:
        kb.knowledge.remove_tag(doc_id, tag)
    out.print(Text(f"removed {tag} from {doc_id}"))


@tags_app.command("rename")
def tags_rename(
    ctx: typer.Context,
    tag: Annotated[str, typer.Argument(help="The tag id or label.")],
    zh: Annotated[str | None, typer.Option("--zh", help="New Chinese label.")] = None,
    en: Annotated[str | None, typer.Option("--en", help="New English label.")] = None,
) -> None:
    """Change a tag's labels; its id and documents stay."""
    with open_library(ctx) as kb:
        kb.knowledge.rename_tag(tag, label_zh=zh, label_en=en)
    out.print(Text(f"renamed {tag}"))


@tags_app.command("merge")
def tags_merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The tag to merge away.")],
    target: Annotated[str, typer.Argument(help="The tag that takes its documents.")],
) -> None:
    """Move every document of SOURCE to TARGET; later extractions assign TARGET too."""
    with open_library(ctx) as kb:
        moved = kb.knowledge.merge_tags(source, target)
    out.print(Text(f"merged {source} into {target}: {moved} documents moved"))


@commands.command()
def entity(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="A name or alias in any script (英伟达, 輝達, NVIDIA) or an id (org:nvidia)."
        ),
    ],
    limit: Annotated[int, typer.Option(help="Documents and related entities to show.")] = 10,
    as_json: JsonFlag = False,
) -> None:
    """Which documents mention an entity (with the passage) and what it is related to."""
    with open_library(ctx) as kb:
        profile = kb.knowledge.entity(name, limit=limit)
    if as_json:
        print_json(entity_payload(profile))
        return
    e = profile.entity
    out.print(
        Text.assemble(
            (e.name, "bold"), f"  {e.id} · {e.type}", (f"  {e.url}" if e.url else "", "dim")
        )
    )
    if e.aliases:
        out.print(Text("aliases: " + ", ".join(e.aliases), style="dim"))
    out.print()
    out.print(
        f"[bold]Mentioned in {len(profile.documents)} documents[/]"
        if profile.documents
        else "Not mentioned in the library."
    )
    for d in profile.documents:
        out.print(
            Text.assemble("  ", (d.title, "cyan"), f"  {d.doc_id} · {d.mentions}× · {d.date or ''}")
        )
        out.print(Text(f"     {d.context}  (chars {d.start}–{d.end})", style="dim"))
    if profile.related:
        out.print("\n[bold]Related[/]")
        for r in profile.related:
            out.print(
                Text(
                    f"  {r.name} ({r.entity_id})  weight {r.weight:.2f} · {r.documents} documents together"
                )
            )
    if profile.also_matching:
        out.print(
            Text(
                "\nalso matching: "
                + ", ".join(f"{a.name} ({a.id})" for a in profile.also_matching),
                style="dim",
            )
        )


@commands.command()
def related(
    ctx: typer.Context,
    doc_id: DocArg,
    k: Annotated[int, typer.Option("-k", "--top", help="How many.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Documents related to one (similar text, shared entities and tags), near-duplicates left out."""
    with open_library(ctx) as kb:
        found = kb.knowledge.related(doc_id, k=k)
    if as_json:
        print_json({"doc_id": doc_id, "related": [related_payload(r) for r in found]})
        return
    if not found:
        out.print("No related documents.")
    for rank, r in enumerate(found, start=1):
        out.print(
            Text.assemble(
                (f"{rank}. ", "bold"),
                (r.title, "cyan"),
                f"  {r.doc_id}  ",
                (f"score {r.score:.3f}", "dim"),
            )
        )
        shared = [*r.shared_entity_names, *r.shared_tags]
        out.print(
            Text(
                f"   similarity {r.similarity:.2f}"
                + (f" · shares {', '.join(shared)}" if shared else ""),
                style="dim",
            )
        )


@commands.command()
def resources(
    ctx: typer.Context,
    doc_id: DocArg,
    k: Annotated[int, typer.Option("-k", "--top", help="How many.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Projects, libraries, courses and datasets matched to a document, each with its reason."""
    with open_library(ctx) as kb:
        text = kb.get(doc_id).text
        found = kb.knowledge.resources(doc_id, limit=k)
    if as_json:
        print_json({"doc_id": doc_id, "resources": [resource_payload(m, text) for m in found]})
        return
    if not found:
        out.print("No matching resources.")
    for m in found:
        out.print(
            Text.assemble(
                (m.resource.name, "bold cyan"), f"  [{m.resource.kind}]  ", (m.resource.url, "dim")
            )
        )
        evidence = _quoted(text, *m.evidence) if m.evidence else ""
        out.print(Text(f"   {m.reason}" + (f" — {evidence}" if evidence else ""), style="dim"))


@commands.command()
def trends(
    ctx: typer.Context,
    kind: Annotated[str, typer.Option(help="tag or entity.")] = "tag",
    period: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    limit: Annotated[int, typer.Option(help="Tags or entities to show.")] = 8,
    days: Annotated[int, typer.Option(help="Hot queries of the last DAYS days.")] = 7,
    date: Annotated[
        str,
        typer.Option(help="Date documents by: either (published, else added), published or added."),
    ] = "either",
    clear_queries: Annotated[
        bool, typer.Option("--clear-queries", help="Delete the query log and stop.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Documents per period for the most common tags or entities, and the hot queries."""
    with open_library(ctx) as kb:
        if clear_queries:
            deleted = kb.knowledge.clear_queries()
            if as_json:
                print_json({"deleted": deleted})
            else:
                out.print(f"deleted {deleted} logged queries")
            return
        found = kb.knowledge.trends(kind=kind, bucket=period, limit=limit, date=date)
        hot = kb.knowledge.hot_queries(days=days, limit=limit)
        log_on = kb.settings.query_log
    if as_json:
        print_json(
            {
                **trends_payload(found),
                "hot_queries": [hot_query_payload(q) for q in hot],
                "query_log": log_on,
            }
        )
        return
    periods = sorted({p.period for points in found.series.values() for p in points})[-8:]
    table = Table(title=f"documents per {period} by {kind}")
    table.add_column(kind)
    for p in periods:
        table.add_column(p, justify="right")
    for key, points in found.series.items():
        per = {p.period: p.documents for p in points}
        table.add_row(
            Text(key if kind == "tag" else found.labels.get(key, key)),
            *(str(per.get(p, "")) for p in periods),
        )
    out.print(table)
    if found.rising:
        out.print(
            Text(
                "rising: "
                + ", ".join(f"{found.labels.get(k, k)} ×{r:.1f}" for k, r in found.rising[:5])
            )
        )
    out.print(
        f"\n[bold]Hot queries, last {days} days[/]"
        + ("" if log_on else " [dim](the query log is off)[/]")
    )
    for q in hot:
        out.print(Text(f"  {q.count:>3}  {q.query}"))


@commands.command()
def extract(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Extract tags and entities of every document again (after editing catalogues or the taxonomy)."""
    with open_library(ctx) as kb, progress_bar("extracting", disabled=as_json) as report:
        done = kb.knowledge.reextract(on_progress=report)
    if as_json:
        print_json({"documents": done})
    else:
        out.print(f"extracted {done} documents")
