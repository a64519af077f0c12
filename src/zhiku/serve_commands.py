"""``zhiku serve`` (HTTP API + web UI) and ``zhiku mcp`` (MCP over stdio).

Kept apart from `zhiku.cli` so the CLI does not import FastAPI or MCP for every command;
``register(app)`` adds both commands to the CLI's Typer app (calling it twice is harmless).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from typing import Annotated, Any

import typer

from zhiku.errors import ZhikuError
from zhiku.knowledge_base import KnowledgeBase
from zhiku.server_process import tune_for_serving
from zhiku.settings import Settings

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server on this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def server_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def cannot_listen(host: str, port: int) -> str | None:
    """Why `host`:`port` cannot be bound (in use, no such address), or None when it can: checked
    before the library and the model load, so a busy port fails at once and says so."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def _settings(ctx: typer.Context) -> tuple[Settings, bool]:
    """The CLI's settings and --debug (from the root callback's context object, when present)."""
    state: Any = ctx.obj
    if state is not None and hasattr(state, "settings"):
        return state.settings(), bool(getattr(state, "debug", False))
    return Settings.load(), False


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback needs an API key.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8765,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            envvar="ZHIKU_API_KEY",
            help="Require this key on every route but /api/health.",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web UI."""
    import uvicorn

    from zhiku.api import create_app

    if not is_loopback(host) and not api_key:
        raise _fail(
            f"refusing to serve on {host} without an API key; pass --api-key or set ZHIKU_API_KEY",
            2,
        )
    if reason := cannot_listen(host, port):
        raise _fail(f"cannot listen on {server_url(host, port)}: {reason}; pick another --port")
    settings, debug = _settings(ctx)
    tune_for_serving()
    try:
        with KnowledgeBase.open(settings) as kb:
            kb.embedder.embed(["warm up"])  # load the model now, not on the first question
            hosts = (
                LOOPBACK_NAMES if is_loopback(host) else None
            )  # elsewhere: any name the host has
            app = create_app(kb, api_key=api_key or None, allowed_hosts=hosts)
            typer.echo(
                f"zhiku: serving {settings.home_path} at {server_url(host, port)}  (API docs: /docs)"
            )
            sys.stdout.flush()
            uvicorn.run(app, host=host, port=port, log_level="debug" if debug else "warning")
    except ZhikuError as error:
        if debug:
            raise
        raise _fail(str(error)) from None


def mcp(ctx: typer.Context) -> None:
    """Serve the library to agents over the Model Context Protocol (stdio)."""
    from zhiku.mcp_server import serve_stdio

    settings, debug = _settings(ctx)
    try:
        with KnowledgeBase.open(settings) as kb:
            serve_stdio(kb)
    except ZhikuError as error:
        if debug:
            raise
        raise _fail(str(error)) from None


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``mcp`` to `app` (skipping any already there)."""
    present = {
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    }
    for name, command in (("serve", serve), ("mcp", mcp)):
        if name not in present:
            app.command(name)(command)

