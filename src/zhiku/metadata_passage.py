"""What a page says about itself (author, translator, editor, source, date, url), as a passage
that search finds and answers cite.

Cleaning moves bylines, translators, outlets and dates out of the article text into metadata,
which keeps the text clean but left questions such as "Who translated it?" without anything to
cite. Each document that states such fields gets one extra chunk of kind ``"metadata"``: a few
plain sentences, one group per field, in English and Chinese::

    Ada Lovelace wrote this article (piece, post). 这篇文章是Ada Lovelace写的，作者是Ada Lovelace。

The clean text stays the coordinate system of the body: this chunk's ``start``/``end`` are
offsets into the passage, not into ``document.text``, and its ordinal is ``METADATA_ORDINAL``.
A citation of it carries ``field`` (which field the cited span states) and ``raw_line`` (the
1-based line of the raw page the value was read from, when it came from a line of text).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from zhiku.answer_binding import content_terms
from zhiku.chunk import Span, split_sentences
from zhiku.normalize import fold_key
from zhiku.records import Answer, Chunk, Document
from zhiku.segment import query_terms

METADATA_ORDINAL = -1
FIELDS = ("author", "translator", "editor", "source", "published", "url")
METADATA_KEY = "metadata_passage"

# One English and one Chinese sentence per field; {v} is the value. The title has no sentence:
# every chunk is indexed with it and every citation carries it, and a short passage naming the
# title would outrank the article's own passages for any question about its topic (measured on
# the sample library: the passage came first for "Who started llama.cpp?").
_TEMPLATES: dict[str, tuple[str, str]] = {
    "author": ("{v} wrote this article (piece, post).", "这篇文章是{v}写的，作者是{v}。"),
    "translator": (
        "This article (piece, post) was translated by {v}.",
        "这篇文章由{v}翻译（编译），译者是{v}。",
    ),
    "editor": (
        "This article (piece, post) was edited by {v}.",
        "这篇文章的编辑是{v}（责任编辑）。",
    ),
    "source": ("This article (piece, post) comes from {v}.", "这篇文章来自{v}，来源是{v}。"),
    "published": ("This article (piece, post) was published on {v}.", "这篇文章发布于{v}。"),
    "url": ("The original of this article (piece, post) is at {v}.", "这篇文章的原文链接是{v}。"),
}


# A question about the page itself names a field and points at the page ("this piece", "这篇");
# "When was Llama 3 published?" asks about a model, not about the page, and must not be answered
# with the page's own date.
_FIELD_WORD_RE = re.compile(
    r"\b(?:authors?|wrote|written|writer|byline|translat\w*|publish\w*|posted|source|outlet|url|"
    r"link|reporter|editors?|edited)\b|作者|写的|寫的|撰写|撰寫|译者|譯者|翻译|翻譯|编译|編譯|发布|發布|发表|發表|"
    r"刊登|日期|来源|來源|出处|出處|原文|链接|連結|网址|網址|记者|記者|编辑|編輯"
)
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PAGE_WORD_RE = re.compile(
    r"\b(?:this|that|the) (?:piece|article|post|story|blog|page|essay|report|text|interview)\b|\bit\b|"
    r"这篇|這篇|本文|文章|报道|報導|帖子|貼文|该文|該文|此文|原文"
)
# a title in book-title marks names a work: "《…》的作者是谁？"
_PAGE_REFERENCE_RE = re.compile(f"{_PAGE_WORD_RE.pattern}|《[^》]+》")
# share of what a question about a page says besides field words (`named_share`) that a title
# must hold for the question to name that page
NAMED_PAGE = 0.6


# Which field a question about the page asks, in either language: the passage states each field
# in English and Chinese, so an English question over a Chinese page (and the reverse) is answered
# by the field it names, whatever language the page is in. A date is asked by a word of time
# ("when", 什么时候), not by "published" alone ("这篇文章发布了什么模型？" asks no date).
_ASKED_FIELD_RES: dict[str, re.Pattern[str]] = {
    "author": re.compile(
        r"\b(?:authors?|wrote|written|writer|byline|reporter)\b|作者|写的|寫的|撰写|撰寫|执笔|執筆|"
        r"记者|記者|谁写|誰寫"
    ),
    "translator": re.compile(r"\btranslat\w*|译者|譯者|翻译|翻譯|编译|編譯|译自|譯自"),
    "editor": re.compile(r"\b(?:editors?|edited)\b|编辑|編輯"),
    "source": re.compile(
        r"\b(?:source|outlet)\b|\bwhich (?:site|website|publication|outlet|media|newspaper)\b|"
        r"\bwhere\b.*\bfrom\b|\bwho published\b|来源|來源|出处|出處|来自|來自|"
        r"(?:哪|什么|什麼)(?:家|个|個)?(?:媒体|媒體|网站|網站|平台|公众号|公眾號)|"
        r"(?:谁|誰)(?:发布|發布|发表|發表)"
    ),
    # a date word, or a word of time with one of publishing or writing ("when was it written")
    "published": re.compile(
        r"\bdate[ds]?\b|日期|(?:\bwhen\b|\bwhat (?:day|year)\b|什么时候|什麼時候|何时|何時|哪天|哪一天|哪年|"
        r"哪一年|几号|幾號|几月|幾月|时间|時間)(?=.*(?:publish|posted|\bwrote\b|\bwritten\b|发布|發布|"
        r"发表|發表|刊登|刊出|写|寫|贴出|貼出))|(?:publish|posted|\bwrote\b|\bwritten\b|发布|發布|发表|"
        r"發表|刊登|刊出|写|寫|贴出|貼出).*(?:\bwhen\b|什么时候|什麼時候|何时|何時|哪天|哪一天|哪年|哪一年|"
        r"几号|幾號|时间|時間)"
    ),
    "url": re.compile(r"\b(?:url|link|address)\b|链接|連結|网址|網址|原文地址"),
}


_TIME_WORD_RE = re.compile(
    r"\b(?:when|what day|what year)\b|什么时候|什麼時候|何时|何時|哪天|哪一天|哪年|哪一年|时间|時間|日期"
)


def asked_fields(question: str) -> tuple[str, ...]:
    """The page fields (in `FIELDS` order) a question about the page asks for; ``()`` when it
    does not ask about the page (`asks_about_metadata`).

    >>> asked_fields("Who wrote this piece and when was it published?")
    ('author', 'published')
    >>> asked_fields("这篇文章是谁翻译的？"), asked_fields("When was Llama 3 published?")
    (('translator',), ())
    """
    text = question.lower()
    if _PAGE_REFERENCE_RE.search(text) is None:
        return ()
    return tuple(f for f in FIELDS if _ASKED_FIELD_RES[f].search(text))


def asks_about_metadata(question: str) -> bool:
    """Whether ``question`` asks what the page says about itself (who wrote or translated it,
    when and where it was published), so that the metadata passages may answer it.

    >>> asks_about_metadata("Who translated it?"), asks_about_metadata("这篇文章是谁写的？")
    (True, True)
    >>> asks_about_metadata("When was Llama 3 published?")
    False
    """
    text = question.lower()
    if _PAGE_REFERENCE_RE.search(text) is None:
        return False
    return _FIELD_WORD_RE.search(text) is not None or bool(asked_fields(question))


def subject_terms(question: str) -> list[str]:
    """What a question about a page says besides field words, page words and question words:
    the page's title ("《检索实战》的作者是谁？"), or something else it asks about.

    >>> subject_terms("《检索实战》的作者是谁？"), subject_terms("Who wrote this piece, and when?")
    (['检索', '实战'], [])
    """
    rest = question.lower()
    for pattern in (
        _FIELD_WORD_RE,
        _PAGE_WORD_RE,
        _TIME_WORD_RE,
        *_ASKED_FIELD_RES.values(),
    ):
        rest = pattern.sub(" ", rest)
    return content_terms(rest)


def named_share(question: str, title: str) -> float:
    """How much of what a question about a page says besides fields and page words names this
    title ("Who wrote 《大模型的冬天》?" names the page titled 大模型的冬天): the share of those
    terms found in the title, 0 when the question names nothing besides them.

    >>> named_share("《向量库选型》这篇文章的作者是谁？", "向量库选型指南")
    1.0
    >>> named_share("这篇文章的作者是谁？", "向量库选型指南")
    0.0
    """
    terms = subject_terms(question)
    if not terms:
        return 0.0
    folded = fold_key(title)
    titled = set(query_terms(title))
    found = [t for t in terms if t in titled or (_CJK_CHAR.search(t) and t in folded)]
    return len(found) / len(terms)


def sentence_field(text: str) -> tuple[str, str] | None:
    """The field a sentence of a metadata passage states and its language (``en``, ``zh``, or
    ``both`` for the line of both), ``None`` for any other sentence.

    >>> sentence_field("这篇文章由周明翻译（编译），译者是周明。"), sentence_field("周明写了一本书。")
    (('translator', 'zh'), None)
    """
    sentence = " ".join(text.split())
    for field, (en, zh) in _TEMPLATES.items():
        for lang, pattern in (
            ("both", f"{_stated(en)} {_stated(zh)}"),
            ("en", _stated(en)),
            ("zh", _stated(zh)),
        ):
            if re.fullmatch(pattern, sentence):
                return field, lang
    return None


def passage_sentences(text: str) -> list[Span]:
    """The sentences of a metadata passage, each field's English and Chinese sentence apart (a
    name in Chinese before the English full stop hides it from `split_sentences`), so an answer
    quotes the one in the question's language.

    >>> [s.text for s in passage_sentences(build_passage({"translator": "周明"}).text)]
    ['This article (piece, post) was translated by 周明.', '这篇文章由周明翻译（编译），译者是周明。']
    """
    spans: list[Span] = []
    for sentence in split_sentences(text):
        both = next(
            (
                found
                for en, zh in _TEMPLATES.values()
                if (found := re.fullmatch(f"({_stated(en)})\\s+({_stated(zh)})", sentence.text))
            ),
            None,
        )
        if both is None:
            spans.append(sentence)
            continue
        for part in (1, 2):
            start, end = both.span(part)
            spans.append(Span(sentence.start + start, sentence.start + end, both.group(part)))
    return spans


def _stated(template: str) -> str:
    head, _, tail = template.partition("{v}")
    return re.escape(head) + ".+?" + re.escape(tail).replace(r"\{v\}", ".+?")


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one field's sentences sit in the passage, and the raw line its value came from."""

    field: str
    value: str
    start: int
    end: int
    raw_line: int | None = None


@dataclass(frozen=True, slots=True)
class MetadataPassage:
    text: str
    spans: tuple[FieldSpan, ...]

    def field_at(self, start: int, end: int) -> FieldSpan | None:
        """The field whose sentences hold ``[start, end)``; ``None`` for a span over several."""
        inside = [s for s in self.spans if s.start <= start and end <= s.end]
        return inside[0] if inside else None

    def span_of(self, field: str) -> FieldSpan | None:
        return next((s for s in self.spans if s.field == field), None)

    def as_metadata(self) -> dict[str, Any]:
        """The passage as stored in ``Document.metadata[METADATA_KEY]`` (JSON)."""
        return {"text": self.text, "fields": [dataclasses.asdict(s) for s in self.spans]}


def build_passage(
    values: Mapping[str, str | None], *, raw_lines: Mapping[str, int] | None = None
) -> MetadataPassage | None:
    """The passage for a document's field values, or ``None`` when it states none of them.

    >>> passage = build_passage({"author": "林一", "published": "2024-03-05"})
    >>> passage.text.splitlines()[0]
    '林一 wrote this article (piece, post). 这篇文章是林一写的，作者是林一。'
    >>> span = passage.span_of("published")
    >>> passage.field_at(span.start + 3, span.end - 1).field
    'published'
    """
    if not any(values.get(f) for f in FIELDS):
        return None
    lines: list[str] = []
    spans: list[FieldSpan] = []
    offset = 0
    for field in FIELDS:
        value = (values.get(field) or "").strip()
        if not value:
            continue
        english, chinese = _TEMPLATES[field]
        shown = value.replace("T", " ") if field == "published" else value
        line = f"{english.format(v=shown)} {chinese.format(v=shown)}"
        spans.append(
            FieldSpan(field, value, offset, offset + len(line), (raw_lines or {}).get(field))
        )
        lines.append(line)
        offset += len(line) + 1
    return MetadataPassage("\n".join(lines), tuple(spans))


def stored_passage(document: Document) -> MetadataPassage | None:
    """The passage recorded with ``document`` at ingest, if it has one."""
    stored = document.metadata.get(METADATA_KEY) if isinstance(document.metadata, dict) else None
    if not isinstance(stored, dict) or not isinstance(stored.get("text"), str):
        return None
    spans = tuple(FieldSpan(**span) for span in stored.get("fields", []) if isinstance(span, dict))
    return MetadataPassage(stored["text"], spans)


def metadata_chunk(doc_id: str, passage: MetadataPassage) -> Chunk:
    """The passage as the document's chunk of kind ``"metadata"``."""
    return Chunk(doc_id, METADATA_ORDINAL, 0, len(passage.text), passage.text)


def cite_fields(answer: Answer, document_of: Callable[[str], Document]) -> Answer:
    """``answer`` with every citation of a metadata passage naming its field and raw line.

    A citation is of the passage when its span reads the cited text in the passage and not in
    the document's clean text (the two coordinate systems never agree on a synthetic sentence).
    """
    if answer.abstained or not answer.citations:
        return answer
    cited = []
    changed = False
    for citation in answer.citations:
        document = document_of(citation.doc_id)
        passage = stored_passage(document)
        if (
            passage is not None
            and passage.text[citation.start : citation.end] == citation.text
            and document.text[citation.start : citation.end] != citation.text
        ):
            span = passage.field_at(citation.start, citation.end)
            field = span.field if span is not None else "metadata"
            citation = dataclasses.replace(
                citation, field=field, raw_line=span.raw_line if span is not None else None
            )
            changed = True
        cited.append(citation)
    return dataclasses.replace(answer, citations=tuple(cited)) if changed else answer
