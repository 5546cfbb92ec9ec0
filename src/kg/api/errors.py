"""The only place that knows HTTP status codes: KgError → JSON ``{"error", "detail"}``."""

from __future__ import annotations

from http import HTTPStatus
from typing import Final

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    InvalidQuery,
    KgError,
    NotAcceptable,
    NotFound,
    QueryTimeout,
    QueryTooLarge,
    RemoteError,
    RemoteTimeout,
    RemoteUnavailable,
    ResultTooLarge,
    StoreUnavailable,
    Unauthorized,
    UnsupportedMediaType,
    UpdateRefused,
    WritesUnavailable,
)

# First match wins, so subclasses come before their bases; anything else is a 500.
STATUS: Final[dict[type[KgError], int]] = {
    InvalidQuery: 400,  # includes QueryRefused (SERVICE)
    ResultTooLarge: 400,  # the client can ask for less
    Unauthorized: 401,  # a write without a bearer token
    UpdateRefused: 403,  # the endpoint is read-only, or the token is wrong
    WritesUnavailable: 409,  # writes enabled, but this store cannot keep them
    NotFound: 404,
    NotAcceptable: 406,
    QueryTooLarge: 413,
    UnsupportedMediaType: 415,
    RemoteTimeout: 504,  # the remote SPARQL server did not answer in time (a QueryTimeout)
    QueryTimeout: 503,  # the query was stopped; it needs rewriting, not retrying
    RemoteUnavailable: 503,  # the remote SPARQL server is down or refused the connection
    StoreUnavailable: 503,  # every worker busy or one died: retrying may help
    RemoteError: 502,  # the remote SPARQL server failed or answered nonsense
}
RETRY_AFTER_S: Final = "1"


def status_of(exc: KgError) -> int:
    """The HTTP status of a KgError."""
    return next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 500)


async def kg_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer a KgError with its status and ``{"error": class name, "detail": message}``."""
    status = status_of(exc) if isinstance(exc, KgError) else 500
    headers = {"Retry-After": RETRY_AFTER_S} if isinstance(exc, StoreUnavailable) else None
    if isinstance(exc, Unauthorized):
        headers = {"WWW-Authenticate": 'Bearer realm="kz-legal-kg"'}
    return JSONResponse(
        {"error": type(exc).__name__, "detail": str(exc)}, status_code=status, headers=headers
    )


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer Starlette's own errors (unknown path, method not allowed) in the same shape."""
    assert isinstance(exc, StarletteHTTPException)
    name = HTTPStatus(exc.status_code).phrase.replace(" ", "").replace("-", "")
    return JSONResponse(
        {"error": name, "detail": exc.detail},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Answer a request whose parameters or body fail validation (422) in the same shape.

    FastAPI's own answer repeats the input, and an input holding a lone surrogate (JSON may
    escape one, ``"\\ud800"``) cannot be written as UTF-8: that answer was a 500. This one
    names each field and what is wrong with it, and never the input.
    """
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
    )
    detail = problems.encode("utf-8", "backslashreplace").decode("utf-8")
    return JSONResponse({"error": "UnprocessableEntity", "detail": detail}, status_code=422)
