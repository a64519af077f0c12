"""The ``zhiku`` command (Typer): ``zhiku = "zhiku.cli:main"``."""

from zhiku.cli.core import app, main

__all__ = ["app", "main"]
