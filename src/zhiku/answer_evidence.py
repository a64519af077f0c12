"""What a candidate sentence offers as evidence for a question: one row of features per sentence,
read by the calibrated decision (`zhiku.answer_decision`) (pure).

Features (all roughly 0..1):

- ``lexical``: IDF-weighted share of the question's terms in the sentence;
- ``rare_share``: share of the question's three rarest terms (highest IDF) in the sentence: the
  terms that name *this* fact rather than its topic;
- ``phrase_share``: share of the question's adjacent term pairs that are adjacent in the sentence;
  ``char_bigram_share``: share of its Chinese character pairs in the sentence (0 without Chinese);
- ``dense``: the cosine between the question and the sentence (raw: each embedder's band is
  calibrated by its own coefficients); ``dense_cross``: the same cosine when question and
  sentence are in different languages (zh vs en), so each language pair gets its own slope;
- ``cross_language``: question and sentence in different languages (a command or a line of code
  is in neither);
- ``typed`` / ``type_found``: the question asks for a kind of answer a pattern can check (a year,
  an amount, a count, a name, a version, a definition, a cause: `zhiku.answer_types`), and the
  sentence holds one that the question does not already contain;
- ``anchor_share``: share of the question's anchors (catalogue entities in any script and alias,
  numbers, Latin names) that the sentence holds; ``no_anchors``: the question has none;
- ``rank``: the passage's rank among the hits, 0 for the first, 1 for the last;
- ``lexical_gap`` / ``dense_gap``: how far the sentence is behind the best candidate on each;
- ``asks_back``: the sentence is itself a question (it restates rather than answers);
- ``anchors_all``: the sentence holds every anchor of the question (which has some);
- binding the fact to the question (`zhiku.answer_binding`): ``clause_share``, the IDF-weighted
  share of the question's content terms in the best clause (for a typed question: a clause
  holding a new candidate); ``clause_relation`` / ``relation_found``, the share of the question's
  relations (founded / 成立, raised / 融资, ...: ``relation_asked`` says it has some) in that
  clause / the sentence; ``near``, how close a candidate sits to the nearest question word;
  ``missing_rare``, the IDF of the rarest content term the sentence lacks, over the question's
  rarest (same-language sentences; 0 across languages, where terms cannot match);
- ``unseen_share``: IDF-weighted share of the question's content terms that no candidate in its
  language holds, nor the title or outlet of a candidate's document (one value per question, 0 on
  sentences in the other language: the library's passages are about something else);
- ``numeric_missing``: the question asks for a number, an amount, a date, a duration or a
  version (and nothing else) and the sentence states none beyond the question's own, or it
  asks when something was founded and the sentence names no founding; or it asks for a person
  (an organization) in the other language than the sentence's, which names none, nor a group of
  people by where they work ("researchers at Princeton and Google"): across languages the
  embedding matches a sentence about the subject that names only its products; or, in Chinese,
  it names what the number measures ("每股收益是多少") and neither the sentence (with the one
  before it, when it goes on from it) nor its page's title holds a word of that measure
  (`zhiku.measured_attribute`); or it asks which chip or card ("哪一型号的 GPU", "which Nvidia
  chip") and the sentence (with the one before it) names no product code besides the question's
  (`zhiku.product_codes.asks_a_code`), in any language; within one
  language a name the detector misses, "Queen Elizabeth II", is still weighed, not required;
- ``with_antecedent``: for a sentence that opens with a pronoun ("It was described by …",
  "该模型…", "他…"), the ``lexical`` share of the question's terms in it and the sentence before
  it together (what the pronoun stands for is there); else its own ``lexical``;
- ``concept_share``: share of the question's concepts (bilingual lexicon terms and catalogue
  entities) the sentence names in either language (`zhiku.query_expansion.concept_share`): what
  ``lexical`` is within one language, across languages;
- ``page_unseen``: ``unseen_share`` within the sentence's own page (the candidates retrieved from
  it, and its title and outlet): a near-miss page speaks of the subject but never of what is asked, even
  when other pages in the results do (0 across languages, and without titles);
- ``entity_unnamed``: the question asks a kind of fact about an entity of the catalogue
  (OpenAI, 英伟达, Llama 4: any alias, any script) that neither the sentence, the sentence before
  it nor its page's title names, and the sentence holds none of the question's own Latin names
  either: a fact of the asked kind about another company or model ("Nvidia invests $30 billion"
  for "how much is Amazon investing?"). So is one for another country, when the sentence names
  a country or region and none of these names the question's (`zhiku.places`), and one for
  another product, when the sentence names a product code and none of these the question's
  (`zhiku.product_codes`: the A100 and the H800 for "the V100"; "Llama 4 Scout" for "Llama 4
  Maverick"), or for another work, when the question names one by its title in 《》 and neither
  the sentence, the one before it nor its page's title holds it (`zhiku.named_work`), or for
  another body, when the question names a Chinese organization in full ("某某科技商會") and none
  of these names it (`zhiku.organization_names`). A requirement, like
  ``numeric_missing``.
- ``relation_unstated``: the question asks who or which company did something (founded, led,
  acquired: ``relation_asked``) and the sentence, in the question's language, states less than
  half of it: "Apple withdrew from the round" names a company, but not the one that led the
  round. Or, in Chinese, it asks who holds an office ("首任院长是谁") and neither the sentence
  (with the one before it, when it goes on from it) nor its page's title holds a word of it
  (`zhiku.measured_attribute.asked_role`). A requirement too. Across languages the relation
  words meet too seldom to require them.
- ``shares_nothing``: a sentence in the question's language that shares none of its words,
  names, numbers, character pairs or concepts (nor does the sentence its pronoun points back
  to): whatever it states, it is not about what was asked. A requirement too; across languages
  only the embedding can tell. In any language, a bare question ("What is RAG Architecture?",
  "什么是 vLLM?": a heading asking what the next lines answer) states nothing, and counts so too.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from zhiku.answer_binding import bind, content_terms, present, relations, unstated_share
from zhiku.answer_sentences import is_code_line
from zhiku.answer_types import (
    CALENDAR_WORDS,
    CHECKED,
    NUMERIC,
    TYPED,
    asked_type,
    asked_types,
    asks_several,
    new_candidates,
)
from zhiku.knowledge.catalogue import EntityCatalogue, bundled_catalogue
from zhiku.knowledge.entities import extract_entities
from zhiku.measured_attribute import asked_measure, asked_role, measure_unstated
from zhiku.named_work import work_unnamed
from zhiku.normalize import fold_key
from zhiku.number_values import numbers_in
from zhiku.organization_names import organization_unnamed
from zhiku.page_pointer import asked_part
from zhiku.places import rival_place
from zhiku.possessed_names import possessed_unnamed
from zhiku.product_codes import asks_a_code, code_unstated, rival_code, rival_variant
from zhiku.query_expansion import concept_share
from zhiku.segment import ENGLISH_STOPWORDS, cjk_bigrams, query_terms, tokenize

FEATURES = (
    "lexical",
    "rare_share",
    "phrase_share",
    "char_bigram_share",
    "dense",
    "dense_cross",
    "cross_language",
    "typed",
    "type_found",
    "anchor_share",
    "no_anchors",
    "rank",
    "lexical_gap",
    "dense_gap",
    "asks_back",
    "anchors_all",
    "clause_share",
    "clause_relation",
    "relation_asked",
    "relation_found",
    "near",
    "missing_rare",
    "unseen_share",
    "numeric_missing",
    "with_antecedent",
    "concept_share",
    "numbers_missing",
    "page_unseen",
    "entity_unnamed",
    "relation_unstated",
    "shares_nothing",
)
_RARE_TERMS = 3
# what a sentence in the question's language shares with it, one way or another
_OVERLAPS = (
    "lexical",
    "rare_share",
    "phrase_share",
    "char_bigram_share",
    "anchor_share",
    "with_antecedent",
    "concept_share",
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Latin words that name something: capitalized mid-sentence, with digits, or glued (vLLM, GPT-4o)
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z]*[A-Z0-9][A-Za-z0-9]*(?:[.\-+][A-Za-z0-9]+)*)(?![A-Za-z0-9])"
)
_QUESTION_END = ("?", "？", "吗", "呢")
_ANAPHOR = re.compile(
    r"^\W*(?:(?:it|its|this|these|that|those|they|their|them|he|his|she|her)\b|它|他|她|其|该|該|此|这|這)",
    re.IGNORECASE,
)


def language(text: str) -> str:
    """``zh`` when the text has a few Chinese characters, else ``en`` (a Chinese sentence full of
    Latin names is still Chinese).

    >>> language("RAG 的概念最早由 Patrick Lewis 提出"), language("Who proposed RAG?")
    ('zh', 'en')
    """
    return "zh" if len(_CJK.findall(text)) >= 3 else "en"


@dataclass(frozen=True, slots=True)
class Anchors:
    """What a supporting sentence should share with the question, whatever its language."""

    entities: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]  # folded Latin names
    # the Latin word right after an entity ("Llama 4 Maverick"): the entity's own name
    entity_names: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.entities) + len(self.numbers) + len(self.names)


def question_anchors(question: str, catalogue: EntityCatalogue) -> Anchors:
    """Entities (catalogue ids, so 輝達 and NVIDIA are one), numbers and Latin names of a question.

    >>> a = question_anchors("How much did 英伟达 invest in OpenAI in 2025?", bundled_catalogue())
    >>> sorted(a.entities), sorted(a.numbers), sorted(a.names)
    (['org:nvidia', 'org:openai'], ['2025'], [])
    >>> sorted(question_anchors("How many users did Lumen Labs have last December?",
    ...     bundled_catalogue()).names)
    ['labs', 'lumen']
    """
    mentions = extract_entities(question, catalogue=catalogue, names=False)
    covered = "".join(question[m.start : m.end] for m in mentions)
    entities = frozenset(m.entity_id for m in mentions)
    numbers = frozenset(n for n in numbers_in(question) if n not in fold_key(covered))
    words = [w for w in _LATIN_NAME.findall(question) if w not in covered and not w.isdigit()]
    if language(question) == "en":
        words = words[1:] if words and question.lstrip().startswith(words[0]) else words
    names = frozenset(
        fold_key(w)
        for w in words
        if fold_key(w) not in ENGLISH_STOPWORDS and fold_key(w) not in CALENDAR_WORDS and len(w) > 1
    )
    following = (_NEXT_LATIN_WORD.match(question, m.end) for m in mentions)
    entity_names = frozenset(fold_key(w.group(1)) for w in following if w is not None) & names
    return Anchors(entities, numbers, names, entity_names)


_NEXT_LATIN_WORD = re.compile(r"\s*([A-Za-z][\w-]*)")


def entity_unnamed(
    anchors: Anchors,
    text: str,
    previous: str,
    title: str,
    catalogue: EntityCatalogue,
    *,
    cross: bool = False,
) -> bool:
    """The question's catalogue entities are not all named by the sentence, the sentence before
    it or its page's title, and the sentence names none of the question's Latin names either
    (a model's own name, "Maverick", names the model of "Llama 4 Maverick"). Across languages
    only such an own name counts: "AIEC" in "What score did GPT-5 get on AIEC's benchmark?"
    names the benchmark, and a Chinese sentence about it need not be about GPT-5.

    >>> a = question_anchors("How much is Amazon investing in OpenAI?", bundled_catalogue())
    >>> entity_unnamed(a, "Nvidia is investing $30 billion in OpenAI.", "", "", bundled_catalogue())
    True
    >>> entity_unnamed(a, "亚马逊将向 OpenAI 投资 80 亿美元。", "", "", bundled_catalogue())
    False
    >>> b = question_anchors("What score did GPT-5 get on AIEC's test?", bundled_catalogue())
    >>> sorted(b.entity_names), entity_unnamed(b, "AIEC 共评测了 42 个模型。", "", "",
    ...     bundled_catalogue(), cross=True)
    ([], True)
    """
    if not anchors.entities or anchors.entities <= _named(text, previous, title, catalogue):
        return False
    folded = fold_key(text)
    names = anchors.entity_names if cross else anchors.names
    return not any(name in folded for name in names)


def _named(text: str, previous: str, title: str, catalogue: EntityCatalogue) -> set[str]:
    """The catalogue entities a sentence, the sentence before it and its page's title name."""
    context = f"{text} {previous} {title}"
    return {m.entity_id for m in extract_entities(context, catalogue=catalogue, names=False)}


def unnamed_entities(question: str, text: str, previous: str = "", title: str = "") -> list[str]:
    """The catalogue entities of a question, as the question writes them, that neither `text`,
    the sentence before it nor its page's title names (in any alias or script), and the places
    it names that `text` replaces by another (`zhiku.places.rival_place`).

    >>> unnamed_entities("How much is 亚马逊 investing in OpenAI?", "Nvidia invests in OpenAI.")
    ['亚马逊']
    """
    catalogue = bundled_catalogue()
    part = asked_part(question)
    named = _named(text, previous, title, catalogue)
    mentions = extract_entities(part, catalogue=catalogue, names=False)
    unnamed = [part[m.start : m.end] for m in mentions if m.entity_id not in named]
    unnamed += rival_place(part, text, previous, title)
    unnamed += rival_code(part, text, previous, title)
    unnamed += possessed_unnamed(part, text, previous, title)
    unnamed += organization_unnamed(part, text, previous, title)
    return list(dict.fromkeys(unnamed))


def _continues(text: str) -> bool:
    """A sentence that goes on from the one before it: it opens with a pronoun ("It…", "该模型…")
    or in lower case, after a semicolon ("…140 GB; in Q4_K_M it takes 40 GB")."""
    return bool(_ANAPHOR.match(text)) or text[:1].islower()


def lacks_numbers(numbers: frozenset[str], text: str, previous: str, title: str) -> bool:
    """The question states numbers (`numbers`) that neither the sentence, the sentence before
    it (`previous`, given for a sentence that opens with a pronoun) nor its page's title holds:
    a number the question gives names what it asks about ("the first 10 GW systems"), and a
    sentence without it is usually about something else."""
    return bool(numbers) and not numbers <= numbers_in(f"{text} {previous} {title}")


def anchor_share(anchors: Anchors, text: str, catalogue: EntityCatalogue) -> float:
    """Share of `anchors` found in `text` (entities by id, so any alias or script counts)."""
    if not len(anchors):
        return 0.0
    folded = fold_key(text)
    entities = {m.entity_id for m in extract_entities(text, catalogue=catalogue, names=False)}
    found = len(anchors.entities & entities)
    found += len(anchors.numbers & numbers_in(text))
    found += sum(name in folded for name in anchors.names)
    return found / len(anchors)


def lexical_support(terms: Sequence[str], text: str, idf: Callable[[str], float]) -> float:
    """IDF-weighted share of the question's terms that appear in `text`."""
    weights = {t: idf(t) for t in terms}
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    present = set(tokenize(text))
    return sum(w for t, w in weights.items() if t in present) / total


def rare_share(terms: Sequence[str], text: str, idf: Callable[[str], float]) -> float:
    """Share of the `_RARE_TERMS` highest-IDF terms that appear in `text`."""
    rare = sorted(terms, key=idf, reverse=True)[:_RARE_TERMS]
    present = set(tokenize(text))
    return sum(t in present for t in rare) / len(rare) if rare else 0.0


def phrase_share(question_tokens: Sequence[str], text_tokens: Sequence[str]) -> float:
    """Share of the question's adjacent token pairs that occur adjacent in the text.

    >>> phrase_share(["vllm", "吞吐量", "提升"], ["vllm", "吞吐量", "提升", "倍"])
    1.0
    """
    pairs = set(itertools.pairwise(question_tokens))
    if not pairs:
        return 0.0
    return len(pairs & set(itertools.pairwise(text_tokens))) / len(pairs)


def char_bigram_share(question_bigrams: set[str], text: str) -> float:
    if not question_bigrams:
        return 0.0
    return len(question_bigrams & set(cjk_bigrams(text))) / len(question_bigrams)


def evidence_features(
    question: str,
    texts: Sequence[str],
    ranks: Sequence[float],
    cosines: np.ndarray,
    *,
    idf: Callable[[str], float],
    catalogue: EntityCatalogue | None = None,
    previous: Sequence[str] | None = None,
    titles: Sequence[str] | None = None,
) -> np.ndarray:
    """One row of `FEATURES` per text; `ranks` are 0..1 (first hit 0), `cosines` question vs
    text, `previous` the sentence before each text in its passage ("" or None: none), `titles`
    the title of each text's document."""
    catalogue = catalogue or bundled_catalogue()
    # the page a question points at ("那篇…的文章里,") is what the page holds, not the sentence
    page_terms = content_terms(question)
    page_question = question
    question = asked_part(question)
    terms = query_terms(question)
    kind = asked_type(question)
    typed = kind in CHECKED
    anchors = question_anchors(question, catalogue)
    asked_in = language(question)
    lexical = np.array([lexical_support(terms, t, idf) for t in texts])
    question_tokens = tokenize(question)
    question_bigrams = set(cjk_bigrams(question))
    content = content_terms(question)
    asked_relations = relations(question)
    several = asks_several(question)  # "who wrote it and when?": a sentence may answer one part
    # a candidate of any kind asked counts for a question asking several facts
    kinds = [k for k in asked_types(question) if k in CHECKED] if several else [kind]
    measure = asked_measure(fold_key(question)) if kind in NUMERIC else None
    role = asked_role(fold_key(question)) if kind == "person" and not several else None
    code_asked = not several and asks_a_code(question)
    rows = np.zeros((len(texts), len(FEATURES)))
    for i, text in enumerate(texts):
        before, title = previous[i] if previous else "", titles[i] if titles else ""
        cross = float(language(text) != asked_in and not is_code_line(text))
        found = [c for k in kinds for c in new_candidates(question, text, k)] if typed else []
        shared = anchor_share(anchors, text, catalogue)
        binding = bind(content, asked_relations, text, found if kind in TYPED else None, idf)
        # across languages the embedding alone may match a sentence about another entity, so
        # there an unnamed entity rules out an answer to any question
        unnamed = (typed or bool(cross)) and entity_unnamed(
            anchors, text, before, title, catalogue, cross=bool(cross)
        )
        rows[i] = (
            lexical[i],
            rare_share(terms, text, idf),
            phrase_share(question_tokens, tokenize(text)),
            char_bigram_share(question_bigrams, text),
            cosines[i],
            cosines[i] * cross,
            cross,
            float(typed),
            float(typed and bool(found)),
            shared,
            float(not len(anchors)),
            ranks[i],
            lexical.max() - lexical[i],
            cosines.max() - cosines[i],
            float(text.rstrip(" \"'”’」』)）").endswith(_QUESTION_END)),
            float(len(anchors) > 0 and shared >= 1.0),
            binding.clause_share,
            binding.clause_relation,
            float(bool(asked_relations)),
            binding.relation_found,
            binding.near,
            binding.missing_rare * (1.0 - cross),
            0.0,
            float(
                not several
                and (
                    (
                        kind in NUMERIC
                        and (
                            not found
                            or _founding_unsaid(kind, asked_relations, text, previous, i)
                            or (
                                measure is not None
                                and not cross
                                and measure_unstated(
                                    measure,
                                    fold_key(
                                        f"{title} {before if _continues(text) else ''} {text}"
                                    ),
                                )
                            )
                        )
                    )
                    or (
                        kind in _PARTIES
                        and bool(cross)
                        and not found
                        and not (kind == "person" and _names_a_group(question, text))
                    )
                    or (code_asked and code_unstated(question, text, before))
                )
            ),
            (
                lexical_support(terms, f"{previous[i]} {text}", idf)
                if previous and previous[i] and _ANAPHOR.match(text)
                else lexical[i]
            ),
            concept_share(question, text, catalogue=catalogue),
            float(
                lacks_numbers(
                    anchors.numbers,
                    text,
                    previous[i] if previous and _continues(text) else "",
                    title,
                )
            ),
            0.0,  # page_unseen, once every sentence's page is known (below)
            float(
                unnamed
                or (
                    typed
                    and (
                        bool(rival_place(question, text, before, title))
                        or bool(rival_code(question, text, before, title))
                        or bool(rival_variant(question, text, before, title))
                        or bool(possessed_unnamed(question, text, before, title))
                        or bool(organization_unnamed(question, text, before, title))
                        or work_unnamed(page_question, text, before, title)
                    )
                )
            ),
            float(
                (
                    kind in ("person", "organization")
                    and bool(asked_relations)
                    and not cross
                    and unstated_share(asked_relations, text) > 0.5
                )
                or (
                    role is not None
                    and not cross
                    and measure_unstated(
                        role, fold_key(f"{title} {before if _continues(text) else ''} {text}")
                    )
                )
            ),
            0.0,  # shares_nothing, from the overlaps above (below)
        )
    same = rows[:, FEATURES.index("cross_language")] == 0
    overlaps = [FEATURES.index(f) for f in _OVERLAPS]
    rows[:, FEATURES.index("shares_nothing")] = (same & (rows[:, overlaps] == 0).all(axis=1)) | [
        bare_question(t) for t in texts
    ]
    # what a page is about includes its title: "before becoming an ML engineer" is not unseen
    # when the page is titled so and its sentences only say "before she wrote her first Python"
    about = {t for t, s in zip(titles or (), same, strict=False) if s and language(t) == asked_in}
    rows[same, FEATURES.index("unseen_share")] = unseen_share(
        page_terms, [t for t, s in zip(texts, same, strict=True) if s] + sorted(about), idf
    )
    if titles:
        rows[:, FEATURES.index("page_unseen")] = page_unseen(page_terms, texts, titles, same, idf)
    return rows


_PARTIES = ("person", "organization")
_GROUP_WORDS = re.compile(
    r"\b(?:researchers|scientists|engineers|team|teams)\b|研究人员|研究者|科学家|工程师|团队"
)


def _names_a_group(question: str, text: str) -> bool:
    """People named by where they work: "普林斯頓大學與 Google 的研究人員" answers "who proposed
    ReAct?" though it names no one."""
    folded = fold_key(text)
    return bool(_GROUP_WORDS.search(folded)) and bool(
        new_candidates(question, text, "organization")
    )


_BARE_QUESTION_MAX_CHARS = 60
_CLAUSE_MARK_RE = re.compile(r"[,，;；:：。!！]")


def bare_question(text: str) -> bool:
    """A short question with no clause before it: a heading that asks, and states nothing.

    >>> bare_question("What is RAG Architecture?"), bare_question("1.什么是向量库?")
    (True, True)
    >>> bare_question("它一年就估值翻倍了，谁能想到呢?")
    False
    """
    text = text.strip().rstrip(" \"'”’」』)）")
    return (
        text.endswith(("?", "？"))
        and len(text) <= _BARE_QUESTION_MAX_CHARS
        and _CLAUSE_MARK_RE.search(text[:-1]) is None
    )


# the founding itself, not its founder ("创始人", "founder" name a person, not when)
_FOUNDING = re.compile(
    r"创立|成立|创办|创建|建立|创设|始建|建于|设立|开办|开设|创于|始于|起源|开业|落成|启用|问世"
    r"|\b(?:co-?)?found(?:ed|ing)\b|\bestablish|\bincorporated\b|\bformed\b|\bset up\b"
    r"|\b(?:created|opened|began|begun|started|launched|inaugurated|built|since|origins?)\b"
    r"|\bdates? (?:back|from)\b"
)


def _founding_unsaid(
    kind: str, asked: set[str], text: str, previous: Sequence[str] | None, index: int
) -> bool:
    """A question asking when something was founded, over a sentence (and the one before it)
    that names no founding: a founding date is stated with such a word (成立, 创办, 始于,
    founded, established, opened, since) in 59 of the 63 CMRC and SQuAD dev answer sentences to
    such questions (with the sentence before each)."""
    if kind != "date" or "found" not in asked:
        return False
    before = previous[index] if previous and previous[index] else ""
    return _FOUNDING.search(fold_key(f"{before} {text}")) is None


def page_unseen(
    terms: Sequence[str],
    texts: Sequence[str],
    titles: Sequence[str],
    same: np.ndarray,
    idf: Callable[[str], float],
) -> np.ndarray:
    """Per sentence in the question's language: `unseen_share` of `terms` over the sentences of
    its page (the same title) and that title; 0 for the others."""
    pages: dict[str, list[str]] = {}
    for text, title, in_language in zip(texts, titles, same, strict=True):
        if in_language:
            pages.setdefault(title, [title]).append(text)
    shares = {title: unseen_share(terms, page, idf) for title, page in pages.items()}
    return np.array(
        [shares[t] if s else 0.0 for t, s in zip(titles, same, strict=True)], dtype=float
    )


def unseen_share(terms: Sequence[str], texts: Sequence[str], idf: Callable[[str], float]) -> float:
    """IDF-weighted share of `terms` that none of `texts` holds."""
    weights = {t: idf(t) for t in terms}
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    folded = [(fold_key(t), frozenset(tokenize(t))) for t in texts]
    unseen = [w for t, w in weights.items() if not any(present(t, f, k) for f, k in folded)]
    return sum(unseen) / total
