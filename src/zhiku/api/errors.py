"""One JSON error shape for every route: ``{"error": {"type", "message", "status"}}``.

The core raises `ZhikuError`s; this edge maps each to an HTTP status. FastAPI's validation
errors, unknown routes, wrong methods, oversized bodies and unexpected exceptions get the same
shape, so a client parses exactly one thing.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from zhiku.errors import (
    ConfigError,
    InputError,
    LockedError,
    ModelError,
    NotFound,
    StoreError,
    ZhikuError,
)

log = logging.getLogger(__name__)

# Most specific first: LockedError is a StoreError.
STATUS_OF: tuple[tuple[type[ZhikuError], int], ...] = (
    (InputError, 422),
    (NotFound, 404),
    (LockedError, 409),
    (StoreError, 500),
    (ModelError, 503),
    (ConfigError, 500),
    (ZhikuError, 500),
)

_HTTP_TYPES = {
    400: "InputError",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    422: "InputError",
    501: "NotImplemented",
}


class ApiError(Exception):
    """An error raised by the HTTP layer itself (not the library), e.g. 501 or 413."""

    def __init__(self, status: int, message: str, *, type_: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type_ or _HTTP_TYPES.get(status, "HTTPError")


def error_body(type_: str, message: str, status: int) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, "status": status}}


def status_of(error: ZhikuError) -> int:
    return next(status for kind, status in STATUS_OF if isinstance(error, kind))


def describe(error: BaseException) -> dict[str, Any]:
    """The error body for any exception (used by routes, SSE streams and background jobs)."""
    if isinstance(error, ZhikuError):
        return error_body(type(error).__name__, str(error), status_of(error))
    if isinstance(error, ApiError):
        return error_body(error.type, error.message, error.status)
    return error_body("InternalError", "internal error; see the server log", 500)


def validation_message(error: RequestValidationError) -> str:
    """'body.question: Field required; query.k: ...' in one line."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()))
        if item.get("type") == "json_invalid":
            detail = item.get("ctx", {}).get("error", "")
            parts.append(f"malformed JSON body{f' ({detail})' if detail else ''}")
        else:
            parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def json_error(
    type_: str, message: str, status: int, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(type_, message, status), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, *, html_error: Any = None) -> None:
    """Register handlers; `html_error(request, body)` renders page routes as HTML instead."""

    def respond(
        request: Request, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Response:
        if html_error is not None and not request.url.path.startswith("/api"):
            page: Response | None = html_error(request, body)
            if page is not None:
                return page
        err = body["error"]
        return json_error(err["type"], err["message"], err["status"], headers)

    @app.exception_handler(ZhikuError)
    async def zhiku_error(request: Request, exc: ZhikuError) -> Response:
        return respond(request, describe(exc))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, describe(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, error_body("InputError", validation_message(exc), 422))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if status == 404 and message == "Not Found":
            message = f"no route {request.method} {request.url.path}; see /docs"
        body = error_body(_HTTP_TYPES.get(status, "HTTPError"), message, status)
        return respond(request, body, dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, describe(exc))
