"""Use cases for writes sent with an Idempotency-Key: a retry writes once and gets the first
reply (the API's writes; draft-ietf-httpapi-idempotency-key-header).

    reply_once      the reply kept for the key, else run the request once: its writes take
                    the key in their own transaction (a write and its key commit together or
                    not at all), and its reply is kept
    earlier_reply   the reply kept for a key: None (never used), the reply, or an error: the
                    key was used for another request (`KeyReused`, 422), or its write committed
                    and the reply is not kept (`KeyPending`, 409: in progress, or lost)

Keys live in a scope (a hash of the access token the request carried), so two clients never
share a key; a key is kept for a day (`store.replies.KEPT_FOR`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from triggermap.errors import InputError, TriggermapError

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.services.application import Application
    from triggermap.services.ports import Records, RecordStore

T = TypeVar("T")
KEY_MAX_CHARS = 255


class KeyReused(InputError):
    """The key was sent before with another request (another method, address or body)."""


class KeyPending(TriggermapError):
    """The first request with this key wrote, and its reply is not kept (yet)."""


@dataclass(frozen=True)
class RequestKey:
    scope: str  # a hash of the access token
    key: str
    fingerprint: str  # a hash of the method, the address and the body


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes
    replayed: bool = False  # the reply kept for an earlier request with the same key


def request_key(*, token: str, key: str, method: str, target: str, body: bytes) -> RequestKey:
    """The key of one request, checked: 1 to 255 printable ASCII characters."""
    if not 1 <= len(key) <= KEY_MAX_CHARS or not all(" " < c <= "~" for c in key):
        raise InputError(
            f"Idempotency-Key: {key[:40]!r} is not 1 to {KEY_MAX_CHARS} printable ASCII "
            "characters without spaces"
        )
    scope = hashlib.sha256(b"scope:" + token.encode()).hexdigest()
    seen = hashlib.sha256(f"{method} {target}\n".encode() + body).hexdigest()
    return RequestKey(scope=scope, key=key, fingerprint=seen)


def reply_once(
    app: Application, *, request: RequestKey | None, answer: Callable[[Application], Reply]
) -> Reply:
    """`answer(app)` run once per key: a request with a key seen before gets the reply kept
    for it (a write is never made twice); without a key, `answer(app)` as it is."""
    from triggermap.store.replies import KeyTaken

    if request is None:
        return answer(app)
    earlier = earlier_reply(app, request=request)
    if earlier is not None:
        return earlier
    store = _KeyedStore(app.store, request, app.now())
    try:
        reply = answer(replace(app, store=store))
    except KeyTaken:  # another request with the key wrote first, while this one ran
        earlier = earlier_reply(app, request=request)
        if earlier is None:
            raise KeyPending(f"Idempotency-Key: {request.key[:40]!r}: in progress") from None
        return earlier
    if store.claimed:
        keep_reply(app, request=request, reply=reply)
    return reply


def earlier_reply(app: Application, *, request: RequestKey) -> Reply | None:
    from triggermap.errors import UnusableDatabaseError

    try:
        kept = app.store.read(lambda records: records.find_reply(request.scope, request.key))
    except UnusableDatabaseError:
        return None  # no database yet: nothing was ever written with a key
    if kept is None:
        return None
    if kept.fingerprint != request.fingerprint:
        raise KeyReused(
            f"Idempotency-Key: {request.key[:40]!r} was used for another request (another "
            "method, address or body); use a new key for a new request"
        )
    if kept.status is None or kept.media_type is None:
        raise KeyPending(
            f"Idempotency-Key: {request.key[:40]!r}: the first request with this key wrote "
            "its change and its answer is not kept; it is in progress or was cut off"
        )
    return Reply(kept.status, kept.media_type, kept.body or b"", replayed=True)


def keep_reply(app: Application, *, request: RequestKey, reply: Reply) -> None:
    from triggermap.store.replies import KeptReply

    kept = KeptReply(request.fingerprint, reply.status, reply.media_type, reply.body)
    app.store.write(lambda records: records.save_reply(request.scope, request.key, kept))


class _KeyedStore:
    """A `RecordStore` that claims the request's key in the transaction of its first write
    (one request's later writes are part of the same request)."""

    def __init__(self, inner: RecordStore, request: RequestKey, now: datetime) -> None:
        self.inner, self.request, self.now = inner, request, now
        self.claimed = False

    def read(self, work: Callable[[Records], T]) -> T:
        return self.inner.read(work)

    def write(self, work: Callable[[Records], T], *, create: bool = False) -> T:
        def claimed_then(records: Records) -> T:
            self._claim(records)
            return work(records)

        result = self.inner.write(claimed_then, create=create)
        self.claimed = True
        return result

    def scrub(self) -> None:
        self.inner.scrub()

    def import_person(
        self, text: str, *, now: datetime, also: Callable[[Records], None] | None = None
    ) -> Person:
        def claimed_then(records: Records) -> None:
            self._claim(records)
            if also is not None:
                also(records)

        person = self.inner.import_person(text, now=now, also=claimed_then)
        self.claimed = True
        return person

    def _claim(self, records: Records) -> None:
        if not self.claimed:
            r = self.request
            records.claim_request_key(r.scope, r.key, r.fingerprint, self.now)
