"""``zhiku serve`` (HTTP API + web UI) and ``zhiku mcp`` (MCP over stdio).

FastAPI, uvicorn and MCP are imported inside the commands, so other commands do not load them.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from typing import Annotated

import typer

from zhiku.cli.console import cli_context
from zhiku.errors import ZhikuError
from zhiku.server_process import bound_embedding_cache, release_freed_memory, tune_for_serving
from zhiku.warm import warm_tables

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")

commands = typer.Typer()


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


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@commands.command()
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
    from zhiku.api.http_protocol import JsonErrorProtocol

    if not is_loopback(host) and not api_key:
        raise _fail(
            f"refusing to serve on {host} without an API key; pass --api-key or set ZHIKU_API_KEY",
            2,
        )
    if reason := cannot_listen(host, port):
        raise _fail(f"cannot listen on {server_url(host, port)}: {reason}; pick another --port")
    context = cli_context(ctx)
    settings, debug = context.settings(), context.debug
    tune_for_serving()
    try:
        with context.open_library() as kb:
            bound_embedding_cache(kb.embedder, settings.serve_embedding_cache_mib)
            kb.embedder.embed(["warm up"])  # load the model now, not on the first question
            if settings.serve_warm_tables:
                warm_tables()  # and the tables a first Chinese question or upload would load
                kb.load_story_index()  # and the first upload's near-duplicate index
                release_freed_memory()  # what building them freed, not kept by malloc
            hosts = (
                LOOPBACK_NAMES if is_loopback(host) else None
            )  # elsewhere: any name the host has
            app = create_app(kb, api_key=api_key or None, allowed_hosts=hosts, poll_sources_s=60)
            typer.echo(
                f"zhiku: serving {settings.home_path} at {server_url(host, port)}  (API docs: /docs)"
            )
            sys.stdout.flush()
            uvicorn.run(
                app,
                host=host,
                port=port,
                http=JsonErrorProtocol,  # unparseable requests get the JSON error shape too
                log_level="debug" if debug else "warning",
            )
    except ZhikuError as error:
        if debug:
            raise
        raise _fail(str(error)) from None


@commands.command()
def mcp(ctx: typer.Context) -> None:
    """Serve the library to agents over the Model Context Protocol (stdio)."""
    from zhiku.mcp_server import serve_stdio

    context = cli_context(ctx)
    try:
        with context.open_library() as kb:
            serve_stdio(kb)
    except ZhikuError as error:
        if context.debug:
            raise
        raise _fail(str(error)) from None
