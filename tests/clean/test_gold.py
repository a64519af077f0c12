"""The five shared crawled seeds: every body string kept, every chrome string gone, metadata right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhiku.clean import clean_plain_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
GOLD = SEEDS / "GOLD.json"
FIELDS = ("title", "author", "source", "published")


def _documents() -> list[tuple[str, dict[str, object]]]:
    if not GOLD.is_file():
        return []
    return sorted(json.loads(GOLD.read_text(encoding="utf-8"))["documents"].items())


@pytest.fixture(params=_documents() or [None], ids=lambda item: item[0] if item else "no-seeds")
def seed(request: pytest.FixtureRequest) -> tuple[str, dict[str, object]]:
    if request.param is None:
        pytest.skip(f"shared seeds not found at {SEEDS}")
    return request.param  # type: ignore[no-any-return]


def test_body_strings_are_kept(seed: tuple[str, dict[str, object]]) -> None:
    name, gold = seed
    cleaned = clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))
    missing = [s for s in gold["must_contain"] if s not in cleaned.text]  # type: ignore[attr-defined]
    assert missing == []


def test_chrome_strings_are_removed(seed: tuple[str, dict[str, object]]) -> None:
    name, gold = seed
    cleaned = clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))
    left = [s for s in gold["must_not_contain"] if s in cleaned.text]  # type: ignore[attr-defined]
    assert left == []


def test_metadata_matches(seed: tuple[str, dict[str, object]]) -> None:
    name, gold = seed
    cleaned = clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))
    assert {f: getattr(cleaned, f) for f in FIELDS} == {f: gold[f] for f in FIELDS}


def test_resource_links_are_kept(seed: tuple[str, dict[str, object]]) -> None:
    name, gold = seed
    cleaned = clean_plain_text((SEEDS / name).read_text(encoding="utf-8"))
    for repo in gold.get("resources_in_page", []):  # type: ignore[attr-defined]
        assert f"https://github.com/{repo}" in cleaned.links
