"""``zhiku llm serve``: a local GGUF model as an OpenAI-compatible server on 127.0.0.1.

Point ``llm_base_url`` at the printed address to answer with it (``zhiku ask --llm``).
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from zhiku.errors import ZhikuError

llm_app = typer.Typer(help="Local language models for generative answers.", no_args_is_help=True)
commands = typer.Typer()
commands.add_typer(llm_app, name="llm")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zhiku" / "models"


@llm_app.command("serve")
def serve(
    model: Annotated[
        str,
        typer.Option(
            help="Path of a .gguf file, or 'packaged' for the small test model installed from PyPI."
        ),
    ],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: a free one).")] = 0,
    threads: Annotated[int, typer.Option(help="CPU threads for the model.")] = 2,
    ctx: Annotated[int, typer.Option("--ctx", help="Context window in tokens.")] = 4096,
) -> None:
    """Serve a local GGUF model (OpenAI-compatible, /v1/chat/completions) until Ctrl-C."""
    from zhiku.llm.local import LocalLLMServer
    from zhiku.llm.packaged import packaged_model_path

    try:
        path = packaged_model_path(_cache_dir()) if model == "packaged" else Path(model)
        server = LocalLLMServer(path, port=port or None, threads=threads, ctx=ctx)
        with server:
            typer.echo(
                f"zhiku: serving {path.name} at {server.base_url}  (model name: {server.alias})"
            )
            typer.echo(
                f"answer with it: ZHIKU_LLM_BASE_URL={server.base_url} ZHIKU_LLM_MODEL={server.alias} "
                "zhiku ask --llm QUESTION"
            )
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            try:
                while not stop.wait(1.0):
                    if not server.running():
                        raise typer.Exit(1)
            except KeyboardInterrupt:
                pass
    except ZhikuError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
