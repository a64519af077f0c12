"""Answer sentences that read as sentences, and one citation per document (pure).

What an extractive answer quotes is a sentence of the source, shaped for reading:

- lines that are not sentences never answer: Markdown headings (``# Choosing a database``),
  titles and section labels ("The Job Market: The Rise of AI Engineers", "第三章 模型部署"),
  captions ("Figure 2: …", "图 1 …") and list labels ("Step 2:", "优点："); a long line of
  several clauses that ends in a colon still states something and stays a sentence, and so does
  a line of code or a shell command (``docker logs -f web --tail 50``): short and lower case like
  a title, but what a "which command" question asks for;
- the source's own footnote markers (``[13]``, ``¹``, ``[注1]``, ``[citation needed]``) are removed
  from the sentence, so they are never read as zhiku's citations; the cited span keeps them;
- a line break inside a sentence (soft wrap) is joined: a space between Latin words, nothing
  between Chinese characters; a leading list bullet is dropped;
- sentences quoted from one document cite it once: their spans are merged into one citation
  when the text between them is at hand (the hits' chunks), else they share the first one.

>>> answer_sentence("Riley Goodside[13] coined the term prompt engineer.[2]")
'Riley Goodside coined the term prompt engineer.'
>>> answer_sentence("# Choosing a vector database for RAG") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhiku.records import Answer, AnswerSentence, Citation, Hit

_HEADING = re.compile(r"^\s*#{1,6}\s")
_CAPTION = re.compile(
    r"^\s*(?:fig(?:ure)?\.?|table|image|photo|chart|source|credit|图|圖|表|图片|圖片|来源|來源|资料来源|資料來源)"
    r"\s*[0-9一二三四五六七八九十]*\s*[:：.．、]",
    re.IGNORECASE,
)
_LIST_LABEL = re.compile(
    r"^\s*(?:step|part|chapter|section|第[0-9一二三四五六七八九十百]+[章节節部分步])\s*[0-9]*\s*[:：]?\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·\-*+]|\d{1,2}[.)、]|[a-z][.)]|[（(]\d{1,2}[)）])\s+")
# footnote markers of the source: [13], [注1], [note 2], [citation needed], ¹²³, ⁽¹⁾
_FOOTNOTE = re.compile(
    r"\s?(?:\[(?:\d{1,3}|注\s*\d{1,3}|註\s*\d{1,3}|note\s*\d{1,3}|[a-z]|citation needed|来源请求|來源請求)\]"
    r"|【注?\d{1,3}】|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾)",
    re.IGNORECASE,
)
_SENTENCE_END = (
    "。",
    ".",
    "!",
    "！",
    "?",
    "？",
    "…",
    "；",
    ";",
    "”",
    "」",
    "』",
    '"',
    "'",
    ")",
    "）",
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_MIN_LETTERS_BESIDE_URL = 3
# a short Chinese line that states something without a full stop, as posts broken into short
# lines do: a clause break inside it, or "X 是 / 作为 / 用于 … Y"; numbered lines and questions
# stay headings
_CLAUSE_INSIDE = re.compile(r"[^\W_][，,；;]\s*[^\W_]")
_COPULA = re.compile(
    r"\w{2}\s*(?:是|作为|作為|用于|用於|采用|採用|基于|基於|支持|支援|负责|負責)\s*\w{2}"
)
_ENUMERATED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[.)、．]|\d\ufe0f?\u20e3|[（(]\S{1,3}[)）])"
)
_ASKING = re.compile(r"什么|什麼|为何|為何|如何|怎么|怎麼|吗|嗎|哪|是否")
# what titles never hold: command-line options (-f, --tail), pipes and redirections, paths
# (./run.sh, ~/models), URLs, assignments and calls (x = f(y))
_CODE = re.compile(
    r"(?:^|\s)--?[A-Za-z][\w-]*(?=\s|=|$)|\s[|>]\s|(?:^|\s)(?:\./|~/)\S|[a-z]://\S"
    r"|\w\s?=\s?\S|\w\(\S*\)"
)
_CLAUSE_BREAK = re.compile(r"[,，;；、]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
_LONG_CJK = 24  # Chinese characters
_LONG_WORDS = 12
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "vs",
        "by",
        "from",
        "as",
        "is",
        "are",
        "how",
        "why",
        "what",
    ]
)


def answer_sentence(text: str) -> str | None:
    """`text` shaped as an answer sentence (see the module doc), or None when it is no sentence."""
    if is_heading_like(text):
        return None
    shaped = _join_lines(_FOOTNOTE.sub("", text))
    shaped = _BULLET.sub("", shaped).strip()
    return shaped or None


def is_heading_like(text: str) -> bool:
    """A heading, title, caption or list label rather than a sentence."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    if not first or _HEADING.match(first) or _CAPTION.match(first) or _LIST_LABEL.match(first):
        return True
    line = _FOOTNOTE.sub("", " ".join(text.split())).strip()
    beside_url = _URL.sub("", line)
    if beside_url != line and len(re.findall(r"[^\W\d_]", beside_url)) < _MIN_LETTERS_BESIDE_URL:
        return True  # a reference list's link ("[6]https://…"), not a sentence
    if line.endswith((":", "：")):
        return not _states_a_fact(line[:-1])  # a label introducing what follows
    if line.endswith(_SENTENCE_END):
        return False
    if _CODE.search(line):
        return False
    if _CJK.search(line):  # a short Chinese line without a full stop: a title, unless it states
        return len(line) <= 30 and not _states_in_a_line(line)
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", line)
    if not words or len(words) > 14 or _LATIN_NUMERIC_FIELD.match(line):
        return False
    capitalized = [w for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS]
    return len(capitalized) == len(words) or len(words) <= 6


def is_code_line(text: str) -> bool:
    """A command or a line of code (no Chinese, no closing full stop): it is in no natural
    language, so a Chinese question over it is not a question across languages.

    >>> is_code_line("docker logs -f web --tail 50"), is_code_line("Run it with -f to follow.")
    (True, False)
    """
    line = " ".join(text.split())
    return bool(_CODE.search(line)) and not _CJK.search(line) and not line.endswith((".", "!", "?"))


# "**时间:** 14:10 ~ 14:55", "参数量:7B": a short field label and a value that is a number
_NUMERIC_FIELD = re.compile(r"^\**\s*[\u3400-\u9fff]{1,6}\s*\**\s*[:：]\s*\**\s*\d")
# a Latin label of a few words, then a value that holds a number: "Context length: 128K tokens",
# "2. Lumen: GitHub 9.4k stars" (a spec or a ranked list states a fact per line)
_LATIN_NUMERIC_FIELD = re.compile(
    r"^\W*(?:\d{1,2}[.)]\s*)?\**\s*[A-Za-z][A-Za-z .&'’\-]{0,40}?\**\s*:\s*\**[^:]*\d"
)


def _states_in_a_line(line: str) -> bool:
    """A short Chinese line that is a statement, not a title.

    >>> _states_in_a_line("vLLM 的核心创新是PagedAttention 技术"), _states_in_a_line("大幅减少显存占用,提高 GPU 利用率")
    (True, True)
    >>> _states_in_a_line("• uv 作為套件管理工具"), _states_in_a_line("• 企業內部 AI 平台")
    (True, False)
    >>> _states_in_a_line("**時間:** 14:10 ~ 14:55"), _states_in_a_line("第一章:概述")
    (True, False)
    >>> _states_in_a_line("什么是 RAG"), _states_in_a_line("一、vLLM 是什么,适合谁"), _states_in_a_line("二、部署方式")
    (False, False, False)
    """
    if _NUMERIC_FIELD.match(line):
        return True
    if _ENUMERATED.match(line) or _ASKING.search(line):
        return False
    return bool(_CLAUSE_INSIDE.search(line) or _COPULA.search(line))


def _states_a_fact(body: str) -> bool:
    """A long line with a clause break before its colon ("X was first proposed by Y in 2020,
    in a paper titled:") says something itself before it introduces what follows; a label
    ("优点：", "The steps are as follows:") is short and one clause."""
    if not _CLAUSE_BREAK.search(body):
        return False
    if _CJK.search(body):  # a Latin name or a number inside Chinese text counts as a word
        return len(_CJK.findall(body)) + len(_LATIN_WORD.findall(body)) > _LONG_CJK
    return len(body.split()) > _LONG_WORDS


def _join_lines(text: str) -> str:
    def joined(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        both_cjk = bool(_CJK.match(before)) and bool(_CJK.match(after))
        return before + ("" if both_cjk else " ") + after

    return re.sub(r"(\S)[ \t]*\r?\n\s*(\S)", joined, text)


def merge_document_citations(answer: Answer, hits: Sequence[Hit] = ()) -> Answer:
    """`answer` with one citation per document: spans of one document merged (text from the
    hits' chunks when they cover the gap between them, else the first span stands for them)."""
    by_doc: dict[tuple[str, int], list[Citation]] = {}
    for c in answer.citations:
        by_doc.setdefault(_merge_key(c, hits), []).append(c)
    if all(len(group) == 1 for group in by_doc.values()):
        return answer
    renumber: dict[int, int] = {}
    merged: list[Citation] = []
    for c in answer.citations:
        group = by_doc[_merge_key(c, hits)]
        if c is not group[0]:
            renumber[c.number] = renumber[group[0].number]
            continue
        number = len(merged) + 1
        for member in group:
            renumber[member.number] = number
        merged.append(_merged(group, number, hits))
    sentences = tuple(
        AnswerSentence(
            s.text,
            tuple(dict.fromkeys(renumber.get(n, n) for n in s.citations)),
            s.support,
            s.status,
        )
        for s in answer.sentences
    )
    return Answer(
        answer.question, sentences, tuple(merged), answer.abstained, answer.reason, answer.removed
    )


def _merge_key(citation: Citation, hits: Sequence[Hit]) -> tuple[str, int]:
    """Spans of one document's text merge; a span of its metadata passage (another coordinate
    system, one field per sentence) stays a citation of its own."""
    for hit in hits:
        chunk = hit.chunk
        if (
            chunk.doc_id == citation.doc_id
            and chunk.kind == "metadata"
            and chunk.start <= citation.start <= citation.end <= chunk.end
            and chunk.text[citation.start - chunk.start : citation.end - chunk.start]
            == citation.text
        ):
            return citation.doc_id, citation.start + 1  # never 0, the key of the text
    return citation.doc_id, 0


def _merged(group: Sequence[Citation], number: int, hits: Sequence[Hit]) -> Citation:
    first = group[0]
    start, end = min(c.start for c in group), max(c.end for c in group)
    text = _document_text(first.doc_id, start, end, group, hits)
    if text is None:
        return Citation(
            number,
            first.doc_id,
            first.title,
            first.source,
            first.url,
            first.path,
            first.start,
            first.end,
            first.text,
        )
    return Citation(
        number, first.doc_id, first.title, first.source, first.url, first.path, start, end, text
    )


def _document_text(
    doc_id: str, start: int, end: int, group: Sequence[Citation], hits: Sequence[Hit]
) -> str | None:
    """``document.text[start:end]`` pieced together from the cited spans and the hits' chunks."""
    pieces = [(c.start, c.end, c.text) for c in group]
    pieces += [(h.chunk.start, h.chunk.end, h.chunk.text) for h in hits if h.chunk.doc_id == doc_id]
    out: list[str] = []
    at = start
    while at < end:
        covering = [(s, e, t) for s, e, t in pieces if s <= at < e]
        if not covering:
            return None
        s, e, t = max(covering, key=lambda p: p[1])
        out.append(t[at - s : min(e, end) - s])
        at = min(e, end)
    return "".join(out)
