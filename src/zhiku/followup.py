"""Follow-up questions made self-contained from the turns before them.

Retrieval sees one question at a time, so "它是谁提出的？" after "什么是 LoRA？" must become a
question that names LoRA. A follow-up is recognised by what it lacks (a pronoun or demonstrative
standing in for the subject, an ordinal pointing into the previous answer, or no subject words
of its own); the subject is carried over from the previous question (and, for an ordinal, the
matching item of the previous answer). A question that names its own subject is left alone. With an LLM, the model condenses the
question instead (`condensed_question`), checked and backed by the rules.

>>> standalone_question("它是谁提出的？", [Turn("什么是 LoRA？", "LoRA 是一种微调方法。")])
'LoRA 它是谁提出的？'
>>> standalone_question("What about the second one?",
...     [Turn("Which vector databases are popular?", "Milvus, Qdrant and Weaviate are popular.")])
'Qdrant What about the second one?'
>>> standalone_question("那 QLoRA 呢？", [Turn("LoRA 为什么能省显存？", "…")])
'QLoRA 为什么能省显存？'
>>> standalone_question("Who founded Zilliz?", [Turn("什么是 Milvus？", "…")])
'Who founded Zilliz?'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.llm.protocol import LLM, Message
from zhiku.normalize import fold_key
from zhiku.segment import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, tokenize


@dataclass(frozen=True, slots=True)
class Turn:
    """One earlier exchange: the question as asked and the answer's text as shown."""

    question: str
    answer: str


_ZH_REFERENCE = re.compile(
    r"它们?|他们?|她们?|其|该|此|这(?:个|些|种|项|篇|家)?|那(?:个|些|种|项|篇|家)"
)
_EN_REFERENCE = re.compile(
    r"\b(?:it|its|they|them|their|this|that|these|those|he|she|him|her|his|hers)\b", re.I
)
_ZH_ORDINALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_ZH_ORDINAL = re.compile(r"第([一二两三四五六七八]|\d)(?:个|项|种|篇|家|点|条)?")
_EN_ORDINAL = re.compile(r"\bthe\s+(first|second|third|fourth|fifth|last)\b(?:\s+one)?", re.I)
_WHAT_ABOUT = (
    re.compile(
        r"^\s*(?:那么?|那麼)?\s*(?P<x>[^？?，,。]{1,40}?)\s*(?:呢|怎么样|怎麼樣|如何)\s*[？?]?\s*$"
    ),
    re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<x>[^?]{1,60}?)\s*\??\s*$", re.I),
)
# a name as written in a question: capitalised (Milvus, LoRA) or with a digit (gpt-4o)
_NAME = re.compile(r"\b(?:[A-Z][\w.\-+]*[\w+]|[A-Z]|[a-z]+[\w.\-+]*\d[\w.\-+]*)")
_CITATION = re.compile(r"\[\d+\]")
_LIST_SPLIT = re.compile(r"\s*(?:[、，,;；]|\band\b|\bor\b|和|与|及|以及|或)\s*")
# question words carry no subject: "what is", "为什么", "怎么样"…
_QUESTION_WORDS = frozenset(
    [
        "什么",
        "为什么",
        "怎么",
        "怎么样",
        "怎样",
        "如何",
        "哪",
        "哪个",
        "哪些",
        "哪里",
        "谁",
        "多少",
        "几",
        "是否",
        "吗",
        "呢",
        "提出",
        "介绍",
        "what",
        "why",
        "how",
        "who",
        "whom",
        "which",
        "where",
        "when",
        "whose",
        "explain",
        "tell",
        "describe",
        "about",
    ]
)
_GENERIC = frozenset(["是", "有", "做", "用", "说", "讲", "一下", "一些", "东西", "one", "ones"])


def standalone_question(question: str, history: Sequence[Turn]) -> str:
    """`question` with the subject it refers to carried over from `history` (oldest first)."""
    if not history:
        return question
    previous = history[-1]
    ordinal = _ordinal(question)
    if ordinal is not None:
        item = _nth_item(previous.answer, ordinal)
        if item:
            return f"{item} {question}"
    about = _what_about(question)
    if about:
        return _swap_subject(previous.question, about)
    if not _is_follow_up(question):
        return question
    subject = _subject(previous.question) or _subject(_first_sentence(previous.answer))
    return f"{subject} {question}" if subject else question


def _what_about(question: str) -> str:
    """X in "那 X 呢？" / "what about X?": the same question, asked of something else."""
    for pattern in _WHAT_ABOUT:
        match = pattern.match(question)
        if match and _subject_terms(match.group("x")):
            return match.group("x").strip()
    return ""


def _swap_subject(previous: str, subject: str) -> str:
    """`previous` asked of `subject`: its first name replaced, or `subject` put in front."""
    wanted = set(_subject_terms(previous))
    for name in _NAME.finditer(previous):
        if wanted.intersection(tokenize(name.group())):
            return previous[: name.start()] + subject + previous[name.end() :]
    return f"{subject} {previous}"


def _subject_terms(text: str) -> list[str]:
    terms = []
    for token in tokenize(text):
        if token in ENGLISH_STOPWORDS or token in CHINESE_STOPWORDS:
            continue
        if token in _QUESTION_WORDS or token in _GENERIC or token.isdigit():
            continue
        terms.append(token)
    return terms


def _is_follow_up(question: str) -> bool:
    """A pronoun in place of a subject, or nothing that could be a subject at all."""
    if _ZH_REFERENCE.search(question) or _EN_REFERENCE.search(question):
        return True
    return not _subject_terms(question)


def _subject(text: str) -> str:
    """The words of `text` that are not question words, in their original spelling.

    Names (Latin runs such as ``LoRA`` or ``GPT-4o``) are kept as written; Chinese runs are
    kept minus question words and particles.
    """
    wanted = set(_subject_terms(text))
    if not wanted:
        return ""
    pieces = []
    for run in re.finditer(r"[A-Za-z0-9][\w.\-+]*|[\u3400-\u9fff]+", text):
        word = run.group()
        folded = tokenize(word)
        if any(t in wanted for t in folded):
            pieces.append(_strip_question_words(word))
    return " ".join(p for p in pieces if p)


def _strip_question_words(run: str) -> str:
    if not re.match(r"[\u3400-\u9fff]", run):
        return run
    kept = list(_subject_terms(run))
    if not kept:
        return ""
    # keep the original characters of the run from the first to the last subject word
    folded = fold_key(run)
    starts = [folded.find(t) for t in kept if folded.find(t) >= 0]
    ends = [folded.find(t) + len(t) for t in kept if folded.find(t) >= 0]
    if not starts:
        return run
    return run[min(starts) : max(ends)]


def _ordinal(question: str) -> int | None:
    zh = _ZH_ORDINAL.search(question)
    if zh:
        value = zh.group(1)
        return int(value) if value.isdigit() else _ZH_ORDINALS[value]
    en = _EN_ORDINAL.search(question)
    if en:
        return _EN_ORDINALS[en.group(1).lower()]
    return None


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[。！？.!?])\s*", _CITATION.sub("", text), maxsplit=1)[0]


def _nth_item(answer: str, ordinal: int) -> str:
    """The `ordinal`-th item of the first enumeration in `answer` ("A, B and C" / "A、B 和 C")."""
    for sentence in re.split(r"(?<=[。！？.!?])\s*", _CITATION.sub("", answer)):
        items = [i for i in _LIST_SPLIT.split(sentence) if i]
        if len(items) < 2:
            continue
        names = [
            _leading_name(i) if n == len(items) - 1 else _trailing_name(i)
            for n, i in enumerate(items)
        ]
        names = [n for n in names if n]
        if len(names) >= max(ordinal, 2) or (ordinal == -1 and len(names) >= 2):
            return names[ordinal - 1] if ordinal > 0 else names[-1]
    return ""


def _trailing_name(item: str) -> str:
    """The last word group of an item: "Popular ones are Milvus" -> "Milvus"."""
    match = re.search(r"([A-Za-z0-9][\w.\-+]*|[\u3400-\u9fff]+)\W*$", item)
    return _strip_question_words(match.group(1)) if match else ""


def _leading_name(item: str) -> str:
    """The first word group of the last item: "Weaviate are popular." -> "Weaviate"."""
    match = re.match(r"\W*([A-Za-z0-9][\w.\-+]*|[\u3400-\u9fff]+)", item)
    return _strip_question_words(match.group(1)) if match else ""


_CONDENSE_SYSTEM = (
    "You rewrite the last question of a conversation so that it can be understood without the "
    "conversation: replace pronouns and references with what they refer to. Keep the question's "
    "language and meaning; do not answer it. Reply with the rewritten question only, on one line."
)
_MAX_CONDENSED_CHARS = 300


def condensed_question(question: str, history: Sequence[Turn], llm: LLM) -> str:
    """The follow-up rewritten by `llm` as a standalone question.

    The model's reply is used only when it looks like a question (one line, not much longer
    than the follow-up and the previous question together); otherwise, and without history, the
    rule-based `standalone_question` decides.
    """
    fallback = standalone_question(question, history)
    if not history:
        return fallback
    transcript = "\n".join(
        f"Q: {t.question}\nA: {_CITATION.sub('', t.answer)[:600]}" for t in history[-3:]
    )
    messages: list[Message] = [
        {"role": "system", "content": _CONDENSE_SYSTEM},
        {
            "role": "user",
            "content": f"<conversation>\n{transcript}\n</conversation>\n"
            f"<last_question>{question}</last_question>",
        },
    ]
    reply = llm.complete(messages, max_tokens=96).strip().strip('"“”')
    limit = min(_MAX_CONDENSED_CHARS, 2 * (len(question) + len(history[-1].question)) + 20)
    if not reply or "\n" in reply or len(reply) > limit:
        return fallback
    return reply
