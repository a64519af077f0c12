"""Entities mentioned in a text, with spans, without an LLM (pure).

Four rules propose mentions; where they overlap the longest span wins, then the more reliable rule
(links > catalogue > model-name pattern > POS names):

- links: ``github.com/owner/repo`` and ``huggingface.co/owner/model`` URLs, resolved to a catalogue
  entity by its repository URL, else a ``project:owner/repo`` / ``model:owner/model`` entity;
- catalogue: every alias of every catalogue entity, in one trie-shaped regex over the folded text
  (zh-Hant, full-width and case folded), so 微軟 / 微软 / Microsoft all give ``org:microsoft``;
- model names: a catalogue model family followed by a version (``Qwen2.5-7B-Instruct``, ``GPT-4o``,
  ``Llama 3.1 405B``, ``DeepSeek-V3``, ``Claude 3.5 Sonnet``) -> ``model:<slug>``;
- POS names: Chinese person names with a supporting signal (see `zhiku.knowledge.names`).

>>> from zhiku.knowledge.catalogue import load_catalogue
>>> [(m.entity_id, m.source) for m in extract_entities("微軟與OpenAI合作，Qwen2.5-7B 開源", catalogue=load_catalogue())]
[('org:microsoft', 'catalogue'), ('org:openai', 'catalogue'), ('model:qwen2.5-7b', 'pattern')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from zhiku.knowledge.catalogue import EntityCatalogue, slug
from zhiku.knowledge.names import find_person_names
from zhiku.knowledge.phrases import FoldedText, fold_aligned
from zhiku.knowledge.records import EntityMention

_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<host>github\.com|huggingface\.co)/(?P<owner>[A-Za-z0-9][\w.\-]*)"
    r"/(?P<repo>[A-Za-z0-9][\w.\-]*[A-Za-z0-9_])(?:/[^\s<>()\[\]{}'\"，。、；）】]*)?",
    re.IGNORECASE,
)
_NOT_OWNERS = frozenset(
    [
        "features",
        "topics",
        "orgs",
        "settings",
        "marketplace",
        "sponsors",
        "about",
        "pricing",
        "login",
        "collections",
        "trending",
        "spaces",
        "datasets",
        "docs",
        "blog",
        "papers",
        "models",
        "tasks",
        "learn",
        "enterprise",
    ]
)
_VERSION = r"(?:[ \-_]?v?\d{1,3}(?:\.\d{1,3})*(?:x\d{1,3}b)?[a-z]?|-[a-z]\d{1,2}(?:\.\d)?)"
_TAIL = r"(?:-[a-z0-9]+(?:\.[a-z0-9]+)*)*"
_TIER = (
    r"(?: (?:\d{1,4}(?:\.\d)?[bmk]|sonnet|opus|haiku|pro|flash|ultra|turbo|mini|instruct|chat|coder"
    r"|max|plus|omni|alpha|beta|preview|nano|vision|base|lite))*"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。、；）】]+", re.IGNORECASE)
_SEP = re.compile(r"[ \-_]+")
_PRIORITY = {"link": 0, "catalogue": 1, "pattern": 2, "pos": 3}


@lru_cache(maxsize=8)
def _model_regex(families: tuple[str, ...]) -> re.Pattern[str] | None:
    if not families:
        return None
    names = "|".join(re.escape(f).replace("\\ ", "[ \\-_]?") for f in families)
    return re.compile(rf"(?<![a-z0-9])(?:{names}){_VERSION}{_TAIL}{_TIER}(?![a-z0-9.\-]?[a-z0-9])")


def extract_entities(
    text: str, *, catalogue: EntityCatalogue, names: bool = True
) -> list[EntityMention]:
    """Entity mentions in `text`, in order, non-overlapping; offsets into `text`."""
    folded = fold_aligned(text)
    candidates: list[tuple[int, int, str, EntityMention]] = []
    candidates += _link_mentions(text, catalogue)
    candidates += _catalogue_mentions(text, folded, catalogue)
    candidates += _model_mentions(text, folded, catalogue)
    if names:
        for surface, start, end in find_person_names(text, folded):
            entity_id = "person:" + slug(surface)
            candidates.append(
                (start, end, "pos", EntityMention(entity_id, surface, "person", start, end, "pos"))
            )
    # a web address is not prose: only the project links above may claim a span inside one
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    if urls:
        candidates = [c for c in candidates if c[2] == "link" or not _inside(c[0], c[1], urls)]
    return _resolve(candidates, len(text))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _link_mentions(
    text: str, catalogue: EntityCatalogue
) -> list[tuple[int, int, str, EntityMention]]:
    found = []
    for match in _LINK.finditer(text):
        owner, repo = match.group("owner"), match.group("repo").removesuffix(".git")
        if owner.lower() in _NOT_OWNERS:
            continue
        host = match.group("host").lower()
        entity_id = catalogue.by_repo_url(f"https://{host}/{owner}/{repo}")
        entity = catalogue.get(entity_id) if entity_id else None
        if entity is None:
            kind = "project" if host == "github.com" else "model"
            mention = EntityMention(
                f"{kind}:{owner}/{repo}".lower(),
                f"{owner}/{repo}",
                kind,
                match.start(),
                match.end(),
                "pattern",
            )
        else:
            mention = EntityMention(
                entity.id, entity.name, entity.type, match.start(), match.end(), "pattern"
            )
        found.append((match.start(), match.end(), "link", mention))
    return found


def _catalogue_mentions(
    text: str, folded: FoldedText, catalogue: EntityCatalogue
) -> list[tuple[int, int, str, EntityMention]]:
    found, pending = [], []
    unambiguous: set[str] = set()
    for start, end, group in catalogue.matcher.find_folded(folded):
        surface = _SEP.sub("", text[start:end])
        alias = next((a for a in group if not a.cased or _SEP.sub("", a.text) == surface), None)
        if alias is None:
            continue
        if alias.ambiguous:
            pending.append((start, end, alias.entity_id))
            continue
        unambiguous.add(alias.entity_id)
        found.append((start, end, alias.entity_id))
    context_ok: dict[str, bool] = {}
    for start, end, entity_id in pending:
        if entity_id not in context_ok:
            context_ok[entity_id] = catalogue.context_found(entity_id, folded, unambiguous)
        if context_ok[entity_id]:
            found.append((start, end, entity_id))
    out = []
    for start, end, entity_id in found:
        entity = catalogue.entities[entity_id]
        out.append(
            (
                start,
                end,
                "catalogue",
                EntityMention(entity_id, entity.name, entity.type, start, end, "catalogue"),
            )
        )
    return out


def _model_mentions(
    text: str, folded: FoldedText, catalogue: EntityCatalogue
) -> list[tuple[int, int, str, EntityMention]]:
    regex = _model_regex(catalogue.families)
    if regex is None:
        return []
    found = []
    for match in regex.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        surface = text[start:end]
        known = catalogue.lookup(surface)
        if known is not None and known.type == "model":
            mention = EntityMention(known.id, known.name, known.type, start, end, "pattern")
        else:
            mention = EntityMention(
                "model:" + slug(surface), surface, "model", start, end, "pattern"
            )
        found.append((start, end, "pattern", mention))
    return found


def _resolve(
    candidates: list[tuple[int, int, str, EntityMention]], length: int
) -> list[EntityMention]:
    """Keep the longest, then most reliable, of overlapping candidates."""
    taken = bytearray(length + 1)
    kept = []
    for start, end, _rule, mention in sorted(
        candidates, key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0])
    ):
        if end <= start or any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(mention)
    kept.sort(key=lambda m: m.start)
    return kept
