"""Fetching from a real HTTP server on 127.0.0.1 that serves our fixture site."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

from zhiku.errors import InputError
from zhiku.sources.files import RawInput
from zhiku.sources.web import Fetcher, FetchPolicy, feed_urls, fetch_url, sitemap_urls

if TYPE_CHECKING:  # the fixture's type; conftest is not importable as a module
    from conftest import Site

# the server is on loopback, so these tests allow private addresses (refusal: test_address.py)
POLICY = FetchPolicy(allow_private=True, timeout_s=3.0, backoff_s=0.01)


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def fetcher(waits: list[float]) -> Iterator[Fetcher]:
    with Fetcher(POLICY, sleep=waits.append) as f:
        yield f


def test_gbk_page_declared_in_content_type(fetcher: Fetcher, site: Site) -> None:
    page = fetcher.fetch(site.url("/zh/gbk-header.html"))
    assert page.kind == "html"
    assert page.encoding == "gb18030"
    assert "国产开源模型“青岚-2”发布" in page.text
    assert page.raw == page.text.encode("gbk")


def test_gbk_page_declared_only_in_meta(fetcher: Fetcher, site: Site) -> None:
    page = fetcher.fetch(site.url("/zh/gbk-meta.html"))
    assert page.encoding == "gb18030"
    assert "单张消费级显卡即可运行其四比特版本" in page.text


def test_big5_page(fetcher: Fetcher, site: Site) -> None:
    page = fetcher.fetch(site.url("/zh/big5.html"))
    assert page.encoding == "big5hkscs"
    assert "開源語言模型掀起本地部署熱潮" in page.text


def test_utf8_page_and_what_the_raw_input_records(fetcher: Fetcher, site: Site) -> None:
    page = fetcher.fetch(site.url("/en/news.html#comments"))
    assert isinstance(page, RawInput)
    assert page.origin == site.url("/en/news.html")  # fragment dropped
    assert page.url == site.url("/en/news.html")
    assert page.encoding == "utf-8"
    assert "“二〇二四”" in page.text and page.path is None


def test_plain_text_and_undeclared_type(fetcher: Fetcher, site: Site) -> None:
    notes = fetcher.fetch(site.url("/notes.txt"))
    assert notes.kind == "text" and "检索增强生成" in notes.text
    assert fetcher.fetch(site.url("/notes-undeclared")).kind == "text"


def test_redirect_chain_is_followed_and_final_url_kept(fetcher: Fetcher, site: Site) -> None:
    page = fetcher.fetch(site.url("/hop/3"))
    assert page.origin == site.url("/hop/3")
    assert page.url == site.url("/en/news.html")


def test_too_many_redirects(fetcher: Fetcher, site: Site) -> None:
    with pytest.raises(InputError, match=r"too many redirects \(more than 5"):
        fetcher.fetch(site.url("/hop/7"))


def test_redirect_loop(fetcher: Fetcher, site: Site) -> None:
    with pytest.raises(InputError, match="redirect loop") as caught:
        fetcher.fetch(site.url("/loop/a"))
    assert caught.value.path == site.url("/loop/a")


def test_404_names_the_url(fetcher: Fetcher, site: Site) -> None:
    with pytest.raises(InputError) as caught:
        fetcher.fetch(site.url("/no/such/page.html"))
    assert str(caught.value) == f"{site.url('/no/such/page.html')}: HTTP 404 Not Found"


def test_500_then_200_is_retried(fetcher: Fetcher, site: Site, waits: list[float]) -> None:
    page = fetcher.fetch(site.url("/flaky"))
    assert "second time lucky" in page.text
    assert waits == [0.01]


def test_429_honours_retry_after(fetcher: Fetcher, site: Site, waits: list[float]) -> None:
    assert "now served" in fetcher.fetch(site.url("/busy")).text
    assert waits == [1.0]


def test_persistent_503_gives_up_after_the_retries(fetcher: Fetcher, site: Site) -> None:
    before = site.hits["/down"]
    with pytest.raises(InputError, match=r"HTTP 503 Service Unavailable \(after 3 attempts\)"):
        fetcher.fetch(site.url("/down"))
    assert site.hits["/down"] - before == 3


def test_retry_after_beyond_the_cap_is_not_waited_for(
    fetcher: Fetcher, site: Site, waits: list[float]
) -> None:
    with pytest.raises(InputError, match="HTTP 429 Too Many Requests"):
        fetcher.fetch(site.url("/very-busy"))
    assert waits == []


def test_slow_page_times_out(site: Site) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match=r"timed out after 0.3 s"):
        fetch_url(site.url("/slow"), policy=FetchPolicy(allow_private=True, timeout_s=0.3))
    assert time.monotonic() - start < 1.4


def test_oversized_page_is_refused_while_reading(site: Site) -> None:
    policy = FetchPolicy(allow_private=True, max_bytes=100_000)
    with pytest.raises(InputError, match=r"over the 0.1 MB limit \(max_bytes\)"):
        fetch_url(site.url("/huge"), policy=policy)
    with pytest.raises(InputError, match=r"response is 50 MB, over the 0.1 MB limit"):
        fetch_url(site.url("/huge-declared"), policy=policy)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/image.png", "unsupported content type image/png"),
        ("/paper.pdf", "unsupported content type application/pdf"),
        ("/feed.rss", "not a page; add it as a feed or a sitemap instead"),
        ("/empty", "empty response"),
    ],
)
def test_what_is_not_a_page_is_refused(
    fetcher: Fetcher, site: Site, path: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        fetcher.fetch(site.url(path))


def test_robots_txt_is_respected_and_fetched_once(fetcher: Fetcher, site: Site) -> None:
    before = site.hits["/robots.txt"]
    with pytest.raises(InputError, match=r"blocked by robots.txt"):
        fetcher.fetch(site.url("/private/secret.html"))
    with pytest.raises(InputError, match=r"blocked by robots.txt"):
        fetcher.fetch(site.url("/members-only.html"))  # a rule for zhiku's own user agent
    with pytest.raises(InputError, match=r"redirected to .*/private/secret.html"):
        fetcher.fetch(site.url("/to-private"))  # every hop is checked
    fetcher.fetch(site.url("/en/news.html"))
    assert site.hits["/robots.txt"] - before == 1


def test_robots_txt_can_be_ignored_by_policy(site: Site) -> None:
    policy = FetchPolicy(allow_private=True, respect_robots=False)
    assert fetch_url(site.url("/private/secret.html"), policy=policy).kind == "html"


def test_fetch_all_yields_errors_without_stopping(fetcher: Fetcher, site: Site) -> None:
    urls = [
        site.url("/en/news.html"),
        site.url("/missing"),
        "ftp://example.com/x",
        site.url("/notes.txt"),
    ]
    results = list(fetcher.fetch_all(urls))
    assert [type(r).__name__ for r in results] == [
        "RawInput",
        "InputError",
        "InputError",
        "RawInput",
    ]
    assert "unsupported URL scheme 'ftp'" in str(results[2])


def test_unreachable_port(site: Site) -> None:
    fetcher = Fetcher(POLICY, sleep=lambda s: None)
    with pytest.raises(InputError, match=r"unreachable: connection failed .*\(after 3 attempts\)"):
        fetcher.fetch("http://127.0.0.1:9/")  # the discard port: nothing listens in a test box
    fetcher.close()


def test_rss_feed(fetcher: Fetcher, site: Site) -> None:
    assert fetcher.feed(site.url("/feed.rss")) == [
        site.url("/zh/gbk-header.html"),
        site.url("/en/news.html"),
    ]


def test_atom_feed(site: Site) -> None:
    links = feed_urls(site.url("/feed.atom"), policy=POLICY)
    assert links == [site.url("/zh/big5.html"), site.url("/notes.txt")]


def test_a_page_is_not_a_feed(fetcher: Fetcher, site: Site) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        fetcher.feed(site.url("/notes.txt"))


def test_sitemap(fetcher: Fetcher, site: Site) -> None:
    assert fetcher.sitemap(site.url("/sitemap.xml")) == [
        site.url("/en/news.html"),
        site.url("/zh/gbk-meta.html"),
    ]


def test_sitemap_index_recurses_into_gzip_and_skips_broken_children(site: Site) -> None:
    urls = sitemap_urls(site.url("/sitemap_index.xml"), policy=POLICY)
    assert urls == [
        site.url("/en/news.html"),
        site.url("/zh/gbk-meta.html"),
        site.url("/zh/big5.html"),
        site.url("/notes.txt"),
    ]


def test_sitemap_caps(site: Site) -> None:
    policy = FetchPolicy(allow_private=True, max_sitemaps=2, max_urls=10)
    assert len(sitemap_urls(site.url("/sitemap_index.xml"), policy=policy)) == 2  # index + one
    policy = FetchPolicy(allow_private=True, max_urls=3)
    assert len(sitemap_urls(site.url("/sitemap_index.xml"), policy=policy)) == 3


def test_a_missing_sitemap_raises(fetcher: Fetcher, site: Site) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        fetcher.sitemap(site.url("/missing-sitemap.xml"))


def test_user_agent_names_zhiku() -> None:
    assert FetchPolicy().user_agent.startswith("zhiku/")
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"hello")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    policy = FetchPolicy(respect_robots=False, user_agent="zhiku/test (+local knowledge base)")
    page = fetch_url("https://93.184.216.34/a", policy=policy, client=client)
    assert page.text == "hello" and seen == ["zhiku/test (+local knowledge base)"]
    assert not client.is_closed  # a borrowed client is not closed


def test_no_httpx_exception_leaks() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(InputError, match="broken response"):
        fetch_url("https://93.184.216.34/", policy=FetchPolicy(respect_robots=False), client=client)
