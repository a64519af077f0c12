"""Cross-lingual and zh-Hant retrieval: English questions over Chinese passages, Chinese questions over
English passages, and CMRC's questions converted to Traditional Chinese.

    python benchmarks/crosslingual.py                    # every set, every query (~10 min here)
    python benchmarks/crosslingual.py --squad-limit 2000 # SQuAD baseline on its first 2,000 queries

Sets (see benchmarks/sets/*/README.md):
- cmrc zh-Hans: ../shared/bench/cmrc2018-dev as shipped;
- cmrc zh-Hant: the same queries through OpenCC s2t (`zhiku.normalize.to_traditional`), made here;
- en->zh: benchmarks/sets/crosslingual-en-zh (our English questions) over the CMRC corpus;
- squad en: ../shared/bench/squad-dev, the monolingual English check for fusion rules;
- zh->en: benchmarks/sets/crosslingual-zh-en (our Chinese questions) over the SQuAD corpus.

Each corpus goes once through the real pipeline (`KnowledgeBase.add_inputs` on
`zhiku.evaluate.corpus_inputs`). For each query the script reads what `KnowledgeBase.search` reads
(the lexical and the dense candidate lists, 100 deep, and `term_coverage`) once, and ranks from
them: lexical, dense, hybrid (`zhiku.retrieve.fuse`, exactly as `search` calls it) and the
alternative fusion rules below. A check pass runs the real `kb.search(mode=...)` on the first
`--check` queries of every set and reports how many rankings agree with the offline ones.
Metrics come from `zhiku.evaluate.ranking_metrics` (document level, top 10).

Peer: bm25s over plain jieba words without Traditional->Simplified folding (what a peer library
does out of the box), on zh-Hans and on zh-Hant queries.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.evaluate import (
    BeirSet,
    corpus_inputs,
    load_beir,
    ranking_metrics,
    timed_rankings,
    unique_documents,
)
from zhiku.ingest import document_id
from zhiku.knowledge_base import _CANDIDATES
from zhiku.normalize import detect_script, language_of, to_traditional
from zhiku.retrieve import DENSE_WEIGHT, fuse, lexical_trust
from zhiku.segment import lexical_query

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "bench"
SETS = Path(__file__).resolve().parent / "sets"
K = 10
METRICS = ("R@1", "R@5", "MRR@10")


# -- sets --------------------------------------------------------------------------------------


def load_set(queries_dir: Path, corpus_dir: Path, name: str) -> BeirSet:
    """Our queries and qrels over a shared corpus, read by `load_beir` (the corpus is linked, not copied)."""
    with tempfile.TemporaryDirectory(prefix="zhiku-xl-") as tmp:
        folder = Path(tmp)
        os.symlink(corpus_dir.resolve() / "corpus.jsonl", folder / "corpus.jsonl")
        for file in ("queries.jsonl", "qrels.tsv"):
            os.symlink((queries_dir / file).resolve(), folder / file)
        return replace(load_beir(folder), name=name)


def limited(queries: dict[str, str], limit: int | None) -> dict[str, str]:
    return dict(list(queries.items())[:limit]) if limit else queries


# -- candidates: what KnowledgeBase.search reads, read once per query ---------------------------


@dataclass(frozen=True, slots=True)
class Candidates:
    query: str
    terms: list[str]
    coverage: float  # KnowledgeBase.term_coverage(terms)
    lexical: list[tuple[int, float]]  # chunk key, bm25
    dense: list[tuple[int, float]]  # chunk key, cosine
    top_match: float  # IDF share of the query terms that the best lexical passage contains


class Library:
    """A temporary library over one corpus, and the per-query signals the fusion rules use."""

    def __init__(self, kb: KnowledgeBase, beir: BeirSet) -> None:
        self.kb = kb
        self.to_corpus = {
            document_id(raw.origin): raw.origin.rsplit("/", 1)[1] for raw in corpus_inputs(beir)
        }
        self._doc_of: dict[int, str] = {}
        self._tokens: dict[int, set[str]] = {}
        scripts = [detect_script(text) for _, text in beir.corpus.values()]
        self.script = max(set(scripts), key=scripts.count)

    def doc_of(self, keys: list[int]) -> list[str]:
        missing = [k for k in keys if k not in self._doc_of]
        if missing:
            for key, (chunk, _) in self.kb.store.chunks_by_key(missing).items():
                self._doc_of[key] = self.to_corpus[chunk.doc_id]
        return [self._doc_of[k] for k in keys if k in self._doc_of]

    def tokens_of(self, key: int) -> set[str]:
        if key not in self._tokens:
            doc_id = self.kb.store.chunks_by_key([key])[key][0].doc_id
            for stored in self.kb.store.chunks_of(doc_id):
                self._tokens[stored.key] = set(stored.tokens.split())
        return self._tokens[key]

    def idf(self, term: str) -> float:  # as KnowledgeBase.term_coverage weighs terms
        n = max(self.kb.index.num_chunks(), 1)
        df = self.kb.index.document_frequency(term)
        return math.log(1 + n / (df + 0.5)) if df else math.log(1 + 2 * n)

    def candidates(self, queries: dict[str, str], batch: int = 256) -> dict[str, Candidates]:
        ids, texts = list(queries), list(queries.values())
        out = {}
        for start in range(0, len(ids), batch):
            vectors = self.kb.embedder.embed(texts[start : start + batch])
            for qid, text, vector in zip(
                ids[start : start + batch], texts[start : start + batch], vectors, strict=False
            ):
                terms = lexical_query(text)
                # with the other language's words, as search reads it (zhiku.query_expansion)
                lexical = self.kb._lexical(text, terms, _CANDIDATES)
                dense = self.kb.index.dense(vector, _CANDIDATES)
                top_match = 0.0
                if lexical and terms:
                    have = self.tokens_of(lexical[0][0])
                    weights = {t: self.idf(t) for t in terms}
                    top_match = sum(w for t, w in weights.items() if t in have) / sum(
                        weights.values()
                    )
                out[qid] = Candidates(
                    text, terms, self.kb.term_coverage(terms), lexical, dense, top_match
                )
                self.doc_of([k for k, _ in lexical[:K]] + [k for k, _ in dense[:K]])
        return out

    def ranking(self, keys: list[int]) -> list[str]:
        """Documents of the first K passages, as `evaluate_retrieval` ranks `kb.search(k=10)` hits."""
        return unique_documents(self.doc_of(keys[:K]))


@contextmanager
def library(beir: BeirSet) -> Iterator[Library]:
    with (
        tempfile.TemporaryDirectory(prefix="zhiku-xl-") as home,
        KnowledgeBase.open(Settings(home=home)) as kb,
    ):
        kb.add_inputs(corpus_inputs(beir), clean=False)
        yield Library(kb, beir)


# -- fusion rules (the first is zhiku's as shipped) --------------------------------------------


def _family(script: str) -> str:
    return language_of(script)  # zh-Hans, zh-Hant -> zh; en -> en; mixed -> mul


Rule = Callable[[Candidates, str], list[int]]  # candidates, corpus script -> chunk keys best first


def _fused(c: Candidates, coverage: float, dense_weight: float = DENSE_WEIGHT) -> list[int]:
    return [f.key for f in fuse(c.lexical, c.dense, coverage=coverage, dense_weight=dense_weight)]


def rule_shipped(c: Candidates, corpus: str) -> list[int]:
    trust = lexical_trust(
        c.coverage,
        query_language=language_of(detect_script(c.query)),
        library_language=_family(corpus),
    )
    return _fused(c, trust)


def rule_coverage(c: Candidates, corpus: str) -> list[int]:
    return _fused(c, c.coverage)


def rule_coverage_squared(c: Candidates, corpus: str) -> list[int]:
    return _fused(c, c.coverage**2)


def _cross(c: Candidates, corpus: str) -> bool:
    """The query is in one language (by `detect_script`) and the corpus in another.

    A mixed zh/en query is never cross: its Chinese words can match a Chinese corpus and its
    English words an English one.
    """
    query = _family(detect_script(c.query))
    return query in ("zh", "en") and query != _family(corpus)


def script_gate(factor: float) -> Rule:
    """Lexical weight cut to `factor` x coverage when the query's language differs from the corpus's."""

    def rule(c: Candidates, corpus: str) -> list[int]:
        return _fused(c, c.coverage * (factor if _cross(c, corpus) else 1.0))

    return rule


def rule_top_match(c: Candidates, corpus: str) -> list[int]:
    """Lexical weight = coverage x share of the query the best lexical passage actually contains."""
    return _fused(c, c.coverage * c.top_match)


def rule_top_match_capped(c: Candidates, corpus: str) -> list[int]:
    """No language test: lexical weight = coverage x min(1, 2 x top-hit match)."""
    return _fused(c, c.coverage * min(1.0, 2 * c.top_match))


def rule_script_gate_top_match(c: Candidates, corpus: str) -> list[int]:
    """Cross-language queries: lexical weight = coverage x top-hit match; same language: as shipped."""
    return _fused(c, c.coverage * c.top_match if _cross(c, corpus) else c.coverage)


RULES: dict[str, Rule] = {
    "hybrid (shipped: coverage, cross-lang x0.25)": rule_shipped,
    "alt 0: coverage alone": rule_coverage,
    "alt A: coverage^2": rule_coverage_squared,
    "alt B0: cross-lang -> x0 (dense only)": script_gate(0.0),
    "alt B1: cross-lang -> x0.1": script_gate(0.1),
    "alt B2: cross-lang -> x0.25": script_gate(0.25),
    "alt B5: cross-lang -> x0.5": script_gate(0.5),
    "alt C: x top-hit match": rule_top_match,
    "alt D: cross-lang -> x top-hit match": rule_script_gate_top_match,
    "alt E: x min(1, 2 top-hit match)": rule_top_match_capped,
}


def rankings_for(lib: Library, cands: dict[str, Candidates]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {
        "lexical": {q: lib.ranking([k for k, _ in c.lexical]) for q, c in cands.items()},
        "dense": {q: lib.ranking([k for k, _ in c.dense]) for q, c in cands.items()},
    }
    for name, rule in RULES.items():
        out[name] = {q: lib.ranking(rule(c, lib.script)) for q, c in cands.items()}
    return out


def check_against_search(
    lib: Library, queries: dict[str, str], offline: dict[str, dict[str, list[str]]]
) -> str:
    """How many of the offline rankings equal `kb.search`'s, per mode."""
    parts = []
    for mode, name in (
        ("lexical", "lexical"),
        ("dense", "dense"),
        ("hybrid", "hybrid (shipped: coverage, cross-lang x0.25)"),
    ):

        def rank(text: str, mode: str = mode) -> list[str]:
            return unique_documents(
                [lib.to_corpus[h.chunk.doc_id] for h in lib.kb.search(text, k=K, mode=mode)]
            )

        real, _ = timed_rankings(queries, rank)
        same = sum(real[q] == offline[name][q] for q in queries)
        parts.append(f"{mode} {same}/{len(queries)}")
    return ", ".join(parts)


# -- peer: bm25s on plain jieba words, no folding ---------------------------------------------


def bm25s_plain(
    beir: BeirSet, query_sets: dict[str, dict[str, str]]
) -> dict[str, dict[str, float]]:
    import bm25s
    import jieba

    jieba.setLogLevel(60)

    def words(text: str) -> list[str]:
        return [w.lower() for w in jieba.lcut(text) if w.strip() and any(ch.isalnum() for ch in w)]

    ids = list(beir.corpus)
    retriever = bm25s.BM25()
    retriever.index(
        [words(f"{t}\n{x}") for t, x in (beir.corpus[i] for i in ids)], show_progress=False
    )

    def rank(text: str) -> list[str]:
        found, _ = retriever.retrieve([words(text) or ["\u2400"]], k=K, show_progress=False)
        return [ids[i] for i in np.asarray(found)[0]]

    return {
        name: ranking_metrics(timed_rankings(qs, rank)[0], beir.qrels)
        for name, qs in query_sets.items()
    }


# -- misses -------------------------------------------------------------------------------------


def misses(
    lib: Library,
    beir: BeirSet,
    cands: dict[str, Candidates],
    ranks: dict[str, dict[str, list[str]]],
) -> list[dict[str, object]]:
    """Queries the shipped hybrid misses in its top 5, with the signals a fusion rule could use."""
    rows = []
    for qid, c in cands.items():
        gold = beir.qrels[qid]

        def rank_of(ranking: list[str], gold: set[str] = gold) -> int | None:
            return next((i for i, d in enumerate(ranking, 1) if d in gold), None)

        hybrid = rank_of(ranks["hybrid (shipped: coverage, cross-lang x0.25)"][qid])
        if hybrid is not None and hybrid <= 5:
            continue
        rows.append(
            {
                "id": qid,
                "query": c.query,
                "lexical_rank": rank_of(ranks["lexical"][qid]),
                "dense_rank": rank_of(ranks["dense"][qid]),
                "hybrid_rank": hybrid,
                "coverage": round(c.coverage, 3),
                "top_match": round(c.top_match, 3),
                "terms": c.terms[:12],
            }
        )
    return rows


# -- main ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--squad-limit", type=int, default=None, help="first N SQuAD queries (default: all)"
    )
    parser.add_argument(
        "--check", type=int, default=200, help="queries per set re-run through kb.search"
    )
    parser.add_argument(
        "--misses", type=Path, default=None, help="write the en->zh hybrid misses as JSON here"
    )
    args = parser.parse_args()
    console = Console(width=170)

    cmrc = load_beir(SHARED / "cmrc2018-dev")
    squad = load_beir(SHARED / "squad-dev")
    en_zh = load_set(SETS / "crosslingual-en-zh", SHARED / "cmrc2018-dev", "crosslingual-en-zh")
    zh_en = load_set(SETS / "crosslingual-zh-en", SHARED / "squad-dev", "crosslingual-zh-en")
    hant = {qid: to_traditional(text) for qid, text in cmrc.queries.items()}

    plan = [  # corpus, [(label, queries, qrels)]
        (
            cmrc,
            [
                ("CMRC zh-Hans", cmrc.queries, cmrc.qrels),
                ("CMRC zh-Hant (s2t)", hant, cmrc.qrels),
                ("en->zh (ours)", en_zh.queries, en_zh.qrels),
            ],
        ),
        (
            squad,
            [
                ("SQuAD en", limited(squad.queries, args.squad_limit), squad.qrels),
                ("zh->en (ours)", zh_en.queries, zh_en.qrels),
            ],
        ),
    ]
    results: dict[str, dict[str, dict[str, float]]] = {}
    checks: dict[str, str] = {}
    for corpus, query_sets in plan:
        with library(corpus) as lib:
            console.print(
                f"[dim]{corpus.name}: {len(corpus.corpus)} passages indexed, corpus script {lib.script}"
            )
            for label, queries, qrels in query_sets:
                cands = lib.candidates(queries)
                ranks = rankings_for(lib, cands)
                results[label] = {name: ranking_metrics(r, qrels) for name, r in ranks.items()}
                checks[label] = check_against_search(lib, limited(queries, args.check), ranks)
                if label.startswith("en->zh") and args.misses:
                    beir = replace(en_zh, queries=queries)
                    args.misses.write_text(
                        json.dumps(misses(lib, beir, cands, ranks), ensure_ascii=False, indent=1)
                    )
    peer = bm25s_plain(cmrc, {"CMRC zh-Hans": cmrc.queries, "CMRC zh-Hant (s2t)": hant})

    labels = list(results)
    table = Table(title="zhiku retrieval by query set (document level, top 10); R@1 / R@5 / MRR@10")
    table.add_column("system")
    for label in labels:
        table.add_column(label)
    for name in results[labels[0]]:
        table.add_row(
            name, *(" / ".join(f"{results[lb][name][m]:.3f}" for m in METRICS) for lb in labels)
        )
    table.add_row(
        "bm25s, plain jieba words, no folding",
        *(" / ".join(f"{peer[lb][m]:.3f}" for m in METRICS) if lb in peer else "" for lb in labels),
    )
    console.print(table)
    for label in labels:
        console.print(f"  kb.search agreement on {label}: {checks[label]}")
    hans, hant_mrr = results["CMRC zh-Hans"], results["CMRC zh-Hant (s2t)"]
    for name in RULES:
        gap = hans[name]["MRR@10"] - hant_mrr[name]["MRR@10"]
        r5 = results["en->zh (ours)"][name]["R@5"]
        console.print(
            f"  {name}: zh-Hant gap {gap:+.4f} MRR (target <= 0.005), en->zh R@5 {r5:.3f} (target >= 0.8), "
            f"CMRC MRR {hans[name]['MRR@10']:.3f}, SQuAD MRR {results['SQuAD en'][name]['MRR@10']:.3f}"
        )


if __name__ == "__main__":
    main()
