"""Cleaning that learns a site's chrome from the site's other pages, on pages grouped by site.

    python benchmarks/site_chrome.py DIR [DIR ...] [--min-docs 3]

Each DIR holds crawled pages (``NNN.txt``) and a GOLD.json in the seeds' format whose documents
also name their ``site`` (host) and ``url``. The folders are web content, kept outside the
repository. Every page is scored (body kept = ``must_contain`` strings kept, noise removed =
``must_not_contain`` strings gone, title right) three ways:

- **alone**: the page cleaned by itself (``clean_plain_text``), what a library that knows no
  other page of the site does;
- **one add**: all pages written to a JSONL file with their urls and added to a fresh library in
  one ``add``, as a crawl is; the stored clean text is scored;
- **page by page**: the same pages added one ``add`` at a time, so each site's first pages are
  stored before its chrome is known and must be cleaned again later.

Prints one row per site and a total per way. Titles are scored where the page states one (a
library labels a page that states none with its first heading or sentence).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from cleaning import Score, _same, page_score, print_table

from zhiku import KnowledgeBase, Settings
from zhiku.records import Document


def gold_pages(folders: list[Path]) -> list[tuple[Path, str, dict[str, Any]]]:
    """(folder, page name, gold entry) of every page whose gold names its site and url."""
    found = []
    for folder in folders:
        documents = json.loads((folder / "GOLD.json").read_text(encoding="utf-8"))["documents"]
        for name, gold in sorted(documents.items()):
            if gold.get("site") and gold.get("url"):
                found.append((folder, name, gold))
    return found


def stored_score(doc: Document, gold: dict[str, Any]) -> Score:
    return Score(
        pages=1,
        kept=sum(s in doc.text for s in gold["must_contain"]),
        body=len(gold["must_contain"]),
        gone=sum(s not in doc.text for s in gold["must_not_contain"]),
        noise=len(gold["must_not_contain"]),
        titles=int(_same(doc.title, gold["title"])),
    )


def stated_titles(score: Score, gold: dict[str, Any]) -> Score:
    """`score` with its title counted only where the page states one: a library shows a label
    (the first heading or sentence) for a page that states none, which is not a title to score."""
    if gold["title"] is None:
        return replace(score, pages=0, titles=0)
    return score


def library_scores(
    pages: list[tuple[Path, str, dict[str, Any]]], *, min_docs: int, one_add: bool
) -> list[Score]:
    """Each page's score as stored by a fresh library fed from JSONL files with the urls."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings(), home=str(Path(tmp) / "home"), site_chrome_min_docs=min_docs)
        files = []
        for number, (folder, name, gold) in enumerate(pages):
            record = {"url": gold["url"], "text": (folder / name).read_text(encoding="utf-8")}
            file = Path(tmp) / f"crawl-{0 if one_add else number}.jsonl"
            with file.open("a", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            files.append(file)
        with KnowledgeBase.open(settings) as kb:
            if one_add:
                kb.add([files[0]])
            else:
                for file in files:
                    kb.add([file])
            by_url = {d.url: d for d in kb.documents(limit=10_000)}
            return [stored_score(by_url[gold["url"]], gold) for _, _, gold in pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--min-docs", type=int, default=Settings().site_chrome_min_docs)
    args = parser.parse_args()
    pages = gold_pages(args.folders)
    ways = {
        "alone": [page_score(folder, name, gold) for folder, name, gold in pages],
        "one add": library_scores(pages, min_docs=args.min_docs, one_add=True),
        "page by page": library_scores(pages, min_docs=args.min_docs, one_add=False),
    }
    by_site: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    for way, scores in ways.items():
        for (_, _, gold), score in zip(pages, scores, strict=True):
            by_site[gold["site"]][way] += stated_titles(score, gold)
    header = ("site", "pages", *(f"{w}: kept / removed / title" for w in ways))
    count = Counter(gold["site"] for _, _, gold in pages)
    rows = [
        (site, str(count[site]), *(_cells(ways_of[w]) for w in ways))
        for site, ways_of in sorted(by_site.items())
    ]
    totals = {
        w: sum((stated_titles(s, g) for s, (_, _, g) in zip(scores, pages, strict=True)), Score())
        for w, scores in ways.items()
    }
    rows.append(("total", str(len(pages)), *(_cells(totals[w]) for w in ways)))
    print_table(f"Site chrome learned across pages (min_docs {args.min_docs})", rows, header)


def _cells(score: Score) -> str:
    return " / ".join(cell.split(" ")[-1].strip("()") for cell in score.cells()[:3])


if __name__ == "__main__":
    main()
