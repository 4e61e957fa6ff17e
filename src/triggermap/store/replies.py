"""Rows of `request_reply`: the replies kept for writes sent with an Idempotency-Key.

`claim` runs inside the write's own transaction, so the key is taken exactly when the write
commits: a second request with the same key, even at the same moment, waits for the first
transaction and is then refused (`KeyTaken`) and rolled back, never written twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from triggermap.errors import TriggermapError
from triggermap.store.tables import RequestReply

KEPT_FOR = timedelta(hours=24)  # a retry comes within minutes; a day is generous


@dataclass(frozen=True)
class KeptReply:
    """What was kept for one key: the request's fingerprint and, once kept, the reply."""

    fingerprint: str
    status: int | None  # None: the write committed, its reply is not kept (yet)
    media_type: str | None
    body: bytes | None


class KeyTaken(TriggermapError):
    """Another request with this key wrote first (its transaction committed before ours)."""


def find_reply(session: Session, scope: str, key: str) -> RequestReply | None:
    return session.get(RequestReply, (scope, key))


def claim(session: Session, scope: str, key: str, fingerprint: str, now: datetime) -> None:
    """Take the key for this transaction's write; `KeyTaken` when it is already taken."""
    session.execute(delete(RequestReply).where(RequestReply.created_at < now - KEPT_FOR))
    session.add(RequestReply(scope=scope, key=key, fingerprint=fingerprint, created_at=now))
    try:
        session.flush()
    except IntegrityError:
        raise KeyTaken(f"Idempotency-Key: {key!r} was taken by another request") from None


def save_reply(
    session: Session, scope: str, key: str, *, status: int, media_type: str, body: bytes
) -> None:
    row = session.execute(
        select(RequestReply).where(RequestReply.scope == scope, RequestReply.key == key)
    ).scalar_one_or_none()
    if row is not None and row.status is None:
        row.status, row.media_type, row.body = status, media_type, body
