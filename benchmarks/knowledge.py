"""Knowledge features: entity precision/recall, tag agreement, extraction cost, seed examples.

    python benchmarks/knowledge.py                 # everything (ingests CMRC with the real embedder)
    python benchmarks/knowledge.py --skip-speed    # quality and seeds only (seconds)

1. Entities on the hand-labelled fixtures (tests/fixtures/knowledge, labels written before the
   catalogue and the extractor): mention-level (exact span and entity id) and document-level
   (the set of entity ids) precision and recall, per script and per rule.
2. Tags: a document agrees when every core label is assigned and nothing outside core + allowed.
3. Cost: `analyze_document` (keywords + tags + entities + links) per document against the time
   `KnowledgeBase.add_inputs` takes per document with the default embedder, on CMRC passages
   and on ~5 KB documents made of consecutive passages.
4. Seeds: tags, entities and resources shown for the five crawled seed pages, with spans.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.clean import clean_plain_text
from zhiku.evaluate import corpus_inputs, load_beir
from zhiku.knowledge import KnowledgeKit, analyze_document, match_resources
from zhiku.sources.files import RawInput

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "knowledge"


def gold_mentions(text: str, entities: dict[str, list[str]]) -> set[tuple[int, int, str]]:
    """Every occurrence of every labelled surface; longer surfaces claim their span first."""
    pairs = sorted(
        ((s, e) for e, surfaces in entities.items() for s in surfaces), key=lambda p: -len(p[0])
    )
    taken = bytearray(len(text) + 1)
    gold = set()
    for surface, entity_id in pairs:
        for m in re.finditer(re.escape(surface), text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                gold.add((m.start(), m.end(), entity_id))
    return gold


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def quality(kit: KnowledgeKit, console: Console) -> None:
    labels = json.loads((FIXTURES / "LABELS.json").read_text(encoding="utf-8"))["documents"]
    mention = defaultdict(lambda: [0, 0, 0])  # script -> tp, fp, fn
    document = defaultdict(lambda: [0, 0, 0])
    by_rule: Counter[str] = Counter()
    wrong_by_rule: Counter[str] = Counter()
    misses, false = [], []
    tags_ok = 0
    tag_rows = []
    for name, label in labels.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        knowledge = analyze_document(text, kit=kit)
        gold = gold_mentions(text, label["entities"])
        predicted = {(m.start, m.end, m.entity_id): m.source for m in knowledge.entities}
        for key in (label["script"], "all"):
            counts = mention[key]
            counts[0] += len(gold & set(predicted))
            counts[1] += len(set(predicted) - gold)
            counts[2] += len(gold - set(predicted))
            gold_ids, ids = {g[2] for g in gold}, {p[2] for p in predicted}
            d = document[key]
            d[0] += len(gold_ids & ids)
            d[1] += len(ids - gold_ids)
            d[2] += len(gold_ids - ids)
        for key, rule in predicted.items():
            by_rule[rule] += 1
            wrong_by_rule[rule] += key not in gold
        misses += [f"{name}: {text[s:e]} ({e_id})" for s, e, e_id in sorted(gold - set(predicted))]
        false += [f"{name}: {text[s:e]} -> {e_id}" for s, e, e_id in sorted(set(predicted) - gold)]
        assigned = [t.tag_id for t in knowledge.tags]
        core, allowed = set(label["tags"]), set(label["tags"]) | set(label["tags_ok"])
        agree = core <= set(assigned) <= allowed
        tags_ok += agree
        tag_rows.append(
            (name, ", ".join(sorted(core)), ", ".join(assigned), "yes" if agree else "NO")
        )

    table = Table(title=f"Entities on {len(labels)} labelled fixture articles")
    for column in (
        "script",
        "mentions",
        "P (mention)",
        "R (mention)",
        "P (document)",
        "R (document)",
    ):
        table.add_column(column)
    for key in ("zh-Hans", "zh-Hant", "en", "all"):
        tp, fp, fn = mention[key]
        p, r = _pr(tp, fp, fn)
        dp, dr = _pr(*document[key])
        table.add_row(key, str(tp + fn), f"{p:.3f}", f"{r:.3f}", f"{dp:.3f}", f"{dr:.3f}")
    console.print(table)
    console.print(
        "found by rule: "
        + ", ".join(f"{rule} {n} ({wrong_by_rule[rule]} wrong)" for rule, n in by_rule.items())
    )
    console.print("missed: " + "; ".join(misses))
    console.print("wrong: " + "; ".join(false))
    tags = Table(
        title=f"Tags: {tags_ok}/{len(labels)} documents agree ({tags_ok / len(labels):.0%})"
    )
    for column in ("document", "core labels", "assigned (best first)", "agrees"):
        tags.add_column(column)
    for row in tag_rows:
        tags.add_row(*row)
    console.print(tags)


def _five_kb_documents(inputs: list[RawInput], count: int) -> list[RawInput]:
    docs, buffer, n = [], [], 0
    for item in inputs:
        buffer.append(item.text)
        if sum(map(len, buffer)) >= 5000:
            text = "\n\n".join(buffer)
            docs.append(
                RawInput(
                    f"bench:5kb/{n}",
                    "text",
                    text,
                    text.encode(),
                    "utf-8",
                    title=f"5kb {n}",
                    source="bench",
                )
            )
            buffer, n = [], n + 1
            if n == count:
                break
    return docs


def speed(kit: KnowledgeKit, console: Console, passages: int, big: int) -> None:
    directory = SHARED / "bench" / "cmrc2018-dev"
    if not directory.exists():
        console.print(f"[yellow]skipping cost: {directory} not present[/]")
        return
    inputs = corpus_inputs(load_beir(directory))
    sets = {
        "CMRC passages": inputs[:passages],
        "~5 KB documents": _five_kb_documents(inputs[passages:], big),
    }
    table = Table(title="Extraction cost vs ingestion (default embedder, same documents)")
    for column in (
        "set",
        "docs",
        "mean chars",
        "ingest ms/doc",
        "extract ms/doc",
        "extract p95 ms",
        "added",
    ):
        table.add_column(column)
    analyze_document(
        "预热 OpenAI 的 GPT-4o 与 RAG。", kit=kit
    )  # load jieba's dictionary and POS model once
    for label, items in sets.items():
        with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
            kb.add_inputs(items[:3])  # load the model before timing
            started = time.perf_counter()
            kb.add_inputs(items[3:])
            ingest = (time.perf_counter() - started) / max(len(items) - 3, 1)
            docs = [kb.get(d) for d in kb.store.document_ids()]
        times = []
        for doc in docs:
            started = time.perf_counter()
            analyze_document(doc.text, doc.title, kit=kit)
            times.append(time.perf_counter() - started)
        mean = statistics.fmean(times)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        chars = statistics.fmean(len(d.text) for d in docs)
        table.add_row(
            label,
            str(len(docs)),
            f"{chars:.0f}",
            f"{ingest * 1000:.1f}",
            f"{mean * 1000:.1f}",
            f"{p95 * 1000:.1f}",
            f"{mean / ingest:.1%}",
        )
    console.print(table)


def seeds(kit: KnowledgeKit, console: Console) -> None:
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        cleaned = clean_plain_text(path.read_text(encoding="utf-8"))
        text = cleaned.text
        knowledge = analyze_document(text, cleaned.title or "", kit=kit, links=cleaned.links)
        console.rule(f"{path.name}  {cleaned.title or ''}")
        console.print("keywords: " + ", ".join(k.term for k in knowledge.keywords[:10]))
        for tag in knowledge.tags:
            s, e = tag.evidence
            console.print(
                f"tag {tag.tag_id} ({tag.label_zh}) {tag.score:.2f}  [{s}:{e}] …{text[max(0, s - 12) : e + 12]!r}…"
            )
        first: dict[str, tuple[int, int, str, int]] = {}
        for m in knowledge.entities:
            s, e, src, n = first.get(m.entity_id, (m.start, m.end, m.source, 0))
            first[m.entity_id] = (s, e, src, n + 1)
        console.print(
            "entities: "
            + "; ".join(
                f"{eid} {text[s:e]!r}@{s}-{e} ×{n} [{src}]" for eid, (s, e, src, n) in first.items()
            )
        )
        for match in match_resources(
            knowledge.entities, knowledge.tags, text, catalogue=kit.resources, links=knowledge.links
        ):
            span = match.evidence
            quote = text[span[0] : span[1]] if span else ""
            console.print(
                f"resource {match.resource.name} {match.score:.2f}: {match.reason}  evidence {span} {quote!r}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passages", type=int, default=300)
    parser.add_argument("--big", type=int, default=40, help="number of ~5 KB documents")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    console = Console(width=160)
    kit = KnowledgeKit.load()
    quality(kit, console)
    if not args.skip_speed:
        speed(kit, console, args.passages, args.big)
    seeds(kit, console)


if __name__ == "__main__":
    main()
