"""Routes for the knowledge features: tags, entities and their graph, related documents,
resources, trends and hot queries; plus the graph and trends pages of the web UI and the
knowledge panel of the document page.

JSON fields are those of the CLI's ``--json`` (`zhiku.knowledge.payloads`); errors have the one
shape (an unknown document or entity is a 404 ``NotFound``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from zhiku.api.pages import Pages
from zhiku.knowledge.payloads import (
    document_entity_payload,
    document_tag_payload,
    entity_payload,
    graph_payload,
    hot_query_payload,
    related_payload,
    resource_payload,
    tag_count_payload,
    trends_payload,
)
from zhiku.knowledge.trends import period_range
from zhiku.knowledge_base import KnowledgeBase
from zhiku.lock import LibraryAccess

Kind = Literal["tag", "entity"]
Period = Literal["day", "week", "month", "year"]
DateBasis = Literal["either", "published", "added"]

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "nav_graph": "Graph",
        "nav_trends": "Trends",
        "knowledge": "What this article is about",
        "tags": "Tags",
        "no_tags": "No tags.",
        "add_tag": "Add a tag",
        "add": "Add",
        "remove_tag": "Remove this tag",
        "manual": "added by hand",
        "entities": "People, organizations, projects, models",
        "no_entities": "No entities found.",
        "mentions": "mentions",
        "show_span": "Show this passage",
        "in_graph": "graph",
        "related": "Related articles",
        "no_related": "No related articles.",
        "shares": "shares",
        "similarity": "similarity",
        "resources": "Resources",
        "no_resources": "No matching resources.",
        "evidence": "evidence",
        "graph_title": "Entity graph",
        "graph_help": "Entities mentioned together in the same documents. Click a node to centre on it.",
        "entity_types": "Types",
        "min_links": "At least this many links",
        "all_links": "Show every link",
        "links_shown": "{shown} of {total} links drawn: each entity's strongest.",
        "type_person": "people",
        "type_org": "organisations",
        "type_project": "projects",
        "type_model": "models",
        "type_product": "products",
        "type_other": "other",
        "entity_placeholder": "An entity: 英伟达, LangChain, org:openai…",
        "show": "Show",
        "documents": "documents",
        "documents_together": "documents together",
        "nodes": "Entities",
        "edges": "Links",
        "mentioned_in": "Mentioned in",
        "related_entities": "Related entities",
        "trends_title": "Trends",
        "by_tag": "by tag",
        "by_entity": "by entity",
        "period": "Period",
        "day": "day",
        "week": "week",
        "month": "month",
        "year": "year",
        "rising": "Rising",
        "hot_queries": "Hot queries (last 7 days)",
        "no_queries": "No queries logged.",
        "query_log_off": "The query log is off (setting query_log).",
        "clear_queries": "Clear the query log",
        "confirm_clear": "Delete every logged query?",
        "no_trends": "Nothing to chart yet: add some articles.",
        "error": "Error",
        "date_basis": "Dated by",
        "date_published": "publication date",
        "date_added": "date added",
        "undated_note": "{n} mentions in articles that state no publication date are left out; date them by when they were added to see them.",
        "added_series_note": "Dated by when each article was added to the library (hollow, dashed bars): a bulk import shows as one spike.",
        "chart_caption": "Articles per period, one strip per tag or entity, all on one scale; the time axis is to scale, so an empty stretch is a period without articles.",
    },
    "zh": {
        "nav_graph": "图谱",
        "nav_trends": "趋势",
        "knowledge": "这篇文章讲了什么",
        "tags": "标签",
        "no_tags": "没有标签。",
        "add_tag": "添加标签",
        "add": "添加",
        "remove_tag": "删除这个标签",
        "manual": "手动添加",
        "entities": "人物、机构、项目、模型",
        "no_entities": "没有找到实体。",
        "mentions": "次提及",
        "show_span": "显示这段原文",
        "in_graph": "图谱",
        "related": "相关文章",
        "no_related": "没有相关文章。",
        "shares": "共同",
        "similarity": "相似度",
        "resources": "相关资源",
        "no_resources": "没有匹配的资源。",
        "evidence": "依据",
        "graph_title": "实体图谱",
        "graph_help": "在同一批文章中一起出现的实体。点击节点以它为中心。",
        "entity_types": "类型",
        "min_links": "至少这么多条连线",
        "all_links": "显示全部连线",
        "links_shown": "画出 {shown} / {total} 条连线：每个实体最强的几条。",
        "type_person": "人物",
        "type_org": "机构",
        "type_project": "项目",
        "type_model": "模型",
        "type_product": "产品",
        "type_other": "其他",
        "entity_placeholder": "实体：英伟达、LangChain、org:openai…",
        "show": "显示",
        "documents": "篇文章",
        "documents_together": "篇共同出现",
        "nodes": "实体",
        "edges": "关联",
        "mentioned_in": "提及它的文章",
        "related_entities": "相关实体",
        "trends_title": "趋势",
        "by_tag": "按标签",
        "by_entity": "按实体",
        "period": "周期",
        "day": "日",
        "week": "周",
        "month": "月",
        "year": "年",
        "rising": "上升中",
        "hot_queries": "热门搜索（最近 7 天）",
        "no_queries": "还没有记录的查询。",
        "query_log_off": "查询记录已关闭（设置 query_log）。",
        "clear_queries": "清空查询记录",
        "confirm_clear": "删除所有查询记录？",
        "no_trends": "还没有可以绘制的数据：先添加一些文章。",
        "error": "错误",
        "date_basis": "按日期",
        "date_published": "发布日期",
        "date_added": "添加日期",
        "undated_note": "有 {n} 次提及出自没有注明发布日期的文章，未计入；改按添加日期即可看到。",
        "added_series_note": "按文章加入资料库的日期计（空心虚线柱）：一次批量导入会显示为一个尖峰。",
        "chart_caption": "每个标签或实体一条，按同一比例显示每个周期的文章数；时间轴按实际时间比例绘制，空白处就是没有文章的周期。",
    },
}


class TagRequest(BaseModel):
    label: str = Field(
        min_length=1,
        max_length=200,
        examples=["rag", "必读"],
        description="A tag id or label, or a new tag's name",
    )


class RenameRequest(BaseModel):
    label_zh: str | None = Field(None, max_length=200)
    label_en: str | None = Field(None, max_length=200)


class MergeRequest(BaseModel):
    into: str = Field(min_length=1, max_length=200, description="The tag that takes the documents")


def document_knowledge(kb: KnowledgeBase, doc_id: str, *, k: int = 5) -> dict[str, Any]:
    """Tags, entities, related documents and resources of one document (the document page)."""
    text = kb.get(doc_id).text
    knowledge = kb.knowledge
    return {
        "doc_id": doc_id,
        "tags": [document_tag_payload(t, text) for t in knowledge.document_tags(doc_id)],
        "entities": [document_entity_payload(e, text) for e in knowledge.document_entities(doc_id)],
        "related": [related_payload(r) for r in knowledge.related(doc_id, k=k)],
        "resources": [resource_payload(m, text) for m in knowledge.resources(doc_id, limit=k)],
    }


def trends_data(
    kb: KnowledgeBase, *, kind: str, period: str, limit: int, days: int, date: str = "either"
) -> dict[str, Any]:
    found = kb.knowledge.trends(kind=kind, bucket=period, limit=limit, date=date)
    hot = kb.knowledge.hot_queries(days=days, limit=limit)
    return {
        **trends_payload(found),
        "hot_queries": [hot_query_payload(q) for q in hot],
        "query_log": kb.settings.query_log,
    }


def knowledge_routes(access: LibraryAccess, pages: Pages) -> APIRouter:
    router = APIRouter()
    api = APIRouter(prefix="/api", tags=["knowledge"])

    @api.get("/tags", summary="Every tag with its document count (`zhiku tags --json`)")
    def tags() -> dict[str, Any]:
        with access.read() as kb:
            return {"tags": [tag_count_payload(t) for t in kb.knowledge.tags()]}

    @api.patch("/tags/{tag}", summary="Rename a tag (its id and documents stay)")
    def rename_tag(tag: str, body: RenameRequest) -> dict[str, Any]:
        with access.write() as kb:
            kb.knowledge.rename_tag(tag, label_zh=body.label_zh, label_en=body.label_en)
            return {"tags": [tag_count_payload(t) for t in kb.knowledge.tags()]}

    @api.post("/tags/{tag}/merge", summary="Move every document of a tag to another")
    def merge_tags(tag: str, body: MergeRequest) -> dict[str, Any]:
        with access.write() as kb:
            return {
                "merged": tag,
                "into": body.into,
                "moved": kb.knowledge.merge_tags(tag, body.into),
            }

    @api.get("/documents/{doc_id}/tags", summary="A document's tags, each with its evidence span")
    def document_tags(doc_id: str) -> dict[str, Any]:
        with access.read() as kb:
            text = kb.get(doc_id).text
            return {
                "doc_id": doc_id,
                "tags": [document_tag_payload(t, text) for t in kb.knowledge.document_tags(doc_id)],
            }

    @api.post("/documents/{doc_id}/tags", status_code=201, summary="Tag a document by hand")
    def add_tag(doc_id: str, body: TagRequest) -> JSONResponse:
        with access.write() as kb:
            tag_id = kb.knowledge.add_tag(doc_id, body.label)
            text = kb.get(doc_id).text
            found = [document_tag_payload(t, text) for t in kb.knowledge.document_tags(doc_id)]
        return JSONResponse({"doc_id": doc_id, "tag_id": tag_id, "tags": found}, status_code=201)

    @api.delete(
        "/documents/{doc_id}/tags/{tag}", summary="Untag a document (extraction won't add it back)"
    )
    def remove_tag(doc_id: str, tag: str) -> dict[str, Any]:
        with access.write() as kb:
            kb.knowledge.remove_tag(doc_id, tag)
        return {"doc_id": doc_id, "removed": tag}

    @api.get("/documents/{doc_id}/entities", summary="A document's entities, each with every span")
    def document_entities(doc_id: str) -> dict[str, Any]:
        with access.read() as kb:
            text = kb.get(doc_id).text
            found = kb.knowledge.document_entities(doc_id)
            return {"doc_id": doc_id, "entities": [document_entity_payload(e, text) for e in found]}

    @api.get("/documents/{doc_id}/related", summary="Related documents, near-duplicates left out")
    def related(doc_id: str, k: Annotated[int, Query(ge=1, le=50)] = 5) -> dict[str, Any]:
        with access.read() as kb:
            return {
                "doc_id": doc_id,
                "related": [related_payload(r) for r in kb.knowledge.related(doc_id, k=k)],
            }

    @api.get(
        "/documents/{doc_id}/resources", summary="Resources matched to a document, with reasons"
    )
    def resources(doc_id: str, k: Annotated[int, Query(ge=1, le=50)] = 5) -> dict[str, Any]:
        with access.read() as kb:
            text = kb.get(doc_id).text
            found = kb.knowledge.resources(doc_id, limit=k)
            return {"doc_id": doc_id, "resources": [resource_payload(m, text) for m in found]}

    @api.get(
        "/documents/{doc_id}/knowledge",
        summary="Tags, entities, related documents and resources at once",
    )
    def knowledge(doc_id: str, k: Annotated[int, Query(ge=1, le=50)] = 5) -> dict[str, Any]:
        with access.read() as kb:
            return document_knowledge(kb, doc_id, k=k)

    @api.get(
        "/entities/{name:path}",
        summary="An entity (id or alias in any script): its documents and related entities",
    )
    def entity(name: str, limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        with access.read() as kb:
            return entity_payload(kb.knowledge.entity(name, limit=limit))

    @api.get("/graph", summary="Entity graph: nodes and weighted co-occurrence edges")
    def entity_graph(
        entity: Annotated[
            str | None,
            Query(max_length=200, description="Centre on this entity; default: the most mentioned"),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 25,
    ) -> dict[str, Any]:
        with access.read() as kb:
            return graph_payload(kb.knowledge.entity_graph(entity or None, limit=limit))

    @api.get("/trends", summary="Documents per period by tag or entity, rising keys, hot queries")
    def trends(
        kind: Kind = "tag",
        period: Period = "month",
        limit: Annotated[int, Query(ge=1, le=50)] = 8,
        days: Annotated[int, Query(ge=1, le=366)] = 7,
        date: Annotated[
            DateBasis,
            Query(description="published, added, or either (published when known, else added)"),
        ] = "either",
    ) -> dict[str, Any]:
        with access.read() as kb:
            return trends_data(kb, kind=kind, period=period, limit=limit, days=days, date=date)

    @api.get("/queries/hot", summary="The most frequent recent queries (from the query log)")
    def hot(
        days: Annotated[int, Query(ge=1, le=366)] = 7,
        limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        with access.read() as kb:
            found = kb.knowledge.hot_queries(days=days, limit=limit)
            return {
                "query_log": kb.settings.query_log,
                "hot_queries": [hot_query_payload(q) for q in found],
            }

    @api.delete("/queries", summary="Clear the query log")
    def clear_queries() -> dict[str, Any]:
        with access.write() as kb:
            return {"deleted": kb.knowledge.clear_queries()}

    @router.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page(request: Request, entity: str = "", limit: int = 25) -> Response:
        limit = min(max(limit, 1), 100)
        with access.read() as kb:
            profile = (
                entity_payload(kb.knowledge.entity(entity.strip(), limit=10))
                if entity.strip()
                else None
            )
            data = graph_payload(kb.knowledge.entity_graph(entity.strip() or None, limit=limit))
        return pages.render(request, "graph.html", entity=entity, profile=profile, graph=data)

    @router.get("/trends", response_class=HTMLResponse, include_in_schema=False)
    def trends_page(
        request: Request, kind: str = "tag", period: str = "month", date: str = ""
    ) -> Response:
        kind = kind if kind in ("tag", "entity") else "tag"
        period = period if period in ("day", "week", "month", "year") else "month"
        with access.read() as kb:
            # publication dates by default: a bulk import's added dates would dwarf them
            data = trends_data(kb, kind=kind, period=period, limit=8, days=7, date="published")
            if date == "added" or (date != "published" and not data["series"]):
                data = trends_data(kb, kind=kind, period=period, limit=8, days=7, date="added")
        periods = period_range((p["period"] for s in data["series"] for p in s["points"]), period)
        return pages.render(
            request, "trends.html", kind=kind, period=period, data=data, periods=periods
        )

    def knowledge_of(doc_id: str) -> dict[str, Any]:
        """For the document page template (rendered after the route released the library)."""
        with access.read() as kb:
            return document_knowledge(kb, doc_id)

    pages.templates.env.globals["knowledge_strings"] = STRINGS
    pages.templates.env.globals["document_knowledge"] = knowledge_of
    router.include_router(api)
    return router
