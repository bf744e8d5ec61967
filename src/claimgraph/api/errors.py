"""One JSON error shape for every error the API returns:

    {"error": {"status": 404, "code": "not_found", "message": "...", "subject": "..."}}

The error tree (claimgraph.errors) is mapped here once; request validation, unknown
routes and anything unexpected take the same shape (never a traceback)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from claimgraph.errors import (
    ClaimgraphError,
    Conflict,
    Forbidden,
    IntegrityFailure,
    InvalidInput,
    NotFound,
    Refused,
    Unauthenticated,
    Unavailable,
)
from claimgraph.services import TooManyAttempts

_STATUS: tuple[tuple[type[ClaimgraphError], int, str], ...] = (
    (TooManyAttempts, 429, "too_many_attempts"),
    (Forbidden, 403, "forbidden"),
    (Unauthenticated, 401, "unauthenticated"),
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (InvalidInput, 422, "invalid_input"),
    (Refused, 422, "refused"),
    (Unavailable, 503, "unavailable"),
    (IntegrityFailure, 500, "integrity_failure"),
)
_HTTP_CODES = dict(
    [(401, "unauthenticated"), (403, "forbidden"), (404, "not_found"), (405, "method_not_allowed"),
     (413, "too_large"), (415, "unsupported_media_type")]
)  # fmt: skip


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    subject: str | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail


# Declared on every API route (the OpenAPI document tells clients the error shape; it
# also replaces FastAPI's own 422 body, which this API never sends).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorOut, "description": "Refused: the one error shape"},
    "5XX": {"model": ErrorOut, "description": "Failed: the one error shape"},
}


def error_body(
    status: int, code: str, message: str, subject: str | None = None
) -> dict[str, object]:
    return {"error": {"status": status, "code": code, "message": message, "subject": subject}}


def status_of(exc: ClaimgraphError) -> tuple[int, str]:
    for kind, status, code in _STATUS:
        if isinstance(exc, kind):
            return status, code
    return 500, "error"


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    status: int
    code: str
    message: str
    subject: str | None = None
    headers: dict[str, str] | None = None


PageHandler = Callable[[Request, ErrorInfo], Awaitable[Response]]


def describe(request: Request, exc: Exception) -> ErrorInfo:
    """Any exception as (status, code, message): the one mapping for API and pages."""
    if isinstance(exc, ClaimgraphError):
        status, code = status_of(exc)
        headers = {}
        if isinstance(exc, TooManyAttempts):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, Unauthenticated):
            headers["WWW-Authenticate"] = "Bearer"
        return ErrorInfo(status, code, exc.message, exc.subject, headers or None)
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return ErrorInfo(422, "invalid_request", str(first.get("msg", "invalid request")),
                         where or None)  # fmt: skip
    if isinstance(exc, HTTPException):
        code = _HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return ErrorInfo(exc.status_code, code, message, None, getattr(exc, "headers", None))
    logging.getLogger("claimgraph.api").error(
        "unexpected error on %s", request.url.path, exc_info=exc
    )
    return ErrorInfo(500, "internal", "internal error (logged)")


def json_error(info: ErrorInfo) -> JSONResponse:
    body = error_body(info.status, info.code, info.message, info.subject)
    return JSONResponse(body, status_code=info.status, headers=info.headers)


def install_error_handlers(app: FastAPI, pages: PageHandler | None = None) -> None:
    """Every error through `describe`: JSON under /api/, else `pages` renders it."""

    async def handle(request: Request, exc: Exception) -> Response:
        info = describe(request, exc)
        if pages is not None and not request.url.path.startswith("/api/"):
            return await pages(request, info)
        return json_error(info)

    for kind in (ClaimgraphError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(kind, handle)
