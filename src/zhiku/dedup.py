"""Exact and near-duplicate detection: folded shingles -> MinHash signatures -> LSH.

A repost of one story on another portal differs by a few chrome lines, punctuation, full-width
characters or zh-Hant/zh-Hans script; all of that is folded away before shingling, so the two
copies share almost every shingle::

    >>> a = "OpenAI 今天发布了新的推理模型，\\n在数学和编程测试上大幅领先。"
    >>> b = "OpenAI 今天發布了新的推理模型，在數學和編程測試上大幅領先。 责任编辑：小王"
    >>> round(similarity(signature(a), signature(b)), 1) >= 0.7
    True

Shingles are character 5-grams over the Chinese characters of the folded text and word 3-grams
over its Latin words (mixed text gets both). Those sizes were chosen by measurement
(`benchmarks/dedup.py`): they separate reposts (lines added/removed, zh-Hant converted) from
different passages of the same article best on CMRC 2018 and SQuAD; shorter shingles raise the
similarity of unrelated passages on a shared topic, longer ones make a few edits cost too much.

Signatures are `numpy.uint32` arrays (datasketch's ``affine32`` scheme, fixed seed), so
`signature_to_bytes` / `signature_from_bytes` store one in 4 * num_perm bytes (a SQLite BLOB).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH  # MinHashLSH: only its bands and rows

from zhiku.errors import InputError
from zhiku.normalize import fold_key

CJK_SHINGLE = 5  # characters
WORD_SHINGLE = 3  # words
NUM_PERM = 128
SEED = 20240601  # fixed: signatures stored in the library must stay comparable across runs
SCHEME = "affine32"
# Estimated Jaccard at or above which two texts are one story. Measured (benchmarks/dedup.py):
# reposts with 1-4 chrome lines and 0-2 sentences changed score 0.67-0.70 at the 5th percentile
# (some down to 0.4-0.5 on ~1 KB passages), hard negatives 0.13 (zh) / 0.02 (en) at the 95th
# and at most 0.38; 0.5 keeps precision 1.000 and recall 0.990 on both, where 0.7 drops recall
# to 0.84-0.90.
DEFAULT_THRESHOLD = 0.5

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff_]+")
_TEMPLATES: dict[int, MinHash] = {}
# odd 64-bit constants (golden ratio, splitmix64, wyhash): multipliers of the n-gram hash
_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xBF58476D1CE4E5B9,
        0x94D049BB133111EB,
        0xD6E8FEB86659FD93,
        0xA0761D6478BD642F,
        0xE7037ED1A0B428DB,
        0x8EBC6AF09C88C6E3,
        0x589965CC75374CC3,
    ],
    dtype=np.uint64,
)


def exact_key(text: str) -> str:
    """The exact-duplicate key of a cleaned text: sha256 of its folded form, whitespace collapsed.

    Two texts that differ only in full-width forms, case, whitespace or characters that fold
    to one key get the same key. (A zh-Hant conversion usually differs in a few phrases that
    OpenCC does not map back one to one: that is a near-duplicate, found by `signature`.)

    >>> exact_key("Ｈｅｌｌｏ  軟體") == exact_key("hello 软件")
    True
    """
    key = " ".join(fold_key(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def shingles(text: str, *, cjk_n: int = CJK_SHINGLE, word_n: int = WORD_SHINGLE) -> set[str]:
    """The folded shingles of `text`: CJK character 5-grams and Latin word 3-grams.

    Whitespace, punctuation and line breaks are ignored, so shingles cross line boundaries and
    moving a line break or swapping a full-width comma changes nothing. A text shorter than one
    shingle gives that whole run as its only shingle. (`signature` hashes exactly these
    n-grams, computed on arrays rather than as strings.)

    >>> sorted(shingles("大语言模型，很强！"))
    ['大语言模型', '言模型很强', '语言模型很']
    >>> sorted(shingles("The Model is GREAT"))
    ['model is great', 'the model is']
    """
    han, words = _units(fold_key(text))
    out: set[str] = set()
    if han:
        out.update(han[i : i + cjk_n] for i in range(max(1, len(han) - cjk_n + 1)))
    if words:
        out.update(" ".join(words[i : i + word_n]) for i in range(max(1, len(words) - word_n + 1)))
    return out


_SIGNATURE_BLOCK = 4096  # shingles permuted at a time (4096 x 128 x 8 bytes = 4 MiB)


def signature(text: str, *, num_perm: int = NUM_PERM) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """The MinHash signature of `shingles(text)`: `num_perm` uint32 values.

    The signature of a text without any letters or characters is all ``0xFFFFFFFF``
    (`is_empty_signature`); such a text is never reported as anyone's near-duplicate.
    """
    han, words = _units(fold_key(text))
    han_codes = np.frombuffer(han.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    # crc32 names each word (stable across processes, unlike hash())
    word_ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
    hashes = np.concatenate(
        [_ngram_hashes(han_codes, CJK_SHINGLE), _ngram_hashes(word_ids, WORD_SHINGLE)]
    )
    if hashes.size == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    # datasketch's affine32 permutations h -> a*h + b (mod 2**32), drawn from SEED, and the
    # min-reduction it would do; our shingle hashes are already mixed, so they go in as they are
    # (MinHash.update_batch would hash each one again in a Python loop: 2x slower here).
    a, b = _template(num_perm).permutations
    # in blocks: the full (shingles x num_perm) matrix of a 2 MB text is ~1 GB of uint64
    lowest = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, hashes.size, _SIGNATURE_BLOCK):
        permuted = hashes[start : start + _SIGNATURE_BLOCK, None] * a + b
        np.minimum(lowest, permuted.min(axis=0), out=lowest)
    return np.asarray(lowest, dtype=np.uint32)


def _units(folded: str) -> tuple[str, list[str]]:
    return "".join(_CJK_RUN.findall(folded)), _WORD.findall(folded)


def _ngram_hashes(
    units: np.ndarray[Any, np.dtype[np.uint64]], n: int
) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """One 32-bit hash per run of `n` consecutive units (one for all of them, if fewer).

    A weighted sum with fixed odd 64-bit multipliers (wrapping: a universal hash of the
    n-gram), then the MurmurHash3 64-bit finalizer; the top 32 bits are kept.
    """
    if units.size == 0:
        return np.empty(0, dtype=np.uint32)
    count = max(1, units.size - n + 1)
    acc = np.zeros(count, dtype=np.uint64)
    for k in range(min(n, units.size)):
        acc += units[k : k + count] * _MULTIPLIERS[k]
    acc ^= acc >> np.uint64(33)
    acc *= np.uint64(0xFF51AFD7ED558CCD)
    acc ^= acc >> np.uint64(33)
    acc *= np.uint64(0xC4CEB9FE1A85EC53)
    acc ^= acc >> np.uint64(33)
    return (acc >> np.uint64(32)).astype(np.uint32)


def _template(num_perm: int) -> MinHash:
    # Drawing the permutations costs more than hashing a text: draw them once per size.
    template = _TEMPLATES.get(num_perm)
    if template is None:
        template = _TEMPLATES[num_perm] = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    return template


def is_empty_signature(sig: np.ndarray[Any, Any]) -> bool:
    """True when `sig` is the signature of a text with no shingles."""
    return bool(np.all(sig == np.uint32(0xFFFFFFFF)))


def similarity(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> float:
    """Estimated Jaccard similarity of the two shingle sets (share of equal MinHash values)."""
    if a.shape != b.shape:
        raise InputError(
            f"signatures of different sizes ({a.shape[0]} and {b.shape[0]} values) cannot be compared"
        )
    return float(np.count_nonzero(a == b)) / float(a.shape[0])


def signature_to_bytes(sig: np.ndarray[Any, Any]) -> bytes:
    """Little-endian uint32 bytes of `sig`, for a SQLite BLOB."""
    return np.asarray(sig, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """The signature stored by `signature_to_bytes`."""
    if not data or len(data) % 4:
        raise InputError(
            f"a stored signature must be a non-empty multiple of 4 bytes, got {len(data)}"
        )
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


class _BandKeys:
    """(band key, slot) pairs: sorted arrays, plus a dict of the pairs added since the last
    merge; the dict is merged into the arrays when it holds a quarter as many (amortized
    n log n), and slots of removed documents are dropped then (`removed` counts them)."""

    _MIN_RECENT = 4096

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._slots = np.empty(0, dtype=np.int64)
        self._recent: dict[int, list[int]] = {}
        self._recent_pairs = 0
        self.removed = 0

    def add(self, keys: np.ndarray[Any, np.dtype[np.uint64]], slot: int) -> None:
        for key in keys.tolist():
            self._recent.setdefault(key, []).append(slot)
        self._recent_pairs += len(keys)
        if self._recent_pairs > max(self._MIN_RECENT, len(self._keys) // 4):
            self._merge()

    def slots(self, keys: np.ndarray[Any, np.dtype[np.uint64]]) -> list[int]:
        """Slots with any of `keys`, each once, in slot order."""
        found: set[int] = set()
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            if end > start:
                found.update(self._slots[start:end].tolist())
        for key in keys.tolist():
            found.update(self._recent.get(key, ()))
        return sorted(found)

    def compact(self, alive: Callable[[int], bool]) -> None:
        """Merge now, keeping only the slots `alive` says are."""
        self._merge(alive)

    def _merge(self, alive: Callable[[int], bool] | None = None) -> None:
        keys = [self._keys]
        slots = [self._slots]
        if self._recent:
            recent = [(key, slot) for key, listed in self._recent.items() for slot in listed]
            keys.append(np.fromiter((k for k, _ in recent), dtype=np.uint64, count=len(recent)))
            slots.append(np.fromiter((s for _, s in recent), dtype=np.int64, count=len(recent)))
        all_keys, all_slots = np.concatenate(keys), np.concatenate(slots)
        if alive is not None:
            keep = np.fromiter(map(alive, all_slots.tolist()), dtype=bool, count=len(all_slots))
            all_keys, all_slots = all_keys[keep], all_slots[keep]
            self.removed = 0
        order = np.argsort(all_keys, kind="stable")
        self._keys, self._slots = all_keys[order], all_slots[order]
        self._recent, self._recent_pairs = {}, 0


class NearDuplicateIndex:
    """MinHash LSH over signatures: which stored documents is a new text a near-duplicate of?

    ``query`` returns candidates whose estimated similarity is at least `threshold`, best first;
    LSH only chooses whom to compare, the similarity decides. The index lives in memory and is
    rebuilt from stored signatures with `from_signatures`.

    The candidates are datasketch's ``MinHashLSH`` ones (the documents that share every value
    of at least one band, with its bands and rows for `threshold`), found in `_BandKeys` arrays:
    ~300 bytes a document where ``MinHashLSH`` kept ~8 KiB of Python objects, which a server
    held for good after its first upload (docs/benchmarks.md).
    """

    def __init__(self, *, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise InputError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        shape = MinHashLSH(threshold=threshold, num_perm=num_perm)  # its bands and rows
        self._bands, self._rows = int(shape.b), int(shape.r)
        self._keys = _BandKeys()
        self._sigs: dict[str, np.ndarray[Any, Any]] = {}
        self._slot_of: dict[str, int] = {}
        self._ids: list[str | None] = []  # slot -> doc id, None once removed

    @classmethod
    def from_signatures(
        cls,
        items: Iterable[tuple[str, np.ndarray[Any, Any] | bytes]],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> NearDuplicateIndex:
        """An index holding `items`: (doc_id, signature or its stored bytes) pairs."""
        index = cls(threshold=threshold, num_perm=num_perm)
        for doc_id, sig in items:
            index.add(doc_id, signature_from_bytes(sig) if isinstance(sig, bytes) else sig)
        return index

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, sig: np.ndarray[Any, Any]) -> None:
        """Index `sig` under `doc_id`, replacing any earlier signature of that id."""
        self._check(sig)
        if doc_id in self._sigs:
            self.remove(doc_id)
        if is_empty_signature(sig):
            return  # a text without shingles matches every other such text: keep it out
        slot = len(self._ids)
        self._ids.append(doc_id)
        self._slot_of[doc_id] = slot
        self._keys.add(self._band_keys(sig), slot)
        self._sigs[doc_id] = sig

    def remove(self, doc_id: str) -> None:
        """Forget `doc_id`; unknown ids are ignored."""
        if self._sigs.pop(doc_id, None) is not None:
            self._ids[self._slot_of.pop(doc_id)] = None
            self._keys.removed += 1
            if self._keys.removed > max(1024, len(self._sigs)):  # mostly dead slots: drop them
                self._keys.compact(lambda slot: self._ids[slot] is not None)

    def query(self, sig: np.ndarray[Any, Any]) -> list[tuple[str, float]]:
        """(doc_id, estimated similarity) of the indexed near-duplicates of `sig`, best first."""
        self._check(sig)
        if is_empty_signature(sig) or not self._sigs:
            return []
        bands = self._band_values(sig)
        found = []
        for slot in self._keys.slots(self._band_keys(sig)):
            doc_id = self._ids[slot]
            if doc_id is None:
                continue
            stored = self._sigs[doc_id]
            if not (self._band_values(stored) == bands).all(axis=1).any():
                continue  # a key collision: no band shared
            score = similarity(sig, stored)
            if score >= self.threshold:
                found.append((doc_id, score))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found

    def _band_values(self, sig: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        return sig[: self._bands * self._rows].reshape(self._bands, self._rows)

    def _band_keys(self, sig: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.uint64]]:
        """One 64-bit key per band: its index and its values mixed (equal bands, equal keys)."""
        values = self._band_values(sig).astype(np.uint64)
        acc = np.arange(1, self._bands + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for column in range(self._rows):
            acc = (acc ^ values[:, column]) * np.uint64(0x100000001B3)
            acc ^= acc >> np.uint64(29)
        return acc

    def _check(self, sig: np.ndarray[Any, Any]) -> None:
        if sig.shape != (self.num_perm,):
            raise InputError(
                f"signature has {sig.shape[0] if sig.ndim else 0} values, the index uses {self.num_perm}"
            )
