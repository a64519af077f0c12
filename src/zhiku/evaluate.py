"""Retrieval evaluation on BEIR-layout sets (corpus.jsonl, queries.jsonl, qrels.tsv)."""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhiku.errors import InputError
from zhiku.read import RawInput


@dataclass(frozen=True, slots=True)
class BeirSet:
    name: str
    corpus: dict[str, tuple[str, str]]  # id -> (title, text)
    queries: dict[str, str]
    qrels: dict[str, set[str]]


def _jsonl(path: Path) -> list[dict[str, object]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg})", path=str(path), line=number) from exc
    return rows


def load_beir(directory: Path) -> BeirSet:
    """A BEIR set; errors name the file and line."""
    corpus = {str(r["_id"]): (str(r.get("title") or ""), str(r["text"])) for r in _jsonl(directory / "corpus.jsonl")}
    queries = {str(r["_id"]): str(r["text"]) for r in _jsonl(directory / "queries.jsonl")}
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
