"""Routes the web UI's library management and start page use: retitle, bulk delete, sort,
the start page's overview, chunks on the document page, and answers said in the UI language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from conftest import Upload
from zhiku import KnowledgeBase
from zhiku.api.i18n import localize_reason
from zhiku.reingest import FETCH_FAILED, FILE_GONE, LINE_GONE, UPLOAD_GONE

HTML = {"Accept": "text/html"}


def _ids(client: TestClient) -> list[str]:
    return [d["id"] for d in client.get("/api/documents").json()["documents"]]


def test_patch_retitles_a_document_everywhere(loaded: TestClient) -> None:
    doc_id = _ids(loaded)[0]
    response = loaded.patch(f"/api/documents/{doc_id}", json={"title": "  新的   标题 "})
    assert response.status_code == 200
    assert response.json()["title"] == "新的 标题"
    assert loaded.get(f"/api/documents/{doc_id}").json()["title"] == "新的 标题"
    assert "新的 标题" in loaded.get("/library", headers=HTML).text


def test_patch_rejects_a_blank_title_and_an_unknown_document(loaded: TestClient) -> None:
    doc_id = _ids(loaded)[0]
    before = loaded.get(f"/api/documents/{doc_id}").json()["title"]
    assert loaded.patch(f"/api/documents/{doc_id}", json={"title": "   "}).status_code == 422
    assert loaded.get(f"/api/documents/{doc_id}").json()["title"] == before
    assert loaded.patch("/api/documents/nope", json={"title": "x"}).status_code == 404


def test_bulk_delete_removes_the_documents_and_reports_unknown_ids(loaded: TestClient) -> None:
    ids = _ids(loaded)
    body = loaded.post("/api/documents/delete", json={"ids": [ids[0], ids[1], "nope"]}).json()
    assert body == {"deleted": [ids[0], ids[1]], "missing": ["nope"]}
    assert _ids(loaded) == ids[2:]
    hits = loaded.get("/api/search", params={"q": "检索增强生成", "k": 20}).json()["hits"]
    assert not {h["doc_id"] for h in hits} & {ids[0], ids[1]}


def test_library_sorts_by_title_and_newest_first(loaded: TestClient) -> None:
    docs = loaded.get("/api/documents").json()["documents"]

    def shown(sort: str) -> list[str]:
        page = loaded.get("/library", params={"sort": sort}, headers=HTML).text
        return re.findall(r'<tr data-doc-id="([^"]+)"', page)

    by_title = [d["id"] for d in sorted(docs, key=lambda d: d["title"].casefold())]
    assert shown("title") == by_title
    newest = [d["id"] for d in sorted(docs, key=lambda d: (d["added_at"], d["id"]), reverse=True)]
    assert shown("added_desc") == newest
    assert shown("added_asc") == newest[::-1]
    assert shown("bogus") == newest


def test_start_page_shows_what_is_in_the_library(loaded: TestClient) -> None:
    loaded.post("/api/chat", json={"question": "什么是检索增强生成？"})
    page = loaded.get("/", headers={**HTML, "Accept-Language": "en"}).text
    assert '<strong id="stat-documents">7</strong>' in page
    assert re.search(r"<strong>(\d+)</strong> passages", page)
    assert 'class="suggestion secondary"' in page
    assert page.count('class="chat-link"') == 1  # the history sidebar
    assert "什么是检索增强生成？" in page  # the recent chat


def test_document_page_lists_its_chunks(loaded: TestClient) -> None:
    doc_id = _ids(loaded)[0]
    page = loaded.get(f"/documents/{doc_id}", headers=HTML).text
    assert 'id="chunks"' in page
    assert page.count('class="chunk-span muted"') >= 1


def test_chinese_ui_says_an_abstention_in_chinese(loaded: TestClient) -> None:
    page = loaded.get("/", params={"q": "红烧肉的家常做法需要几勺酱油", "lang": "zh"}, headers=HTML)
    reason = re.search(r'<span class="reason">([^<]*)</span>', page.text)
    assert reason is not None
    assert not re.search(r"[A-Za-z]{3,}", reason.group(1)), reason.group(1)


def test_not_found_page_names_no_cli_command(loaded: TestClient) -> None:
    for lang in ("zh", "en"):
        page = loaded.get("/documents/nope", params={"lang": lang}, headers=HTML)
        assert page.status_code == 404
        assert "zhiku" not in page.text.split("<main", 1)[1].lower().replace("/static", "")
        assert 'href="/library"' in page.text


def test_favicon_ships_with_the_package(client: TestClient) -> None:
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert "<svg" in icon.text
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/library", headers=HTML).text


def test_reingest_reads_files_again_and_says_why_an_upload_cannot_be(
    loaded: TestClient, kb: KnowledgeBase, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text(
        "# 缓存\n\n语义缓存把相似的问题映射到同一个答案，省下重复的模型调用。\n", "utf-8"
    )
    [added] = kb.add([note])
    uploaded = next(i for i in _ids(loaded) if i != added.doc_id)
    response = loaded.post(
        "/api/documents/reingest", json={"ids": [added.doc_id, uploaded, "nope"]}
    )
    assert response.status_code == 202
    job = response.json()["job"]
    loaded.app.state.jobs.wait(job["id"])  # type: ignore[attr-defined]
    results = loaded.get(f"/api/jobs/{job['id']}").json()["results"]
    assert [(r["doc_id"], r["status"]) for r in results] == [
        (added.doc_id, "unchanged"),
        (uploaded, "failed"),
        ("nope", "failed"),
    ]
    assert results[1]["reason"] == UPLOAD_GONE
    # the reason reads in the UI language
    for reason in (UPLOAD_GONE, FILE_GONE, LINE_GONE, results[2]["reason"]):
        assert re.search("[\u4e00-\u9fff]", localize_reason(reason, "zh")), reason
    assert localize_reason(f"{FETCH_FAILED}: HTTP 404", "zh").endswith("HTTP 404")
    assert loaded.post("/api/documents/reingest", json={"ids": []}).status_code == 422


TIMELINE = Path(__file__).resolve().parents[1] / "web" / "fixtures" / "timeline.jsonl"


def test_trends_date_by_publication_by_default_with_added_dates_apart(
    client: TestClient, ingest: Upload
) -> None:
    assert ingest([TIMELINE])["status"] == "done"

    def periods(data: dict[str, Any]) -> set[str]:
        return {p["period"] for s in data["series"] for p in s["points"]}

    published = client.get("/api/trends", params={"date": "published"}).json()
    assert published["date"] == "published" and published["undated"] >= 1
    assert periods(published) and all(p.startswith("2024-") for p in periods(published))
    added = client.get("/api/trends", params={"date": "added"}).json()
    assert added["undated"] == 0 and not any(p.startswith("2024-") for p in periods(added))
    assert client.get("/api/trends", params={"date": "soon"}).status_code == 422
    page = client.get("/trends", headers={**HTML, "Accept-Language": "zh"}).text
    assert 'data-date="published"' in page and 'id="undated-note"' in page
    assert "发布日期" in page and "添加日期" in page
    # the table keeps the months without articles, as the chart does
    assert re.findall(r"<th>(2024-\d\d)</th>", page) == [f"2024-{m:02d}" for m in range(1, 7)]
    by_added = client.get("/trends", params={"date": "added"}, headers=HTML).text
    assert 'data-date="added"' in by_added and 'id="undated-note"' not in by_added


def test_library_rows_carry_their_tags_and_a_reingest_button(loaded: TestClient) -> None:
    doc_id = _ids(loaded)[0]
    assert loaded.post(f"/api/documents/{doc_id}/tags", json={"label": "待读"}).status_code == 201
    page = loaded.get("/library", headers={**HTML, "Accept-Language": "zh"}).text
    row = page[page.index(f'<tr data-doc-id="{doc_id}"') :]
    row = row[: row.index("</tr>")]
    assert 'data-tag-id="user:待读"' in row and 'aria-label="删除标签: 待读"' in row
    assert 'class="reingest secondary"' in row and "重新导入" in row
    assert 'id="reingest-selected"' in page
    english = loaded.get("/library", headers={**HTML, "Accept-Language": "en"}).text
    assert "Re-ingest selected" in english and "Edit tags" in english


def test_source_cards_show_the_publication_or_added_date(loaded: TestClient) -> None:
    answer = loaded.post("/api/ask", json={"question": "什么是检索增强生成？"}).json()
    cited = answer["citations"]
    assert cited and all(c["added_at"] for c in cited)
    assert any(c["published"] for c in cited)
    page = loaded.get(
        "/", params={"q": "什么是检索增强生成？"}, headers={**HTML, "Accept-Language": "zh"}
    ).text
    dates = re.findall(r'<span class="card-date">([^<]+)</span>', page)
    assert dates and all(
        re.fullmatch(r"(发布于|添加于) \d{4}年\d{1,2}月(\d{1,2}日)?", d) for d in dates
    )
