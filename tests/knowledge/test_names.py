"""Person names from jieba POS tags, with a tag table that holds name tags only."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import pytest

from zhiku.knowledge import names
from zhiku.segment import _jieba

# fixture sentences written for this test
TEXTS = (
    "研究员黄立群表示，模型在长文本上仍会遗漏引用。",
    "猎头周屹说，今年招聘检索工程师的公司变多了。",
    "陈默（化名）告诉记者，他每天用知识库整理论文笔记。",
    "北京的工程师认为向量检索和关键词检索应当结合。",
)


def test_the_tag_table_keeps_only_name_tags() -> None:
    dictionary = io.BytesIO("张伟 30 nr\n数据 900 n\n李白 50 nrt\n说 800 v\n\n坏行\n".encode())
    assert list(names.name_tag_pairs(dictionary)) == [("张伟", "nr"), ("李白", "nrt")]
    assert dictionary.closed


def test_name_tags_answer_as_a_dict_of_the_same_pairs() -> None:
    pairs = [("张伟", "nr"), ("李白", "nrt"), ("欧阳", "nrfg"), ("张伟", "nrt")]
    tags = names.NameTags(pairs)
    as_dict = dict(pairs)  # a later pair wins
    for word in ("张伟", "李白", "欧阳", "数据", ""):
        assert tags.get(word, "x") == as_dict.get(word, "x")
    assert tags.get("数据") is None


def test_the_tagger_holds_name_words_only() -> None:
    table = names._tagger().word_tag_tab
    # jieba's dictionary has ~349,000 tagged words, ~79,000 of them names; as a dict of str
    # they held ~8 MiB
    assert isinstance(table, names.NameTags)
    assert 50_000 < len(table) < 100_000
    assert table.nbytes < 2 * 1024 * 1024


def test_the_compact_table_tags_every_name_of_jiebas_dictionary() -> None:
    with _jieba().get_dict_file() as dictionary:
        expected = dict(names.name_tag_pairs(dictionary))
    table = names._tagger().word_tag_tab
    assert all(table.get(word, "x") == flag for word, flag in expected.items())
    assert table.get("检索", "x") == "x"


def _full_tagger_agrees(texts: Iterable[str]) -> int:
    import jieba.posseg

    full = jieba.posseg.POSTokenizer(_jieba())
    compared = 0
    for text in texts:
        compared += 1
        expected = [
            (w.word, w.flag if w.flag in names._NAME_FLAGS else "x") for w in full.cut(text)
        ]
        assert [
            (w, f if f in names._NAME_FLAGS else "x") for w, f in (names._tagged.__wrapped__(text))
        ] == expected, text
    return compared


@pytest.mark.slow
def test_name_tags_match_jiebas_full_tagger() -> None:
    assert _full_tagger_agrees(TEXTS) == len(TEXTS)


@pytest.mark.slow
def test_name_tags_match_jiebas_full_tagger_on_real_articles() -> None:
    """Every sentence of the CMRC corpus: the compact name table tags as jieba's own table."""
    import json
    import re

    corpus = (
        Path(__file__).resolve().parents[3] / "shared" / "bench" / "cmrc2018-dev" / "corpus.jsonl"
    )
    if not corpus.exists():
        pytest.skip("shared data not present: shared/bench/cmrc2018-dev/corpus.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    sentences = [s for text in texts for s in re.split(r"(?<=[。！？])", text) if s.strip()]
    assert _full_tagger_agrees(sentences) > 5_000


def test_names_are_found_with_the_small_table() -> None:
    found = {name for name, _, _ in names.find_person_names("".join(TEXTS))}
    assert found == {"陈默", "周屹", "黄立群"}


def test_importing_the_tagger_builds_no_full_tag_table() -> None:
    """jieba.posseg's import builds a tagger of its own over jieba's whole dictionary (~45 MiB)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import zhiku

    source = str(Path(zhiku.__file__).resolve().parents[1])  # this checkout's zhiku, not another
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    code = (
        "import jieba; from zhiku.knowledge import names; names._tagger();"
        "import jieba.posseg as p; print(len(p.dt.word_tag_tab), jieba.dt.dictionary)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["0", "None"]
