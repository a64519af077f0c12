"""The library on the cluster backends (PostgreSQL record + Milvus index, real servers on
127.0.0.1): the same operations as embedded, writers in several processes, clear errors."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sys
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings
from zhiku.errors import StoreError
from zhiku.index.milvus import MilvusSearchIndex
from zhiku.store.postgresql import PostgresStore, redacted

pytestmark = pytest.mark.integration


@pytest.fixture
def cluster(settings: Settings, postgres_url: str, milvus_url: str) -> Settings:
    return dataclasses.replace(settings, store=postgres_url, index=milvus_url)


def test_add_search_ask_tag_delete_and_reopen(
    cluster: Settings, fake_embedder: object, sample_library: Path
) -> None:
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert isinstance(kb.store, PostgresStore) and isinstance(kb.index, MilvusSearchIndex)
        results = kb.add([sample_library])
        assert {r.status for r in results} == {"added"}
        assert [r.status for r in kb.add([sample_library])] == ["unchanged"] * len(results)
        hits = kb.search("LoRA rank", k=3)
        assert hits and "lora" in (hits[0].path or "").lower()
        assert not kb.ask("什么是 RAG?").abstained
        tag = kb.knowledge.add_tag(hits[0].chunk.doc_id, "必读")
        assert hits[0].chunk.doc_id in kb.knowledge.tagged(tag)
        kb.delete(hits[0].chunk.doc_id)
        count, chunks = kb.store.count_documents(), kb.index.num_chunks()
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as again:  # type: ignore[arg-type]
        assert (again.store.count_documents(), again.index.num_chunks()) == (count, chunks)
        assert all(h.chunk.doc_id != hits[0].chunk.doc_id for h in again.search("LoRA rank", k=10))


def _write_notes(settings: Settings, folder: str, first: int, count: int) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import FakeEmbedder

    notes = Path(folder)
    paths = []
    for i in range(first, first + count):
        path = notes / f"note-{i}.txt"
        path.write_text(
            f"Field note {i}\n\nObservation number {i} concerns the sensor array code{i}x. "
            f"The reading of code{i}x was stable through the night, unlike the one before it.\n",
            encoding="utf-8",
        )
        paths.append(path)
    with KnowledgeBase.open(settings, embedder=FakeEmbedder()) as kb:
        for path in paths:  # one add per document: many interleaved write transactions
            assert kb.add([path])[0].status == "added"


def test_writers_in_several_processes_lose_nothing(
    cluster: Settings, fake_embedder: object, tmp_path: Path
) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_write_notes, args=(cluster, str(tmp_path), n * 100, 12))
        for n in range(3)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
        assert writer.exitcode == 0
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert kb.store.count_documents() == 36
        changes = kb.store.changes_since(0)
        assert [c.seq for c in changes] == sorted(c.seq for c in changes)
        assert isinstance(kb.index, MilvusSearchIndex) and kb.index.indexed_count() == 36
        for n in (0, 105, 211):
            assert (
                Path(kb.search(f"code{n}x", k=1, mode="lexical")[0].path or "").name
                == f"note-{n}.txt"
            )


def test_a_document_another_process_is_writing_is_left_to_it(
    cluster: Settings, fake_embedder: object, tmp_path: Path
) -> None:
    note = tmp_path / "busy.txt"
    note.write_text("Busy note\n\nThe marker busy4k appears in this note only.\n")
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([note])
        doc_id = kb.documents()[0].id
        busy = KnowledgeBase.open(cluster, embedder=fake_embedder)  # type: ignore[arg-type]
        try:
            busy.index.begin_change(doc_id)  # another process, at work on the document
            assert kb.index.unfinished_documents() == [doc_id]
            # indexing it here too would upsert its rows from two processes at once
            assert not kb.index.claim_replay(doc_id)
        finally:  # (its Milvus client shares this process's connection: left open)
            busy.store.close()  # the process ends before it finishes: its locks end with it
        assert kb.index.claim_replay(doc_id)
        kb.catch_up()
        assert isinstance(kb.index, MilvusSearchIndex)
        assert kb.index.unfinished_documents() == []  # replayed, the mark is gone
        assert kb.index.indexed_count() == kb.store.chunk_count()  # type: ignore[attr-defined]


def test_a_stopped_postgres_is_a_clear_error_naming_the_url(postgres_server: object) -> None:
    import shutil
    import tempfile

    from zhiku.devservers import start_postgres

    where = Path(tempfile.mkdtemp(prefix="zhiku-pg-"))  # not under pytest's root-only tmp
    where.chmod(0o755)  # the server may run as the postgres user
    server = start_postgres(where / "pg")
    store = PostgresStore(server.url, timeout_s=2)
    try:
        assert store.count_documents() == 0
        server.stop()
        with pytest.raises(StoreError, match=server.url.replace(".", r"\.")):
            store.count_documents()
        server = start_postgres(where / "pg", port=server.port)
        assert store.count_documents() == 0  # the pool reconnects
    finally:
        store.close()
        server.stop()
    with pytest.raises(StoreError, match="cannot open library database"):
        PostgresStore(server.url, timeout_s=2)
    shutil.rmtree(where, ignore_errors=True)


def test_passwords_stay_out_of_messages() -> None:
    assert redacted("postgresql://kb:s3cret@db:5432/lib") == "postgresql://kb:***@db:5432/lib"
    assert redacted("postgresql://kb@db/lib") == "postgresql://kb@db/lib"


def _recount(store: PostgresStore) -> dict[str, int]:
    counts: dict[str, int] = {"": 0}
    for doc_id in store.document_ids():
        for chunk in store.chunks_of(doc_id):
            counts[""] += 1
            for term in set(chunk.tokens.split()):
                counts[term] = counts.get(term, 0) + 1
    return counts


def _statistics(store: PostgresStore, terms: list[str]) -> dict[str, int]:
    return {"": store.chunk_count(), **store.document_frequencies(terms)}


def test_term_statistics_follow_every_write_and_are_backfilled(
    settings: Settings,
    postgres_url: str,
    fake_embedder: object,
    sample_library: Path,
    tmp_path: Path,
) -> None:
    library = dataclasses.replace(settings, store=postgres_url)  # embedded index, PG record
    with KnowledgeBase.open(library, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert isinstance(kb.store, PostgresStore)
        kb.add([sample_library])
        every = sorted(_recount(kb.store))
        assert _statistics(kb.store, every) == _recount(kb.store)
        kb.delete(kb.documents()[0].id)
        note = tmp_path / "note.txt"
        note.write_text("Sensor drift\n\nThe sensor drifted by two degrees overnight.\n")
        kb.add([note])
        note.write_text("Sensor drift\n\nRecalibrated: the sensor reads true again.\n")
        assert kb.add([note])[0].status == "updated"
        key, tokens = next((c.key, c.tokens) for c in kb.store.chunks_of(kb.documents()[0].id))
        kb.store.update_tokens([(key, tokens + " retokenized")])
        now = _recount(kb.store)
        assert "retokenized" in now
        assert _statistics(kb.store, [*every, *now]) == {**dict.fromkeys(every, 0), **now}
        expected = _recount(kb.store)
    # a record written before the statistics existed gets them counted when it is next opened
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("DROP TRIGGER chunks_term_stats ON chunks")
        conn.execute("DROP TABLE term_stats")
        conn.execute("DELETE FROM _migrations WHERE name = 'pg001_term_stats'")
    store = PostgresStore(postgres_url)
    try:
        assert _statistics(store, sorted(expected)) == expected
    finally:
        store.close()


def _die_between_store_and_index(settings: Settings, path: str) -> None:
    """A writer killed (SIGKILL) after its store commit, before its index writes."""
    import os
    import signal

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import FakeEmbedder

    def killed(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    MilvusSearchIndex.add_document = killed  # type: ignore[method-assign,assignment]
    with KnowledgeBase.open(settings, embedder=FakeEmbedder()) as kb:
        kb.add([path])


def test_a_writer_killed_between_store_and_index_is_healed_despite_later_writers(
    cluster: Settings, fake_embedder: object, tmp_path: Path
) -> None:
    notes = []
    for name, text in (("kept", "alpha7x"), ("orphan", "orphan9q"), ("later", "gamma3z")):
        notes.append(tmp_path / f"{name}.txt")
        notes[-1].write_text(f"Note {name}\n\nThe marker {text} appears in this note only.\n")
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([notes[0]])
        assert kb.index.unfinished_documents() == []  # a finished write leaves no mark
        writer = multiprocessing.get_context("spawn").Process(
            target=_die_between_store_and_index, args=(cluster, str(notes[1]))
        )
        writer.start()
        writer.join(timeout=120)
        assert writer.exitcode == -9
        orphan = next(d.id for d in kb.documents() if d.path and d.path.endswith("orphan.txt"))
        assert kb.index.unfinished_documents() == [orphan]
        assert not kb.search("orphan9q", k=3, mode="lexical")  # in the store, not the index
        kb.add([notes[2]])  # another writer commits a higher change sequence afterwards
        assert kb.index.applied_seq == kb.store.last_seq()
    with KnowledgeBase.open(cluster, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        assert [h.chunk.doc_id for h in kb.search("orphan9q", k=3, mode="lexical")] == [orphan]
        assert isinstance(kb.index, MilvusSearchIndex)
        assert kb.index.indexed_count() == kb.store.chunk_count() == 3  # type: ignore[attr-defined]
