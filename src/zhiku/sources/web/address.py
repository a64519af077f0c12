"""Which URLs zhiku may fetch: http(s) only, and no private, loopback or link-local targets.

A page on the web must not make zhiku read a router's admin page, a cloud metadata endpoint
(169.254.169.254) or a service on the user's own machine. Every hop of a fetch is checked here
*before* connecting: the host is resolved and every address it resolves to must be global.
The user can lift the address rule for their own intranet (``zhiku add --allow-private``,
``FetchPolicy(allow_private=True)``). The refusal itself names no flag: the HTTP API and MCP
callers who read it cannot pass one; the CLI adds its own hint (`PRIVATE_REFUSED`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit, urlunsplit

from zhiku.errors import InputError

Resolver = Callable[[str, int], list[str]]
SCHEMES = ("http", "https")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
PRIVATE_REFUSED = "addresses on the user's own machine or network are not fetched"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def normalize_url(url: str) -> str:
    """`url` with its fragment dropped and scheme and host in lower case; http(s) only.

    >>> normalize_url("HTTPS://News.Example.com/a/b?x=1#comments")
    'https://news.example.com/a/b?x=1'
    """
    parts = _split(url)
    user, at, host_port = parts.netloc.rpartition("@")
    netloc = f"{user}{at}{host_port.lower()}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def check_target(url: str, *, allow_private: bool, resolve: Resolver | None = None) -> list[str]:
    """The addresses `url`'s host resolves to; raises `InputError` unless `url` is http(s) and
    (unless allowed) every one of them is public.

    Literal addresses are judged without any lookup, ``localhost`` names are refused without
    one; other names are resolved with `resolve` (default: ``socket.getaddrinfo``) and every
    address must pass. The caller connects to one of the returned addresses, never to the name
    again (`zhiku.sources.web.pinning`): a second lookup could answer differently.
    """
    parts = _split(url)
    host = parts.hostname
    if not host:
        raise InputError("no host in the URL", path=url)
    name = host.rstrip(".").lower()
    if not allow_private and (name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES)):
        raise InputError(f"refused: {host} is a local host name; {PRIVATE_REFUSED}", path=url)
    literal = _parse_ip(name)
    if literal is not None:
        if not allow_private:
            _check_address(literal, url=url, host=host)
        return [name.split("%", 1)[0]]
    port = _port(parts, url)
    try:
        addresses = (resolve or resolve_host)(name, port)
    except OSError as exc:
        raise InputError(
            f"unreachable: cannot resolve {host} (DNS error: {exc})", path=url
        ) from exc
    if not addresses:
        raise InputError(f"unreachable: {host} resolves to no address", path=url)
    for text in addresses:
        address = _parse_ip(text)
        if address is None:
            raise InputError(f"unreachable: {host} resolved to {text!r}, not an address", path=url)
        if not allow_private:
            _check_address(address, url=url, host=host)
    return list(addresses)


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (``socket.getaddrinfo``), as strings."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def forbidden_kind(address: IPAddress) -> str | None:
    """Why `address` may not be fetched by default (``"loopback"``...), or None if global.

    IPv6 forms that embed an IPv4 address (``::ffff:127.0.0.1``, 6to4, NAT64) are judged by the
    embedded address.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return forbidden_kind(embedded)
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:
        return "non-global"  # e.g. 100.64.0.0/10 carrier-grade NAT
    return None


def _check_address(address: IPAddress, *, url: str, host: str) -> None:
    kind = forbidden_kind(address)
    if kind is None:
        return
    target = (
        str(address) if host.strip("[]") == str(address) else f"{host} resolves to {address}, which"
    )
    raise InputError(f"refused: {target} is a {kind} address; {PRIVATE_REFUSED}", path=url)


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return None


def _split(url: str) -> SplitResult:
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise InputError(f"invalid URL ({exc})", path=url) from exc
    if parts.scheme.lower() not in SCHEMES:
        shown = parts.scheme or "(none)"
        raise InputError(
            f"unsupported URL scheme {shown!r}; zhiku fetches http and https URLs", path=url
        )
    return parts


def _port(parts: SplitResult, url: str) -> int:
    try:
        port = parts.port
    except ValueError as exc:
        raise InputError(f"invalid port in the URL ({exc})", path=url) from exc
    return port or (443 if parts.scheme.lower() == "https" else 80)
