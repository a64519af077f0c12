"""Cleaning quality on the shared seeds and our fixtures, and cleaning throughput.

    /tmp/venv/bin/python benchmarks/cleaning.py [--runs 5]

Prints one table per corpus (must_contain kept, must_not_contain removed, metadata fields that
match) and the throughput of ``clean_plain_text`` and ``clean_html`` on ~5 KB documents
(median of several runs). Skips the seeds when ../shared is absent.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from zhiku.clean import clean_html, clean_plain_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "crawled"
FIELDS = ("title", "author", "source", "published")
DOC_BYTES = 5_000


def quality_rows(folder: Path, expect_file: str) -> list[tuple[str, str, str, str]]:
    documents = json.loads((folder / expect_file).read_text(encoding="utf-8"))["documents"]
    rows = []
    totals = [0] * 6
    for name, gold in sorted(documents.items()):
        cleaned = clean_plain_text((folder / name).read_text(encoding="utf-8"))
        kept = sum(s in cleaned.text for s in gold["must_contain"])
        gone = sum(s not in cleaned.text for s in gold["must_not_contain"])
        meta = sum(getattr(cleaned, f) == gold[f] for f in FIELDS)
        counts = (kept, len(gold["must_contain"]), gone, len(gold["must_not_contain"]), meta, len(FIELDS))
        totals = [t + c for t, c in zip(totals, counts)]
        rows.append((name, *_fractions(counts)))
    rows.append(("total", *_fractions(totals)))
    return rows


def _fractions(counts: tuple[int, ...] | list[int]) -> tuple[str, str, str]:
    kept, want, gone, chrome, meta, fields = counts
    return f"{kept}/{want}", f"{gone}/{chrome}", f"{meta}/{fields}"


def print_table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)))


def five_kb_documents() -> list[str]:
    """Every seed and fixture page cut (at a line) or repeated to about 5 KB of UTF-8."""
    pages = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    if SEEDS.is_dir():
        pages += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    docs = []
    for page in pages:
        lines, size = [], 0
        source = page.splitlines()
        while size < DOC_BYTES:
            for line in source:
                lines.append(line)
                size += len(line.encode("utf-8")) + 1
                if size >= DOC_BYTES:
                    break
        docs.append("\n".join(lines))
    return docs


def as_html(text: str) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        "<html><head><title>Page</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{body}</article><footer>© 2024 Example</footer></body></html>"
    )


def throughput(fn: Callable[[str], object], docs: list[str], runs: int) -> float:
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        rates.append(len(docs) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    header = ("page", "must_contain kept", "must_not_contain removed", "metadata")
    if (SEEDS / "GOLD.json").is_file():
        print_table("Shared seeds (../shared/seeds/GOLD.json)", quality_rows(SEEDS, "GOLD.json"), header)
    else:
        print(f"\nShared seeds not found at {SEEDS}: skipped")
    print_table("Our fixtures (tests/fixtures/crawled/EXPECT.json)", quality_rows(FIXTURES, "EXPECT.json"), header)

    docs = five_kb_documents()
    htmls = [as_html(d) for d in docs]
    mean_kb = sum(len(d.encode("utf-8")) for d in docs) / len(docs) / 1000
    clean_plain_text(docs[0]), clean_html(htmls[0])  # warm up imports and regex caches
    plain = throughput(clean_plain_text, docs * 10, args.runs)
    rich = throughput(clean_html, htmls * 2, args.runs)
    rows = [
        ("clean_plain_text", f"{len(docs) * 10}", f"{mean_kb:.1f}", f"{plain:.0f}"),
        ("clean_html (trafilatura + text steps)", f"{len(htmls) * 2}", f"{mean_kb:.1f}", f"{rich:.0f}"),
    ]
    print_table(f"Throughput, median of {args.runs} runs", rows, ("function", "docs", "KB/doc", "docs/s"))


if __name__ == "__main__":
    main()
