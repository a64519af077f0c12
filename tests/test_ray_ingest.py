"""``zhiku add --ray``: the Ray Data pipeline (a local Ray, 2 CPUs) gives the same library as
the single-process add, skips what is stored already, and reports bad inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, Settings

pytestmark = pytest.mark.integration
ray = pytest.importorskip("ray")


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> object:
    from ray import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules["conftest"])  # the fake embedder
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _library(kb: KnowledgeBase) -> dict[str, list[str]]:
    return {
        d.origin if hasattr(d, "origin") else d.path or d.id: [
            c.chunk.text for c in kb.store.chunks_of(d.id)
        ]
        for d in kb.documents()
    }


def test_same_library_as_the_plain_add_and_resumable(
    settings: Settings, fake_embedder: object, sample_library: Path, tmp_path: Path
) -> None:
    from zhiku.ray_ingest import add_with_ray

    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"   ")
    with KnowledgeBase.open(settings, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        results = add_with_ray(kb, [sample_library, broken], embedder=fake_embedder, batch_files=2)  # type: ignore[arg-type]
        statuses = sorted(r.status for r in results)
        assert statuses == ["added"] * 7 + ["failed"]
        assert any("empty" in r.reason for r in results if r.status == "failed")
        ray_library = _library(kb)
        hits = [h.chunk.text for h in kb.search("LoRA rank", k=3)]
        again = add_with_ray(kb, [sample_library], embedder=fake_embedder)  # type: ignore[arg-type]
        assert {r.status for r in again} == {"unchanged"}
    plain = Settings(home=str(tmp_path / "plain"))
    with KnowledgeBase.open(plain, embedder=fake_embedder) as kb:  # type: ignore[arg-type]
        kb.add([sample_library])
        assert _library(kb) == ray_library
        assert [h.chunk.text for h in kb.search("LoRA rank", k=3)] == hits


def test_the_add_command_on_ray(
    fake_embedder: object, sample_library: Path, settings: Settings
) -> None:
    from typer.testing import CliRunner

    from zhiku.cli import app
    from zhiku.cli.console import Injected

    result = CliRunner().invoke(
        app,
        ["add", "--ray", "local", "--json", str(sample_library)],
        obj=Injected(embedder=fake_embedder),  # type: ignore[arg-type]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count('"added"') == 7
