"""Evaluation: retrieval on BEIR-layout sets (corpus.jsonl, queries.jsonl, qrels.tsv) and answers
on QA sets (question, answers, answerable)."""

from __future__ import annotations

import json
import math
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

from zhiku.embedders.protocol import Embedder
from zhiku.errors import InputError
from zhiku.ingest import document_id
from zhiku.normalize import fold_key
from zhiku.records import Answer, Citation
from zhiku.settings import Settings
from zhiku.sources.files import RawInput


@dataclass(frozen=True, slots=True)
class BeirSet:
    name: str
    corpus: dict[str, tuple[str, str]]  # id -> (title, text)
    queries: dict[str, str]
    qrels: dict[str, set[str]]


def _jsonl(path: Path) -> list[tuple[int, dict[str, object]]]:
    """(line number, object) per non-blank line."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"malformed JSON ({exc.msg})", path=str(path), line=number
                ) from exc
            if not isinstance(row, dict):
                raise InputError("expected a JSON object", path=str(path), line=number)
            rows.append((number, row))
    return rows


def _beir_rows(path: Path) -> dict[str, tuple[str, str]]:
    """id -> (title, text) of a BEIR corpus or queries file; every row needs "_id" and a text."""
    found = {}
    for number, row in _jsonl(path):
        text = row.get("text")
        if "_id" not in row or not isinstance(text, str) or not text.strip():
            raise InputError("expected '_id' and a non-empty 'text'", path=str(path), line=number)
        found[str(row["_id"])] = (str(row.get("title") or ""), text)
    return found


def load_beir(directory: Path) -> BeirSet:
    """A BEIR set; errors name the file and line."""
    corpus = _beir_rows(directory / "corpus.jsonl")
    queries = {qid: text for qid, (_, text) in _beir_rows(directory / "queries.jsonl").items()}
    qrels: dict[str, set[str]] = {}
    qrels_path = directory / "qrels.tsv"
    try:
        lines = qrels_path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(qrels_path)) from exc
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError(
                "expected 'query-id<TAB>corpus-id<TAB>score'", path=str(qrels_path), line=number
            )
        if float(parts[2]) > 0:
            qrels.setdefault(parts[0], set()).add(parts[1])
    return BeirSet(directory.name, corpus, queries, qrels)


def corpus_inputs(beir: BeirSet) -> list[RawInput]:
    """The corpus as raw inputs whose origin is the corpus id."""
    return [
        RawInput(
            f"beir:{beir.name}/{doc_id}",
            "text",
            text,
            text.encode("utf-8"),
            "utf-8",
            title=title or doc_id,
            source=beir.name,
        )
        for doc_id, (title, text) in beir.corpus.items()
    ]


def ranking_metrics(rankings: dict[str, list[str]], qrels: dict[str, set[str]]) -> dict[str, float]:
    """R@1/5/10, MRR@10 and nDCG@10 (binary relevance) over judged queries that were run."""
    names = ("R@1", "R@5", "R@10", "MRR@10", "nDCG@10")
    totals = dict.fromkeys(names, 0.0)
    judged = [q for q in qrels if q in rankings]
    for qid in judged:
        relevant, ranked = qrels[qid], rankings[qid][:10]
        for cut in (1, 5, 10):
            totals[f"R@{cut}"] += len(relevant & set(ranked[:cut])) / len(relevant)
        first = next((i for i, d in enumerate(ranked, start=1) if d in relevant), None)
        totals["MRR@10"] += 1 / first if first else 0.0
        dcg = sum(1 / math.log2(i + 1) for i, d in enumerate(ranked, start=1) if d in relevant)
        ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(relevant), 10) + 1))
        totals["nDCG@10"] += dcg / ideal
    return {k: v / max(len(judged), 1) for k, v in totals.items()}


def timed_rankings(
    queries: dict[str, str], rank: Callable[[str], list[str]]
) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Run `rank` on every query; returns rankings and latency p50/p95 in milliseconds."""
    rankings, latencies = {}, []
    for qid, text in queries.items():
        start = time.perf_counter()
        rankings[qid] = rank(text)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else 0.0
    return rankings, {"p50_ms": statistics.median(latencies) if latencies else 0.0, "p95_ms": p95}


def unique_documents(doc_ids: list[str]) -> list[str]:
    return list(dict.fromkeys(doc_ids))


@dataclass(frozen=True, slots=True)
class RetrievalReport:
    """Quality and latency of one search mode on one BEIR set."""

    dataset: str
    mode: str
    queries: int
    metrics: dict[str, float]
    latency_ms: dict[str, float]
    build_s: float


def evaluate_retrieval(
    directory: Path,
    *,
    settings: Settings,
    embedder: Embedder | None = None,
    modes: Sequence[str] = ("lexical", "dense", "hybrid"),
    limit: int | None = None,
    clean: bool = False,
) -> list[RetrievalReport]:
    """Index a BEIR set into a temporary library through the real pipeline and score each mode.

    Queries are ranked at the document level (a document's best passage), top 10.
    """
    from zhiku.knowledge_base import KnowledgeBase

    beir = load_beir(directory)
    queries = dict(list(beir.queries.items())[:limit]) if limit else beir.queries
    reports = []
    with tempfile.TemporaryDirectory(prefix="zhiku-eval-") as home:
        started = time.perf_counter()
        with KnowledgeBase.open(replace(settings, home=home), embedder=embedder) as kb:
            inputs = corpus_inputs(beir)
            to_corpus = {document_id(raw.origin): raw.origin.rsplit("/", 1)[1] for raw in inputs}
            kb.add_inputs(inputs, clean=clean)
            build_s = time.perf_counter() - started
            for mode in modes:

                def rank(text: str, mode: str = mode) -> list[str]:
                    hits = kb.search(text, k=10, mode=mode)
                    return unique_documents([to_corpus[h.chunk.doc_id] for h in hits])

                rankings, latency = timed_rankings(queries, rank)
                reports.append(
                    RetrievalReport(
                        beir.name,
                        mode,
                        len(queries),
                        ranking_metrics(rankings, beir.qrels),
                        latency,
                        build_s,
                    )
                )
    return reports


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a reference answer is stated: a file (matched on the cited document's file name,
    url tail, id or title) and a verbatim quote from it."""

    file: str
    quote: str


@dataclass(frozen=True, slots=True)
class QAItem:
    question: str
    answers: tuple[str, ...]
    answerable: bool
    evidence: tuple[Evidence, ...] = ()
    pair: str = "unlabelled"  # en->zh, zh->en, zh-Hant<->zh-Hans, same-language


PAIRS = ("en->zh", "zh->en", "zh-Hant<->zh-Hans", "same-language", "unlabelled")


@dataclass(frozen=True, slots=True)
class AnswerScores:
    """Scores of one group of questions (all, or one language pair); rates are None when the
    group has no question they apply to."""

    questions: int
    answerable: int
    unanswerable: int
    answered: float | None  # answerable questions answered (not abstained)
    answer_accuracy: float | None  # answerable: the answer contains a reference answer
    right_document: float | None  # answerable with evidence: a citation is an evidence document
    evidence_cited: float | None  # answerable with evidence: a cited sentence overlaps the quote
    abstention_precision: float | None
    abstention_recall: float | None


@dataclass(frozen=True, slots=True)
class AnswerReport:
    """How the library answers a QA set; see `evaluate_answers` for the definitions."""

    questions: int
    answer_accuracy: float
    citation_precision: float
    abstention_precision: float
    abstention_recall: float
    failures: tuple[str, ...]
    by_pair: dict[str, AnswerScores] = field(default_factory=dict)
    overall: AnswerScores | None = None


def load_qa(path: Path) -> list[QAItem]:
    """A QA set: JSONL with `question`, `answers` (list) or `answer` (string), `answerable`
    (bool), and optionally `evidence` ([{"file", "quote"}]) and the language flags `lang`,
    `cross_lingual`, `cross_script` (or `pair`) that put a question in a language pair."""
    items = []
    for number, row in _jsonl(path):
        question, answerable = row.get("question"), row.get("answerable", True)
        answers = row.get("answers", [row["answer"]] if isinstance(row.get("answer"), str) else [])
        evidence = row.get("evidence", [])
        if (
            not isinstance(question, str)
            or not isinstance(answers, list)
            or not isinstance(answerable, bool)
        ):
            raise InputError(
                "expected 'question' (string), 'answers' (list), 'answerable' (bool)",
                path=str(path),
                line=number,
            )
        if not question.strip():
            raise InputError("empty 'question'", path=str(path), line=number)
        if answerable and not answers:
            raise InputError(
                "an answerable question needs at least one reference answer",
                path=str(path),
                line=number,
            )
        if not isinstance(evidence, list) or not all(
            isinstance(e, dict)
            and isinstance(e.get("file"), str)
            and isinstance(e.get("quote"), str)
            for e in evidence
        ):
            raise InputError(
                'expected \'evidence\' as a list of {"file", "quote"}', path=str(path), line=number
            )
        items.append(
            QAItem(
                question,
                tuple(str(a) for a in answers),
                answerable,
                tuple(Evidence(e["file"], e["quote"]) for e in evidence),
                language_pair(row),
            )
        )
    return items


def language_pair(row: dict[str, object]) -> str:
    """The row's language pair from its flags (``pair``, or ``cross_lingual`` with ``lang``,
    ``cross_script``, ``lang`` alone); ``unlabelled`` without any.

    >>> language_pair({"lang": "en", "cross_lingual": True})
    'en->zh'
    >>> language_pair({"lang": "zh-Hant", "cross_lingual": False, "cross_script": True})
    'zh-Hant<->zh-Hans'
    """
    if isinstance(row.get("pair"), str) and row["pair"] in PAIRS:
        return str(row["pair"])
    if row.get("cross_lingual"):
        return "en->zh" if row.get("lang") == "en" else "zh->en"
    if row.get("cross_script"):
        return "zh-Hant<->zh-Hans"
    return "same-language" if "lang" in row else "unlabelled"


def _comparable(text: str) -> str:
    return " ".join(fold_key(text).split())


def _contains_answer(text: str, answers: Sequence[str]) -> bool:
    folded = _comparable(text)
    return any(_comparable(a) in folded for a in answers)


def quote_overlaps(sentence: str, quote: str) -> bool:
    """A cited sentence carries the quoted evidence: one holds the other, or they share a run of
    half the shorter one (folded, spaces ignored).

    >>> quote_overlaps("而截至7月，104人力銀行已有26390個AI相關職缺。", "已有26390个AI相关职缺")
    True
    """
    a, b = "".join(fold_key(sentence).split()), "".join(fold_key(quote).split())
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.5 * min(len(a), len(b))


def _names(citation: Citation) -> set[str]:
    names = {citation.doc_id, citation.title}
    for where in (citation.path, citation.url):
        if where:
            names.add(where.rstrip("/").rsplit("/", 1)[-1])
    return names


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass
class _Tally:
    questions: int = 0
    answerable: int = 0
    unanswerable: int = 0
    answered: int = 0
    correct: int = 0
    with_evidence: int = 0
    right_document: int = 0
    evidence_cited: int = 0
    abstained: int = 0
    abstained_right: int = 0

    def add(self, item: QAItem, answer: Answer) -> None:
        self.questions += 1
        self.abstained += answer.abstained
        if not item.answerable:
            self.unanswerable += 1
            self.abstained_right += answer.abstained
            return
        self.answerable += 1
        self.answered += not answer.abstained
        self.correct += not answer.abstained and _contains_answer(answer.text, item.answers)
        if item.evidence:
            self.with_evidence += 1
            files = {e.file for e in item.evidence}
            cited = (
                [c for c in answer.citations if _names(c) & files] if not answer.abstained else []
            )
            self.right_document += bool(cited)
            self.evidence_cited += any(
                quote_overlaps(c.text, e.quote) for c in cited for e in item.evidence
            )

    def scores(self) -> AnswerScores:
        return AnswerScores(
            self.questions,
            self.answerable,
            self.unanswerable,
            _rate(self.answered, self.answerable),
            _rate(self.correct, self.answerable),
            _rate(self.right_document, self.with_evidence),
            _rate(self.evidence_cited, self.with_evidence),
            _rate(self.abstained_right, self.abstained),
            _rate(self.abstained_right, self.unanswerable),
        )


def evaluate_answers(ask: Callable[[str], Answer], items: Sequence[QAItem]) -> AnswerReport:
    """Score `ask` on a QA set, overall and per language pair (`AnswerScores`).

    - answer accuracy: answerable questions whose answer contains a reference answer (compared
      on folded text: width, case, zh-Hant/zh-Hans), over all answerable questions;
    - citation precision: answered questions with a correct answer where a cited span contains
      the reference answer, over answered questions with a correct answer;
    - right document / evidence cited (questions with `evidence`): a citation is one of the
      evidence documents / a cited sentence overlaps the evidence quote (`quote_overlaps`);
    - abstention precision / recall: abstentions on unanswerable questions over all abstentions,
      and over all unanswerable questions.
    """
    correct = cited = abstained_right = abstained = 0
    failures = []
    overall = _Tally()
    pairs: dict[str, _Tally] = {}
    for item in items:
        answer = ask(item.question)
        overall.add(item, answer)
        pairs.setdefault(item.pair, _Tally()).add(item, answer)
        abstained += answer.abstained
        if not item.answerable:
            abstained_right += answer.abstained
            if not answer.abstained:
                failures.append(f"answered an unanswerable question: {item.question}")
            continue
        if answer.abstained:
            failures.append(f"abstained on: {item.question}")
            continue
        if item.evidence and not any(
            quote_overlaps(c.text, e.quote) for c in answer.citations for e in item.evidence
        ):
            failures.append(f"cited no evidence for: {item.question}")
        if not _contains_answer(answer.text, item.answers):
            if not item.evidence:
                failures.append(f"wrong answer to: {item.question}")
            continue
        correct += 1
        cited += any(_contains_answer(c.text, item.answers) for c in answer.citations)
    answerable = sum(i.answerable for i in items)
    unanswerable = len(items) - answerable
    return AnswerReport(
        len(items),
        correct / answerable if answerable else 0.0,
        cited / correct if correct else 0.0,
        abstained_right / abstained if abstained else 0.0,
        abstained_right / unanswerable if unanswerable else 0.0,
        tuple(failures),
        {pair: pairs[pair].scores() for pair in PAIRS if pair in pairs},
        overall.scores(),
    )
