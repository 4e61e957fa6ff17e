"""How errors surface in the API: `application/problem+json` (RFC 9457), one line naming the
field and the value, the same line the CLI prints.

    InputError (CaseError, a bad body)   422   `field` names what was wrong
    BodyTooLarge                         413
    UnsupportedType (not JSON)           415
    KeyReused (an Idempotency-Key)       422
    not authorised to write              403
    NotFoundError, an unknown address    404
    a wrong method                       405
    KeyPending                           409   the first request with that key is not done
    UnusableDatabaseError                503   the database cannot be opened (the server's state)
    StorageError, anything else (a bug)  500   "internal error" and the exception's type only

Never a traceback: `GuardedApi`, around the API app, keeps any exception the routes let
through from the server.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from triggermap.errors import (
    InputError,
    NotFoundError,
    TriggermapError,
    UnusableDatabaseError,
)
from triggermap.problem_json import PROBLEM, problem_body
from triggermap.services.replies import KeyPending

log = logging.getLogger("triggermap.api")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class WriteRefused(TriggermapError):
    """A write with only the session cookie: the API's writes need the bearer token."""


class BodyTooLarge(InputError):
    """The body went past the limit while it streamed in."""


class UnsupportedType(InputError):
    """A body sent as something other than JSON (its Content-Type)."""


def status_of(exc: TriggermapError) -> int:
    if isinstance(exc, BodyTooLarge):
        return 413
    if isinstance(exc, UnsupportedType):
        return 415
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, WriteRefused):
        return 403
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, KeyPending):
        return 409
    if isinstance(exc, UnusableDatabaseError):
        return 503
    return 500


def problem(status: int, detail: str, *, headers: Mapping[str, str] | None = None) -> Response:
    """A problem document as a response (see `problem_body`)."""
    return Response(
        problem_body(status, detail), status_code=status, media_type=PROBLEM, headers=headers
    )


def install_problems(app: FastAPI) -> None:
    async def triggermap_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TriggermapError)
        status = status_of(exc)
        if status >= 500:
            log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return problem(status, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lines = {
            404: f"address: no such address {request.url.path!r} in the API",
            405: f"method: {request.method} is not allowed on this address",
        }
        line = lines.get(exc.status_code, f"request: {exc.detail}")
        return problem(exc.status_code, line, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first: Any = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid"}
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        given = first.get("input")
        shown = f" (got {str(given)[:40]!r})" if isinstance(given, str | int | float) else ""
        return problem(422, f"{where}: {first.get('msg', 'invalid')}{shown}")

    async def internal_error(request: Request, exc: Exception) -> Response:
        return problem(500, f"internal error: {type(exc).__name__}")

    app.add_exception_handler(TriggermapError, triggermap_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)


class GuardedApi:
    """Pure ASGI middleware around the API app: an exception no handler answered is logged
    and, when no response has started, answered with a 500 problem; it never reaches the
    server (which would print a traceback)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            if scope["type"] != "http":
                raise
            log.error("internal error on %s %s", scope["method"], scope["path"], exc_info=exc)
            if not started:
                await problem(500, f"internal error: {type(exc).__name__}")(scope, receive, send)
