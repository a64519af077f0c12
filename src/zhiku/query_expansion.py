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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zhiku.errors import InputError
from zhiku.knowledge.catalogue import EntityCatalogue, bundled_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.normalize import fold_key
from zhiku.once import once
from zhiku.segment import lexical_query, tokenize

LEXICON = Path(__file__).resolve().parent / "data" / "bilingual_terms.json"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\s.,'’\-_+/:;!?()]*")


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
        return set(self.english_concepts(text)), set(self.chinese_concepts(text))

    def english_concepts(self, text: str) -> list[Key]:
        # only the Latin runs need the tokenizer (no jieba over the Chinese of a mixed text)
        found: dict[Key, None] = {}
        for run in _LATIN_RUN.findall(text):
            tokens = [_singular(t) for t in tokenize(run)]
            for i, token in enumerate(tokens):
                for key in self.starting.get(token, ()):
                    if tuple(tokens[i : i + len(key)]) == key:
                        found[key] = None
        return list(found)

    def chinese_concepts(self, text: str) -> list[Key]:
        if not _CJK.search(text):
            return []
        folded = fold_key(text)
        return list(
            dict.fromkeys(key for r, keys in self.keys.items() if r in folded for key in keys)
        )

    def translations(self, query: str, into: Sequence[str] = ("zh", "en")) -> list[str]:
        """The words in the languages `into` for the terms of `query` written in the other one.

        >>> Lexicon.of([["open source", "开源"]]).translations("Is it open-sourced? 开源吗")
        ['开源', 'open source']
        """
        english = self.english_concepts(query) if "zh" in into else []
        chinese = self.chinese_concepts(query) if "en" in into else []
        found = [r for key in english for r in self.renderings[key]]
        found += [self.terms[key] for key in chinese]
        return list(dict.fromkeys(found))


def _singular(token: str) -> str:
    """A plural the stemmer keeps (``gpus``: a name, not a word) matched as its singular."""
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


@once
def bundled_lexicon() -> Lexicon:
    try:
        rows = json.loads(LEXICON.read_text(encoding="utf-8"))["terms"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{LEXICON}: cannot read the bilingual lexicon: {exc}") from exc
    return Lexicon.of(rows)


@lru_cache(maxsize=4)
def _renamed(catalogue: EntityCatalogue) -> tuple[str, ...]:
    """Folded Chinese names of the entities that have more than one (輝達 and 英伟达 fold apart)."""
    names: list[str] = []
    for entity in catalogue.entities.values():
        chinese = {fold_key(n) for n in (entity.name, *entity.aliases) if _CJK.search(n)}
        if len(chinese) > 1:
            names.extend(chinese)
    return tuple(dict.fromkeys(names))


def entity_aliases(query: str, catalogue: EntityCatalogue) -> list[str]:
    """Every name of every catalogue entity that `query` mentions, in any language or script."""
    names: list[str] = []
    for mention in extract_entities(query, catalogue=catalogue, names=False):
        entity = catalogue.get(mention.entity_id)
        if entity is not None:
            names.extend((entity.name, *entity.aliases))
    return list(dict.fromkeys(names))


LANGUAGES = ("zh", "en")


def language_of_phrase(phrase: str) -> str:
    """``zh`` for a phrase with Chinese characters, else ``en``."""
    return "zh" if _CJK.search(phrase) else "en"


@lru_cache(maxsize=4096)
def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    # a lone character (上 of 上一, 月 of 12月) matches nearly every Chinese passage
    return tuple(t for t in lexical_query(phrase) if len(t) > 1)


def expansion_terms(
    query: str,
    *,
    into: Sequence[str] = LANGUAGES,
    own: Sequence[str] | None = None,
    lexicon: Lexicon | None = None,
    catalogue: EntityCatalogue | None = None,
) -> list[str]:
    """Lexical tokens of the query's entity aliases and lexicon translations written in one of
    the languages `into` (those a library holds: words of a language it lacks match nothing),
    less the query's `own` tokens (default: its `zhiku.segment.lexical_query`) and single
    characters."""
    if tuple(into) == ("en",) and not _CJK.search(query):
        return []  # English names of an entity hardly differ; Chinese ones do (輝達, 英伟达)
    if tuple(into) == ("zh",) and not _LATIN_RUN.search(query):
        # only another Chinese name of an entity can be added: look for one only when the
        # question holds a name that has one (a substring test, much cheaper than the matcher)
        folded = fold_key(query)
        if not any(name in folded for name in _renamed(catalogue or bundled_catalogue())):
            return []
    lexicon = lexicon or bundled_lexicon()
    catalogue = catalogue or bundled_catalogue()
    mine = set(lexical_query(query) if own is None else own)
    phrases = [*entity_aliases(query, catalogue), *lexicon.translations(query, into)]
    return list(
        dict.fromkeys(
            t
            for p in phrases
            if language_of_phrase(p) in into
            for t in _phrase_tokens(p)
            if t not in mine
        )
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
    catalogue = catalogue or bundled_catalogue()
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
