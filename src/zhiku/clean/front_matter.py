"""The front matter of a Markdown note (Obsidian, Hugo, Jekyll): metadata, not article text.

Only top-level ``key: value`` lines are read, so no YAML library is needed; nested blocks and
list items are skipped. A block with no such line is not front matter (a leading horizontal
rule) and stays in the text.

>>> note = "---\\ntitle: \\"RAG 笔记\\"\\ndate: 2024-03-18\\ntags: [rag]\\n---\\n\\n正文。"
>>> fields, body = split_front_matter(note)
>>> fields["title"], fields["date"], body
('RAG 笔记', '2024-03-18', '\\n正文。')
>>> metadata(fields)
{'title': 'RAG 笔记', 'published': '2024-03-18'}
"""

from __future__ import annotations

import re

from zhiku.clean.dates import find_date

_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]+(\S.*?)[ \t]*$")
_DATE_KEYS = ("date", "published", "pubdate", "created")
_URL_KEYS = ("url", "link", "canonical", "source_url", "source")
_URL = re.compile(r"^https?://\S+$")


# the block run onto one line by a crawler: '--- title: "…" description: "…" tags: […]'
_ONE_LINE_RE = re.compile(r"^-{3}\s+(?:[A-Za-z_][\w-]*:\s+\S.*?\s+){2,}")


def front_matter_line(line: str) -> str | None:
    """A note's front matter run onto one line: "---" and two or more ``key: value`` fields."""
    return "a note's front matter run onto one line" if _ONE_LINE_RE.match(line) else None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(top-level fields with lower-case keys, the text after the block); ({}, text) without one."""
    block = _BLOCK.match(text)
    if block is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in (block.group(1) or "").splitlines():
        if (field := _FIELD.match(line)) is not None:
            fields.setdefault(field.group(1).lower(), _unquote(field.group(2)))
    if not fields:
        return {}, text
    return fields, text[block.end() :]


def metadata(fields: dict[str, str]) -> dict[str, str]:
    """What zhiku keeps of the fields: title, author, published (ISO), url and source."""
    found: dict[str, str] = {}
    if title := fields.get("title"):
        found["title"] = title
    if author := fields.get("author") or fields.get("authors"):
        found["author"] = author.strip("[]").replace('"', "").replace("'", "")
    if published := next((d for k in _DATE_KEYS if (d := find_date(fields.get(k, "")))), None):
        found["published"] = published
    if url := next((fields[k] for k in _URL_KEYS if _URL.match(fields.get(k, ""))), None):
        found["url"] = url
    if (source := fields.get("source")) and not _URL.match(source):
        found["source"] = source
    return found


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


__all__ = ["metadata", "split_front_matter"]
