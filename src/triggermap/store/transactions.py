"""Units of work: one function runs inside one transaction, all or nothing.

`write` starts with `BEGIN IMMEDIATE` on SQLite, so a writer waits for the lock (busy timeout)
instead of failing when another process commits first; a lock still held after that, or a
transient busy state while a brand-new file switches to WAL, is retried a few times. What the
person sees is never a raw driver message: database failures become `StorageError`, and the
errors `work` raises on purpose (InputError, NotFoundError) pass through unchanged after the
rollback.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from triggermap.errors import StorageError
from triggermap.store.engine import WRITE

T = TypeVar("T")
ATTEMPTS = 4  # each BEGIN IMMEDIATE already waits up to the busy timeout
BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")


def write(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction and commit; retry while the database is busy."""
    return _run(engine.execution_options(**WRITE), work)


def read(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work` in one read transaction (a consistent snapshot)."""
    return _run(engine, work)


def _run(engine: Engine, work: Callable[[Session], T]) -> T:
    for attempt in range(ATTEMPTS):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                return work(session)
        except OperationalError as exc:
            if not is_busy(exc) or attempt == ATTEMPTS - 1:
                raise storage_error(exc, engine) from None
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        except DBAPIError as exc:
            raise storage_error(exc, engine) from None
    raise AssertionError("unreachable")  # pragma: no cover


def is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(word in text for word in BUSY_WORDS)


def storage_error(exc: BaseException, engine: Engine) -> StorageError:
    """One line for the person: which database, and what went wrong, in plain words."""
    where = engine.url.render_as_string(hide_password=True)
    if is_busy(exc):
        return StorageError(
            f"database {where}: still busy after waiting; another program is writing to it, "
            "try again in a moment"
        )
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()
    return StorageError(f"database {where}: {detail[0] if detail else type(exc).__name__}")
