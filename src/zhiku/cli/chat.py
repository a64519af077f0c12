"""``zhiku chat``: a conversation with the library in the terminal, and ``zhiku conversations``
to list, show and delete the stored ones."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Annotated

import typer
from rich.markup import escape

from zhiku.cli.console import JsonFlag, err, open_library, out, print_json, reported_errors
from zhiku.cli.core import render_answer
from zhiku.conversation import ChatTurn
from zhiku.knowledge_base import KnowledgeBase
from zhiku.llm.client import answer_llm
from zhiku.llm.protocol import LLM

commands = typer.Typer()
conversations = typer.Typer(
    help="List, show and delete stored conversations.", no_args_is_help=True
)
commands.add_typer(conversations, name="conversations")

HELP = (
    "Ask anything; a follow-up ('它是谁提出的？', 'and the second one?') refers to the turns "
    "before it.\n  /sources  the passages the last answer cites\n  /history  this "
    "conversation so far\n  /new      start a new conversation\n  /quit     leave (Ctrl-D)"
)


@commands.command()
def chat(
    ctx: typer.Context,
    resume: Annotated[
        str | None, typer.Option("--resume", help="Continue a stored conversation.")
    ] = None,
    llm: Annotated[
        bool,
        typer.Option("--llm", help="Answer with the configured LLM (streamed, then verified)."),
    ] = False,
    k: Annotated[
        int | None, typer.Option("-k", "--top", help="Passages to read (default: setting top_k).")
    ] = None,
) -> None:
    """Talk with the library: every answer cited, follow-ups understood, history kept."""
    with (
        open_library(ctx) as kb,
        reported_errors(ctx),
        answer_llm(kb.settings, "llm" if llm else None) or nullcontext() as model,
    ):
        if resume is not None:
            _print_history(kb, resume)
        _loop(kb, resume, model, k)


def _loop(kb: KnowledgeBase, conversation_id: str | None, model: LLM | None, k: int | None) -> None:
    out.print(f"[dim]{HELP}[/]")
    last: ChatTurn | None = None
    try:
        while True:
            try:
                line = input("› ").strip()
            except EOFError:
                break
            if not line:
                continue
            if line in ("/quit", "/exit", "/q"):
                break
            if line == "/new":
                conversation_id, last = None, None
                out.print("[dim]new conversation[/]")
            elif line == "/sources":
                _print_sources(last)
            elif line == "/history":
                _print_history(kb, conversation_id)
            elif line.startswith("/"):
                out.print(f"[dim]{HELP}[/]")
            else:
                last = _answer(kb, line, conversation_id, model, k)
                conversation_id = last.conversation_id
    except KeyboardInterrupt:
        out.print()
    if conversation_id is not None:
        err.print(
            f"conversation {conversation_id} saved; continue with `zhiku chat --resume {conversation_id}`"
        )


def _answer(
    kb: KnowledgeBase, question: str, conversation_id: str | None, model: LLM | None, k: int | None
) -> ChatTurn:
    turn: ChatTurn | None = None
    if model is None:
        turn = kb.conversations.ask(question, conversation_id, k=k)
    else:
        for event in kb.conversations.ask_stream(question, conversation_id, llm=model, k=k):
            if isinstance(event, str):
                out.print(escape(event), end="", style="dim")
            else:
                turn = event
        out.print()
    if turn is None:
        raise RuntimeError("ask_stream ended without an answer")
    if turn.asked != question:
        out.print(f"[dim]searched for: {escape(turn.asked)}[/]")
    render_answer(turn.answer, generated=model is not None)
    return turn


def _print_sources(turn: ChatTurn | None) -> None:
    if turn is None or not turn.answer.citations:
        out.print("[dim]no sources yet[/]")
        return
    for c in turn.answer.citations:
        page = f", p. {c.page}" if c.page else ""
        out.print(
            f"[bold][{c.number}] {escape(c.title)}[/] — {escape(c.url or c.path or c.doc_id)}{page}"
        )
        out.print(f"    {escape(c.text)}")


def _print_history(kb: KnowledgeBase, conversation_id: str | None) -> None:
    if conversation_id is None:
        out.print("[dim]no questions yet[/]")
        return
    for turn in kb.conversations.turns(conversation_id):
        out.print(f"[bold]› {escape(turn.question)}[/]")
        out.print(escape(turn.answer_text))


@conversations.command("list")
def list_conversations(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", help="How many to list.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """Stored conversations, most recent first."""
    with open_library(ctx) as kb, reported_errors(ctx):
        listed = kb.conversations.recent(limit=limit)
    if as_json:
        print_json(
            [
                {"id": c.id, "title": c.title, "turns": c.turns, "updated_at": c.updated_at}
                for c in listed
            ]
        )
        return
    for c in listed:
        out.print(f"{c.id}  {c.updated_at[:16]}  {c.turns:>3} turns  {escape(c.title)}")


@conversations.command("show")
def show_conversation(ctx: typer.Context, conversation_id: str, as_json: JsonFlag = False) -> None:
    """A conversation's questions and answers."""
    with open_library(ctx) as kb, reported_errors(ctx):
        turns = kb.conversations.turns(conversation_id)
        if not as_json:
            _print_history(kb, conversation_id)
            return
    print_json([{"question": t.question, "asked": t.asked, "answer": t.answer_text} for t in turns])


@conversations.command("rm")
def remove_conversations(ctx: typer.Context, conversation_ids: list[str]) -> None:
    """Delete conversations."""
    with open_library(ctx) as kb, reported_errors(ctx):
        for conversation_id in conversation_ids:
            kb.conversations.delete(conversation_id)
            out.print(f"deleted {conversation_id}")


__all__ = ["commands"]
