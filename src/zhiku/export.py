"""The library written out: JSONL records or a folder of Markdown notes, both readable by
``zhiku add`` again, and grounded question-answer pairs for fine-tuning.

A JSONL record carries the clean text (already cleaned: ``"format": "clean"`` tells ``zhiku add``
to keep it as written), the metadata, the chunks' offsets into the text and, on request, their
vectors. A Markdown note keeps the metadata in YAML front matter, which ``zhiku add`` moves back
into metadata.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from zhiku.llm.protocol import LLM, Message
from zhiku.records import Answer, Document

if TYPE_CHECKING:
    from zhiku.knowledge_base import KnowledgeBase

QA_FORMATS = ("sharegpt", "alpaca", "xtuner")
_FRONT_MATTER_FIELDS = ("title", "author", "published", "url", "source")


@dataclass(frozen=True, slots=True)
class ExportedChunk:
    start: int
    end: int
    vector: list[float] | None = None


def document_record(doc: Document, chunks: Iterable[ExportedChunk]) -> dict[str, Any]:
    """One document as a JSONL record that ``zhiku add`` reads back (``text``, ``url``, ``title``,
    ``date``, ``source``), plus what it keeps for reference (id, metadata, chunk offsets)."""
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "format": "clean",
        "url": doc.url,
        "date": doc.published,
        "source": doc.source,
        "author": doc.author,
        "language": doc.language,
        "script": doc.script,
        "metadata": {k: v for k, v in doc.metadata.items() if k != "removed"},
        "chunks": [
            {"start": c.start, "end": c.end, **({"vector": c.vector} if c.vector else {})}
            for c in chunks
        ],
    }
    return {k: v for k, v in record.items() if v is not None}


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def markdown_note(doc: Document) -> str:
    """The document as a Markdown note with YAML front matter (values JSON-quoted, valid YAML)."""
    fields = {name: getattr(doc, name) for name in _FRONT_MATTER_FIELDS}
    lines = ["---"]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v]
    lines += ["---", "", doc.text, ""]
    return "\n".join(lines)


def note_file_name(doc: Document) -> str:
    """A portable file name: the title's words (any script) and the id, which keeps it unique."""
    stem = re.sub(r"[^\w\-]+", "-", doc.title, flags=re.UNICODE).strip("-_")[:60] or "document"
    return f"{stem}-{doc.id}.md"


def write_markdown_folder(docs: Iterable[Document], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc in docs:
        (folder / note_file_name(doc)).write_text(markdown_note(doc), encoding="utf-8")
        count += 1
    return count


def qa_record(answer: Answer, fmt: str) -> dict[str, Any]:
    """A grounded pair in a fine-tuning format; the answer keeps its ``[n]`` citations and the
    sources are listed after it, so a tuned model learns to cite."""
    if fmt not in QA_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(QA_FORMATS)}")
    sources = "\n".join(f"[{c.number}] {c.title}" for c in answer.citations)
    reply = f"{answer.text}\n\n{sources}" if sources else answer.text
    if fmt == "sharegpt":
        return {
            "conversations": [
                {"from": "human", "value": answer.question},
                {"from": "gpt", "value": reply},
            ]
        }
    if fmt == "xtuner":
        return {"conversation": [{"input": answer.question, "output": reply}]}
    return {"instruction": answer.question, "input": "", "output": reply}


def grounded_pairs(answers: Iterable[Answer], fmt: str) -> Iterator[dict[str, Any]]:
    """Only answers that cite their sources; abstentions and uncited answers are left out."""
    for answer in answers:
        if not answer.abstained and answer.citations and answer.sentences:
            yield qa_record(answer, fmt)


_QUESTION_PROMPT = (
    "Write one question that the passage below answers, in the passage's language. The question "
    "must make sense without the passage (name what it is about). Reply with the question only."
)


def question_for(passage: str, llm: LLM) -> str | None:
    """A question `passage` answers, written by `llm`; None when the reply is not one line."""
    messages: list[Message] = [
        {"role": "system", "content": _QUESTION_PROMPT},
        {"role": "user", "content": f"<passage>\n{passage[:2000]}\n</passage>"},
    ]
    reply = llm.complete(messages, max_tokens=80).strip()
    return reply if reply and "\n" not in reply and len(reply) <= 200 else None


def library_records(kb: KnowledgeBase, *, with_vectors: bool = False) -> Iterator[dict[str, Any]]:
    """Every document of `kb` as a `document_record`, oldest first."""
    for doc_id in kb.store.document_ids():
        doc = kb.store.get_document(doc_id)
        stored = kb.store.chunks_of(doc_id)
        vectors = (
            kb.store.cached_vectors([s.text_hash for s in stored], kb.embedder.name)
            if with_vectors
            else {}
        )
        chunks = [
            ExportedChunk(
                s.chunk.start,
                s.chunk.end,
                [round(float(x), 6) for x in vectors[s.text_hash]]
                if s.text_hash in vectors
                else None,
            )
            for s in stored
        ]
        yield document_record(doc, chunks)


def library_documents(kb: KnowledgeBase) -> Iterator[Document]:
    for doc_id in kb.store.document_ids():
        yield kb.store.get_document(doc_id)


def qa_answers(
    kb: KnowledgeBase, *, llm: LLM | None, per_document: int = 2, limit: int = 1000
) -> Iterator[Answer]:
    """Answers to fine-tune on, each verified and cited by zhiku.

    With `llm`: the model writes a question for each of a document's first `per_document`
    passages, and zhiku answers it (generated, then verified); a pair is kept only when the
    answer cites the document the question was written from. Without an LLM: the questions
    asked of this library before (its query log), answered extractively.
    """
    produced = 0
    if llm is None:
        for hot in kb.knowledge.hot_queries(days=36500, limit=limit):
            yield kb.ask(hot.query)
        return
    for doc_id in kb.store.document_ids():
        for stored in kb.store.chunks_of(doc_id)[:per_document]:
            question = question_for(stored.chunk.text, llm)
            if question is None:
                continue
            answer = kb.ask(question, llm=llm)
            if any(c.doc_id == doc_id for c in answer.citations):
                yield answer
                produced += 1
                if produced >= limit:
                    return
