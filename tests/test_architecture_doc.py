"""docs/architecture.md lists every package and module of src/zhiku."""

from __future__ import annotations

import re
from pathlib import Path

import zhiku

PACKAGE = Path(zhiku.__file__).resolve().parent
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"


def _units() -> list[str]:
    """Every module (``cli/core.py``) and package (``cli/``) under src/zhiku, as the doc names them."""
    units = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py":
            if path.parent != PACKAGE:
                units.append(relative.removesuffix("__init__.py"))
        else:
            units.append(relative)
    return units


def test_every_module_is_in_architecture_md() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [unit for unit in _units() if f"`{unit}`" not in text]
    assert missing == [], f"add these to docs/architecture.md: {missing}"


def test_every_module_in_architecture_md_exists() -> None:
    named = re.findall(r"^\| `([\w/]+(?:\.py|/))`", DOC.read_text(encoding="utf-8"), flags=re.M)
    stale = [unit for unit in named if not (PACKAGE / unit).exists()]
    assert named and stale == [], f"remove these from docs/architecture.md: {stale}"


def test_the_units_are_found() -> None:
    units = _units()
    assert {"cli/", "cli/core.py", "embedders/protocol.py", "sources/web/", "records.py"} <= set(
        units
    )
    assert "__init__.py" not in units
