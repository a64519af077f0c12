"""A fetched body -> (kind, text, encoding): what the Content-Type allows, and how to decode.

Charset precedence follows the HTML standard: a byte-order mark, then the HTTP ``charset``,
then (HTML) a ``<meta>`` charset, then detection (`zhiku.sources.files.decode_bytes`). Labels are read
the way browsers do: ``gb2312``/``gbk`` decode as GB18030, ``big5`` as Big5-HKSCS.
"""

from __future__ import annotations

import codecs
import logging
import re

from zhiku.errors import InputError
from zhiku.sources.files import decode_bytes

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown"}
LISTING_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
# WHATWG encoding labels that name a superset decoder in practice (pages labelled gb2312 use GBK)
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)


def parse_content_type(header: str) -> tuple[str, str | None]:
    """(media type in lower case, charset label or None) of a Content-Type header."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'").lower()
    return media.strip().lower(), charset


def kind_of(media: str, body: bytes, *, url: str) -> str:
    """ "html", "text" or "markdown" for a page's media type (sniffed when absent), or raise."""
    if media in HTML_TYPES:
        return "html"
    if media in TEXT_TYPES:
        return TEXT_TYPES[media]
    if media in LISTING_TYPES or media.endswith("+xml"):
        raise InputError(
            f"this is an XML document ({media}), not a page; add it as a feed or a sitemap instead",
            path=url,
        )
    if not media:
        head = body[:1024].lstrip().lower()
        if b"\x00" not in head:
            return (
                "html"
                if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))
                else "text"
            )
    shown = media or "binary data without a content type"
    raise InputError(
        f"unsupported content type {shown}; zhiku reads HTML and plain-text pages", path=url
    )


def decode_body(body: bytes, charset: str | None, *, kind: str, url: str) -> tuple[str, str]:
    """HTTP charset, then (for HTML) a <meta> charset, then detection; a BOM wins over all."""
    if not body.strip():
        raise InputError("empty response", path=url)
    if not body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = [charset]
        if kind == "html":
            match = _META_CHARSET.search(body[:4096])
            declared.append(match.group(1).decode("ascii").lower() if match else None)
        for label in declared:
            codec = _codec(label)
            if codec is not None:
                try:
                    return body.decode(codec), codec
                except UnicodeDecodeError:
                    logger.info("%s: declared charset %s does not decode; detecting", url, label)
    return decode_bytes(body, path=url)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL inside the label
        return None
