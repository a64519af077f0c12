"""Stories: one article that appears in several places is shown once, with its sources.

An exact copy (same clean text once folded) is not stored again but recorded as an appearance
of the stored document; a near-duplicate (a repost with other chrome, a zh-Hant conversion) is
stored, linked to the story of the document it resembles, and collapsed at search time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from zhiku.dedup import (
    NearDuplicateIndex, exact_key, signature, signature_from_bytes, signature_to_bytes,
)
from zhiku.records import Document, Hit
from zhiku.store import Store, StoryFields


class StoryLinker:
    """Decides which story a new document belongs to; kept in step with the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._index = NearDuplicateIndex.from_signatures(store.signatures())

    def exact_copy_of(self, doc: Document) -> Document | None:
        """A stored document (other than `doc` itself) with the same folded clean text."""
        twin = self._store.find_by_exact_key(exact_key(doc.text))
        return twin if twin is not None and twin.id != doc.id else None

    def place(self, doc: Document) -> tuple[StoryFields, str | None]:
        """The story fields for `doc`, and the id of the document it near-duplicates, if any."""
        sig = signature(doc.text)
        matches = [doc_id for doc_id, _ in self._index.query(sig) if doc_id != doc.id]
        story_id, twin = doc.id, None
        if matches:
            twin = matches[0]
            story_id = self._store.get_document(twin).story_id or twin
        fields = StoryFields(story_id, exact_key(doc.text), signature_to_bytes(sig))
        return fields, twin

    def stored(self, doc_id: str, fields: StoryFields) -> None:
        self._index.add(doc_id, signature_from_bytes(fields.signature))

    def deleted(self, doc_id: str) -> None:
        self._index.remove(doc_id)


def collapse_stories(hits: Sequence[Hit], store: Store) -> list[Hit]:
    """Hits with each story's other documents dropped, and the story's sources attached.

    Several passages of one document stay; passages of a second document of the same story
    (a repost) do not, and the repost is listed in ``also_in`` instead.
    """
    first_doc: dict[str, str] = {}
    kept = []
    for hit in hits:
        story = hit.story_id or hit.chunk.doc_id
        if first_doc.setdefault(story, hit.chunk.doc_id) == hit.chunk.doc_id:
            kept.append(hit)
    sources = store.story_sources([h.story_id or h.chunk.doc_id for h in kept])
    return [
        replace(hit, also_in=tuple(
            s for s in sources.get(hit.story_id or hit.chunk.doc_id, []) if s.doc_id != hit.chunk.doc_id
        ))
        for hit in kept
    ]
