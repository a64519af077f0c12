"""The ``zhiku`` command (Typer): ``zhiku = "zhiku.cli:main"``."""

from zhiku.cli.app import app, main

__all__ = ["app", "main"]
