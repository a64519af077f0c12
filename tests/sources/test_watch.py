"""A watched folder: files added, changed and deleted are mirrored in the library."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from zhiku import KnowledgeBase
from zhiku.sources.watch import SyncReport, apply_changes, sync_folder, watch_folder

NOTE_A = "# 向量索引\n\nHNSW 图索引在召回率和延迟之间折中。"
NOTE_B = "# Chunking\n\nSplitting on sentence boundaries keeps citations exact."


def _titles(kb: KnowledgeBase) -> list[str]:
    return sorted(d.title for d in kb.documents(limit=100))


def test_sync_adds_new_files_and_removes_deleted_ones(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(NOTE_A, encoding="utf-8")
    (folder / "b.md").write_text(NOTE_B, encoding="utf-8")
    first = sync_folder(kb, folder)
    assert sorted(r.status for r in first.results) == ["added", "added"]
    (folder / "b.md").unlink()
    second = sync_folder(kb, folder)
    assert [r.status for r in second.results] == ["unchanged"]
    assert [Path(p).name for p in second.removed] == ["b.md"]
    assert _titles(kb) == ["向量索引"]


def test_changes_update_and_delete_without_touching_other_folders(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    folder, elsewhere = tmp_path / "notes", tmp_path / "other"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "keep.md").write_text(NOTE_B, encoding="utf-8")
    kb.add([elsewhere / "keep.md"])
    note = folder / "a.md"
    note.write_text(NOTE_A, encoding="utf-8")
    assert [r.status for r in apply_changes(kb, folder, [str(note)]).results] == ["added"]
    note.write_text(NOTE_A + "\n\n量化可以再减少内存。", encoding="utf-8")
    assert [r.status for r in apply_changes(kb, folder, [str(note)]).results] == ["updated"]
    note.unlink()
    report = apply_changes(kb, folder, [str(note), str(folder / "ignored.png")])
    assert report.removed == (str(note.resolve()),)
    assert _titles(kb) == ["Chunking"]


def test_watch_folder_follows_the_file_system(kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    reports: list[SyncReport] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_folder,
        args=(kb, folder),
        kwargs={"on_sync": reports.append, "stop": stop, "debounce_ms": 100},
    )
    watcher.start()
    try:
        deadline = time.monotonic() + 20
        while not reports and time.monotonic() < deadline:
            time.sleep(0.05)
        (folder / "a.md").write_text(NOTE_A, encoding="utf-8")
        while len(reports) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert len(reports) >= 2, reports
    assert [r.status for r in reports[1].results] == ["added"]
