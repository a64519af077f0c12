"""Extractive answers: the sentences of the best passages that answer the question, each with
the span it came from, or an abstention when no sentence is likely enough to carry the answer
(pure, apart from the embedder passed in).

Which sentences answer is one calibrated decision (`zhiku.answer_decision`): a logistic model
per embedder over the evidence each sentence offers (`zhiku.answer_evidence`: lexical and dense
support, what kind of fact the question asks for and whether the sentence states one, entities
and numbers shared across languages, rank and gaps). `support_scores` is the older blend of
lexical and dense support; the verifier (`zhiku.verify`) and the LLM gate still read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from zhiku.answer_binding import unstated_words
from zhiku.answer_decision import REQUIRED, Calibration, calibration_for, shown_below
from zhiku.answer_evidence import (
    FEATURES,
    evidence_features,
    lexical_support,
    unnamed_entities,
)
from zhiku.answer_page import about_the_page, field_sentences
from zhiku.answer_sentences import answer_sentence, is_heading_like, merge_document_citations
from zhiku.answer_types import asks_several
from zhiku.chunk import split_sentences
from zhiku.embedders import Embedder, load_embedder
from zhiku.metadata_passage import asked_fields, passage_sentences
from zhiku.planted_instructions import quotes_an_instruction
from zhiku.profile import embedder_setting
from zhiku.records import Answer, AnswerSentence, Citation, Hit
from zhiku.segment import query_terms

__all__ = [
    "Candidate",
    "candidate_sentences",
    "dense_support",
    "extract_answer",
    "lexical_support",
    "scoring_embedder",
    "sentence_evidence",
    "stating_the_asked_kind",
    "support_scores",
]

# Cosines of the default embedder between unrelated texts sit around 0.1-0.3 and rarely exceed
# 0.6 even for a paraphrase; map that band onto 0..1 before blending with lexical overlap.
_COSINE_FLOOR = 0.15
_COSINE_CEILING = 0.65
_LEXICAL_SHARE = 0.6
_MIN_SENTENCE_CHARS = 6
# A question in the source ("LLM 是泡沫吗？") restates the user's question; it rarely answers it.
_QUESTION_PENALTY = 0.5
_QUESTION_END = ("?", "？", "吗", "呢")
_ANCHOR_SHARE = FEATURES.index("anchor_share")
_TYPED = FEATURES.index("typed")
_TYPE_FOUND = FEATURES.index("type_found")
_NUMERIC_MISSING = FEATURES.index("numeric_missing")
_ENTITY_UNNAMED = FEATURES.index("entity_unnamed")
_RELATION_UNSTATED = FEATURES.index("relation_unstated")


@dataclass(frozen=True, slots=True)
class Candidate:
    hit: Hit
    rank: int
    start: int
    end: int
    text: str
    previous: str = ""  # the sentence before it in its passage ("" for the first)


def candidate_sentences(hits: Sequence[Hit]) -> list[Candidate]:
    """Sentences of the hits with absolute offsets, each span once (chunks overlap)."""
    # a metadata passage has its own offsets: its first sentence and the text's both start at 0
    seen: set[tuple[str, str, int]] = set()
    found = []
    for rank, hit in enumerate(hits):
        previous = ""
        split = passage_sentences if hit.chunk.kind == "metadata" else split_sentences
        for span in split(hit.chunk.text):
            start = hit.chunk.start + span.start
            key = (hit.chunk.doc_id, hit.chunk.kind, start)
            before, previous = previous, span.text
            if key in seen or len(span.text) < _MIN_SENTENCE_CHARS or is_heading_like(span.text):
                continue
            seen.add(key)
            found.append(Candidate(hit, rank, start, hit.chunk.start + span.end, span.text, before))
    return found


def dense_support(cosines: np.ndarray) -> np.ndarray:
    return np.clip((cosines - _COSINE_FLOOR) / (_COSINE_CEILING - _COSINE_FLOOR), 0.0, 1.0)


def support_scores(
    question: str, texts: Sequence[str], *, embedder: Embedder, idf: Callable[[str], float]
) -> np.ndarray:
    """How well each text supports an answer to `question`, 0..1 (lexical + embedding)."""
    if not texts:
        return np.zeros(0)
    terms = query_terms(question)
    lexical = np.array([lexical_support(terms, t, idf) for t in texts])
    asked = embedder.embed_query([question])[0]
    dense = dense_support(embedder.embed(texts) @ asked)
    scores = (
        dense
        if not terms
        else (_LEXICAL_SHARE * lexical + (1 - _LEXICAL_SHARE) * np.maximum(dense, lexical))
    )
    asks = np.array([t.rstrip(" \"'”’」』)）").endswith(_QUESTION_END) for t in texts])
    return np.where(asks, scores * _QUESTION_PENALTY, scores)


def sentence_evidence(
    question: str,
    candidates: Sequence[Candidate],
    hits: int,
    *,
    embedder: Embedder,
    idf: Callable[[str], float],
) -> np.ndarray:
    """The `zhiku.answer_evidence` features of each candidate sentence; the dense ones are
    cosines of `embedder` (the one the decision's calibration was fitted on)."""
    texts = [c.text for c in candidates]
    asked = embedder.embed_query([question])[0]
    cosines = embedder.embed(texts) @ asked
    ranks = [c.rank / max(hits - 1, 1) for c in candidates]
    previous = [c.previous for c in candidates]
    # what a page says about itself besides its title: the outlet a user may name it by
    # ("虎嗅那篇…", "the Axios piece"), which cleaning moved out of its text
    titles = [_page_words(c) for c in candidates]
    return evidence_features(
        question, texts, ranks, cosines, idf=idf, previous=previous, titles=titles
    )


def _page_words(candidate: Candidate) -> str:
    """What a candidate's page says about itself: its title and its outlet."""
    return f"{candidate.hit.title} {candidate.hit.source}".strip()


def scoring_embedder(embedder: Embedder, calibration: Calibration) -> Embedder:
    """The embedder whose cosines `calibration` was fitted on: the library's own when it has a
    calibration of its own, else the default embedder's (a calibration read with another
    model's cosines, in another band, would be no calibration at all)."""
    if calibration.embedder == embedder.name:
        return embedder
    return _embedder_named(calibration.embedder)


@lru_cache(maxsize=2)
def _embedder_named(name: str) -> Embedder:
    return load_embedder(embedder_setting(name))


def extract_answer(
    question: str,
    hits: Sequence[Hit],
    *,
    embedder: Embedder,
    term_idf: Callable[[str], float],
    max_sentences: int = 3,
    min_support: float | None = None,
    calibration: Calibration | None = None,
) -> Answer:
    """The sentences most likely to carry the answer, each cited, or an abstention when the best
    is under `min_support` (a probability; default: the embedder's calibrated threshold)."""
    candidates = [
        c for c in candidate_sentences(hits) if not quotes_an_instruction(c.text, question=question)
    ]
    if not candidates:
        return _abstain(question, "the library has no passage about this")
    calibration = calibration or calibration_for(embedder.name)
    threshold = calibration.threshold if min_support is None else min_support
    scorer = scoring_embedder(embedder, calibration)
    rows = sentence_evidence(question, candidates, len(hits), embedder=scorer, idf=term_idf)
    scores = calibration.probability(rows)
    about_page = about_the_page(question, candidates, scores, threshold)
    if about_page is not None:
        chosen, supports, page = about_page
        if chosen:
            kept = slice(0, max_sentences)
            return _answer_with(question, candidates, chosen[kept], supports[kept], hits)
        fields = asked_fields(question)
        if page is not None and fields:  # the page is known and states none of them
            return _abstain(question, f"the page does not state its {' or '.join(fields)}")
        # what another page says about itself does not answer for this one
        other_pages = [
            c.hit.chunk.kind == "metadata" and c.hit.chunk.doc_id != page for c in candidates
        ]
        scores = np.where(other_pages, 0.0, scores)
    order = np.argsort(-scores, kind="stable")
    best = float(scores[order[0]])
    if best < threshold:
        unnamed = _about_another_entity(question, candidates, rows, calibration, threshold)
        if unnamed:
            return _abstain(
                question, f"the sentences that state it are not about {' or '.join(unnamed)}"
            )
        unstated = _deed_unstated(question, candidates, rows, calibration, threshold)
        if unstated:
            deeds = " or ".join(f"'{word}'" for word in unstated)
            return _abstain(
                question, f"no passage states what it asks: the closest never say {deeds}"
            )
        shown, bound = shown_below(best, threshold)
        return _abstain(
            question, f"no passage supports an answer (best evidence {shown} < {bound})"
        )
    top = candidates[order[0]]
    if top.hit.chunk.kind == "metadata" and asked_fields(question):
        # the best evidence is what a page says about itself: answer as a question about it
        chosen, supports = field_sentences(
            question, candidates, scores, threshold, top.hit.chunk.doc_id
        )
        if chosen:
            kept = slice(0, max_sentences)
            return _answer_with(question, candidates, chosen[kept], supports[kept], hits)
    # a question asking several facts ("who wrote it and when?") may need a sentence for each,
    # scored lower than the best one: only the threshold applies then
    floor = threshold if asks_several(question) else max(threshold, 0.8 * best)
    chosen = [int(i) for i in order[:max_sentences] if scores[i] >= floor]
    chosen = with_a_stating_sentence(chosen, order, scores, rows, floor, max_sentences)
    chosen = _on_the_subject(stating_the_asked_kind(chosen, rows), candidates, rows)
    return _answer_with(question, candidates, chosen, [float(scores[i]) for i in chosen], hits)


def _about_another_entity(
    question: str,
    candidates: Sequence[Candidate],
    rows: np.ndarray,
    calibration: Calibration,
    threshold: float,
) -> list[str]:
    """The question's entities that the best sentence ruled out by `entity_unnamed` does not
    name, when it would have answered but for that: the refusal then says so."""
    best = _would_have_answered(rows, _ENTITY_UNNAMED, [_NUMERIC_MISSING], calibration, threshold)
    if best is None:
        return []
    c = candidates[best]
    return unnamed_entities(question, c.text, c.previous, _page_words(c))


def _deed_unstated(
    question: str,
    candidates: Sequence[Candidate],
    rows: np.ndarray,
    calibration: Calibration,
    threshold: float,
) -> list[str]:
    """The question's words for the deed ("led", "创立") that the best sentence ruled out only
    by `relation_unstated` does not state, when it would have answered but for that."""
    others = [i for i in REQUIRED if i != _RELATION_UNSTATED]
    best = _would_have_answered(rows, _RELATION_UNSTATED, others, calibration, threshold)
    return [] if best is None else unstated_words(question, candidates[best].text)


def _would_have_answered(
    rows: np.ndarray,
    requirement: int,
    besides: Sequence[int],
    calibration: Calibration,
    threshold: float,
) -> int | None:
    """The best row that `requirement` rules out and none of `besides` does, when its weights
    alone would have answered."""
    ruled_out = np.flatnonzero(
        (rows[:, requirement] > 0) & (rows[:, list(besides)] == 0).all(axis=1)
    )
    if not len(ruled_out):
        return None
    weighed = calibration.weighed(rows[ruled_out])
    if float(weighed.max()) < threshold:
        return None
    return int(ruled_out[int(np.argmax(weighed))])


def _on_the_subject(
    chosen: list[int], candidates: Sequence[Candidate], rows: np.ndarray
) -> list[int]:
    """The chosen sentences without extra ones about another subject than the best one's: from
    another document, an extra sentence must name every anchor of the question the best names
    (an entity, a number, a Latin name), and a sentence of another page's metadata passage
    (what *that* page says about itself) never joins."""
    if len(chosen) < 2:
        return chosen
    first = chosen[0]
    home = candidates[first].hit.chunk.doc_id
    share = rows[:, _ANCHOR_SHARE]
    kept = [first]
    for i in chosen[1:]:
        c = candidates[i]
        if c.hit.chunk.doc_id != home and (
            c.hit.chunk.kind == "metadata" or share[i] < share[first]
        ):
            continue
        kept.append(i)
    return kept


def with_a_stating_sentence(
    chosen: list[int],
    order: np.ndarray,
    scores: np.ndarray,
    rows: np.ndarray,
    floor: float,
    max_sentences: int,
) -> list[int]:
    """For a question asking a kind of fact, when no chosen sentence states one: the most
    probable sentence that does, if it scores above `floor`, takes the last place ("What is
    LoRA?" gets the sentence defining LoRA, not three topical ones that scored a little higher).

    >>> rows = np.zeros((3, len(FEATURES))); rows[:, _TYPED] = 1; rows[2, _TYPE_FOUND] = 1
    >>> with_a_stating_sentence([0, 1], np.array([0, 1, 2]), np.array([.9, .8, .75]), rows, .7, 2)
    [0, 2]
    >>> with_a_stating_sentence([0, 1], np.array([0, 1, 2]), np.array([.9, .8, .5]), rows, .7, 2)
    [0, 1]
    """
    states = (rows[:, _TYPED] > 0) & (rows[:, _TYPE_FOUND] > 0)
    if not chosen or any(states[i] for i in chosen):
        return chosen
    extra = next((int(i) for i in order if states[i] and scores[i] >= floor), None)
    if extra is None:
        return chosen
    return [*chosen[: max_sentences - 1], extra]


def stating_the_asked_kind(chosen: list[int], rows: np.ndarray) -> list[int]:
    """For a question asking a kind of fact (a year, a person, an amount...): the chosen
    sentences that state one first ("哪一年开源的？" opens with the sentence holding the year,
    not with a topical one that scored a little higher), the others after them in their order.
    (Dropping the others lowered the share of answers holding the reference answer on CMRC and
    SQuAD: a kind is not always recognised.)"""
    stating = [i for i in chosen if rows[i, _TYPED] and rows[i, _TYPE_FOUND]]
    return stating + [i for i in chosen if i not in stating]


def _answer_with(
    question: str,
    candidates: Sequence[Candidate],
    chosen: Sequence[int],
    supports: Sequence[float],
    hits: Sequence[Hit],
) -> Answer:
    sentences, citations = [], []
    for number, (i, support) in enumerate(zip(chosen, supports, strict=True), start=1):
        c = candidates[i]
        citations.append(
            Citation(
                number,
                c.hit.chunk.doc_id,
                c.hit.title,
                c.hit.source,
                c.hit.url,
                c.hit.path,
                c.start,
                c.end,
                c.text,
            )
        )
        sentences.append(
            AnswerSentence(answer_sentence(c.text) or c.text, (number,), round(support, 4))
        )
    return merge_document_citations(
        Answer(question, tuple(sentences), tuple(citations), abstained=False), hits
    )


def _abstain(question: str, reason: str) -> Answer:
    return Answer(question, (), (), abstained=True, reason=reason)
