"""Private, loopback and link-local targets are refused by default, before any connection."""

from __future__ import annotations

import httpx
import pytest

from zhiku.errors import InputError
from zhiku.sources.web import Fetcher, FetchPolicy, check_target, normalize_url


def no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"looked up {host}: literal addresses and localhost need no lookup")


def no_network(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"connected to {request.url}: the address check must come first")


@pytest.fixture
def guarded() -> Fetcher:
    return Fetcher(
        FetchPolicy(),
        client=httpx.Client(transport=httpx.MockTransport(no_network)),
        resolve=no_dns,
    )


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.0.0.1:8080/admin", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://172.16.0.9/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::5]/", "private"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://[64:ff9b::a00:1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "non-global"),
        ("https://localhost/", "local host name"),
        ("http://LOCALHOST:8000/", "local host name"),
        ("http://printer.local/", "local host name"),
        ("http://app.localhost/", "local host name"),
    ],
)
def test_refused_without_lookup_or_connection(guarded: Fetcher, url: str, kind: str) -> None:
    with pytest.raises(InputError, match=kind) as caught:
        guarded.fetch(url)
    message = str(caught.value)
    assert message.startswith(f"{normalize_url(url)}: refused")
    assert "not fetched" in message and "--" not in message  # API and MCP callers have no flags


def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    def resolve(host: str, port: int) -> list[str]:
        assert (host, port) == ("intranet.example.com", 443)
        return ["93.184.216.34", "10.0.0.7"]  # one bad address is enough

    client = httpx.Client(transport=httpx.MockTransport(no_network))
    fetcher = Fetcher(FetchPolicy(), client=client, resolve=resolve)
    with pytest.raises(
        InputError, match=r"intranet.example.com resolves to 10.0.0.7, which is a private"
    ):
        fetcher.fetch("https://intranet.example.com/wiki")


def test_a_redirect_to_a_private_address_is_refused_before_following() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = Fetcher(FetchPolicy(), client=client, resolve=lambda h, p: ["93.184.216.34"])
    with pytest.raises(InputError, match=r"169.254.169.254 is a link-local address"):
        fetcher.fetch("https://news.example.com/story")
    assert requested == ["https://news.example.com/robots.txt", "https://news.example.com/story"]


def test_dns_failure_is_unreachable() -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(
        InputError, match=r"unreachable: cannot resolve nowhere.invalid \(DNS error"
    ):
        check_target("http://nowhere.invalid/", allow_private=False, resolve=resolve)


def test_public_addresses_pass_and_allow_private_lifts_the_rule() -> None:
    check_target("https://93.184.216.34/", allow_private=False, resolve=no_dns)
    check_target("http://[2606:4700::1111]/", allow_private=False, resolve=no_dns)
    assert check_target("http://127.0.0.1/", allow_private=True, resolve=no_dns) == ["127.0.0.1"]
    # allowed, a local name is still resolved: the fetcher connects to the address it checked
    local = check_target("http://localhost:8000/", allow_private=True, resolve=lambda h, p: ["::1"])
    assert local == ["::1"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("example.com/page", r"unsupported URL scheme '\(none\)'"),
        ("http:///path-only", "no host in the URL"),
    ],
)
def test_only_http_urls(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_target(url, allow_private=True)


def test_normalize_url() -> None:
    assert (
        normalize_url("HTTP://User@News.Example.COM:8080?q=1#frag")
        == "http://User@news.example.com:8080/?q=1"
    )
