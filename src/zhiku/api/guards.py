"""ASGI middleware at the app's edge: the API key, request size limits, what other sites may
make a browser do, and the security headers of every response.

All answer in the one JSON error shape before any route runs. Page routes (the web UI) ask a
browser without the key to log in instead of showing it JSON.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhiku.api.errors import json_error
from zhiku.api.ratelimit import FailureLimiter, client_of
from zhiku.knowledge.library import QUERY_LOGGING

KEY_COOKIE = "zhiku_key"
OPEN_PATHS = ("/api/health", "/login")  # reachable without the key
OPEN_PREFIXES = ("/static/",)  # packaged CSS/JS, no library data


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def presented_key(headers: dict[str, str]) -> str | None:
    """The key a request carries: ``Authorization: Bearer``, ``X-API-Key`` or the UI's cookie."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip()
    if "x-api-key" in headers:
        return headers["x-api-key"].strip()
    if "cookie" in headers:
        morsel = SimpleCookie(headers["cookie"]).get(KEY_COOKIE)
        if morsel is not None:
            return morsel.value
    return None


def key_matches(presented: str | None, expected: str) -> bool:
    return presented is not None and hmac.compare_digest(presented.encode(), expected.encode())


def wants_html(scope: Scope, headers: dict[str, str]) -> bool:
    path: str = scope["path"]
    api = path.startswith("/api") or path in ("/docs", "/redoc", "/openapi.json")
    return not api and "text/html" in headers.get("accept", "")


def too_many_failures(retry_after: float) -> JSONResponse:
    """The 429 for a client that failed the key too often (see `FailureLimiter`)."""
    wait = int(retry_after + 0.999)
    message = f"too many wrong API keys from this address; try again in {wait} s"
    return json_error("TooManyRequests", message, 429, {"Retry-After": str(wait)})


class ApiKeyMiddleware:
    """Every route but `OPEN_PATHS` requires `api_key`; a wrong or missing key is a 401, and a
    client that keeps presenting wrong keys is answered 429 for a while (`FailureLimiter`)."""

    def __init__(
        self, app: ASGIApp, *, api_key: str, limiter: FailureLimiter | None = None
    ) -> None:
        self.app = app
        self.api_key = api_key
        self.limiter = limiter or FailureLimiter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        presented = presented_key(headers)
        client = client_of(scope.get("client"))
        if presented is not None and (wait := self.limiter.retry_after(client)) is not None:
            await too_many_failures(wait)(scope, receive, send)
            return
        if key_matches(presented, self.api_key):
            await self.app(scope, receive, send)
            return
        if presented is not None:
            self.limiter.failed(client)
        if wants_html(scope, headers):
            target = path + (
                f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else ""
            )
            response: Any = RedirectResponse(
                f"/login?next={quote(target, safe='')}", status_code=303
            )
        else:
            message = (
                "wrong API key"
                if presented
                else "API key required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
            )
            response = json_error("Unauthorized", message, 401, {"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


class BodyLimitMiddleware:
    """Refuse bodies over the limit for their path: by Content-Length up front, else while read."""

    def __init__(
        self, app: ASGIApp, *, default_bytes: int, limits: Iterable[tuple[str, int]] = ()
    ) -> None:
        self.app = app
        self.default_bytes = default_bytes
        self.limits = dict(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default_bytes)
        declared = _headers(scope).get("content-length")
        too_large = f"request body over the {limit:,} byte limit for {scope['path']}"
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await json_error("PayloadTooLarge", too_large, 413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # an HTTPException passes through FastAPI's body parsing to our handler
                    raise HTTPException(413, too_large)
            return message

        await self.app(scope, limited, send)


def _host_name(value: str) -> str:
    """'127.0.0.1:8765' -> '127.0.0.1', '[::1]:80' -> '::1', 'Example.com' -> 'example.com'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
Origin = tuple[str, str, int | None]  # scheme, host, port


def _origin_of_url(url: str) -> Origin | None:
    """(scheme, host, port) of an ``Origin`` or ``Referer`` value; None if it is not a URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    return scheme, parts.hostname.lower(), port or _DEFAULT_PORTS.get(scheme)


def own_origin(scope: Scope, headers: dict[str, str]) -> Origin | None:
    """The origin a browser sees this server at: the request's scheme and its Host header."""
    scheme = str(scope.get("scheme", "http")).lower()
    return _origin_of_url(f"{scheme}://{headers.get('host', '')}")


def is_loopback_literal(host: str) -> bool:
    """A literal loopback address (127.0.0.0/8, ::1): no DNS name, so no rebinding behind it."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cross_site(scope: Scope, headers: dict[str, str]) -> bool:
    """Whether a browser sent this request on another site's behalf (another scheme, host or
    port: ``http://127.0.0.1:9999`` is another site to ``http://127.0.0.1:8765``).

    ``Sec-Fetch-Site`` decides when the browser sends it (only ``same-origin`` and ``none``, a
    typed URL or bookmark, are first-party); otherwise ``Origin``, then ``Referer``, must be
    this server's origin. Scripts and curl send none of these and are first-party.
    """
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in ("same-origin", "none")
    sender = headers.get("origin") or headers.get("referer")
    if sender is None:
        return False
    if sender.strip() == "null":
        return True
    return _origin_of_url(sender) != own_origin(scope, headers)


class SameSiteMiddleware:
    """Refuse what another web site could make a visitor's browser do to this library.

    - Host: with `allowed_hosts`, a request for any other host name is refused (DNS rebinding:
      a page on evil.example resolving to 127.0.0.1 must not read the library). A literal
      loopback address (``127.0.0.2``) is always served: no DNS answer stands behind it.
    - Writes (POST, PUT, PATCH, DELETE) sent by a browser from another origin (scheme, host
      and port compared; `cross_site`) are refused: a form or script on another site, even
      on another port of this machine, must not upload to or delete from the library.
    - Reads from another origin are served, but their queries are not logged: a page on
      another site must not plant "hot queries" (`zhiku.knowledge.library.QUERY_LOGGING`).
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = _host_name(headers.get("host", ""))
        if (
            self.allowed_hosts is not None
            and host not in self.allowed_hosts
            and not is_loopback_literal(host)
        ):
            await json_error("Forbidden", f"host {host!r} is not served here", 403)(
                scope, receive, send
            )
            return
        foreign = cross_site(scope, headers)
        if foreign and scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            message = (
                "cross-site request refused: a page from another origin (scheme, host or port) "
                "may not change this library; call the API from a script or this server's pages"
            )
            await json_error("Forbidden", message, 403)(scope, receive, send)
            return
        token = QUERY_LOGGING.set(not foreign)
        try:
            await self.app(scope, receive, send)
        finally:
            QUERY_LOGGING.reset(token)


# The web UI loads its scripts and styles from /static and keeps data in
# <script type="application/json"> blocks, so nothing inline needs to run.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs and /redoc pages load Swagger UI / ReDoc from jsDelivr with an inline script
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "font-src 'self' https://fonts.gstatic.com; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


class SecurityHeadersMiddleware:
    """Every response says: no framing by other sites, no MIME sniffing, and (CSP) run only
    this server's own scripts and styles, so an injected tag or attribute does nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope.get("path") in DOCS_PATHS else STRICT_CSP
        added = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
        ]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in added if k not in present),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
