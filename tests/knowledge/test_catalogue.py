from pathlib import Path

import pytest

from zhiku.errors import InputError
from zhiku.knowledge.catalogue import load_catalogue
from zhiku.knowledge.phrases import phrase_key
from zhiku.knowledge.records import ENTITY_TYPES


def test_bundled_catalogue_is_consistent() -> None:
    catalogue = load_catalogue()
    assert 150 <= len(catalogue) <= 400
    owner: dict[str, str] = {}
    for entity in catalogue.entities.values():
        assert entity.type in ENTITY_TYPES and entity.id.startswith(entity.type + ":")
        assert entity.by is None or entity.by in catalogue.entities, entity.id
        for alias in entity.aliases:
            key = phrase_key(alias)
            assert owner.setdefault(key, entity.id) == entity.id, (
                f"{alias!r}: {owner[key]} and {entity.id}"
            )


def test_lookup_merges_scripts_and_languages() -> None:
    catalogue = load_catalogue()
    for name in ("杨植麟", "楊植麟", "Yang Zhilin"):
        assert catalogue.lookup(name).id == "person:yang-zhilin"  # type: ignore[union-attr]
    assert catalogue.lookup("輝達").id == catalogue.lookup("NVIDIA").id == "org:nvidia"  # type: ignore[union-attr]
    assert (
        catalogue.by_repo_url("https://github.com/labring/FastGPT/tree/main") == "project:fastgpt"
    )


def test_user_entries_extend_and_override(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"name": "白岳峰", "type": "person", "aliases": ["Yuefeng Bai"]}\n', encoding="utf-8"
    )
    catalogue = load_catalogue(path)
    assert catalogue.lookup("Yuefeng Bai").id == "person:白岳峰"  # type: ignore[union-attr]
    assert catalogue.lookup("OpenAI") is not None


def test_bad_user_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "A", "type": "person"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalogue(path)
    assert info.value.path == str(path) and info.value.line == 2
    path.write_text('{"name": "A", "type": "planet"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="type must be one of"):
        load_catalogue(path)
