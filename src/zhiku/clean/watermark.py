"""Watermarks: a short token a site injects after many lines of a page to mark scraped copies.

A token is a watermark when it ends many lines *right after a boundary* (sentence punctuation,
a space, or nothing at all because the token is the whole line): prose does not end a sentence
and then add the same few characters again and again. Some sites put the mark at the *start*
of lines instead ("【example.net】正文…"): a bracketed or domain-like token opening many lines is
one too, when it looks like a site (a domain) or also turns up inside a line, which a speaker
label ("【主持人】") does not. The rule needs no list of sites.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from zhiku.clean.lines import letters

MIN_CHARS = 2
MAX_CHARS = 16
MIN_HOST_LINES = 2
PAGE_SHARE = 0.2  # of non-blank lines that must carry the token, when the site is unknown
PAGE_MIN_LINES = 3
LONG_TOKEN_CHARS = 10

_BOUNDARY = frozenset(" \t\u3000。．.！!？?；;：:，,、…—-~～\"'“”‘’」』】)）]>》")
_TOKEN_END = re.compile(r"[\w\u3400-\u9fff)）\]】」』]$")
_LEADING_RE = re.compile(
    r"^(?:[【\[〔［「『《(（<][^】\]〕］」』》)）>\s]{2,14}[】\]〕］」』》)）>]"
    r"|(?:www\.)?[a-z0-9][a-z0-9-]{1,20}\.(?:com|net|org|cn|io|tw|hk|cc|top|xyz|info|ai|me)\b)",
    re.IGNORECASE,
)
_DOMAIN_RE = re.compile(r"[a-z0-9-]{2,}\.[a-z]{2,}", re.IGNORECASE)
# a count before the space: the tail is its unit ("13.1w Star", "5 MB"), not an injected mark
_COUNT_BEFORE_RE = re.compile(r"\d(?:[\d.,]*\d)?\s?[kmbwKMBW万亿千+]?\s$")


@dataclass(frozen=True, slots=True)
class TokenCounts:
    """How often each candidate token ends a line after a boundary, or is the whole line."""

    hosted: Counter[str]
    alone: Counter[str]
    leading: Counter[str]


def count_line_end_tokens(lines: Sequence[str]) -> TokenCounts:
    """Count, once per distinct line, every 2–16 character tail that follows a boundary.

    >>> counts = count_line_end_tokens(["好的。XY网", "是的!XY网", "XY网", "没有", "是的!XY网"])
    >>> counts.hosted["XY网"], counts.alone["XY网"]
    (2, 1)
    >>> count_line_end_tokens(["A: 13.1w Star", "B: 3w Star", "C: 5 Star"]).hosted["Star"]
    0
    """
    hosted: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    leading: Counter[str] = Counter()
    seen: set[str] = set()  # a line printed again (a repeated label) hosts its tail once
    for line in lines:
        if not line:
            continue
        if len(line) <= MAX_CHARS:
            alone[line] += 1
        if line in seen:
            continue
        seen.add(line)
        if (head := _LEADING_RE.match(line)) is not None and head.end() < len(line):
            leading[head.group(0)] += 1
        for size in range(MIN_CHARS, min(MAX_CHARS, len(line) - 1) + 1):
            token = line[-size:]
            if (
                line[-size - 1] in _BOUNDARY
                and token[0] not in _BOUNDARY
                and not _COUNT_BEFORE_RE.search(line[:-size])
            ):
                hosted[token] += 1
    return TokenCounts(hosted, alone, leading)


_EVERYDAY_ENDINGS = frozenset(
    {"ago", "comments", "comment", "replies", "reply", "views", "likes", "votes", "points", "read"}
)


def is_token_shape(token: str) -> bool:
    """Two or more letters, ending in a letter, digit or closing bracket (not a sentence end);
    not an everyday word that ends lines by itself ("2d ago", "3 comments")."""
    return (
        letters(token) >= MIN_CHARS
        and _TOKEN_END.search(token) is not None
        and token.strip().lower() not in _EVERYDAY_ENDINGS
    )


def find_watermarks(
    lines: Sequence[str], *, site_tokens: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Tokens that end many lines of this page, or that this site is known to inject.

    ``site_tokens`` are tokens other pages of the same site carried (see ``chrome_fingerprints``);
    they count from a single host line. Longest tokens first; a token inside a chosen one is the
    same watermark and is not reported again.
    """
    counts = count_line_end_tokens(lines)
    nonblank = sum(1 for line in lines if line)
    needed = max(PAGE_MIN_LINES, int(PAGE_SHARE * nonblank + 0.999))
    chosen = [
        token
        for token, hosts in counts.leading.items()
        if (hosts >= needed or token in site_tokens)
        and is_token_shape(token)
        and (_DOMAIN_RE.search(token) is not None or _inside_a_line(lines, token))
    ]
    for token in sorted(counts.hosted, key=len, reverse=True):
        hosts = counts.hosted[token]
        # a long phrase ending two lines (a breadcrumb's last item, a keyword list) and printed
        # alone once is the headline; a site's mark is short or ends many more lines
        least = MIN_HOST_LINES + (len(token) >= LONG_TOKEN_CHARS)
        on_page = hosts >= least and hosts + counts.alone[token] >= needed
        if not (on_page or token in site_tokens) or not is_token_shape(token):
            continue
        if any(token in longer for longer in chosen) or _tail_of_a_repeated_line(lines, token):
            continue
        chosen.append(token)
    return tuple(chosen)


def _tail_of_a_repeated_line(lines: Sequence[str], token: str) -> bool:
    """A line ending in ``token`` ends another line too, whole: the token is the tail of a
    phrase the page repeats (the headline, then the breadcrumb's last item and the keywords),
    not a mark injected after lines that differ.

    >>> lines = ["您的位置:首页 > 收藏!模型原理全解析", "收藏!模型原理全解析", "关键词:收藏!模型原理全解析"]
    >>> _tail_of_a_repeated_line(lines, "模型原理全解析")
    True
    >>> _tail_of_a_repeated_line(["第一段。XY网", "第二段。XY网", "第三段。XY网"], "XY网")
    False
    >>> _tail_of_a_repeated_line(["Rules Under the EU AI Act", "Briefing: Rules Under the EU AI Act"], "AI Act")
    True
    """
    hosts = [line.strip() for line in lines if line.strip().endswith(token)]
    if any(
        len(host) > len(token) and sum(other.endswith(host) for other in hosts) > 1
        for host in hosts
    ):
        return True
    # two lines that end alike well before the token: one phrase ("… Obligations Under the EU AI
    # Act" as the headline and again in a heading), not a mark put after lines that differ
    return any(
        _common_suffix(a, b) >= len(token) + SHARED_PHRASE_CHARS
        for i, a in enumerate(hosts)
        for b in hosts[i + 1 :]
    )


SHARED_PHRASE_CHARS = 10


def _common_suffix(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    return size


def _inside_a_line(lines: Sequence[str], token: str) -> bool:
    return any(line.find(token, 1) > 0 for line in lines if line and token in line)


def strip_watermark(line: str, token: str) -> str:
    """``line`` without ``token`` at its end, and wherever else a boundary touches it.

    >>> strip_watermark("标题XY网", "XY网"), strip_watermark("好。XY网下一句。XY网", "XY网")
    ('标题', '好。下一句。')
    """
    if line == token:
        return ""
    pieces = line.split(token)
    out = pieces[0]
    for position, piece in enumerate(pieces[1:], start=1):
        at_end = position == len(pieces) - 1 and not piece.strip()
        touches = (out[-1:] or " ") in _BOUNDARY or (piece[:1] or " ") in _BOUNDARY
        out = out + piece if at_end or touches else out + token + piece
    return out.strip()
