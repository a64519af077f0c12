"""The JSON shapes of results, shared by the CLI's ``--json``, the HTTP API and MCP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zhiku.records import Answer, AnswerSentence, Citation, Document, Hit
from zhiku.snippet import make_snippet

if TYPE_CHECKING:
    from zhiku.knowledge_base import IngestResult


def hit_payload(rank: int, hit: Hit, query: str) -> dict[str, Any]:
    snippet = make_snippet(hit.chunk.text, query)
    return {
        "rank": rank,
        "doc_id": hit.chunk.doc_id,
        "chunk": hit.chunk.ordinal,
        "title": hit.title,
        "source": hit.source,
        "url": hit.url,
        "path": hit.path,
        "score": round(hit.score, 6),
        "scores": {k: round(v, 6) for k, v in hit.scores.items()},
        "start": hit.chunk.start,
        "end": hit.chunk.end,
        "text": hit.chunk.text,
        "snippet": snippet.text,
        "highlights": [list(m) for m in snippet.marks],
        "story_id": hit.story_id,
        "also_in": [
            {"title": s.title, "source": s.source, "url": s.url, "path": s.path, "doc_id": s.doc_id}
            for s in hit.also_in
        ],
    }


def answer_payload(answer: Answer) -> dict[str, Any]:
    """The answer as JSON: ``sentences`` with their citations, ``support`` (0..1) and verifier
    ``status``; ``citations`` with clean-text offsets; ``removed``: generated sentences the
    verifier took out as unsupported."""
    return {
        "question": answer.question,
        "abstained": answer.abstained,
        "reason": answer.reason,
        "answer": answer.text,
        "sentences": [sentence_payload(s) for s in answer.sentences],
        "citations": [citation_payload(c) for c in answer.citations],
        "removed": [sentence_payload(s) for s in answer.removed],
    }


def sentence_payload(sentence: AnswerSentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "citations": list(sentence.citations),
        "support": sentence.support,
        "status": sentence.status,
    }


def citation_payload(citation: Citation) -> dict[str, Any]:
    c = citation
    return {
        "number": c.number,
        "doc_id": c.doc_id,
        "title": c.title,
        "source": c.source,
        "url": c.url,
        "path": c.path,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "page": c.page,
        "field": c.field,
        "raw_line": c.raw_line,
        "published": c.published,
        "added_at": c.added_at,
    }


def document_payload(doc: Document, *, with_text: bool = False) -> dict[str, Any]:
    payload = {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "url": doc.url,
        "path": doc.path,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "script": doc.script,
        "encoding": doc.encoding,
        "chars": len(doc.text),
        "added_at": doc.added_at,
        "story_id": doc.story_id,
        "metadata": doc.metadata,
    }
    if with_text:
        payload["text"] = doc.text
    return payload


def ingest_payload(result: IngestResult) -> dict[str, Any]:
    return {
        "origin": result.origin,
        "status": result.status,
        "doc_id": result.doc_id,
        "title": result.title,
        "reason": result.reason,
        "chunks": result.chunks,
    }
