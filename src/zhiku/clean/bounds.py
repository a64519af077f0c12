"""What an HTML page may cost to clean: bounded before trafilatura sees it.

Cleaning time grows with the number of elements (about 45 µs per tag on a 2-core laptop, most
of it in trafilatura's passes over the tree), so a generated or hostile page of a million tags
would hold a CPU for minutes and take gigabytes. A long real article has a few thousand tags
and a very long reference page some tens of thousands; `MAX_TAGS` leaves ample room for those
and bounds the cleaning of any page to seconds. Nesting is bounded too: libxml2 silently stops
nesting at 256 levels (deeper content is lost or misplaced), and nothing written by people
nests that deep.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from zhiku.errors import InputError

MAX_TAGS = 200_000
MAX_DEPTH = 255  # libxml2's HTML parser nests at most 256 levels
_START_TAG = re.compile(r"<[A-Za-z]")


def check_html_bounds(html: str, *, path: str | None = None) -> None:
    """Raise `InputError` when `html` has more than `MAX_TAGS` start tags or nests deeper than
    `MAX_DEPTH`; the tag count is a regex scan, so a huge page is refused before any parse."""
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
