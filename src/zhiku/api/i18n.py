"""UI strings in Chinese and English, and picking one from the request (pure).

Order: ``?lang=`` (also stored in a cookie by the language switch), the cookie, then the
browser's ``Accept-Language`` (which mirrors ``navigator.languages``), then English.
"""

from __future__ import annotations

import re

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
        "drop_here": "Drop .html .txt .md .jsonl .pdf .docx .epub files here, or click to choose",
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
        "nav_chat": "Chat",
        "nav_home": "Home",
        "new_chat": "New chat",
        "history": "Chats",
        "no_chats": "No chats yet.",
        "delete_chat": "Delete this chat",
        "confirm_delete_chat": "Delete this chat?",
        "stop": "Stop",
        "stopped": "Stopped.",
        "follow_up_placeholder": "Ask a follow-up…",
        "you": "You",
        "searched_as": "Searched as",
        "home_title": "What is in your library",
        "stat_documents": "documents",
        "stat_chunks": "passages",
        "stat_languages": "languages",
        "recent_additions": "Recently added",
        "suggested": "Try asking",
        "recent_chats": "Recent chats",
        "turns": "turns",
        "open_document": "Open the document",
        "preview_of": "Preview of source",
        "select_all": "Select all on this page",
        "select_doc": "Select",
        "selected": "selected",
        "delete_selected": "Delete selected",
        "confirm_delete_many": "Delete the selected documents and everything derived from them?",
        "edit_title": "Edit title",
        "save": "Save",
        "cancel": "Cancel",
        "sort": "Sort",
        "sort_added_desc": "Newest added",
        "sort_added_asc": "Oldest added",
        "sort_published_desc": "Newest published",
        "sort_title": "Title A–Z",
        "actions": "Actions",
        "sources_title": "Live sources",
        "source_url": "Feed, sitemap or page URL",
        "every": "Every",
        "add_source": "Add source",
        "run_now": "Run now",
        "remove": "Remove",
        "last_run": "Last run",
        "status": "Status",
        "never": "never",
        "no_sources": "No live sources yet.",
        "confirm_remove_source": "Remove this source? Documents it added stay.",
        "added_n": "added",
        "skip_to_content": "Skip to content",
        "menu": "Menu",
        "not_found_hint": "This page or document is not in the library. It may have been deleted.",
        "go_home": "Back to the start page",
        "chunks_heading": "Passages as indexed",
        "new_title": "New title",
        "reason_no_passage": "The library has no passage about this.",
        "reason_weak_evidence": "No passage supports an answer: the best evidence scores {0}, below the {1} an answer needs.",
        "reason_model_found_none": "The model found no answer in the passages.",
        "reason_model_no_answer": "The model gave no answer.",
        "reason_not_verified": "Not verified.",
        "reason_unsupported_generated": "The passages do not support the generated answer ({0} of {1} sentences unsupported).",
        "note_removed": "{0} unsupported sentence(s) removed",
        "note_shown": "{0} unsupported sentence(s) shown as unsupported",
        "note_reattached": "{0} citation(s) re-attached",
        "note_dropped": "{0} wrong citation(s) dropped",
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
        "drop_here": "把 .html .txt .md .jsonl .pdf .docx .epub 文件拖到这里，或点击选择",
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
        "nav_chat": "对话",
        "nav_home": "首页",
        "new_chat": "新对话",
        "history": "对话记录",
        "no_chats": "还没有对话。",
        "delete_chat": "删除这段对话",
        "confirm_delete_chat": "删除这段对话？",
        "stop": "停止",
        "stopped": "已停止。",
        "follow_up_placeholder": "继续追问…",
        "you": "你",
        "searched_as": "检索用语",
        "home_title": "资料库里有什么",
        "stat_documents": "篇文档",
        "stat_chunks": "个段落",
        "stat_languages": "种语言",
        "recent_additions": "最近添加",
        "suggested": "可以这样问",
        "recent_chats": "最近的对话",
        "turns": "轮",
        "open_document": "打开文档",
        "preview_of": "来源预览",
        "select_all": "全选本页",
        "select_doc": "选择",
        "selected": "已选",
        "delete_selected": "删除所选",
        "confirm_delete_many": "删除所选文档及其全部派生数据？",
        "edit_title": "编辑标题",
        "save": "保存",
        "cancel": "取消",
        "sort": "排序",
        "sort_added_desc": "最新添加",
        "sort_added_asc": "最早添加",
        "sort_published_desc": "最新发布",
        "sort_title": "按标题",
        "actions": "操作",
        "sources_title": "订阅来源",
        "source_url": "订阅源、站点地图或网页地址",
        "every": "间隔",
        "add_source": "添加来源",
        "run_now": "立即抓取",
        "remove": "移除",
        "last_run": "上次运行",
        "status": "状态",
        "never": "从未",
        "no_sources": "还没有订阅来源。",
        "confirm_remove_source": "移除这个来源？它添加的文档会保留。",
        "added_n": "新增",
        "skip_to_content": "跳到正文",
        "menu": "菜单",
        "not_found_hint": "资料库里没有这个页面或文档，它可能已被删除。",
        "go_home": "返回首页",
        "chunks_heading": "索引中的段落",
        "new_title": "新标题",
        "reason_no_passage": "资料库里没有与此相关的段落。",
        "reason_weak_evidence": "没有段落足以支持回答：最相关证据的得分为 {0}，低于回答所需的 {1}。",
        "reason_model_found_none": "模型没有在段落中找到答案。",
        "reason_model_no_answer": "模型没有给出回答。",
        "reason_not_verified": "未经核对。",
        "reason_unsupported_generated": "来源不支持生成的回答（{1} 句中有 {0} 句没有依据）。",
        "note_removed": "已删除 {0} 句没有依据的句子",
        "note_shown": "{0} 句没有依据的句子已标出",
        "note_reattached": "{0} 处引用已重新对应",
        "note_dropped": "已去掉 {0} 处错误引用",
    },
}


# English reasons and verifier notes from the answer pipeline -> the string key that says them
# in the UI language; groups fill {0}, {1}. The page's script uses the same table.
REASON_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^the library has no passage about this$", "reason_no_passage"),
    (
        r"^no passage supports an answer \(best evidence ([\d.]+) < ([\d.]+)\)$",
        "reason_weak_evidence",
    ),
    (r"^the model found no answer in the passages$", "reason_model_found_none"),
    (r"^the model gave no answer$", "reason_model_no_answer"),
    (r"^not verified$", "reason_not_verified"),
    (
        r"^the passages do not support the generated answer \((\d+) of (\d+) sentences unsupported\)$",
        "reason_unsupported_generated",
    ),
    (r"^(\d+) unsupported sentences? removed$", "note_removed"),
    (r"^(\d+) unsupported sentences? shown as unsupported$", "note_shown"),
    (r"^(\d+) citations? re-attached$", "note_reattached"),
    (r"^(\d+) wrong citations? dropped$", "note_dropped"),
)


def localize_reason(reason: str | None, lang: str) -> str:
    """An answer's reason or verifier notes ("; "-joined) in the UI language; unknown parts as is.

    >>> localize_reason("no passage supports an answer (best evidence 0.21 < 0.35)", "zh")
    '没有段落足以支持回答：最相关证据的得分为 0.21，低于回答所需的 0.35。'
    >>> localize_reason("1 unsupported sentence removed; 2 citations re-attached", "zh")
    '已删除 1 句没有依据的句子；2 处引用已重新对应'
    """
    if not reason:
        return ""
    strings = STRINGS.get(lang, STRINGS["en"])
    parts = []
    for part in reason.split("; "):
        for pattern, key in REASON_PATTERNS:
            found = re.match(pattern, part)
            if found:
                part = strings[key].format(*found.groups())
                break
        parts.append(part)
    return ("；" if lang == "zh" else "; ").join(parts)


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
