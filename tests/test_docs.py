"""The docs name every command and every setting (sqlite-utils' test_docs.py, in spirit)."""

from pathlib import Path

import typer.main

from zhiku.cli import app
from zhiku.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _command_names(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names = []
    for name, command in click_group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            names.extend(f"{prefix}{name} {sub}" for sub in command.commands)
        else:
            names.append(f"{prefix}{name}")
    return names


def test_every_command_is_documented_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in _command_names(app) if f"`zhiku {n}" not in text]
    assert missing == []


def test_every_setting_is_documented_in_configuration_md() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"| `{s.name}` | `ZHIKU_{s.name.upper()}` |" not in text]
    assert missing == []
