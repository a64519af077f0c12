from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zhiku.knowledge import KnowledgeKit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "knowledge"


@pytest.fixture(scope="session")
def kit() -> KnowledgeKit:
    return KnowledgeKit.load()


@pytest.fixture(scope="session")
def labels() -> dict[str, Any]:
    return json.loads((FIXTURES / "LABELS.json").read_text(encoding="utf-8"))["documents"]
