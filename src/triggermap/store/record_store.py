"""The record store the services use (`services.ports.RecordStore`), over SQLAlchemy.

Importing this module is cheap: SQLAlchemy is imported when a command first reads or writes,
so a command that never touches the records (`assess` without `--save`) does not pay for it.
Each unit of work is first offered to `store.sqlite_records` (the commonest reads and writes
over the standard library's sqlite3, on an SQLite file already at the newest revision), which
hands it back here, untouched, whenever it cannot run it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import Person
    from triggermap.store.repository import SqlRecords

T = TypeVar("T")


@dataclass(frozen=True)
class SqlRecordStore:
    """The database at `db_url` (None: TRIGGERMAP_DATABASE_URL, else the local SQLite file),
    opened on first use; `kb` parses what leaves it, `tz` is the person's time zone."""

    db_url: str | None
    kb: KnowledgeBase
    tz: tzinfo

    def read(self, work: Callable[[SqlRecords], T]) -> T:
        ran, result = self._plain(work, write=False)
        if ran:
            return cast(T, result)
        from triggermap.store.opening import store_for
        from triggermap.store.repository import SqlRecords
        from triggermap.store.transactions import read

        engine = store_for(self.db_url, create=False)
        return read(engine, lambda session: work(SqlRecords(session, self.kb, self.tz)))

    def write(self, work: Callable[[SqlRecords], T], *, create: bool = False) -> T:
        ran, result = self._plain(work, write=True)
        if ran:
            return cast(T, result)
        from triggermap.store.opening import store_for
        from triggermap.store.repository import SqlRecords
        from triggermap.store.transactions import write

        engine = store_for(self.db_url, create=create)
        return write(engine, lambda session: work(SqlRecords(session, self.kb, self.tz)))

    def _plain(self, work: Callable[[SqlRecords], T], *, write: bool) -> tuple[bool, T | None]:
        """The work run over sqlite3 without SQLAlchemy, when it can be (`store.sqlite_records`:
        an existing SQLite file at the newest revision, and only what that module implements;
        (False, None) otherwise, nothing kept)."""
        from triggermap.store.sqlite_records import run_plain

        return run_plain(self.db_url, self.kb, self.tz, cast(Any, work), write=write)

    def scrub(self) -> None:
        from triggermap.store.opening import store_for

        engine = store_for(self.db_url, create=False)
        if engine.dialect.name != "sqlite":
            return  # PostgreSQL's own storage; its operators manage vacuum and backups
        raw = engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    def import_person(
        self, text: str, *, now: datetime, also: Callable[[SqlRecords], None] | None = None
    ) -> Person:
        from sqlalchemy.exc import IntegrityError

        from triggermap.errors import InputError, show_text
        from triggermap.store import people
        from triggermap.store.opening import store_for
        from triggermap.store.repository import SqlRecords
        from triggermap.store.snapshot import write_snapshot
        from triggermap.store.snapshot_parse import Vocabulary, parse_snapshot
        from triggermap.store.transactions import write
        from triggermap.strict_json import parse_json

        vocabulary = Vocabulary(self.kb.regions, self.kb.symptoms, self.kb.exam.sexes)
        snapshot = parse_snapshot(parse_json(text, "import"), vocabulary, now=now, tz=self.tz)

        def work(session: Session) -> Person:
            if also is not None:  # first: a concurrent claim of the same key waits here
                also(SqlRecords(session, self.kb, self.tz))
            if people.person_exists(session, snapshot.person.id):
                raise InputError(
                    f"person.id: {show_text(snapshot.person.id)} already exists in this database "
                    "(delete it first, or import into another database)"
                )
            try:
                write_snapshot(session, snapshot)
            except IntegrityError:
                raise InputError(
                    "import: a record in this file already exists in this database "
                    "(it was imported before); nothing was written"
                ) from None
            return snapshot.person

        return write(store_for(self.db_url, create=True), work)
