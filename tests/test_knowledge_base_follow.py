"""Two processes on one library: a reader sees every change a writer commits (issue 16.1).

In-process here (two `KnowledgeBase` objects on one home hold separate connections, indexes and
lock handles, exactly as two processes do); `tests/api/test_two_processes.py` runs a real
`zhiku serve` next to the CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings

RAG = "Retrieval-augmented generation lets a language model quote the passages it was given."
QUANT = "Quantization stores model weights in eight bits so that inference fits on a laptop."


def _write(tmp_path: Path, name: str, text: str) -> Path:
    """A note titled by its file's stem."""
    path = tmp_path / name
    path.write_text(f"# {path.stem}\n\n{text}", encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", ["lexical", "dense", "hybrid"])
def test_a_reader_sees_adds_and_deletes_of_another_writer(
    settings: Settings, fake_embedder, tmp_path: Path, mode: str
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as writer:
        writer.add([_write(tmp_path, "rag.md", RAG)])
    with KnowledgeBase.open(settings, embedder=fake_embedder) as reader:
        assert {h.title for h in reader.search("retrieval passages", mode=mode)} == {"rag"}
        with KnowledgeBase.open(settings, embedder=fake_embedder) as writer:
            [added] = writer.add([_write(tmp_path, "quant.md", QUANT)])
            rag_id = writer.store.find_by_origin(str((tmp_path / "rag.md").resolve())).id
            writer.delete(rag_id)
        titles = [
            h.title for h in reader.search("quantization weights retrieval passages", mode=mode)
        ]
        assert titles and set(titles) == {"quant"}
        assert added.doc_id in {
            h.chunk.doc_id for h in reader.search("eight bits laptop", mode=mode)
        }


def test_a_reader_that_starts_writing_first_catches_up(
    settings: Settings, fake_embedder, tmp_path: Path
) -> None:
    with KnowledgeBase.open(settings, embedder=fake_embedder) as server:
        with KnowledgeBase.open(settings, embedder=fake_embedder) as cli:
            cli.add([_write(tmp_path, "rag.md", RAG)])
        # the server's first write takes the lock after the CLI let it go: it must not lose
        # (or duplicate) what the CLI wrote
        server.add([_write(tmp_path, "quant.md", QUANT)])
        keys = server.index._dense.keys()  # type: ignore[attr-defined]
        assert (
            len(keys)
            == len(set(keys.tolist()))
            == len(server.store.vector_keys(fake_embedder.name))
        )
        assert {
            h.title for h in server.search("retrieval passages quantization", mode="dense")
        } == {"rag", "quant"}


def test_nothing_changed_costs_no_catch_up(kb: KnowledgeBase, tmp_path: Path) -> None:
    kb.add([_write(tmp_path, "rag.md", RAG)])
    seen = kb.index.seen_seq
    kb.search("retrieval")
    assert kb.index.seen_seq == seen == kb.store.last_seq()
