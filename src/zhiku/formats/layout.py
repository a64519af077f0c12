"""What every document format yields, and the text repairs they share (pure).

>>> join_lines(["Low-rank adapt-", "ation keeps the base", "model frozen."])
'Low-rank adaptation keeps the base model frozen.'
>>> join_lines(["低秩适配只训练", "少量参数。"])
'低秩适配只训练少量参数。'
>>> split_off_references("A long enough body of the paper.\\n\\nReferences\\n\\n[1] A. Author. 2020.")
('A long enough body of the paper.', 'References\\n\\n[1] A. Author. 2020.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhiku.clean.records import Removal


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """The text of a PDF, DOCX or EPUB file, ready to chunk.

    ``page_starts[i]`` is the offset in ``text`` where page (or chapter) ``i + 1`` begins, so a
    citation's start offset tells its page; empty when the format has no pages.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    page_starts: tuple[int, ...] = ()
    removed: tuple[Removal, ...] = ()


_CJK_END = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_HYPHENATED = re.compile(r"[A-Za-z]-$")
_REFERENCES = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:references|bibliography|works cited|参考文献|參考文獻)\s*$",
    re.I | re.M,
)
_APPENDIX = re.compile(r"^(?:[A-Z]\.?\s+|appendix\b|附录|附錄)\S", re.M)


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as running text: hyphenation undone, no space between Chinese."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if not text:
            text = line
        elif _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line
        elif _CJK_END.search(text) and _CJK_START.search(line):
            text += line
        else:
            text += " " + line
    return text


def split_off_references(text: str) -> tuple[str, str]:
    """(body, references): the reference list of a paper, up to an appendix, kept apart.

    Only a heading in the second half of the text counts, so a paper that mentions
    "References" early (a table of contents) keeps its body.
    """
    headings = [m for m in _REFERENCES.finditer(text) if m.start() >= len(text) // 2]
    if not headings:
        return text, ""
    start = headings[-1].start()
    appendix = _APPENDIX.search(text, headings[-1].end())
    end = (
        appendix.start()
        if appendix and appendix.group().lower().startswith(("appendix", "附"))
        else len(text)
    )
    body = (
        text[:start].rstrip() + ("\n\n" + text[end:].lstrip() if end < len(text) else "")
    ).strip()
    return body, text[start:end].strip()
