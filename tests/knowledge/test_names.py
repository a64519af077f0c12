"""Person names from jieba POS tags, with a tag table that holds name tags only."""

from __future__ import annotations

import io

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
    assert names.name_tag_table(dictionary) == {"张伟": "nr", "李白": "nrt"}
    assert dictionary.closed


def test_the_tagger_holds_name_words_only() -> None:
    table = names._tagger().word_tag_tab
    # jieba's dictionary has ~349,000 tagged words, ~79,000 of them names
    assert 50_000 < len(table) < 100_000
    assert set(table.values()) <= names._NAME_FLAGS


@pytest.mark.slow
def test_name_tags_match_jiebas_full_tagger() -> None:
    import jieba.posseg

    full = jieba.posseg.POSTokenizer(_jieba())
    for text in TEXTS:
        expected = [
            (w.word, w.flag if w.flag in names._NAME_FLAGS else "x") for w in full.cut(text)
        ]
        assert [
            (w, f if f in names._NAME_FLAGS else "x") for w, f in names._tagged(text)
        ] == expected


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
