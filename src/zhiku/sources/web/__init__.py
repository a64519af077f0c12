"""Web sources: pages, RSS/Atom feeds and sitemaps fetched over HTTP(S) -> `RawInput`.

fetcher.py    FetchPolicy, Fetcher (httpx client + robots.txt cache), fetch_url, feed_urls,
              sitemap_urls: limits, checked redirects, retries, robots.txt, decoding
address.py    which targets may be fetched: http(s) only, no private/loopback/link-local
listings.py   feed and sitemap documents -> page URLs (pure)
"""

from zhiku.sources.web.address import check_target, normalize_url
from zhiku.sources.web.fetcher import (
    Fetcher,
    FetchPolicy,
    Response,
    feed_urls,
    fetch_url,
    sitemap_urls,
)
from zhiku.sources.web.listings import Sitemap, feed_links, parse_sitemap

__all__ = [
    "FetchPolicy",
    "Fetcher",
    "Response",
    "Sitemap",
    "check_target",
    "feed_links",
    "feed_urls",
    "fetch_url",
    "normalize_url",
    "parse_sitemap",
    "sitemap_urls",
]
