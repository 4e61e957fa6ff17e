"""What routes get from the API app: the application, the limits, and the way a write runs
once per Idempotency-Key.

Dependencies as `Annotated` aliases, so a route's signature says what it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from threading import Lock
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from triggermap.api.body import body_bytes
from triggermap.api.problems import WriteRefused
from triggermap.services.application import Application
from triggermap.services.replies import Reply, reply_once, request_key

IDEMPOTENCY_HEADER = "idempotency-key"
REPLAYED_HEADER = "Idempotent-Replayed"


@dataclass
class ApiContext:
    """Built once per app: the application, the access token (its hash scopes the keys), the
    body limit; the database is opened, and created when new, at the first request."""

    application: Application
    token: str
    max_body_bytes: int
    _opened: bool = False
    _lock: Lock = field(default_factory=Lock)

    def opened(self) -> Application:
        with self._lock:
            if not self._opened:
                self.application.store.write(lambda records: None, create=True)
                self._opened = True
        return self.application

    @property
    def is_open(self) -> bool:
        """The database was opened (set once, under the lock, never unset)."""
        return self._opened


# The dependencies are `async def`: FastAPI runs a plain `def` dependency in a worker thread,
# a thread hop per request for a lookup.
async def _context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.context
    return context


async def _application(request: Request) -> Application:
    context: ApiContext = request.app.state.context
    if context.is_open:  # no worker thread once the database is open
        return context.application
    return await run_in_threadpool(context.opened)


async def require_bearer(request: Request) -> None:
    """A write needs the access token itself (`Authorization: Bearer`), not only the session
    cookie a browser adds by itself."""
    if getattr(request.state, "auth", "bearer") != "bearer":
        raise WriteRefused(
            "authorization: the API's writes need the access token as "
            "'Authorization: Bearer <token>' (the session cookie is for reading)"
        )


ContextDep = Annotated[ApiContext, Depends(_context)]
AppDep = Annotated[Application, Depends(_application)]
Bearer = Depends(require_bearer)


def json_reply(data: Any, *, status: int = 200, media_type: str = "application/json") -> Reply:
    """Compact JSON, UTF-8, by orjson (as the standard library's encoder wrote it, faster)."""
    return Reply(status, media_type, orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))


def as_response(reply: Reply, headers: dict[str, str] | None = None) -> Response:
    if reply.status == 204:
        return Response(status_code=204, headers=headers)
    return Response(
        reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers
    )


async def answer_once(
    request: Request, context: ApiContext, answer: Callable[[Application], Reply]
) -> Response:
    """`answer` run in a worker thread, once per Idempotency-Key when one is sent: a retry
    with the same key gets the first reply, marked `Idempotent-Replayed: true`, and writes
    nothing."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    app = await run_in_threadpool(context.opened)
    if key is None:
        return as_response(await run_in_threadpool(answer, app))
    keyed = request_key(
        token=context.token,
        key=key,
        method=request.method,
        target=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
        body=await body_bytes(request, context.max_body_bytes),
    )
    reply = await run_in_threadpool(lambda: reply_once(app, request=keyed, answer=answer))
    headers = {"Idempotency-Key": key}
    if reply.replayed:  # a retry's answer says it is the first request's, not a new write
        headers[REPLAYED_HEADER] = "true"
    return as_response(reply, headers)
