"""Words of the other language for a search: how an English question finds a Chinese passage by
its words, and the reverse (pure).

BM25 only matches the words a question shares with a passage, so across languages it sees little
more than stray Latin names. Two sources give it the other language's words:

- the entity catalogue: every alias of an entity the question names (英伟达 -> NVIDIA, 輝達 ...);
- a general bilingual lexicon of the AI field and of tech and business news
  (``zhiku/data/bilingual_terms.json``, written for zhiku): model <-> 模型, funding <-> 融资 ...

English terms match the question's stemmed tokens in sequence (so "trained models" finds
"training" and "model"); Chinese renderings match inside its folded text (so zh-Hant 訓練 finds
训练). Single-character renderings are left out: alone they match too much. The terms found are
searched apart from the question's own and weigh less (`zhiku.retrieve.with_expansion`).

>>> sorted(expansion_terms("How was the model trained?"))
['#模型', '#训练', '模型', '训练']
>>> sorted(expansion_terms("模型是怎麼訓練的？"))
['model', 'train']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhiku.errors import InputError
from zhiku.knowledge.catalogue import EntityCatalogue, load_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.normalize import fold_key
from zhiku.segment import lexical_query, tokenize

LEXICON = Path(__file__).resolve().parent / "data" / "bilingual_terms.json"


Key = tuple[str, ...]  # an English term as its (singular, stemmed) tokens


@dataclass(frozen=True, slots=True)
class Lexicon:
    """English terms <-> Chinese renderings (folded); a term and its renderings are one concept."""

    terms: dict[Key, str]  # the English term as written
    renderings: dict[Key, tuple[str, ...]]
    keys: dict[str, tuple[Key, ...]]  # Chinese rendering -> the terms it renders
    starting: dict[str, tuple[Key, ...]]  # first token -> the terms that start with it

    @classmethod
    def of(cls, rows: Iterable[Sequence[str]]) -> Lexicon:
        terms: dict[Key, str] = {}
        renderings: dict[Key, list[str]] = {}
        keys: dict[str, list[Key]] = {}
        for term, *chinese in rows:
            key = tuple(map(_singular, tokenize(term)))
            folded = [fold_key(r) for r in chinese if len(r) > 1]
            if not key or not folded:
                continue
            terms.setdefault(key, term)
            renderings.setdefault(key, []).extend(folded)
            for rendering in folded:
                keys.setdefault(rendering, []).append(key)
        return cls(
            terms,
            {k: tuple(dict.fromkeys(v)) for k, v in renderings.items()},
            {k: tuple(dict.fromkeys(v)) for k, v in keys.items()},
            {t: tuple(k for k in terms if k[0] == t) for t in {k[0] for k in terms}},
        )

    def concepts(self, text: str) -> tuple[set[Key], set[Key]]:
        """The lexicon's concepts `text` names in English, and those it names in Chinese."""
        tokens = [_singular(t) for t in tokenize(text)]
        english = {
            key
            for i, token in enumerate(tokens)
            for key in self.starting.get(token, ())
            if tuple(tokens[i : i + len(key)]) == key
        }
        folded = fold_key(text)
        chinese = {key for r, found in self.keys.items() if r in folded for key in found}
        return english, chinese

    def translations(self, query: str) -> list[str]:
        """The other language's words for the terms of `query` (either language, or both).

        >>> Lexicon.of([["open source", "开源"]]).translations("Is it open-sourced? 开源吗")
        ['开源', 'open source']
        """
        english, chinese = self.concepts(query)
        found = [r for key in self.terms if key in english for r in self.renderings[key]]
        found += [self.terms[key] for key in self.terms if key in chinese]
        return list(dict.fromkeys(found))


def _singular(token: str) -> str:
    """A plural the stemmer keeps (``gpus``: a name, not a word) matched as its singular."""
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


@lru_cache(maxsize=1)
def bundled_lexicon() -> Lexicon:
    try:
        rows = json.loads(LEXICON.read_text(encoding="utf-8"))["terms"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{LEXICON}: cannot read the bilingual lexicon: {exc}") from exc
    return Lexicon.of(rows)


@lru_cache(maxsize=1)
def _bundled_catalogue() -> EntityCatalogue:
    return load_catalogue()


def entity_aliases(query: str, catalogue: EntityCatalogue) -> list[str]:
    """Every name of every catalogue entity that `query` mentions, in any language or script."""
    names: list[str] = []
    for mention in extract_entities(query, catalogue=catalogue, names=False):
        entity = catalogue.get(mention.entity_id)
        if entity is not None:
            names.extend((entity.name, *entity.aliases))
    return list(dict.fromkeys(names))


def expansion_terms(
    query: str,
    *,
    lexicon: Lexicon | None = None,
    catalogue: EntityCatalogue | None = None,
) -> list[str]:
    """Lexical tokens of the query's entity aliases and lexicon translations that the query's
    own tokens (`zhiku.segment.lexical_query`) do not already hold, single characters left out."""
    lexicon = lexicon or bundled_lexicon()
    catalogue = catalogue or _bundled_catalogue()
    own = set(lexical_query(query))
    phrases = [*entity_aliases(query, catalogue), *lexicon.translations(query)]
    # a lone character (上 of 上一, 月 of 12月) matches nearly every Chinese passage
    return list(
        dict.fromkeys(t for p in phrases for t in lexical_query(p) if t not in own and len(t) > 1)
    )


def concept_share(
    question: str,
    text: str,
    *,
    lexicon: Lexicon | None = None,
    catalogue: EntityCatalogue | None = None,
) -> float:
    """Share of the question's concepts (lexicon terms and catalogue entities, named in any
    language or script) that `text` names too, in whichever language; 0 when it names none.
    Unlike a share of words, it sees an English question's terms in a Chinese sentence.

    >>> concept_share("Which company raised the funding?", "这家公司完成了融资。")
    1.0
    >>> round(concept_share("Which company raised the funding?", "这家公司发布了新模型。"), 2)
    0.33
    """
    lexicon = lexicon or bundled_lexicon()
    catalogue = catalogue or _bundled_catalogue()
    asked = set().union(*lexicon.concepts(question))
    entities = {m.entity_id for m in extract_entities(question, catalogue=catalogue, names=False)}
    if not asked and not entities:
        return 0.0
    named = set().union(*lexicon.concepts(text))
    found = len(asked & named)
    if entities:
        in_text = extract_entities(text, catalogue=catalogue, names=False)
        found += len(entities & {m.entity_id for m in in_text})
    return found / (len(asked) + len(entities))
