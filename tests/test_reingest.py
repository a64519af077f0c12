"""Re-ingesting documents from their original source: files, JSONL lines, URLs, uploads."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from zhiku import KnowledgeBase, reingest
from zhiku.errors import InputError
from zhiku.reingest import FETCH_FAILED, FILE_GONE, LINE_GONE, UPLOAD_GONE
from zhiku.sources.files import RawInput

FIRST = "向量检索先把文章切成段落，再为每段计算嵌入。查询时取最相近的段落作为证据。"
SECOND = "重排序模型会再读一遍候选段落，把真正回答问题的段落排到前面。这一步通常很慢。"


def _only(kb: KnowledgeBase) -> str:
    [doc] = kb.documents()
    return doc.id


def test_a_file_comes_back_unchanged_then_updated_then_gone(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text(f"# 向量检索\n\n{FIRST}\n", encoding="utf-8")
    kb.add([note])
    doc_id = _only(kb)
    [again] = kb.reingest([doc_id])
    assert (again.status, again.doc_id) == ("unchanged", doc_id)
    note.write_text(f"# 向量检索\n\n{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    [changed] = kb.reingest([doc_id])
    assert (changed.status, changed.doc_id) == ("updated", doc_id)
    assert "重排序" in kb.get(doc_id).text and kb.store.count_documents() == 1
    assert kb.search("重排序模型", k=1)[0].chunk.doc_id == doc_id
    note.unlink()
    [gone] = kb.reingest([doc_id])
    assert (gone.status, gone.doc_id, gone.reason) == ("failed", doc_id, FILE_GONE)
    assert gone.origin == str(note.resolve())
    assert "重排序" in kb.get(doc_id).text  # a missing source never removes the document


def test_a_jsonl_line_is_read_again_and_a_removed_line_is_reported(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    lines = tmp_path / "feed.jsonl"
    rows = [{"text": FIRST, "title": "向量检索"}, {"text": SECOND, "title": "重排序"}]
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    kb.add([lines])
    second = next(d.id for d in kb.documents() if d.title == "重排序")
    assert [r.status for r in kb.reingest([second])] == ["unchanged"]
    lines.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    [gone] = kb.reingest([second])
    assert (gone.status, gone.reason) == ("failed", LINE_GONE)


def test_the_lines_of_one_jsonl_file_are_read_again_in_one_pass(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = tmp_path / "feed.jsonl"
    rows = [{"text": FIRST, "title": "向量检索"}, {"text": SECOND, "title": "重排序"}]
    lines.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    kb.add([lines])
    reads: list[Path] = []
    real = reingest.read_file

    def counted(path: Path, **options: int) -> Iterator[RawInput | InputError]:
        reads.append(path)
        return real(path, **options)

    monkeypatch.setattr(reingest, "read_file", counted)
    results = kb.reingest([d.id for d in kb.documents()])
    assert [r.status for r in results] == ["unchanged", "unchanged"] and reads == [lines]


def test_uploads_and_unknown_ids_fail_with_a_reason(kb: KnowledgeBase) -> None:
    upload = RawInput(
        "upload:note.txt", "text", FIRST, FIRST.encode(), "utf-8", path="uploads/note.txt"
    )
    # an uploaded JSONL line with a url is keyed by the url, yet its text came from the upload
    line = RawInput(
        "https://example.org/post",
        "text",
        SECOND,
        SECOND.encode(),
        "utf-8",
        path="uploads/feed.jsonl",
        url="https://example.org/post",
    )
    kb.add_inputs([upload, line])
    first, second = (d.id for d in kb.documents())
    results = kb.reingest([first, second, "nope", first])
    assert [(r.status, r.doc_id) for r in results] == [
        ("failed", first),
        ("failed", second),
        ("failed", "nope"),
    ]
    assert results[0].reason == results[1].reason == UPLOAD_GONE and "nope" in results[2].reason


PAGE = f"<html><head><title>向量检索</title></head><body><article><p>{FIRST}</p></article></body></html>"


class _Page(BaseHTTPRequestHandler):
    body = PAGE

    def do_GET(self) -> None:
        found = self.path == "/post.html" and _Page.body
        self.send_response(200 if found else 404)
        data = _Page.body.encode() if found else b""
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page_url() -> Iterator[str]:
    _Page.body = PAGE
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/post.html"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_again(kb: KnowledgeBase, page_url: str) -> None:
    kb.add_urls([page_url], allow_private=True)
    doc_id = _only(kb)
    assert kb.reingest([doc_id], allow_private=True)[0].status == "unchanged"
    _Page.body = _Page.body.replace("</p>", f"</p><p>{SECOND}</p>")
    assert kb.reingest([doc_id], allow_private=True)[0].status == "updated"
    assert "重排序" in kb.get(doc_id).text
    _Page.body = ""
    [gone] = kb.reingest([doc_id], allow_private=True)
    assert gone.status == "failed" and gone.reason.startswith(FETCH_FAILED + ": ")


def test_a_document_indexed_as_is_is_indexed_as_is_again(kb: KnowledgeBase, tmp_path: Path) -> None:
    chrome = "首页 | 资讯 | 登录 | 注册"
    page = tmp_path / "crawled.txt"
    page.write_text(f"{chrome}\n{FIRST}\n", encoding="utf-8")
    kb.add([page], clean=False)
    doc_id = _only(kb)
    page.write_text(f"{chrome}\n{FIRST}\n{SECOND}\n", encoding="utf-8")
    [changed] = kb.reingest([doc_id])
    assert changed.status == "updated"
    text = kb.get(doc_id).text
    assert chrome in text and "重排序" in text  # not cleaned: the menu line stays
    note = tmp_path / "note.txt"
    note.write_text(f"{chrome}\n{FIRST}\n", encoding="utf-8")
    kb.add([note])
    cleaned_id = next(d.id for d in kb.documents() if d.id != doc_id)
    note.write_text(f"{chrome}\n{FIRST}\n{SECOND}\n", encoding="utf-8")
    kb.reingest([cleaned_id])
    assert chrome not in kb.get(cleaned_id).text  # a cleaned document is cleaned again
