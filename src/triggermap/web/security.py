"""The gate every request passes: host, size, access token, session cookie, security headers.

One pure ASGI middleware, in this order:
1. a Host header other than the loopback names is refused (400): no DNS rebinding;
2. a body over the limit is refused (413), by its Content-Length or while it streams;
3. `/static/` is open, and so are the knowledge base's pages and pictures (`/kb`, `/pictures/`:
   public knowledge, no health data, read only, so a clinician's EHR can open the links on a
   CDS Hooks card), the CDS Hooks service (it checks its callers' JWTs itself) and `/cases/open`
   (the card's link: it reads and stores nothing); everything else needs the access token,
   given once as `?token=` (which
   sets a session cookie and redirects to the same address without it) or on every request as
   `Authorization: Bearer <token>`; anything else is refused (401), a wrong token likewise;
4. every response carries a strict Content-Security-Policy (no inline script or style), no
   caching of pages, and the other headers a health service's site sends.

CSRF: a form posted with the session cookie must carry the session's CSRF token (`csrf_token`
field or `X-CSRF-Token` header); `require_csrf` checks it for every route that changes or
computes from posted data. A request with the bearer token needs none (a browser never adds it
by itself).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode

from triggermap.web.settings import WebSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "triggermap_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
PAGE_CACHE = b"no-store"
REFUSAL_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><title>Not available – triggermap</title>'
    '<link rel="stylesheet" href="/static/app.css"></head><body><div class="width page">'
    '<main id="main"><h1>This page is not available</h1><p class="lede">Open the address that '
    "<code>triggermap serve</code> printed when it started: it holds the access key.</p>"
    '<p class="error-line" data-error-line>{line}</p></main></div></body></html>'
)
STATIC_CACHE = b"private, max-age=3600"
# Open without the token: static files; the CDS Hooks service (it checks its callers' JWTs
# itself); the CDS card's link, a page computed from its own address (web.interop).
OPEN_PATHS = ("/static/", "/cds-services", "/cases/open")
# Addresses other programs call: a refusal there is a problem document (RFC 9457), not a page.
MACHINE_PATHS = ("/api/", "/cds-services", "/fhir/")


class Keys:
    """The session cookie and CSRF token of this process (HMACs of its random secret)."""

    def __init__(self, settings: WebSettings) -> None:
        self.token = settings.token.encode()
        self.session = _mac(settings.secret, b"session:" + self.token)
        self.csrf = _mac(settings.secret, b"csrf:" + self.session.encode())

    def is_token(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token)

    def is_session(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.session.encode())

    def is_csrf(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.csrf.encode())


def _mac(secret: bytes, message: bytes) -> str:
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


class BodyTooLarge(Exception):
    """The body went past the limit while it streamed in."""


class Gate:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, settings: WebSettings, keys: Keys) -> None:
        self.app, self.settings, self.keys = app, settings, keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        send = _with_headers(send, static=scope["path"].startswith("/static/"))
        refusal = self.refusal(scope, headers)
        if refusal is not None:
            html = "text/html" in headers.get("accept", "")
            problem = scope["path"].startswith(MACHINE_PATHS)
            await _plain(send, *refusal, html=html and not problem, problem=problem)
            return
        if "token" in _query(scope) and scope["method"] == "GET":
            await self.welcome(scope, send)
            return
        await self.guarded(scope, _limited(receive, self.settings.max_body_bytes), send)

    def refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        """(status, one line) for a request refused before the app sees it."""
        if headers.get("host", "") not in self.settings.allowed_hosts:
            return 400, "host: this app answers only on 127.0.0.1 or localhost"
        length = headers.get("content-length", "0")
        if not (length.isascii() and length.isdigit()):
            return 400, f"content-length: {length[:20]!r} is not a number of bytes"
        if int(length) > self.settings.max_body_bytes:
            return 413, f"body: larger than {self.settings.max_body_bytes:,} bytes"
        if scope["path"].startswith(OPEN_PATHS):
            return None
        if is_open(scope):
            scope.setdefault("state", {})["auth"] = "open"
            return None
        return self.authenticate(scope, headers)

    def authenticate(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        scope.setdefault("state", {})
        authorization = headers.get("authorization")
        if authorization is not None:
            scheme, _, given = authorization.partition(" ")
            if scheme.lower() != "bearer" or not self.keys.is_token(given.strip()):
                return 401, "authorization: wrong access token"
            scope["state"]["auth"] = "bearer"
            return None
        token = _query(scope).get("token")
        if token is not None:  # the token itself, as with the bearer header: no CSRF needed
            if not self.keys.is_token(token):
                return 401, "token: wrong access token"
            scope["state"]["auth"] = "bearer"
            return None
        if self.keys.is_session(_cookies(headers).get(SESSION_COOKIE, "")):
            scope["state"]["auth"] = "session"
            return None
        return 401, (
            "access: open the address that `triggermap serve` printed (it holds the access token)"
        )

    async def welcome(self, scope: Scope, send: Send) -> None:
        """A right `?token=`: set the session cookie, go to the same address without it."""
        rest = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "token"]
        location = scope["path"] + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{SESSION_COOKIE}={self.keys.session}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except BodyTooLarge:
            if not started:
                await _plain(send, 413, f"body: larger than {self.settings.max_body_bytes:,} bytes")


OPEN_PREFIXES = ("/static/", "/kb/", "/pictures/")


def is_open(scope: Scope) -> bool:
    """Public and read only: the static files, the knowledge base's pages and pictures."""
    path: str = scope["path"]
    reading = scope["method"] in ("GET", "HEAD")
    return path.startswith("/static/") or (
        reading and (path == "/kb" or path.startswith(OPEN_PREFIXES))
    )


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _query(scope: Scope) -> dict[str, str]:
    query: bytes = scope.get("query_string", b"")
    return dict(parse_qsl(query.decode("latin-1"))) if query else {}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    pairs = (part.strip().partition("=") for part in headers.get("cookie", "").split(";"))
    return {name: value for name, _, value in pairs if name}


def _limited(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def read() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise BodyTooLarge
        return message

    return read


def _with_headers(send: Send, *, static: bool) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k != b"cache-control"]
            headers.extend(SECURITY_HEADERS)
            headers.append((b"cache-control", STATIC_CACHE if static else PAGE_CACHE))
            message["headers"] = headers
        await send(message)

    return sending


async def _plain(
    send: Send, status: int, line: str, *, html: bool = False, problem: bool = False
) -> None:
    """A refusal before the app: one line, as text, as a small page for a browser, or as a
    problem document (RFC 9457) for the API."""
    if problem:
        from triggermap.problem_json import PROBLEM, problem_body

        kind, body = PROBLEM.encode(), problem_body(status, line)
    elif html:
        kind = b"text/html; charset=utf-8"
        body = (REFUSAL_PAGE.format(line=escape(line)) + "\n").encode()
    else:
        kind = b"text/plain; charset=utf-8"
        body = f"triggermap: error: {line}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
