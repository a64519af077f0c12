"""Feeds and sitemaps -> page URLs (pure: bytes in, URLs out).

RSS and Atom are parsed with feedparser; sitemaps (``<urlset>``), sitemap indexes
(``<sitemapindex>``) and plain-text sitemaps with the standard library's ElementTree (expat
2.4+ refuses entity-expansion bombs and ElementTree never fetches external entities;
defusedxml is not a dependency). Gzip-compressed documents (``sitemap.xml.gz``) are
decompressed with a size limit.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser

from zhiku.errors import InputError

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Sitemap:
    """What one sitemap document lists: page URLs, or (an index) further sitemaps."""

    pages: list[str]
    sitemaps: list[str]


def feed_links(data: bytes, *, url: str, content_type: str | None = None) -> list[str]:
    """The entry links of an RSS or Atom document, absolute, http(s) only, in feed order.

    Raises `InputError` naming `url` when the bytes are not a feed.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never a str: feedparser fetches a str that looks like a URL and opens one that
    # names a file.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            raise InputError(f"not an RSS or Atom feed ({problem})", path=url)
        return []
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or _alternate_link(entry)
        if link:
            links.append(urljoin(url, str(link).strip()))
    return _http_only(links)


def parse_sitemap(data: bytes, *, url: str, max_bytes: int) -> Sitemap:
    """The pages or child sitemaps listed by one sitemap document (XML, gzip or plain text)."""
    data = gunzip(data, url=url, max_bytes=max_bytes) if data.startswith(_GZIP_MAGIC) else data
    if not data.lstrip().startswith(b"<"):
        lines = data.decode("utf-8", errors="replace").splitlines()
        return Sitemap(_http_only([line.strip() for line in lines if line.strip()]), [])
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"not a sitemap: XML error ({exc})", path=url) from exc
    kind = _local_name(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(
            f"not a sitemap: root element <{kind}>, expected <urlset> or <sitemapindex>", path=url
        )
    locations = [
        urljoin(url, (element.text or "").strip())
        for element in root.iter()
        if _local_name(element.tag) == "loc" and (element.text or "").strip()
    ]
    if kind == "sitemapindex":
        return Sitemap([], _http_only(locations))
    return Sitemap(_http_only(locations), [])


def gunzip(data: bytes, *, url: str, max_bytes: int) -> bytes:
    """`data` decompressed, refusing more than `max_bytes` of output (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"broken gzip data ({exc})", path=url) from exc
    if len(out) > max_bytes:
        raise InputError(
            f"decompressed size is over the {max_bytes / 1e6:g} MB limit (max_bytes)", path=url
        )
    return out


def _alternate_link(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _http_only(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if urlsplit(u).scheme in ("http", "https")))
