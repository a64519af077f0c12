from pathlib import Path

import pytest

from zhiku.errors import ConfigError
from zhiku.settings import SETTINGS, Settings


def test_defaults_match_the_declarations() -> None:
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default


def test_precedence_flag_env_file_default(tmp_path: Path) -> None:
    config = tmp_path / "zhiku.toml"
    config.write_text("top_k = 7\nchunk_max_chars = 500\nanswer_sentences = 2\n")
    env = {"ZHIKU_TOP_K": "9", "ZHIKU_CHUNK_MAX_CHARS": "450"}
    s = Settings.load(config, env=env, chunk_max_chars=400)
    assert (s.chunk_max_chars, s.top_k, s.answer_sentences, s.chunk_overlap) == (400, 9, 2, 120)


def test_bad_values_name_the_key_and_source(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ZHIKU_TOP_K"):
        Settings.load(env={"ZHIKU_TOP_K": "many"})
    config = tmp_path / "bad.toml"
    config.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting.*colour"):
        Settings.load(config, env={})
    config.write_text("top_k = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Settings.load(config, env={})
