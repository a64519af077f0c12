"""Markdown as a crawler leaves it: line breaks lost, fences, and diagram source (pure).

Some crawlers store a note written in Markdown as one long line: its headings, image embeds
and admonition fences (``:::info`` … ``:::``) run together with the prose between them. Read
as one line, the page is neither prose nor chrome, and a rule meant for one kind of line
decides it all. Broken again at those marks, each piece is a line the other steps know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

# Shorter lines are a heading or a paragraph; a page run into one line is far longer.
FLATTENED_MIN_CHARS = 400
MIN_MARKS = 3

_HEADING_RE = re.compile(r"(?<=\s)#{1,6}\s+(?=\S)")
_IMAGE = r"!\[[^\]\n]{0,200}\]\([^)\s]+(?:\s+[^)]{0,40})?\)"
# an image, or an image that links to a video: "[![alt](thumb.jpg)](https://… "title")"
_IMAGE_RE = re.compile(rf"\[{_IMAGE}\]\([^)\s]+(?:\s+\"[^\"]{{0,120}}\")?\)|{_IMAGE}")
# a rule ("---"), a quote ("> 🎥 …") or a list item in bold ("- **Learn Python**.") starts a
# block; in prose a lone ">" compares numbers and a dash joins words
_BLOCK_START_RE = re.compile(r"(?<=\s)(?:-{3,}(?=\s)|>\s+(?=[^\s\d])|[-*]\s+(?=\*\*))")
# ":::info", ":::spoiler 目錄" open a block, a bare ":::" closes it; "[TOC]" stands for a
# table of contents the editor draws; "[CONTENT]" … "[/CONTENT]" wrap a page template's field
_FENCE_RE = re.compile(r":::(?:[a-z]+)?|```[a-z]*|\[\[?toc\]\]?", re.IGNORECASE)
_TEMPLATE_TAG_RE = re.compile(r"\[(/?)([a-z]{2,12})\]", re.IGNORECASE)
# the fields of a template that hold the article, not facts about the page
_TEXT_FIELDS = frozenset({"content", "body", "text", "article", "title"})
TEMPLATE_FIELD_MAX_LINES = 3


def template_fields(lines: Sequence[str]) -> dict[int, str]:
    """The lines inside a page template's short fields left unrendered ("[KEYWORDS]" / the
    keywords / "[/KEYWORDS]"), as ``{index: field name}`` (lower case). Long fields and the
    content field are the article's.

    >>> template_fields(["[TITLE]", "某标题", "[/TITLE]", "[KEYWORDS]", "a,b,c", "[/KEYWORDS]"])
    {1: 'title', 4: 'keywords'}
    """
    found: dict[int, str] = {}
    opened: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        tag = _TEMPLATE_TAG_RE.fullmatch(line.strip())
        if tag is None:
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if not closing:
            opened = (index, name)
            continue
        if (
            opened is not None
            and opened[1] == name
            and index - opened[0] <= TEMPLATE_FIELD_MAX_LINES + 1
        ):
            inside = [i for i in range(opened[0] + 1, index) if lines[i].strip()]
            if name == "title" or name not in _TEXT_FIELDS:
                found.update(dict.fromkeys(inside, name))
        opened = None
    return found


def unflattened(lines: list[str]) -> list[str]:
    """`lines` with every line that is Markdown run together broken at its block marks.

    >>> unflattened(["# Notes ## Setup ![image](a.png =500x) Install it first. ## Use Run it."
    ...              + " x" * 200])[:4]
    ['# Notes', '## Setup', '![image](a.png =500x)', 'Install it first.']
    >>> unflattened(["C# is a language."])
    ['C# is a language.']
    >>> unflattened(["## Install ```bash # fetch the weights pip install x ``` Then run it. ## Use"
    ...              + " y" * 200])[:3]
    ['## Install', '```bash', '# fetch the weights pip install x']
    """
    out: list[str] = []
    for line in lines:
        out.extend(_broken(line) if _is_flattened(line) else [line])
    return out


def _is_flattened(line: str) -> bool:
    if len(line) < FLATTENED_MIN_CHARS:
        return False
    marks = (
        len(_HEADING_RE.findall(line)) + len(_IMAGE_RE.findall(line)) + len(_FENCE_RE.findall(line))
    )
    return marks >= MIN_MARKS


_CODE_FENCE_RE = re.compile(r"```")


def _broken(line: str) -> list[str]:
    cuts = {0, len(line)}
    code = _code_spans(line)
    for match in _HEADING_RE.finditer(line):
        if not any(start < match.start() < end for start, end in code):
            cuts.add(match.start())  # inside a code block "# …" is a comment, not a heading
    for pattern in (_IMAGE_RE, _FENCE_RE):
        for match in pattern.finditer(line):
            cuts.update((match.start(), match.end()))
    for match in _BLOCK_START_RE.finditer(line):
        if not any(start < match.start() < end for start, end in code):
            cuts.add(match.start())
    ordered = sorted(cuts)
    pieces = (line[start:end].strip() for start, end in pairwise(ordered))
    return [part for piece in pieces if piece for part in _quote_then_text(piece)]


# Chinese puts no space after a full stop: one there, in a quote, is where a line break was.
_QUOTE_END_RE = re.compile(r"(?<=[。！？])\s+(?=\S)")


def _quote_then_text(piece: str) -> list[str]:
    """A quote ("> 🎥 點擊上方圖片觀看影片。") and the paragraph run on after it, apart."""
    end = _QUOTE_END_RE.search(piece) if piece.startswith(">") else None
    return [piece] if end is None else [piece[: end.start()], piece[end.end() :]]


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Where code blocks run: from each opening fence to its closing one (or the line's end)."""
    fences = [match.start() for match in _CODE_FENCE_RE.finditer(line)]
    fences.append(len(line))
    return list(zip(fences[::2], fences[1::2], strict=False))


def block_markup(line: str) -> str | None:
    """A line that is only a Markdown block mark: a fence or a table-of-contents marker.

    >>> block_markup(":::spoiler"), block_markup("[TOC]"), block_markup("::: 注意事項")
    ('Markdown block markup', 'Markdown block markup', None)
    """
    if _FENCE_RE.fullmatch(line.strip()):
        return "Markdown block markup"
    return "a page template's tag" if _TEMPLATE_TAG_RE.fullmatch(line.strip()) else None


# A Mermaid diagram printed as its source: "flowchart LR", then "A[Document] --> B[Embeddings]",
# its "style A fill:#fff" and "subgraph … end" lines, or a chart's "x-axis [...]" and "bar [...]"
_DIAGRAM_HEADER_RE = re.compile(
    r"^(?:flowchart|graph)\s+(?:lr|rl|td|tb|bt)$|^(?:sequencediagram|classdiagram|erdiagram|"
    r"statediagram(?:-v2)?|gantt|mindmap|timeline|journey|gitgraph|quadrantchart|"
    r"(?:xychart|sankey|block|packet|architecture)-beta)$",
    re.IGNORECASE,
)
# The same diagram run into one line: its header, then its nodes and edges
_ONE_LINE_DIAGRAM_RE = re.compile(
    r"^(?:flowchart|graph)\s+(?:lr|rl|td|tb|bt)\s+\S.*(?:-->|==>|-\.->)", re.IGNORECASE
)
_DIAGRAM_LINE_RE = re.compile(
    r"-->|---|-\.->|==>|->>|^\w{1,20}\s*[\[({][^\])}]*[\])}]$"
    r"|^subgraph\b|^end$|^(?:style|classdef|linkstyle)\s+[\w,]+\s+[\w-]+:"
    r"|^class\s+[\w,]+\s+\w+$|^title\s+[\"'].*[\"']$|^[xy]-axis\b|^(?:bar|line)\s*\[[\d.,\s-]*\]$"
    r"|^(?:participant|actor)\s+\w|^note\s+(?:over|left of|right of)\b",
    re.IGNORECASE,
)


def diagram_source_lines(lines: list[str]) -> list[int]:
    """Each Mermaid diagram's header and the edge and node lines under it.

    >>> diagram_source_lines(["Indexing", "flowchart LR", "A[Doc] --> B[Vectors]", "B --> C", "Next."])
    [1, 2, 3]
    """
    found: list[int] = []
    index = 0
    while index < len(lines):
        if _ONE_LINE_DIAGRAM_RE.match(lines[index].strip()):
            found.append(index)
        elif _DIAGRAM_HEADER_RE.match(lines[index].strip()):
            found.append(index)
            index += 1
            while index < len(lines) and (
                not lines[index].strip() or _DIAGRAM_LINE_RE.search(lines[index].strip())
            ):
                if lines[index].strip():
                    found.append(index)
                index += 1
            continue
        index += 1
    return found
