"""The knowledge commands through the real CLI (``ZHIKU_HOME`` points at a tmp library).

The library is filled in-process with the fake embedder, which the commands are handed too
(`zhiku` fixture, tests/cli/conftest.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from zhiku import KnowledgeBase, Settings
from zhiku.embedders import Embedder

Run = Callable[..., str]


@pytest.fixture
def library(settings: Settings, fake_embedder: Embedder, sample_library: Path) -> dict[str, str]:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([sample_library])
        return {Path(d.path or "").name: d.id for d in kb.documents()}


@pytest.fixture
def run(zhiku: Callable[..., Result]) -> Run:
    """A command's output; it must exit 0."""
    return lambda *args: zhiku(*args).output


def test_tags_entity_related_resources_trends(library: dict[str, str], run: Run) -> None:
    lora = library["lora-finetuning.txt"]
    tags = json.loads(run("tags", "--json"))["tags"]
    assert {"rag", "fine-tuning"} <= {t["tag_id"] for t in tags if t["documents"]}
    mine = json.loads(run("tags", "--doc", lora, "--json"))["tags"]
    assert all(t["quote"] for t in mine) and "fine-tuning" in {t["tag_id"] for t in mine}
    assert "fine-tuning" in run("tags", "--doc", lora)

    entity = json.loads(run("entity", "抱抱脸", "--json"))
    assert entity["entity"]["id"] == "org:hugging-face" and entity["documents"][0]["doc_id"] == lora
    assert "Hugging Face" in run("entity", "Hugging Face")

    related = json.loads(run("related", lora, "--json"))["related"]
    assert related and lora not in {r["doc_id"] for r in related}
    resources = json.loads(run("resources", lora, "--json"))["resources"]
    peft = next(r for r in resources if r["name"] == "PEFT")
    assert peft["quote"] == "PEFT" and peft["reason"].startswith("mentions PEFT")
    assert "PEFT" in run("resources", lora)

    run("search", "LoRA 微调", "--tag", "fine-tuning")
    trends = json.loads(run("trends", "--json", "--period", "year"))
    assert trends["series"] and [q["query"] for q in trends["hot_queries"]] == ["LoRA 微调"]
    assert trends["date"] == "either" and trends["undated"] == 0
    # by publication date: the sample articles without one are left out, and counted
    published = json.loads(run("trends", "--json", "--period", "year", "--date", "published"))
    assert published["date"] == "published" and published["undated"] > 0
    assert json.loads(run("trends", "--clear-queries", "--json")) == {"deleted": 1}


def test_tag_edits_and_errors(
    library: dict[str, str], run: Run, zhiku: Callable[..., Result]
) -> None:
    lora = library["lora-finetuning.txt"]
    assert "user:必读" in run("tags", "add", lora, "必读")
    run("tags", "rename", "user:必读", "--en", "Must read")
    run("tags", "rm", lora, "infrastructure")
    run("tags", "merge", "Must read", "fine-tuning")
    tags = {t["tag_id"] for t in json.loads(run("tags", "--doc", lora, "--json"))["tags"]}
    assert "infrastructure" not in tags and "user:必读" not in tags and "fine-tuning" in tags
    assert re.fullmatch(r"extracted \d+ documents\n", run("extract"))
    assert "infrastructure" not in {
        t["tag_id"] for t in json.loads(run("tags", "--doc", lora, "--json"))["tags"]
    }

    assert "no entity 'no such thing'" in zhiku("entity", "no such thing", code=1).output
    assert "no document" in zhiku("related", "nope", code=1).output
