"""Near-duplicate detection: shingle sizes, threshold, precision/recall and throughput.

    /tmp/venv/bin/python benchmarks/dedup.py [--pairs 300] [--runs 5] [--docs 2000]

Pairs are built from ../shared/bench (CMRC 2018 dev for Chinese, SQuAD dev for English):

- positive: an article and a "repost" of it: 1-4 chrome lines of another site added, 0-2
  sentences dropped (the first or last line of a repost often differs), lines re-wrapped, and for
  half of the Chinese ones the whole text converted to zh-Hant with OpenCC;
- negative: an article and a *different* article on the same topic: for SQuAD, other passages of
  the same Wikipedia article; for CMRC (one passage per title), the passage that shares the most
  character bigrams with it (a hard negative: same names, same subject).

Table 1 sweeps shingle sizes on exact Jaccard (best-F1 threshold, and the gap between the 5th
percentile of positives and the 95th of negatives). Table 2 runs the shipped configuration
through `NearDuplicateIndex` at several thresholds. Table 3 is throughput on ~5 KB documents:
`signature` alone and `signature` + LSH query + insert into an index that already holds the
other documents (median of runs).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from zhiku.dedup import (
    CJK_SHINGLE,
    DEFAULT_THRESHOLD,
    WORD_SHINGLE,
    NearDuplicateIndex,
    shingles,
    signature,
)
from zhiku.normalize import to_traditional

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
DOC_BYTES = 5_000

ZH_CHROME = [
    "首页 > 科技 > 人工智能 > 正文",
    "责任编辑：林小雨 | 来源：某某科技网",
    "分享到：微信 微博 QQ空间",
    "阅读 12,408 | 评论 36 | 点赞 210",
    "声明：本文仅代表作者观点，不代表本站立场。",
    "扫码关注公众号，获取更多AI前沿资讯",
    "相关阅读：大模型周报 第42期",
    "版权所有 © 2024 某某网 京ICP备12345678号",
    "【热门搜索】大模型 智能体 具身智能 开源",
    "点击查看原文",
]
EN_CHROME = [
    "Home / News / AI / Article",
    "Share on X  Share on LinkedIn  Copy link",
    "Posted by staff writer | 5 min read",
    "Advertisement",
    "Subscribe to our weekly AI newsletter",
    "Related: The week in machine learning",
    "© 2024 Example Media Group. All rights reserved.",
    "1,204 views · 18 comments",
    "Sign in to comment",
    "Read more stories like this",
]
_SENTENCE = re.compile(r"(?<=[。！？!?])|(?<=\. )")


def load(name: str) -> dict[str, list[str]]:
    by_title: dict[str, list[str]] = defaultdict(list)
    with (BENCH / name / "corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by_title[row["title"]].append(row["text"])
    return by_title


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def repost(text: str, rng: random.Random, chrome: list[str], *, traditional: bool) -> str:
    """`text` as another site would show it: new chrome, a sentence or two lost, re-wrapped."""
    parts = sentences(text)
    for _ in range(rng.randint(0, 2) if len(parts) >= 8 else 0):
        del parts[rng.choice([0, len(parts) - 1, rng.randrange(len(parts))])]
    lines: list[str] = []
    i = 0
    while i < len(parts):
        step = rng.randint(1, 3)
        lines.append(
            "".join(parts[i : i + step])
            if traditional or "。" in text
            else " ".join(parts[i : i + step])
        )
        i += step
    for _ in range(rng.randint(1, 4)):
        lines.insert(rng.choice([0, len(lines)]), rng.choice(chrome))
    out = "\n".join(lines)
    return to_traditional(out) if traditional else out


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def zh_pairs(n: int, rng: random.Random) -> list[tuple[str, str, bool]]:
    passages = [t for texts in load("cmrc2018-dev").values() for t in texts]
    grams = [bigrams(p) for p in passages]
    pairs = []
    for i in rng.sample(range(len(passages)), n):
        text = passages[i]
        pairs.append((text, repost(text, rng, ZH_CHROME, traditional=rng.random() < 0.5), True))
        best = max(
            (j for j in range(len(passages)) if j != i),
            key=lambda j: len(grams[i] & grams[j]) / len(grams[i] | grams[j]),
        )
        pairs.append((text, passages[best], False))
    return pairs


def en_pairs(n: int, rng: random.Random) -> list[tuple[str, str, bool]]:
    # articles of two consecutive passages; no passage is in two of them
    by_title = [
        [" ".join(texts[k : k + 2]) for k in range(0, len(texts) - 1, 2)]
        for texts in load("squad-dev").values()
    ]
    candidates = [(docs, k) for docs in by_title for k in range(0, len(docs) - 1, 2)]
    pairs = []
    for docs, k in rng.sample(candidates, min(n, len(candidates))):
        pairs.append((docs[k], repost(docs[k], rng, EN_CHROME, traditional=False), True))
        pairs.append((docs[k], docs[k + 1], False))
    return pairs


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def best_f1(scores: list[tuple[float, bool]]) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in [x / 100 for x in range(5, 96)]:
        tp = sum(s >= t and y for s, y in scores)
        fp = sum(s >= t and not y for s, y in scores)
        fn = sum(s < t and y for s, y in scores)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, t)
    return best


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def sweep(
    pairs: list[tuple[str, str, bool]], sizes: list[tuple[int, int]]
) -> list[tuple[str, ...]]:
    rows = []
    for cjk_n, word_n in sizes:
        scores = [
            (
                jaccard(
                    shingles(a, cjk_n=cjk_n, word_n=word_n), shingles(b, cjk_n=cjk_n, word_n=word_n)
                ),
                y,
            )
            for a, b, y in pairs
        ]
        pos = [s for s, y in scores if y]
        neg = [s for s, y in scores if not y]
        f1, t = best_f1(scores)
        rows.append(
            (
                f"{cjk_n}/{word_n}",
                f"{pct(pos, 0.05):.2f}",
                f"{min(pos):.2f}",
                f"{pct(neg, 0.95):.2f}",
                f"{max(neg):.2f}",
                f"{pct(pos, 0.05) - pct(neg, 0.95):+.2f}",
                f"{f1:.3f} @ {t:.2f}",
            )
        )
    return rows


def lsh_rows(pairs: list[tuple[str, str, bool]], thresholds: list[float]) -> list[tuple[str, ...]]:
    left = {a: f"d{i}" for i, a in enumerate(dict.fromkeys(a for a, _, _ in pairs))}
    sigs = {a: signature(a) for a in left}
    # a query text that is itself in the index (a negative partner sampled as some pair's
    # article) finds itself: that is not a false positive
    queries = [(signature(b), left[a], left.get(b), y) for a, b, y in pairs]
    rows = []
    for threshold in thresholds:
        index = NearDuplicateIndex.from_signatures(
            ((left[a], s) for a, s in sigs.items()), threshold=threshold
        )
        tp = fp = fn = 0
        for sig, partner, itself, positive in queries:
            found = {doc_id for doc_id, _ in index.query(sig)} - {itself}
            if positive:
                tp += partner in found
                fn += partner not in found
                fp += len(found - {partner})
            else:
                fp += len(found)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        rows.append(
            (f"{threshold:.2f}", f"{precision:.3f}", f"{recall:.3f}", str(tp), str(fp), str(fn))
        )
    return rows


def five_kb_docs(n: int, rng: random.Random) -> list[str]:
    zh = [t for texts in load("cmrc2018-dev").values() for t in texts]
    en = [t for texts in load("squad-dev").values() for t in texts]
    docs = []
    for i in range(n):
        pool = zh if i % 2 == 0 else en
        parts: list[str] = []
        while len("\n".join(parts).encode("utf-8")) < DOC_BYTES:
            parts.append(rng.choice(pool))
        docs.append("\n".join(parts))
    return docs


def throughput(docs: list[str], runs: int) -> list[tuple[str, ...]]:
    """Docs per wall second and per CPU second (the latter stays honest on a busy machine)."""
    base = [signature(d) for d in docs]
    rates: dict[str, list[tuple[float, float]]] = {"signature": [], "signature + query + add": []}
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        for d in docs:
            signature(d)
        rates["signature"].append(_rates(len(docs), wall, cpu))
        index = NearDuplicateIndex.from_signatures(
            (f"b{i}", s) for i, s in enumerate(base[: len(docs) // 2])
        )
        wall, cpu = time.perf_counter(), time.process_time()
        for i, d in enumerate(docs):
            sig = signature(d)
            index.query(sig)
            index.add(f"n{i}", sig)
        rates["signature + query + add"].append(_rates(len(docs), wall, cpu))
    mean_bytes = statistics.mean(len(d.encode("utf-8")) for d in docs)
    return [
        (
            step,
            f"{statistics.median(w for w, _ in values):,.0f}",
            f"{statistics.median(c for _, c in values):,.0f}",
            f"{mean_bytes:,.0f}",
        )
        for step, values in rates.items()
    ]


def _rates(count: int, wall: float, cpu: float) -> tuple[float, float]:
    return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def print_table(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--sweep", action="store_true", help="also sweep shingle sizes")
    args = parser.parse_args()
    if not BENCH.exists():
        print(f"skipped: {BENCH} not found")
        return
    rng = random.Random(7)
    corpora = {"zh (CMRC)": zh_pairs(args.pairs, rng), "en (SQuAD)": en_pairs(args.pairs, rng)}
    header = ("cjk/word n", "pos p5", "pos min", "neg p95", "neg max", "gap", "best F1 @ t")
    if args.sweep:
        sizes = [(2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (8, 4), (10, 5)]
        for name, pairs in corpora.items():
            print_table(
                f"Exact Jaccard by shingle size, {name}, {len(pairs)} pairs",
                header,
                sweep(pairs, sizes),
            )
    lsh_header = ("threshold", "precision", "recall", "TP", "FP", "FN")
    thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    for name, pairs in corpora.items():
        print_table(
            f"NearDuplicateIndex (shingles {CJK_SHINGLE}/{WORD_SHINGLE}, default threshold "
            f"{DEFAULT_THRESHOLD}), {name}",
            lsh_header,
            lsh_rows(pairs, thresholds),
        )
    docs = five_kb_docs(args.docs, rng)
    print_table(
        f"Throughput on {len(docs)} documents of ~5 KB (zh and en), median of {args.runs} runs",
        ("step", "docs/s (wall)", "docs/CPU-s", "mean bytes"),
        throughput(docs, args.runs),
    )


if __name__ == "__main__":
    main()
