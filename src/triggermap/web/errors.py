"""How errors surface on the web: a status code and a page with one line naming the field.

    InputError (CaseError, bad form)   422   the line, the field and value named
    CsrfError                          403
    NotFoundError, unknown address     404 (and a person asked for before anyone is recorded)
    a wrong method                     405
    StorageError                       500 (UnusableDatabaseError: 503)
    anything else (a bug)              500   "internal error" and the exception's type only

Never a traceback, whatever was sent.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from triggermap.errors import (
    InputError,
    NoDatabaseYetError,
    NotFoundError,
    TriggermapError,
    UnusableDatabaseError,
)
from triggermap.web.deps import CsrfError
from triggermap.web.error_fields import web_field_line
from triggermap.web.templating import render

log = logging.getLogger("triggermap.web")
FORM_KINDS = ("application/x-www-form-urlencoded", "multipart/form-data")


def status_of(exc: TriggermapError) -> int:
    if isinstance(exc, CsrfError):
        return 403
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, NotFoundError | NoDatabaseYetError):
        return 404
    if isinstance(exc, UnusableDatabaseError):
        return 503
    return 500


def error_page(request: Request, status: int, line: str) -> Response:
    context = {"status": status, "line": line, "title": "There is a problem"}
    return render(request, "pages/error.html", context, status=status)


def web_line(request: Request, line: str) -> str:
    """A use case's line as the web says it (`web.error_fields`): the field as the web names
    it (a case posted in a form's `case` field is `case`; a script's body stays `input`) and
    the web's pages for the command line's commands."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return web_field_line(line, form_case=kind in FORM_KINDS)


def install_error_pages(app: FastAPI) -> None:
    async def triggermap_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TriggermapError)
        return error_page(request, status_of(exc), web_line(request, str(exc)))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lines = {404: "address: no such page", 405: "method: not allowed on this address"}
        line = lines.get(exc.status_code, f"request: {exc.detail}")
        return error_page(request, exc.status_code, line)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        first = exc.errors()[0] if exc.errors() else {"loc": ("request",), "msg": "invalid"}
        where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
        return error_page(request, 422, f"{where}: {first.get('msg', 'invalid')}")

    async def internal_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return HTMLResponse(
            '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
            "<title>Internal error – triggermap</title></head><body><main><h1>Internal error</h1>"
            f"<p>triggermap: internal error: {type(exc).__name__}</p></main></body></html>",
            status_code=500,
        )

    app.add_exception_handler(TriggermapError, triggermap_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
