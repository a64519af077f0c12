"""Clean text -> sentences and chunks with character offsets (pure).

Every span satisfies ``text[start:end] == span.text``; offsets are computed here and carried
on the records, never recovered later by searching for the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhiku.records import Chunk

# A sentence ends at Chinese terminal punctuation, at Latin terminal punctuation followed by
# whitespace, or at a line break; closing quotes and brackets stay with their sentence. A single
# line break inside running Latin text (a hard-wrapped paragraph) is not an end. After a word
# ending in a capital ("... invested in OpenAI. The deal", "a PhD. She") the next sentence must
# start with a capital; an initial ("J. R. Smith") or "U.S." is not a word of two letters.
_SENTENCE_END = re.compile(
    r"(?:[。！？；!?;]+|…+|\.{3,}|(?<=[a-z0-9\)\]\"'”’])[.!?]+(?=\s)"
    r"|(?<=[A-Za-z0-9][A-Z])[.!?]+(?=\s+[A-Z\"“‘(\u3400-\u9fff]))[”’\"'」』）)\]]*"
    r"|\n[ \t]*\n\s*"
    r"|(?<![a-z0-9,;:\-])\n"
    r"|\n(?![ \t]*[A-Za-z0-9(])"
)
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` with offsets, whitespace trimmed, empty ones dropped.

    >>> [s.text for s in split_sentences("大模型很强。But is it? 是的！")]
    ['大模型很强。', 'But is it?', '是的！']
    """
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_trimmed(spans, text, start, match.end())
        start = match.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    start = first.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    spans.append(Span(start, end, text[start:end]))


def _pieces(sentences: list[Span], max_chars: int, text: str) -> list[Span]:
    """Sentences longer than `max_chars` cut into `max_chars` windows."""
    pieces: list[Span] = []
    for s in sentences:
        if s.end - s.start <= max_chars:
            pieces.append(s)
            continue
        for start in range(s.start, s.end, max_chars):
            end = min(start + max_chars, s.end)
            pieces.append(Span(start, end, text[start:end]))
    return pieces


def split_into_chunks(
    text: str, *, doc_id: str, max_chars: int = 600, overlap: int = 120
) -> list[Chunk]:
    """Pack whole sentences into chunks of at most `max_chars` characters.

    Consecutive chunks share trailing sentences of up to `overlap` characters, so a fact that
    straddles a boundary is still inside one chunk.
    """
    if max_chars <= 0 or overlap < 0 or overlap >= max_chars:
        raise ValueError("need max_chars > overlap >= 0")
    pieces = _pieces(split_sentences(text), max_chars, text)
    chunks: list[Chunk] = []
    i = 0
    while i < len(pieces):
        j = i
        while j + 1 < len(pieces) and pieces[j + 1].end - pieces[i].start <= max_chars:
            j += 1
        start, end = pieces[i].start, pieces[j].end
        chunks.append(Chunk(doc_id, len(chunks), start, end, text[start:end]))
        if j + 1 >= len(pieces):
            break
        k = j + 1
        while k - 1 > i and pieces[j].end - pieces[k - 1].start <= overlap:
            k -= 1
        i = k
    return chunks
