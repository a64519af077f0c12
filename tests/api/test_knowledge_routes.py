"""The knowledge routes and pages: tags, entities, graph, related, resources, trends, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from test_pages import assert_inert  # tests/api is on sys.path (rootdir-less test folders)

HTML = {"Accept": "text/html"}


def doc_id(client: TestClient, name: str) -> str:
    docs = client.get("/api/documents").json()["documents"]
    return next(d["id"] for d in docs if (d["path"] or "").endswith(name))


def test_document_knowledge_routes(loaded: TestClient) -> None:
    lora = doc_id(loaded, "lora-finetuning.txt")
    text = loaded.get(f"/api/documents/{lora}").json()["text"]
    tags = loaded.get(f"/api/documents/{lora}/tags").json()["tags"]
    assert tags and all(text[t["start"] : t["end"]] == t["quote"] for t in tags)
    entities = loaded.get(f"/api/documents/{lora}/entities").json()["entities"]
    peft = next(e for e in entities if e["entity_id"] == "project:peft")
    assert all(text[s:e] == "PEFT" for s, e in peft["spans"])
    related = loaded.get(f"/api/documents/{lora}/related?k=3").json()["related"]
    assert 0 < len(related) <= 3 and lora not in {r["doc_id"] for r in related}
    resources = loaded.get(f"/api/documents/{lora}/resources").json()["resources"]
    assert any(r["name"] == "PEFT" and r["quote"] == "PEFT" for r in resources)
    everything = loaded.get(f"/api/documents/{lora}/knowledge").json()
    assert set(everything) == {"doc_id", "tags", "entities", "related", "resources"}


def test_tag_edits_and_the_tag_search_filter(loaded: TestClient) -> None:
    lora = doc_id(loaded, "lora-finetuning.txt")
    added = loaded.post(f"/api/documents/{lora}/tags", json={"label": "必读"})
    assert added.status_code == 201 and added.json()["tag_id"] == "user:必读"
    assert loaded.patch("/api/tags/user:必读", json={"label_en": "Must read"}).status_code == 200
    listed = {t["tag_id"]: t for t in loaded.get("/api/tags").json()["tags"]}
    assert listed["user:必读"]["label_en"] == "Must read" and listed["user:必读"]["documents"] == 1
    hits = loaded.get("/api/search", params={"q": "模型", "tag": "必读", "k": 10}).json()
    assert hits["filters"] == {"tag": "必读"} and {h["doc_id"] for h in hits["hits"]} == {lora}
    assert loaded.delete(f"/api/documents/{lora}/tags/user:必读").json() == {
        "doc_id": lora,
        "removed": "user:必读",
    }
    assert loaded.get("/api/search", params={"q": "模型", "tag": "必读"}).json()["hits"] == []
    moved = loaded.post("/api/tags/infrastructure/merge", json={"into": "fine-tuning"}).json()
    assert moved["moved"] >= 1


def test_entities_graph_trends_and_the_query_log(loaded: TestClient) -> None:
    entity = loaded.get("/api/entities/抱抱臉").json()
    assert entity["entity"]["id"] == "org:hugging-face" and entity["documents"]
    assert (
        loaded.get("/api/entities/project:llama.cpp").json()["entity"]["id"] == "project:llama.cpp"
    )
    graph = loaded.get("/api/graph", params={"entity": "Hugging Face"}).json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["nodes"][0]["id"] == "org:hugging-face" and all(
        {e["source"], e["target"]} <= ids for e in graph["edges"]
    )
    assert loaded.get("/api/graph").json()["nodes"]
    loaded.get("/api/search", params={"q": "向量数据库"})
    loaded.post("/api/ask", json={"question": "向量数据库"})
    trends = loaded.get("/api/trends", params={"kind": "entity", "period": "year"}).json()
    assert trends["series"] and trends["hot_queries"][0] == {
        **trends["hot_queries"][0],
        "query": "向量数据库",
        "count": 2,
    }
    assert loaded.get("/api/queries/hot").json()["hot_queries"][0]["count"] == 2
    assert loaded.delete("/api/queries").json() == {"deleted": 2}
    assert loaded.get("/api/queries/hot").json()["hot_queries"] == []


@pytest.mark.parametrize(
    ("method", "url", "body", "status", "kind"),
    [
        ("get", "/api/entities/no such thing", None, 404, "NotFound"),
        ("get", "/api/graph?entity=nobody", None, 404, "NotFound"),
        ("get", "/api/documents/nope/related", None, 404, "NotFound"),
        ("get", "/api/documents/nope/resources", None, 404, "NotFound"),
        ("get", "/api/documents/nope/tags", None, 404, "NotFound"),
        ("get", "/api/documents/nope/knowledge", None, 404, "NotFound"),
        ("post", "/api/documents/nope/tags", {"label": "rag"}, 404, "NotFound"),
        ("post", "/api/documents/nope/tags", {"label": ""}, 422, "InputError"),
        ("patch", "/api/tags/nope", {"label_en": "x"}, 422, "InputError"),
        ("get", "/api/search?q=x&tag=nope", None, 422, "InputError"),
        ("get", "/api/trends?period=decade", None, 422, "InputError"),
    ],
)
def test_errors_have_the_one_shape(
    loaded: TestClient, method: str, url: str, body: object, status: int, kind: str
) -> None:
    response = getattr(loaded, method)(url, **({"json": body} if body is not None else {}))
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["type"], error["status"]) == (kind, status) and error["message"]


def test_pages_show_tags_entities_related_resources(loaded: TestClient) -> None:
    lora = doc_id(loaded, "lora-finetuning.txt")
    page = loaded.get(f"/documents/{lora}", headers=HTML).text
    assert 'id="knowledge"' in page and 'data-tag-id="fine-tuning"' in page
    assert 'data-entity-id="project:peft"' in page and 'data-resource-id="' in page
    assert 'class="span-link"' in page and "/static/knowledge.js" in page
    graph = loaded.get("/graph?entity=PEFT", headers=HTML)
    assert (
        graph.status_code == 200
        and 'id="graph-data"' in graph.text
        and "project:peft" in graph.text
    )
    trends = loaded.get("/trends?kind=entity", headers=HTML)
    assert trends.status_code == 200 and 'id="trend-chart"' in trends.text
    assert loaded.get("/graph?entity=nobody", headers=HTML).status_code == 404
    assert "textContent" in loaded.get("/static/knowledge.js").text


def test_hostile_documents_stay_inert_on_knowledge_pages(hostile: TestClient) -> None:
    docs = hostile.get("/api/documents").json()["documents"]
    for url in [
        "/graph",
        "/trends",
        "/trends?kind=entity",
        *(f"/documents/{d['id']}" for d in docs),
    ]:
        page = hostile.get(url, headers=HTML)
        assert page.status_code == 200, url
        assert_inert(page.text)
