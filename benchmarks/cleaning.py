"""Cleaning quality on the shared seeds, the webclean-dev pages and our fixtures; throughput.

    python benchmarks/cleaning.py [--runs 5] [--pages] [--extra DIR ...]

Prints a summary with the seeds, the webclean-dev *tune* part and its *held-out* part side by
side (body kept = must_contain strings kept, noise removed = must_not_contain strings gone,
title right = the title read from the page equals the gold one, null included), then with
``--pages`` one table per corpus, and the throughput of ``clean_plain_text`` and
``clean_html`` on ~5 KB documents (median of several runs). Skips what ../shared lacks.
``--extra DIR`` scores another folder of pages with a GOLD.json in the seeds' format as well
(pages you gathered yourself, kept outside the repository).

The webclean-dev split is fixed by page name, not by content: a page is in the tune part when
the first byte of SHA-256 of its file name (``"001.txt"``) is even, held out when it is odd
(17 tune pages, 13 held out). Rules are tuned on the seeds and the tune part only.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from answer_sets import split_of

from zhiku.clean import clean_html, clean_plain_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
WEBCLEAN = ROOT.parent / "shared" / "bench" / "webclean-dev"
FIXTURES = ROOT / "tests" / "fixtures" / "crawled"
FIELDS = ("title", "author", "source", "published")
DOC_BYTES = 5_000


def is_held_out(name: str) -> bool:
    """The fixed webclean-dev split (`answer_sets.split_of`, shared with the answer benchmarks)."""
    return split_of(name) == "held-out"


@dataclass
class Score:
    """Counts over some pages: body strings kept, noise strings removed, titles, metadata."""

    pages: int = 0
    kept: int = 0
    body: int = 0
    gone: int = 0
    noise: int = 0
    titles: int = 0
    meta: int = 0
    fields: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f) + getattr(other, f) for f in Score.__dataclass_fields__))

    def cells(self) -> tuple[str, str, str, str]:
        return (
            _share(self.kept, self.body),
            _share(self.gone, self.noise),
            _share(self.titles, self.pages),
            _share(self.meta, self.fields),
        )


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.2f})" if whole else "-"


def page_score(folder: Path, name: str, gold: dict[str, Any]) -> Score:
    cleaned = clean_plain_text((folder / name).read_text(encoding="utf-8"))
    return Score(
        pages=1,
        kept=sum(s in cleaned.text for s in gold["must_contain"]),
        body=len(gold["must_contain"]),
        gone=sum(s not in cleaned.text for s in gold["must_not_contain"]),
        noise=len(gold["must_not_contain"]),
        titles=int(_same(cleaned.title, gold["title"])),
        meta=sum(_same(getattr(cleaned, f), gold[f]) for f in FIELDS),
        fields=len(FIELDS),
    )


def _same(found: str | None, wanted: str | None) -> bool:
    if found is None or wanted is None:
        return found is wanted
    return " ".join(found.split()) == " ".join(wanted.split())


def page_scores(
    folder: Path, expect_file: str, *, pages: Callable[[str], bool] = lambda name: True
) -> dict[str, Score]:
    """Each page of ``expect_file`` that ``pages`` selects, scored."""
    documents = json.loads((folder / expect_file).read_text(encoding="utf-8"))["documents"]
    return {
        name: page_score(folder, name, gold)
        for name, gold in sorted(documents.items())
        if pages(name)
    }


def quality_rows(
    folder: Path, expect_file: str, *, pages: Callable[[str], bool] = lambda name: True
) -> list[tuple[str, ...]]:
    """One row per page (body kept, noise removed, title right, metadata), then a total row."""
    scores = page_scores(folder, expect_file, pages=pages)
    total = sum(scores.values(), Score())
    return [(name, *score.cells()) for name, score in scores.items()] + [("total", *total.cells())]


def corpora(extra: list[Path] | None = None) -> list[tuple[str, Path, str, Callable[[str], bool]]]:
    """(label, folder, expectations file, page filter) for every corpus present."""
    found: list[tuple[str, Path, str, Callable[[str], bool]]] = []
    if (SEEDS / "GOLD.json").is_file():
        found.append(("seeds (5 pages)", SEEDS, "GOLD.json", lambda name: True))
    if (WEBCLEAN / "GOLD.json").is_file():
        found.append(
            ("webclean-dev tune", WEBCLEAN, "GOLD.json", lambda name: not is_held_out(name))
        )
        found.append(("webclean-dev held-out", WEBCLEAN, "GOLD.json", is_held_out))
    found.append(("our fixtures", FIXTURES, "EXPECT.json", lambda name: True))
    for folder in extra or []:
        if not (folder / "GOLD.json").is_file():
            raise SystemExit(f"{folder}: no GOLD.json (the seeds' format) in this folder")
        found.append((folder.name, folder, "GOLD.json", lambda name: True))
    return found


def print_table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=False)))


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
    parser.add_argument("--pages", action="store_true", help="also print one table per corpus")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also score this folder of pages (GOLD.json in the seeds' format); repeatable",
    )
    args = parser.parse_args()
    found = corpora(args.extra)
    summary = []
    for label, folder, expect, pages in found:
        scores = page_scores(folder, expect, pages=pages)
        summary.append((label, str(len(scores)), *sum(scores.values(), Score()).cells()))
    header = ("corpus", "pages", "body kept", "noise removed", "title right", "metadata")
    print_table(
        "Cleaning quality (title right: the page's title, or null when it states none)",
        summary,
        header,
    )
    if not (SEEDS / "GOLD.json").is_file() or not (WEBCLEAN / "GOLD.json").is_file():
        print(f"\n(shared sets not found under {ROOT.parent / 'shared'}: skipped)")
    if args.pages:
        for label, folder, expect, pages in found:
            print_table(label, quality_rows(folder, expect, pages=pages), ("page", *header[2:]))

    docs = five_kb_documents()
    htmls = [as_html(d) for d in docs]
    mean_kb = sum(len(d.encode("utf-8")) for d in docs) / len(docs) / 1000
    clean_plain_text(docs[0]), clean_html(htmls[0])  # warm up imports and regex caches
    plain = throughput(clean_plain_text, docs * 10, args.runs)
    rich = throughput(clean_html, htmls * 2, args.runs)
    rows = [
        ("clean_plain_text", f"{len(docs) * 10}", f"{mean_kb:.1f}", f"{plain:.0f}"),
        (
            "clean_html (trafilatura + text steps)",
            f"{len(htmls) * 2}",
            f"{mean_kb:.1f}",
            f"{rich:.0f}",
        ),
    ]
    print_table(
        f"Throughput, median of {args.runs} runs", rows, ("function", "docs", "KB/doc", "docs/s")
    )


if __name__ == "__main__":
    main()
