"""UI strings in Chinese and English, and picking one from the request (pure).

Order: ``?lang=`` (also stored in a cookie by the language switch), the cookie, then the
browser's ``Accept-Language`` (which mirrors ``navigator.languages``), then English.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
LANG_COOKIE = "zhiku_lang"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app_name": "zhiku",
        "tagline": "your AI reading library",
        "nav_ask": "Ask",
        "nav_search": "Search",
        "nav_library": "Library",
        "nav_api": "API",
        "switch_lang": "中文",
        "ask_placeholder": "Ask your library a question…",
        "ask_button": "Ask",
        "asking": "Reading the library…",
        "abstained": "The library does not answer this.",
        "drafting": "Writing an answer from the passages…",
        "draft_label": "Draft, not yet checked against the sources:",
        "generated_label": "Written by the language model, then checked against the sources.",
        "removed_heading": "Removed: not supported by the sources",
        "support": "support",
        "sources": "Sources",
        "open_source": "Open the cited passage",
        "chars": "chars",
        "search_placeholder": "Search passages (Chinese or English)…",
        "search_button": "Search",
        "no_results": "No passages found.",
        "score": "score",
        "filter_source": "Source",
        "filter_language": "Language",
        "filter_script": "Script",
        "filter_from": "Published from",
        "filter_to": "Published to",
        "any": "any",
        "filters": "Filters",
        "apply": "Apply",
        "tags_later": "Tag filters arrive with tags.",
        "library": "Library",
        "documents": "documents",
        "title": "Title",
        "source": "Source",
        "added": "Added",
        "published": "Published",
        "delete": "Delete",
        "confirm_delete": "Delete this document and everything derived from it?",
        "deleted": "Deleted.",
        "upload_title": "Add articles",
        "drop_here": "Drop .html .txt .md .jsonl files here, or click to choose",
        "add_url": "Add URL",
        "url_placeholder": "https://…",
        "uploading": "Uploading…",
        "ingesting": "Ingesting",
        "ingest_done": "Done",
        "ingest_failed": "Failed",
        "empty_library": "The library is empty: add some articles.",
        "prev": "Previous",
        "next": "Next",
        "metadata": "Metadata",
        "origin": "Where it came from",
        "clean_text": "Clean text",
        "cited_span": "cited passage",
        "removed_by_cleaning": "Removed by cleaning",
        "not_recorded": "not recorded",
        "language": "Language",
        "script": "Script",
        "author": "Author",
        "encoding": "Encoding",
        "document_id": "Document id",
        "length": "Length",
        "back_to_library": "Back to the library",
        "error": "Error",
        "login_title": "API key",
        "login_help": "This server requires an API key.",
        "login_button": "Continue",
        "wrong_key": "Wrong API key.",
        "page_of": "of",
        "status_added": "added",
        "status_updated": "updated",
        "status_unchanged": "unchanged",
        "status_duplicate": "duplicate",
        "status_failed": "failed",
    },
    "zh": {
        "app_name": "知库",
        "tagline": "你的 AI 阅读资料库",
        "nav_ask": "提问",
        "nav_search": "搜索",
        "nav_library": "文库",
        "nav_api": "API",
        "switch_lang": "English",
        "ask_placeholder": "向你的资料库提一个问题…",
        "ask_button": "提问",
        "asking": "正在查阅资料库…",
        "abstained": "资料库中没有能回答这个问题的内容。",
        "drafting": "正在根据段落撰写回答…",
        "draft_label": "草稿，尚未与来源核对：",
        "generated_label": "由语言模型撰写，并已与来源核对。",
        "removed_heading": "已删除：来源不支持的句子",
        "support": "支持度",
        "sources": "来源",
        "open_source": "打开被引用的段落",
        "chars": "字符",
        "search_placeholder": "搜索段落（中文或英文）…",
        "search_button": "搜索",
        "no_results": "没有找到相关段落。",
        "score": "得分",
        "filter_source": "来源",
        "filter_language": "语言",
        "filter_script": "字体",
        "filter_from": "发布起始",
        "filter_to": "发布截止",
        "any": "不限",
        "filters": "筛选",
        "apply": "应用",
        "tags_later": "标签筛选将随标签功能推出。",
        "library": "文库",
        "documents": "篇文档",
        "title": "标题",
        "source": "来源",
        "added": "添加时间",
        "published": "发布时间",
        "delete": "删除",
        "confirm_delete": "删除这篇文档及其全部派生数据？",
        "deleted": "已删除。",
        "upload_title": "添加文章",
        "drop_here": "把 .html .txt .md .jsonl 文件拖到这里，或点击选择",
        "add_url": "添加网址",
        "url_placeholder": "https://…",
        "uploading": "正在上传…",
        "ingesting": "正在导入",
        "ingest_done": "完成",
        "ingest_failed": "失败",
        "empty_library": "资料库是空的：先添加一些文章吧。",
        "prev": "上一页",
        "next": "下一页",
        "metadata": "元数据",
        "origin": "出处",
        "clean_text": "正文",
        "cited_span": "被引用的段落",
        "removed_by_cleaning": "清洗时移除的内容",
        "not_recorded": "未记录",
        "language": "语言",
        "script": "字体",
        "author": "作者",
        "encoding": "编码",
        "document_id": "文档 ID",
        "length": "长度",
        "back_to_library": "返回文库",
        "error": "出错了",
        "login_title": "API 密钥",
        "login_help": "此服务器需要 API 密钥。",
        "login_button": "继续",
        "wrong_key": "API 密钥错误。",
        "page_of": "/",
        "status_added": "已添加",
        "status_updated": "已更新",
        "status_unchanged": "未变化",
        "status_duplicate": "重复",
        "status_failed": "失败",
    },
}


def pick_language(
    query_lang: str | None, cookie_lang: str | None, accept_language: str | None
) -> str:
    """The UI language for a request.

    >>> pick_language(None, None, "zh-CN,zh;q=0.9,en;q=0.8")
    'zh'
    >>> pick_language(None, None, "fr-FR,en;q=0.5,zh;q=0.4")
    'en'
    >>> pick_language("zh", "en", "en-US")
    'zh'
    """
    for explicit in (query_lang, cookie_lang):
        if explicit in LANGUAGES:
            return explicit
    ranked = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _, _, primary in sorted(ranked):
        if primary in LANGUAGES:
            return primary
    return "en"
