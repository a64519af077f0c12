"""ASGI middleware at the app's edge: the API key and request size limits.

Both answer in the one JSON error shape before any route runs. Page routes (the web UI) ask a
browser without the key to log in instead of showing it JSON.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhiku.api.errors import json_error

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


class ApiKeyMiddleware:
    """Every route but `OPEN_PATHS` requires `api_key`; a wrong or missing key is a 401."""

    def __init__(self, app: ASGIApp, *, api_key: str) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path in OPEN_PATHS or path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        presented = presented_key(headers)
        if key_matches(presented, self.api_key):
            await self.app(scope, receive, send)
            return
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


class SameSiteMiddleware:
    """Refuse what another web site could make a visitor's browser do to this library.

    - Host: with `allowed_hosts`, a request for any other host name is refused (DNS rebinding:
      a page on evil.example resolving to 127.0.0.1 must not read the library).
    - Writes (POST, PUT, PATCH, DELETE) sent cross-site by a browser are refused (a form on
      another site must not upload to or delete from the library). Scripts and curl send no
      ``Origin`` / ``Sec-Fetch-Site`` and are unaffected.
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
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await json_error("Forbidden", f"host {host!r} is not served here", 403)(
                scope, receive, send
            )
            return
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            origin = headers.get("origin")
            cross = headers.get("sec-fetch-site") == "cross-site" or (
                origin is not None
                and origin != "null"
                and _host_name(origin.split("://", 1)[-1]) != host
            )
            if cross or origin == "null":
                message = "cross-site request refused; call the API from a script or from this server's own pages"
                await json_error("Forbidden", message, 403)(scope, receive, send)
                return
        await self.app(scope, receive, send)
