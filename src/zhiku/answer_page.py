"""Questions about a page itself ("Who wrote this piece and when?", "《…》的作者是谁？",
"这篇文章是谁翻译的？"): answered from that page's metadata passage (`zhiku.metadata_passage`),
one sentence per asked field, in the question's language (pure).

Its sentences are zhiku's own and the field each states is known, so whether one answers is
whether its field was asked, in either language, not the calibrated model's guess; and what
another page says about itself never answers for this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from zhiku.answer_binding import present
from zhiku.metadata_passage import (
    NAMED_PAGE,
    asked_fields,
    asks_about_metadata,
    named_share,
    sentence_field,
    subject_terms,
)
from zhiku.named_work import named_work, titled_work
from zhiku.normalize import fold_key
from zhiku.segment import tokenize

if TYPE_CHECKING:
    from zhiku.answer import Candidate

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def about_the_page(
    question: str, candidates: Sequence[Candidate], scores: np.ndarray, threshold: float
) -> tuple[list[int], list[float], str | None] | None:
    """For a question about a page itself ("Who wrote this piece and when?", "《…》的作者是谁？"):
    the sentences of that page's metadata passage stating the asked fields, one per field in the
    question's language, with their support (at least the threshold: the field asked is the
    field stated, in whichever language either is written); and the page (``None`` when none is
    known). ``None`` for other questions."""
    fields = asked_fields(question)
    if not fields and not asks_about_metadata(question):
        return None
    page = _named_page(question, candidates)
    if page is None:
        if _asks_about_something_else(question, candidates):
            return None  # "这篇文章说 GPT-4 什么时候发布的？" asks about GPT-4, not the page
        if named_work(question) is not None:
            return [], [], None  # the page it names by its title is none of these
        page = _likeliest_page(candidates, scores, fields)
    if page is None or not fields:
        return [], [], page
    chosen, supports = field_sentences(question, candidates, scores, threshold, page)
    return chosen, supports, page


def field_sentences(
    question: str,
    candidates: Sequence[Candidate],
    scores: np.ndarray,
    threshold: float,
    page: str,
) -> tuple[list[int], list[float]]:
    """The sentences of `page`'s metadata passage stating the fields `question` asks, one per
    field in the question's language (else the other), with their support (at least the
    threshold: the field asked is the field stated)."""
    fields = asked_fields(question)
    preference = {_written_in(question): 0, "both": 1}
    best: dict[str, tuple[int, float, int]] = {}  # field -> (preference, -score, index)
    for i, c in enumerate(candidates):
        stated = sentence_field(c.text) if c.hit.chunk.kind == "metadata" else None
        if c.hit.chunk.doc_id != page or stated is None or stated[0] not in fields:
            continue
        key = (preference.get(stated[1], 2), -float(scores[i]), i)
        best[stated[0]] = min(best.get(stated[0], key), key)
    chosen = [best[f][2] for f in fields if f in best]
    return chosen, [max(float(scores[i]), threshold) for i in chosen]


def _written_in(question: str) -> str:
    """``en`` or ``zh``: the language most of the question's words are in (a title quoted in the
    question is a few Chinese characters of an English question)."""
    latin = len(_LATIN_WORD.findall(question))
    return "en" if latin > len(_CJK_CHAR.findall(question)) / 2 else "zh"


def _named_page(question: str, candidates: Sequence[Candidate]) -> str | None:
    """The page whose title the question names ("《…》的作者是谁？"), if one does."""
    titles = {c.hit.chunk.doc_id: c.hit.title for c in candidates}
    if named_work(question) is not None:  # the title in 《》, whole: not a few of its words
        return next((doc for doc, title in titles.items() if titled_work(question, title)), None)
    named = {doc: named_share(question, title) for doc, title in titles.items()}
    if not named or max(named.values()) < NAMED_PAGE:
        return None
    top = max(named.values())
    return next(c.hit.chunk.doc_id for c in candidates if named[c.hit.chunk.doc_id] == top)


def _asks_about_something_else(question: str, candidates: Sequence[Candidate]) -> bool:
    """The question names, besides field and page words, something the passages speak of (a
    model, a person), not a title: it asks about that, not about a page's own fields. Words
    no passage holds ("请问") name nothing."""
    texts = [c.text for c in candidates if c.hit.chunk.kind != "metadata"]
    folded = [(fold_key(t), frozenset(tokenize(t))) for t in texts]
    return any(present(term, f, tokens) for term in subject_terms(question) for f, tokens in folded)


def _likeliest_page(
    candidates: Sequence[Candidate], scores: np.ndarray, fields: Sequence[str]
) -> str | None:
    """The page whose metadata sentence stating an asked field (any, without fields) is the
    most probable."""
    stating = [
        (float(scores[i]), c.hit.chunk.doc_id)
        for i, c in enumerate(candidates)
        if c.hit.chunk.kind == "metadata"
        and (stated := sentence_field(c.text)) is not None
        and (stated[0] in fields or not fields)
    ]
    return max(stating)[1] if stating else None
