"""Cross-document boilerplate: the fingerprints of a page's chrome-like lines.

A site repeats its chrome on every page; the store counts these fingerprints per site and
hands the frequent ones back to the cleaner as ``site_chrome``. Two kinds of fingerprint:

- ``"l:<16 hex>"``: a line, normalized (NFKC, case-folded, spacing removed, each run of digits
  masked to ``0`` so counters and dates match across pages) and hashed (blake2b, 8 bytes);
- ``"w:<token>"``: a watermark candidate, a short token that ends lines of this page right after
  a boundary (kept readable: it is short, and the cleaner needs the token itself).

Only *eligible* lines are fingerprinted: lines a chrome rule matched, lines that are not prose
(short lines, link lists, labels), and any line above or below the article body. A prose line
inside the body never is, so two reposts of one article sharing their paragraphs
never turn those paragraphs into chrome, whatever the caller's threshold.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

LINE_PREFIX = "l:"
WATERMARK_PREFIX = "w:"

_SPACE_RE = re.compile(r"\s+")
_DIGIT_RE = re.compile(r"\d+")


def normalize_line(line: str) -> str:
    """A line as a site's template prints it, whatever the numbers of this page.

    >>> normalize_line("阅读 1,234  |  2024-05-06")
    '阅读0,0|0-0-0'
    """
    text = unicodedata.normalize("NFKC", line).casefold()
    return _DIGIT_RE.sub("0", _SPACE_RE.sub("", text))


def line_fingerprint(line: str) -> str:
    digest = hashlib.blake2b(normalize_line(line).encode("utf-8"), digest_size=8).hexdigest()
    return LINE_PREFIX + digest


def watermark_fingerprint(token: str) -> str:
    return WATERMARK_PREFIX + token


def site_watermarks(site_chrome: frozenset[str]) -> frozenset[str]:
    """The watermark tokens among a site's frequent fingerprints."""
    return frozenset(
        fp[len(WATERMARK_PREFIX) :] for fp in site_chrome if fp.startswith(WATERMARK_PREFIX)
    )
