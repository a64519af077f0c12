"""The entity catalogue: well-known AI entities bundled with zhiku, plus the user's own.

The bundled list is data (``zhiku/data/entities.json``); a user file (JSON, JSONL or YAML) adds
or overrides entries by id::

    - {name: 白岳峰, type: person, aliases: [Yuefeng Bai]}
    - {id: project:my-rag, name: MyRAG, type: project, url: https://github.com/me/my-rag}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhiku.errors import InputError
from zhiku.knowledge.phrases import FoldedText, PhraseMatcher, fold_aligned, phrase_key
from zhiku.knowledge.records import ENTITY_TYPES, Entity
from zhiku.once import once

DATA = Path(__file__).resolve().parent.parent / "data"
_SEP = re.compile(r"[ \-_]+")
_REPO = re.compile(
    r"^https?://(?:www\.)?(github\.com|huggingface\.co)/([^/\s]+)/([^/\s#?]+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Alias:
    """What a matched alias stands for, and the conditions under which it counts."""

    entity_id: str
    text: str
    cased: bool = False  # must appear with exactly this case
    ambiguous: bool = False  # an ordinary word too: needs context in the same text


class EntityCatalogue:
    """Entities by id, one matcher over all their aliases, and the model families."""

    def __init__(self, entries: Iterable[Mapping[str, Any]], *, version: str = "") -> None:
        self.version = version
        self.entities: dict[str, Entity] = {}
        self._context: dict[str, tuple[str, ...]] = {}
        self._aliases: dict[str, list[Alias]] = {}
        self._family_ids: dict[str, bool | list[str]] = {}
        families: list[str] = []
        for entry in entries:
            entity, aliases, context, family = _parse_entry(entry)
            self.entities[entity.id] = entity
            self._aliases[entity.id] = aliases
            self._context[entity.id] = context
            if family:
                self._family_ids[entity.id] = family
                prefixes = family if isinstance(family, list) else (entity.name, *entity.aliases)
                families.extend(a for a in prefixes if re.fullmatch(r"[A-Za-z][A-Za-z ]*", a))
        # aliases of one entity that fold to one key (LLaMA, Llama) are matched together
        groups: dict[tuple[str, str], list[Alias]] = {}
        for aliases in self._aliases.values():
            for alias in aliases:
                groups.setdefault((alias.entity_id, phrase_key(alias.text)), []).append(alias)
        pairs = [(group[0].text, tuple(group)) for group in groups.values()]
        self.matcher: PhraseMatcher[tuple[Alias, ...]] = PhraseMatcher(pairs)
        self.families = tuple(sorted({f.lower() for f in families}, key=len, reverse=True))
        self._by_url = {
            _repo_key(e.url): e.id for e in self.entities.values() if e.url and _repo_key(e.url)
        }
        self._by_key = {
            phrase_key(a.text): a.entity_id for aliases in self._aliases.values() for a in aliases
        }
        for entity in self.entities.values():
            self._by_key.setdefault(phrase_key(entity.name), entity.id)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def by_repo_url(self, url: str) -> str | None:
        """The entity whose homepage or repository is `url` (``github.com/owner/repo``)."""
        key = _repo_key(url)
        return self._by_url.get(key) if key else None

    def lookup(self, name: str) -> Entity | None:
        """The entity one of whose aliases (any script, any case) is `name`, or whose id it is."""
        if name in self.entities:
            return self.entities[name]
        entity_id = self._by_key.get(phrase_key(name))
        return self.entities.get(entity_id) if entity_id else None

    def context_found(self, entity_id: str, folded: FoldedText, unambiguous_seen: set[str]) -> bool:
        """Whether an ambiguous alias of `entity_id` is backed by context in the text."""
        if entity_id in unambiguous_seen:
            return True
        return any(
            fold_aligned(word).text in folded.text for word in self._context.get(entity_id, ())
        )

    def merged(self, entries: Iterable[Mapping[str, Any]]) -> EntityCatalogue:
        """A new catalogue with `entries` added (same id: replaced)."""
        combined = {
            e.id: _entry_of(
                e, self._aliases[e.id], self._context[e.id], self._family_ids.get(e.id, False)
            )
            for e in self.entities.values()
        }
        for entry in entries:
            entity = _parse_entry(entry)[0]
            combined[entity.id] = dict(entry, id=entity.id)
        return EntityCatalogue(combined.values(), version=self.version + "+user")


def load_catalogue(*user_files: str | Path) -> EntityCatalogue:
    """The bundled catalogue, extended by the user's files (JSON list, JSONL or YAML)."""
    data = json.loads((DATA / "entities.json").read_text(encoding="utf-8"))
    catalogue = EntityCatalogue(data["entities"], version=data.get("version", ""))
    for path in user_files:
        catalogue = catalogue.merged(read_entries(Path(path)))
    return catalogue


@once
def bundled_catalogue() -> EntityCatalogue:
    """The bundled catalogue, built once per process (answers, claims and query expansion share it)."""
    return load_catalogue()


def read_entries(path: Path) -> list[dict[str, Any]]:
    """Entries from a user catalogue file; errors name the file (and line for JSONL)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read catalogue: {exc}", path=str(path)) from exc
    if path.suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"not valid JSON: {exc.msg}", path=str(path), line=number
                    ) from exc
        return _as_list(rows, path)
    if path.suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as exc:
            raise InputError(
                "reading YAML needs PyYAML (pip install pyyaml); or use .jsonl", path=str(path)
            ) from exc
        try:
            return _as_list(yaml.safe_load(text), path)
        except yaml.YAMLError as exc:
            raise InputError(f"not valid YAML: {exc}", path=str(path)) from exc
    try:
        return _as_list(json.loads(text), path)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} at line {exc.lineno}", path=str(path)) from exc


def _as_list(value: Any, path: Path) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        value = value.get("entities", value.get("resources", [value]))
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError("expected a list of entries (objects)", path=str(path))
    return value


def slug(name: str) -> str:
    """``Llama 3.1 405B`` -> ``llama-3.1-405b``; ``林佳穎`` -> ``林佳颖`` (folded)."""
    return _SEP.sub("-", fold_aligned(name).text.strip()).strip("-")


def _parse_entry(
    entry: Mapping[str, Any],
) -> tuple[Entity, list[Alias], tuple[str, ...], bool | list[str]]:
    name = entry.get("name")
    kind = entry.get("type") or str(entry.get("id", "")).partition(":")[0]
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"catalogue entry without a name: {dict(entry)!r}")
    if kind not in ENTITY_TYPES:
        raise InputError(f"catalogue entry {name!r}: type must be one of {', '.join(ENTITY_TYPES)}")
    entity_id = str(entry.get("id") or f"{kind}:{slug(name)}")
    texts = list(dict.fromkeys(str(a) for a in entry.get("aliases", ())))
    cased, ambiguous = set(entry.get("cased", ())), set(entry.get("ambiguous", ()))
    aliases = [Alias(entity_id, a, a in cased, a in ambiguous) for a in texts]
    entity = Entity(entity_id, name, kind, entry.get("url"), tuple(texts), entry.get("by"))
    family = entry.get("family") or False
    return (
        entity,
        aliases,
        tuple(entry.get("context", ())),
        family if isinstance(family, list) else bool(family),
    )


def _entry_of(
    entity: Entity, aliases: Sequence[Alias], context: Sequence[str], family: bool | list[str]
) -> dict[str, Any]:
    return {
        "family": family,
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "url": entity.url,
        "by": entity.by,
        "aliases": [a.text for a in aliases],
        "cased": [a.text for a in aliases if a.cased],
        "ambiguous": [a.text for a in aliases if a.ambiguous],
        "context": list(context),
    }


def _repo_key(url: str) -> str | None:
    match = _REPO.match(url.strip())
    if not match:
        return None
    host, owner, repo = match.groups()
    return f"{host.lower()}/{owner.lower()}/{repo.lower().removesuffix('.git')}"
