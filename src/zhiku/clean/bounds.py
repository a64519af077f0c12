"""What an HTML page may cost to clean: bounded before trafilatura sees it.

Two costs, measured on this 2-core machine:

- trafilatura's own extraction grows linearly, 45-70 µs per tag, so a generated or hostile page
  of a million tags would hold a CPU for a minute and take gigabytes. A long real article has a
  few thousand tags, a very long reference page some tens of thousands; `MAX_TAGS` (100,000,
  about 7 s) leaves room for those and refuses the rest before any parsing.
- its fallback extractors (justext above all) grow with the *square* of the paragraphs: 30,000
  tags of ``<div><p>…</p></div>`` took 13 s, 200,000 over ten minutes. Pages above
  `THOROUGH_MAX_TAGS` are extracted without the fallbacks (`thorough` is False), which keeps
  every page linear; pages below it, i.e. every ordinary article, are extracted as before.

Nesting is bounded too: libxml2 silently stops nesting at 256 levels (deeper content is lost or
misplaced), and nothing written by people nests that deep.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from zhiku.errors import InputError

MAX_TAGS = 100_000
THOROUGH_MAX_TAGS = 10_000  # the fallbacks' square cost stays under about 2 s
MAX_DEPTH = 255  # libxml2's HTML parser nests at most 256 levels
_START_TAG = re.compile(r"<[A-Za-z]")


def check_html_bounds(html: str, *, path: str | None = None) -> int:
    """The number of start tags in `html`; raises `InputError` when there are more than
    `MAX_TAGS` or the page nests deeper than `MAX_DEPTH`. The count is a regex scan, so a huge
    page is refused before any parse."""
    tags = 0
    for _ in _START_TAG.finditer(html):
        tags += 1
        if tags > MAX_TAGS:
            raise InputError(
                f"the HTML page has more than {MAX_TAGS:,} tags, more than zhiku cleans "
                "(a long article has a few thousand); save the article itself, or its text",
                path=path,
            )
    if tags > MAX_DEPTH and _depth(html) > MAX_DEPTH:
        raise InputError(
            f"the HTML page nests elements more than {MAX_DEPTH} levels deep, more than its "
            "parser keeps; save the article itself, or its text",
            path=path,
        )
    return tags


def thorough(tags: int) -> bool:
    """Whether a page of `tags` start tags may use trafilatura's (quadratic) fallbacks."""
    return tags <= THOROUGH_MAX_TAGS


def _depth(html: str) -> int:
    """The deepest nesting of the parsed page (libxml2 stops at 256: reaching that means deeper)."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return 0  # nothing parseable: trafilatura reports it
    deepest, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest
