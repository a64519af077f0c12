"""Stories: one article that appears in several places is shown once, with its sources.

An exact copy (same clean text once folded) is not stored again but recorded as an appearance
of the stored document; a near-duplicate (a repost with other chrome, a zh-Hant conversion) is
stored, linked to the story of the document it resembles, and collapsed at search time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from zhiku.dedup import (
    NearDuplicateIndex,
    exact_key,
    signature,
    signature_from_bytes,
    signature_to_bytes,
)
from zhiku.records import Document, Hit
from zhiku.store import Store, StoryFields


class StoryLinker:
    """Decides which story a new document belongs to and collapses stories in search results;
    its near-duplicate index and its set of multi-source stories are derived from the store
    on first use."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @cached_property
    def _index(self) -> NearDuplicateIndex:
        return NearDuplicateIndex.from_signatures(self._store.signatures())

    @cached_property
    def _shared(self) -> set[str]:
        return self._store.shared_stories()

    def load(self) -> None:
        """Derive the near-duplicate index and the multi-source stories now, not on first use
        (a server's first upload: ~1.4 s for 17,000 documents)."""
        _ = self._index, self._shared

    @property
    def loaded(self) -> bool:
        return "_index" in self.__dict__ and "_shared" in self.__dict__

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
        if fields.story_id != doc_id:
            self._shared.add(fields.story_id)

    def copied(self, story_id: str) -> None:
        """An exact copy of a story's document was recorded."""
        self._shared.add(story_id)

    def deleted(self, doc_id: str) -> None:
        self._index.remove(doc_id)

    def collapse(self, hits: Sequence[Hit]) -> list[Hit]:
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
        shared = [h.story_id for h in kept if h.story_id in self._shared]
        if not shared:
            return kept
        sources = self._store.story_sources(shared)
        return [
            replace(
                hit,
                also_in=tuple(
                    s for s in sources.get(hit.story_id, []) if s.doc_id != hit.chunk.doc_id
                ),
            )
            for hit in kept
        ]
