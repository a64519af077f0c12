"""Evaluation: retrieval on BEIR-layout sets (corpus.jsonl, queries.jsonl, qrels.tsv) and answers
on QA sets (question, answers, answerable)."""

from __future__ import annotations

import json
import math
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from zhiku.embedders.protocol import Embedder
from zhiku.errors import InputError
from zhiku.ingest import document_id
from zhiku.normalize import fold_key
from zhiku.sources.files import RawInput
from zhiku.records import Answer
from zhiku.settings import Settings


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
                raise InputError(f"malformed JSON ({exc.msg})", path=str(path), line=number) from exc
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
            raise InputError("expected 'query-id<TAB>corpus-id<TAB>score'", path=str(qrels_path), line=number)
        if float(parts[2]) > 0:
            qrels.setdefault(parts[0], set()).add(parts[1])
    return BeirSet(directory.name, corpus, queries, qrels)


def corpus_inputs(beir: BeirSet) -> list[RawInput]:
    """The corpus as raw inputs whose origin is the corpus id."""
    return [
        RawInput(f"beir:{beir.name}/{doc_id}", "text", text, text.encode("utf-8"), "utf-8",
                 title=title or doc_id, source=beir.name)
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
                reports.append(RetrievalReport(
                    beir.name, mode, len(queries), ranking_metrics(rankings, beir.qrels), latency, build_s,
                ))
    return reports


@dataclass(frozen=True, slots=True)
class QAItem:
    question: str
    answers: tuple[str, ...]
    answerable: bool


@dataclass(frozen=True, slots=True)
class AnswerReport:
    """How the library answers a QA set; see `evaluate_answers` for the definitions."""

    questions: int
    answer_accuracy: float
    citation_precision: float
    abstention_precision: float
    abstention_recall: float
    failures: tuple[str, ...]


def load_qa(path: Path) -> list[QAItem]:
    """A QA set: JSONL with `question`, `answers` (list) and `answerable` (bool)."""
    items = []
    for number, row in _jsonl(path):
        question, answers, answerable = row.get("question"), row.get("answers", []), row.get("answerable", True)
        if not isinstance(question, str) or not isinstance(answers, list) or not isinstance(answerable, bool):
            raise InputError("expected 'question' (string), 'answers' (list), 'answerable' (bool)", path=str(path), line=number)
        if not question.strip():
            raise InputError("empty 'question'", path=str(path), line=number)
        if answerable and not answers:
            raise InputError("an answerable question needs at least one reference answer", path=str(path), line=number)
        items.append(QAItem(question, tuple(str(a) for a in answers), answerable))
    return items


def _comparable(text: str) -> str:
    return " ".join(fold_key(text).split())


def _contains_answer(text: str, answers: Sequence[str]) -> bool:
    folded = _comparable(text)
    return any(_comparable(a) in folded for a in answers)


def evaluate_answers(ask: Callable[[str], Answer], items: Sequence[QAItem]) -> AnswerReport:
    """Score `ask` on a QA set.

    - answer accuracy: answerable questions whose answer contains a reference answer (compared
      on folded text: width, case, zh-Hant/zh-Hans), over all answerable questions;
    - citation precision: answered questions with a correct answer where a cited span contains
      the reference answer, over answered questions with a correct answer;
    - abstention precision / recall: abstentions on unanswerable questions over all abstentions,
      and over all unanswerable questions.
    """
    correct = cited = abstained_right = abstained = 0
    failures = []
    for item in items:
        answer = ask(item.question)
        abstained += answer.abstained
        if not item.answerable:
            abstained_right += answer.abstained
            if not answer.abstained:
                failures.append(f"answered an unanswerable question: {item.question}")
            continue
        if answer.abstained or not _contains_answer(answer.text, item.answers):
            failures.append(f"{'abstained on' if answer.abstained else 'wrong answer to'}: {item.question}")
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
    )
