"""jieba's IDF table held as arrays: the same values as the dict it replaces, a fifth the memory."""

from __future__ import annotations

from pathlib import Path

import jieba

from zhiku.knowledge import keywords


def test_the_idf_table_gives_every_value_of_jiebas_file_and_is_small() -> None:
    table, median = keywords._jieba_idf()
    path = Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt"
    expected = dict(keywords._idf_pairs(path))
    assert len(table) == len(expected) > 200_000
    assert all(table.get(word) == value for word, value in expected.items())
    assert table.get("没有这个词的表") is None and table.get("") is None
    values = sorted(expected.values())
    assert median == values[len(values) // 2]
    # a dict of its 270,000 str and float objects held ~34 MiB
    assert table.nbytes < 12 * 1024 * 1024


def test_a_later_duplicate_wins_as_in_a_dict() -> None:
    table = keywords.IdfTable([("词", 1.0), ("别的", 2.0), ("词", 3.0)])
    assert (table.get("词"), table.get("别的"), len(table)) == (3.0, 2.0, 3)
