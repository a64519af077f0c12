"""A raw RSS or Atom feed saved as a page: its titles and entries as text, its markup dropped.

Crawlers save a site's feed like any other URL. Its text is XML, often cut off mid-entry, so it
is read with a tolerant scan instead of an XML parser: every title, description and content
element, in document order, with CDATA opened and the HTML inside turned into lines.

>>> feed = read_feed('<?xml version="1.0"?><rss><channel><title><![CDATA[A &amp; B]]></title>'
...     '<item><description><![CDATA[<p>One.</p><p>Two <a href="x">link</a>.')
>>> feed.title
'A & B'
>>> print(feed.text)
A & B
<BLANKLINE>
One.
<BLANKLINE>
Two link.
>>> read_feed("<html><body>Not a feed</body></html>") is None
True
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FEED_START_RE = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE
)
# the elements that carry text a reader sees; links, dates and ids are left to the metadata
_TEXT_ELEMENT_RE = re.compile(
    r"<(title|description|summary|subtitle|content(?::encoded)?)\b[^>]*>(.*?)(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_CDATA_RE = re.compile(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", re.DOTALL)
_BREAK_TAG_RE = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|h[1-6]|tr|blockquote|pre))\s*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>|<[^>]*\Z")


@dataclass(frozen=True, slots=True)
class Feed:
    """The feed's own title (its first title element) and its readable text."""

    title: str | None
    text: str


def read_feed(text: str) -> Feed | None:
    """The feed's title and text, one paragraph per title or block; ``None`` when ``text`` is
    not a feed."""
    if _FEED_START_RE.match(text) is None:
        return None
    title: str | None = None
    paragraphs: list[str] = []
    for element in _TEXT_ELEMENT_RE.finditer(text):
        found = _element_text(element.group(2))
        if title is None and element.group(1).lower() == "title" and found:
            title = " ".join(found)
        for paragraph in found:
            if not paragraphs or paragraphs[-1] != paragraph:
                paragraphs.append(paragraph)
    return Feed(title, "\n\n".join(paragraphs))


def _element_text(raw: str) -> list[str]:
    """An element's content as paragraphs: CDATA holds HTML as is, otherwise it is escaped."""
    cdata = _CDATA_RE.findall(raw)
    markup = "".join(cdata) if cdata else html.unescape(raw)
    markup = _BREAK_TAG_RE.sub("\n", markup)
    plain = html.unescape(_TAG_RE.sub("", markup))
    return [" ".join(line.split()) for line in plain.splitlines() if line.strip()]
