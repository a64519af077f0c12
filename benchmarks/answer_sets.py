"""Labelled question sets for fitting and measuring the cite-or-refuse decision (imported by
answer_calibration.py, abstention.py and answers.py; run from this folder's parent).

- CMRC 2018 / SQuAD (``../shared/bench``): each question twice, with its passage (answerable) and
  with the passage's document hidden from retrieval (unanswerable). A fixed split by question id
  (`split_of`) keeps the questions the model is fitted on apart from those it is measured on.
- crosslingual-en-zh / crosslingual-zh-en (``benchmarks/sets``): our English questions over the
  CMRC corpus and Chinese questions over the SQuAD corpus, asked the same two ways and split the
  same way: the labelled data for support across languages.
- webclean-dev: 30 crawled pages (+ the 5 seed pages in the same library) and qa.jsonl. The split
  is by page, fixed before any result was looked at: a page is held out when the first byte of
  sha256(file name) is odd (12 pages: 001 002 003 005 006 008 014 016 017 018 022 026 027),
  else it is a tuning page; a question goes with the page of its evidence (answerable) or the
  page it imitates (``near_miss_of``, unanswerable).

A sentence is labelled as carrying the answer when it contains a reference answer (CMRC/SQuAD) or
overlaps the evidence quote in the evidence page (webclean-dev).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from zhiku import KnowledgeBase
from zhiku.answer import candidate_sentences, scoring_embedder
from zhiku.answer_decision import calibration_for
from zhiku.answer_evidence import FEATURES, evidence_features
from zhiku.evaluate import corpus_inputs, load_beir
from zhiku.ingest import document_id
from zhiku.normalize import fold_key
from zhiku.segment import query_terms

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WEBCLEAN = SHARED / "bench" / "webclean-dev"
SEEDS = SHARED / "seeds"
# our own cross-lingual questions over the shared corpora (benchmarks/sets/*/README.md)
CROSSLINGUAL = {
    name: Path(__file__).resolve().parent / "sets" / name
    for name in ("crosslingual-en-zh", "crosslingual-zh-en")
}
CROSSLINGUAL_CORPUS = {"crosslingual-en-zh": "cmrc2018-dev", "crosslingual-zh-en": "squad-dev"}


def split_of(key: str) -> str:
    """``held-out`` when the first byte of sha256(key) is odd, else ``tune``."""
    return "held-out" if hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 else "tune"


@dataclass
class Asked:
    """One question put to a library: candidate features, labels and where each sentence is from,
    with what the features were computed from (passage ranks, cosines, the library's IDF of the
    question's terms), so a change of features is measured without asking again (`refeatured`)."""

    question: str
    answerable: bool
    rows: np.ndarray
    labels: np.ndarray
    files: list[str]  # file name (webclean) or doc id of each candidate
    texts: list[str]
    group: str  # language pair or set name
    ranks: list[float] = field(default_factory=list)
    cosines: np.ndarray = field(default_factory=lambda: np.zeros(0))
    idf: dict[str, float] = field(default_factory=dict)
    previous: list[str] = field(default_factory=list)  # the sentence before each text
    titles: list[str] = field(default_factory=list)  # the title of each text's document


def refeatured(asked: Asked) -> Asked:
    """`asked` with its rows recomputed by the current `zhiku.answer_evidence`."""
    previous = getattr(asked, "previous", None) or _previous_in_list(asked)
    if not asked.texts:
        return replace(asked, rows=np.zeros((0, len(FEATURES))), previous=previous)
    rows = evidence_features(
        asked.question,
        asked.texts,
        asked.ranks,
        asked.cosines,
        idf=lambda t: asked.idf.get(t, 0.0),
        previous=previous,
        titles=getattr(asked, "titles", None) or None,  # pickled before titles were kept: none
    )
    return replace(asked, rows=rows, previous=previous)


def without_answer(asked: Asked) -> Asked:
    """A near miss made from an answerable question: its candidates without the sentences that
    carry the answer, as if the page discussed the subject but did not state the fact (the
    sentence after a removed one now follows the one before it). Unanswerable, features redone."""
    kept = [i for i, carries in enumerate(asked.labels) if not carries]
    previous = list(asked.previous) or [""] * len(asked.texts)
    for i in range(len(asked.texts) - 1):
        if asked.labels[i] and previous[i + 1] == asked.texts[i]:
            previous[i + 1] = previous[i]
    near = replace(
        asked,
        answerable=False,
        labels=np.zeros(len(kept), dtype=bool),
        files=[asked.files[i] for i in kept],
        texts=[asked.texts[i] for i in kept],
        ranks=[asked.ranks[i] for i in kept],
        cosines=asked.cosines[kept],
        previous=[previous[i] for i in kept],
        titles=[asked.titles[i] for i in kept] if asked.titles else [],
    )
    return refeatured(near)


def _previous_in_list(asked: Asked) -> list[str]:
    """For questions pickled before `Asked.previous` was kept: the candidate before each one
    when it is from the same document (candidates are in passage order)."""
    return [
        asked.texts[i - 1] if i and asked.files[i - 1] == asked.files[i] else ""
        for i in range(len(asked.texts))
    ]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", fold_key(text))


def overlaps(sentence: str, quote: str) -> bool:
    """The sentence holds the quote, the quote holds it, or they share half the shorter one."""
    a, b = _squash(sentence), _squash(quote)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.5 * min(len(a), len(b))


@dataclass
class Seen:
    """What `ask` sees of a question: candidate sentences and what their features are made of."""

    candidates: list
    ranks: list[float]
    cosines: np.ndarray
    idf: dict[str, float]
    rows: np.ndarray
    previous: list[str]
    titles: list[str]


def ask_features(kb: KnowledgeBase, question: str, hidden: set[str]) -> Seen:
    """Candidates of the top-k hits as `ask` retrieves them (documents in `hidden` left out)
    and their features."""
    k = kb.settings.top_k
    hits = [h for h in kb._search(question, k=k + 3) if h.chunk.doc_id not in hidden][:k]
    candidates = candidate_sentences(hits)
    idf = {t: kb._idf(t) for t in query_terms(question)}
    if not candidates:
        return Seen([], [], np.zeros(0), idf, np.zeros((0, len(FEATURES))), [], [])
    own = kb._query_embedder
    embedder = scoring_embedder(own, calibration_for(own.name))  # as `ask` measures them
    texts = [c.text for c in candidates]
    cosines = embedder.embed(texts) @ embedder.embed_query([question])[0]
    ranks = [c.rank / max(len(hits) - 1, 1) for c in candidates]
    previous = [c.previous for c in candidates]
    titles = [c.hit.title for c in candidates]
    rows = evidence_features(
        question,
        texts,
        ranks,
        cosines,
        idf=lambda t: idf.get(t, 0.0),
        previous=previous,
        titles=titles,
    )
    return Seen(candidates, ranks, cosines, idf, rows, previous, titles)


def beir_questions(
    name: str, split: str, n: int
) -> tuple[object, list[tuple[str, str, list[str]]]]:
    if name in CROSSLINGUAL:
        from crosslingual import load_set

        directory = CROSSLINGUAL[name]
        beir = load_set(directory, SHARED / "bench" / CROSSLINGUAL_CORPUS[name], name)
    else:
        directory = SHARED / "bench" / name
        beir = load_beir(directory)
    answers = {
        row["_id"]: row["answers"]
        for row in map(json.loads, (directory / "queries.jsonl").open(encoding="utf-8"))
    }
    qids = sorted(q for q in beir.qrels if split_of(q) == split)
    chosen = random.Random(7).sample(qids, min(n, len(qids)))
    return beir, [(qid, beir.queries[qid], answers[qid]) for qid in chosen]


def beir_asked(kb: KnowledgeBase, beir, questions) -> Iterator[Asked]:  # type: ignore[no-untyped-def]
    for qid, question, answers in questions:
        gold = {document_id(f"beir:{beir.name}/{d}") for d in beir.qrels[qid]}
        keys = [_squash(a) for a in answers]
        for hidden in (set(), gold):
            seen = ask_features(kb, question, hidden)
            labels = np.array(
                [
                    bool(not hidden) and any(k and k in _squash(c.text) for k in keys)
                    for c in seen.candidates
                ]
            )
            yield Asked(
                question,
                not hidden,
                seen.rows,
                labels,
                [c.hit.chunk.doc_id for c in seen.candidates],
                [c.text for c in seen.candidates],
                beir.name,
                seen.ranks,
                seen.cosines,
                seen.idf,
                seen.previous,
                seen.titles,
            )


def add_beir(kb: KnowledgeBase, beir) -> None:  # type: ignore[no-untyped-def]
    kb.add_inputs(corpus_inputs(beir), clean=False)


def smaller_library(beir, questions, others: int):  # type: ignore[no-untyped-def]
    """`beir` with a smaller corpus, for an embedder too slow to embed all of it: the questions'
    passages, up to 5 other passages of each one's article (SQuAD ids ``a<article>p<n>``: the
    related passages that remain when the passage is hidden) and `others` random passages."""
    rng = random.Random(11)
    ids = sorted(beir.corpus)
    keep: set[str] = set()
    for qid, _, _ in questions:
        for gold in beir.qrels[qid]:
            keep.add(gold)
            article = gold.split("p")[0] if re.fullmatch(r"a\d+p\d+", gold) else None
            if article:
                same = [d for d in ids if d.startswith(article + "p") and d != gold]
                keep.update(rng.sample(same, min(5, len(same))))
    keep.update(rng.sample(ids, min(others, len(ids))))
    return replace(beir, corpus={d: beir.corpus[d] for d in ids if d in keep})


def webclean_questions(split: str | None = None) -> list[dict]:
    rows = [
        json.loads(line)
        for line in (WEBCLEAN / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for row in rows:
        row["page"] = (
            row["evidence"][0]["file"] if row["evidence"] else row.get("near_miss_of") or ""
        )
        row["split"] = split_of(row["page"])
        row["pair"] = language_pair(row)
    return [r for r in rows if split is None or r["split"] == split]


def language_pair(row: dict) -> str:
    """en->zh, zh->en, zh-Hant<->zh-Hans or same-language (the question's vs its page's)."""
    if row.get("cross_lingual"):
        return "en->zh" if row["lang"] == "en" else "zh->en"
    if row.get("cross_script"):
        return "zh-Hant<->zh-Hans"
    return "same-language"


def webclean_files() -> list[Path]:
    return sorted(WEBCLEAN.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))


def webclean_asked(kb: KnowledgeBase, questions: list[dict]) -> Iterator[Asked]:
    for q in questions:
        seen = ask_features(kb, q["question"], set())
        files = [Path(c.hit.path or "").name for c in seen.candidates]
        labels = np.array(
            [
                any(f == e["file"] and overlaps(c.text, e["quote"]) for e in q["evidence"])
                for f, c in zip(files, seen.candidates, strict=True)
            ]
        )
        yield Asked(
            q["question"],
            q["answerable"],
            seen.rows,
            labels,
            files,
            [c.text for c in seen.candidates],
            q["pair"],
            seen.ranks,
            seen.cosines,
            seen.idf,
            seen.previous,
            seen.titles,
        )
