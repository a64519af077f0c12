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


def _configuration_rows() -> dict[str, list[str]]:
    """The settings table of configuration.md: name -> [env, default, meaning]."""
    rows = {}
    for line in (DOCS / "configuration.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 4 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1:]
    return rows


def _shown(default: object) -> str:
    if isinstance(default, bool):
        return str(default).lower()
    return '""' if default == "" else str(default)


def test_every_setting_is_documented_in_configuration_md() -> None:
    rows = _configuration_rows()
    assert sorted(rows) == sorted(s.name for s in SETTINGS)
    for setting in SETTINGS:
        env, default, meaning = rows[setting.name]
        assert env == f"`{setting.env}`"
        shown = default.replace("`", "")
        assert shown.startswith(_shown(setting.default)) or shown in setting.help, setting.name
        missing = [c for c in setting.choices if f"`{c}`" not in meaning]
        assert missing == [], f"{setting.name}: allowed values not in configuration.md"
