"""Keywords of a document, Chinese and English (pure): TF-IDF over jieba words and English words.

IDF comes from the user's own library when document frequencies are passed (`df`, `n_docs`),
blended with jieba's bundled IDF table while the library is small, so a new library still gets
sensible keywords and a grown one gets keywords specific to it.

>>> [k.term for k in extract_keywords("RAG 检索增强生成：先检索再生成。检索质量决定答案质量。", top_k=3)]
['检索', '生成', '质量']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import jieba
import numpy as np
import Stemmer

from zhiku.knowledge.phrases import FoldedText, fold_aligned
from zhiku.knowledge.records import Keyword
from zhiku.once import once
from zhiku.segment import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, _jieba
from zhiku.word_table import WordIndex

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9]*(?:[.\-+][a-z0-9]+)*")
_MORE_ZH_STOPWORDS = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "她们",
        "它们",
        "自己",
        "没有",
        "可以",
        "可能",
        "因为",
        "所以",
        "但是",
        "如果",
        "已经",
        "还是",
        "这些",
        "那些",
        "这样",
        "那样",
        "一些",
        "一种",
        "一位",
        "一次",
        "一个",
        "目前",
        "现在",
        "今年",
        "去年",
        "明年",
        "时候",
        "时间",
        "表示",
        "认为",
        "觉得",
        "知道",
        "开始",
        "需要",
        "通过",
        "进行",
        "成为",
        "化名",
        "之后",
        "之前",
        "以及",
        "其中",
        "而且",
        "不是",
        "就是",
        "只是",
        "也是",
        "还有",
        "这种",
        "非常",
        "更多",
        "很多",
        "问题",
        "方面",
        "情况",
        "一下",
        "起来",
        "我們",
        "你們",
        "他們",
        "沒有",
        "因為",
        "所以",
        "但是",
        "如果",
        "已經",
        "還是",
        "這些",
        "這樣",
        "時候",
        "時間",
        "認為",
        "覺得",
        "開始",
        "需要",
        "進行",
    ]
)
_MORE_EN_STOPWORDS = frozenset(
    [
        "said",
        "says",
        "also",
        "new",
        "one",
        "two",
        "three",
        "many",
        "much",
        "like",
        "well",
        "even",
        "still",
        "yet",
        "would",
        "could",
        "year",
        "years",
        "make",
        "makes",
        "made",
        "use",
        "used",
        "using",
        "way",
        "ways",
        "get",
        "gets",
        "got",
        "take",
        "takes",
        "first",
        "last",
        "more",
        "most",
        "less",
        "before",
        "after",
        "http",
        "https",
        "www",
        "com",
        "html",
        "before",
        "today",
        "week",
        "month",
    ]
)


class IdfTable:
    """word -> IDF, held as arrays (`WordIndex`): jieba's 270,000 words as one string plus
    their hashes, offsets and values (~7 MiB), where a dict of str and float objects took ~34 MiB that a server kept
    after its first upload (docs/benchmarks.md). A later duplicate word wins, as in a dict.

    >>> table = IdfTable([("模型", 5.0), ("检索", 7.5), ("模型", 6.0)])
    >>> table.get("模型"), table.get("检索"), table.get("向量")
    (6.0, 7.5, None)
    """

    def __init__(self, pairs: Iterable[tuple[str, float]]) -> None:
        words: list[str] = []
        values: list[float] = []
        for word, value in pairs:
            words.append(word)
            values.append(value)
        self._index = WordIndex(words)
        self._values = np.asarray(values, dtype=np.float64)

    def __len__(self) -> int:
        return len(self._index)

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays and the joined words."""
        return self._index.nbytes + self._values.nbytes

    def get(self, word: str) -> float | None:
        i = self._index.find(word)
        return float(self._values[i]) if i >= 0 else None

    def values(self) -> np.ndarray:
        return self._values


def _idf_pairs(path: Path) -> Iterator[tuple[str, float]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.strip().partition(" ")
            if value:
                yield word, float(value)


@once
def _jieba_idf() -> tuple[IdfTable, float]:
    """jieba's bundled IDF table (a local file, no download), read without importing
    ``jieba.analyse``, whose import leaves the file open; and its median."""
    table = IdfTable(_idf_pairs(Path(jieba.__file__).resolve().parent / "analyse" / "idf.txt"))
    values = np.sort(table.values())
    return table, float(values[len(values) // 2]) if len(values) else 10.0


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


class FrequencyLookup(Mapping[str, int]):
    """Document frequencies read on demand, e.g. ``FrequencyLookup(index.document_frequency)``:
    `extract_keywords` only ever asks for the terms of the document at hand."""

    def __init__(self, lookup: Callable[[str], int]) -> None:
        self._lookup = lookup

    def __getitem__(self, term: str) -> int:
        return int(self._lookup(term))

    def get(self, term: str, default: int | None = 0) -> int:  # type: ignore[override]
        return int(self._lookup(term))

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def index_key(term: str) -> str:
    """The lexical-index token a keyword is counted under (English words are stemmed)."""
    return str(_stemmer().stemWord(term)) if term.isascii() and term.isalpha() else term


def candidate_terms(folded: FoldedText) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` of every keyword candidate, offsets into the folded text."""
    out: list[tuple[str, int, int]] = []
    text = folded.text
    for run in _CJK_RUN.finditer(text):
        for word, start, end in _jieba().tokenize(run.group(), HMM=True):
            if len(word) > 1 and word not in CHINESE_STOPWORDS and word not in _MORE_ZH_STOPWORDS:
                out.append((word, run.start() + start, run.start() + end))
    for match in _LATIN.finditer(text):
        word = match.group()
        if "." in word and word.rsplit(".", 1)[1] in ("com", "cn", "org", "io", "ai", "html"):
            continue
        if (len(word) > 2 and word not in ENGLISH_STOPWORDS and word not in _MORE_EN_STOPWORDS) or (
            len(word) == 2
            and word.isalpha()
            and word not in ENGLISH_STOPWORDS
            and word.upper() in ("AI", "ML", "CV", "RL")
        ):
            out.append((word, match.start(), match.end()))
    return out


def extract_keywords(
    text: str,
    *,
    title: str = "",
    df: Mapping[str, int] | None = None,
    n_docs: int = 0,
    top_k: int = 12,
    folded: FoldedText | None = None,
) -> list[Keyword]:
    """The `top_k` keywords of `text` (title words count extra), best first, each with its first
    span in `text`. `df` maps `index_key(term)` to the number of documents containing it."""
    folded = folded or fold_aligned(text)
    candidates = candidate_terms(folded)
    if not candidates:
        return []
    counts = Counter(term for term, _, _ in candidates)
    first: dict[str, tuple[int, int]] = {}
    for term, start, end in candidates:
        first.setdefault(term, (start, end))
    for term, _, _ in candidate_terms(fold_aligned(title)) if title else ():
        if term in counts:
            counts[term] += 2
    total = sum(counts.values())
    table, median = _jieba_idf()
    weight = n_docs / (n_docs + 100) if df is not None and n_docs > 0 else 0.0
    scored = []
    for term, count in counts.items():
        # jieba's table knows Chinese words only; short English words are usually the common ones
        base = table.get(term) or (
            median * min(1.0, 0.55 + len(term) / 12) if term.isascii() else median
        )
        idf = base
        if weight:
            library = math.log((n_docs + 1) / (df.get(index_key(term), 0) + 1)) + 1  # type: ignore[union-attr]
            idf = weight * library + (1 - weight) * base
        scored.append((count / total * idf, term))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    out = []
    for score, term in scored[:top_k]:
        start, end = folded.span(*first[term])
        out.append(Keyword(term, round(score, 4), start, end))
    return out
