"""Feed and sitemap documents -> page URLs, without any network."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest

from zhiku.errors import InputError
from zhiku.sources.web import Fetcher, FetchPolicy, feed_links, parse_sitemap

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
BASE = "https://news.example.com/feeds/ai.xml"


def test_rss_links_are_absolute_deduplicated_and_http_only() -> None:
    links = feed_links((SITE / "feed.rss").read_bytes(), url=BASE)
    assert links == [
        "https://news.example.com/zh/gbk-header.html",
        "https://news.example.com/en/news.html",
    ]


def test_atom_uses_the_alternate_link() -> None:
    links = feed_links((SITE / "feed.atom").read_bytes(), url=BASE)
    assert links == ["https://news.example.com/zh/big5.html", "https://news.example.com/notes.txt"]


def test_html_is_not_a_feed() -> None:
    with pytest.raises(InputError, match=f"^{BASE}: not an RSS or Atom feed"):
        feed_links(b"<html><body><p>hello</p></body></html>" * 3, url=BASE)


def test_a_feed_string_is_never_opened_as_a_file_or_url() -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        feed_links(str(SITE / "feed.rss").encode(), url=BASE)


def test_sitemap_and_index() -> None:
    pages = parse_sitemap((SITE / "sitemap.xml").read_bytes(), url=BASE, max_bytes=10**6)
    assert pages.pages == [
        "https://news.example.com/en/news.html",
        "https://news.example.com/zh/gbk-meta.html",
    ]
    assert pages.sitemaps == []
    index = parse_sitemap((SITE / "sitemap_index.xml").read_bytes(), url=BASE, max_bytes=10**6)
    assert index.pages == [] and len(index.sitemaps) == 4


def test_gzip_sitemap_and_gzip_bomb() -> None:
    data = gzip.compress((SITE / "sitemap_news.xml").read_bytes())
    assert parse_sitemap(data, url=BASE, max_bytes=10**6).pages[0].endswith("/zh/big5.html")
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(InputError, match="decompressed size is over the 1 MB limit"):
        parse_sitemap(bomb, url=BASE, max_bytes=1_000_000)
    with pytest.raises(InputError, match="broken gzip data"):
        parse_sitemap(data[:30], url=BASE, max_bytes=10**6)


def test_plain_text_sitemap() -> None:
    text = b"https://a.example/1\n\nhttps://a.example/2\nnot a url\n"
    assert parse_sitemap(text, url=BASE, max_bytes=1000).pages == [
        "https://a.example/1",
        "https://a.example/2",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<urlset><url><loc>x</loc>", "not a sitemap: XML error"),
        (b"<rss><channel/></rss>", "root element <rss>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
            b'&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset>&c;</urlset>',
            None,
        ),
    ],
)
def test_bad_sitemaps(data: bytes, message: str | None) -> None:
    if message is None:  # small entity expansion is harmless and parses; no external fetch
        assert parse_sitemap(data, url=BASE, max_bytes=10**6).pages == []
        return
    with pytest.raises(InputError, match=message):
        parse_sitemap(data, url=BASE, max_bytes=10**6)


def test_robots_txt_answering_5xx_blocks_and_4xx_allows() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(503 if request.url.host == "down.example.com" else 404)
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"ok")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    policy = FetchPolicy(backoff_s=0.0)
    fetcher = Fetcher(
        policy, client=client, resolve=lambda h, p: ["93.184.216.34"], sleep=lambda s: None
    )
    assert fetcher.fetch("https://up.example.com/a").text == "ok"
    with pytest.raises(
        InputError, match=r"blocked by robots.txt .*: its robots.txt is unavailable"
    ):
        fetcher.fetch("https://down.example.com/a")
