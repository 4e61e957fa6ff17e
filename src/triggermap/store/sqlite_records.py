"""A person's records over the standard library's sqlite3, for the commands that run most.

Importing SQLAlchemy costs a records command more than all its own work (issue 11), so
`SqlRecordStore` first offers each unit of work here. It runs here only when the database is an
existing SQLite file (a plain `sqlite:///PATH`) already in WAL mode at the newest schema
revision, and only with what this module implements: finding a person, everything about one
person (`person_records`, the latest assessment and plan), adding a diary entry and storing a
plan. Anything else, a database that is busy (this path never waits for a lock: timeout 0), or
any database error, rolls the transaction back and hands the same work to the SQLAlchemy store,
which then opens, migrates, waits, retries and words the errors as always. Rows are read and
written in the formats SQLAlchemy gives these tables on SQLite (tests hold the two ways equal).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing, suppress
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from triggermap.errors import NotFoundError, StorageError, did_you_mean, show_text
from triggermap.person.records import OutdatedRecord, Person, PersonRecords
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.store.ids import could_be_label, is_record_id
from triggermap.store.urls import HEAD_REVISION, plain_sqlite_file, resolve_db_url

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import SavedAssessment, SavedPlan

T = TypeVar("T")


class Unsupported(Exception):
    """The work asked for something this module leaves to the SQLAlchemy store."""


def run_plain(
    db_url: str | None,
    kb: KnowledgeBase,
    tz: tzinfo,
    work: Callable[[SqliteRecords], T],
    *,
    write: bool,
) -> tuple[bool, T | None]:
    """(True, what `work` returned) when it ran here and committed; (False, None) when the
    SQLAlchemy store must run it (nothing was kept). Errors `work` raises on purpose
    (InputError, NotFoundError ...) pass through after the rollback, as from the other store."""
    connection = _connect(resolve_db_url(db_url))
    if connection is None:
        return False, None
    with closing(connection):
        try:
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.Error:
            return False, None  # busy (another writer holds the lock): the other store waits
        try:
            result = work(SqliteRecords(connection, kb, tz))
            connection.execute("COMMIT")
        except (Unsupported, sqlite3.Error):
            _rollback(connection)
            return False, None
        except BaseException:
            _rollback(connection)
            raise
        return True, result


def _connect(url: str) -> sqlite3.Connection | None:
    path = plain_sqlite_file(url)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        mode = connection.execute("PRAGMA journal_mode").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if mode is None or str(mode[0]).lower() != "wal" or revision != [(HEAD_REVISION,)]:
            connection.close()
            return None
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error:
        connection.close()
        return None
    return connection


def _rollback(connection: sqlite3.Connection) -> None:
    if connection.in_transaction:
        with suppress(sqlite3.Error):  # closing the connection rolls back what is left
            connection.execute("ROLLBACK")


# ---------------------------------------------------------------- the formats on SQLite


def _moment(text: str) -> datetime:
    """A stored UTC time (naive, `YYYY-MM-DD HH:MM:SS.ffffff`) as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _stored_moment(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: store times as aware UTC datetimes")
    v = value.astimezone(UTC)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def _ids_of(seen: dict[str, tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    """A stored JSON list of ids as a tuple; the few lists a diary repeats parsed once each."""

    def ids(text: str) -> tuple[str, ...]:
        found = seen.get(text)
        if found is None:
            found = seen[text] = tuple(json.loads(text))
        return found

    return ids


_NEW_ENTRY: list[Callable[..., DiaryEntry]] = []


def _new_entry() -> Callable[..., DiaryEntry]:
    """`DiaryEntry` built from its fields in order, without its frozen __init__'s per-field
    object.__setattr__ (the same object: `reasoning.assessment.fast_constructor`)."""
    if not _NEW_ENTRY:
        from triggermap.reasoning.assessment import fast_constructor

        _NEW_ENTRY.append(fast_constructor(DiaryEntry))
    return _NEW_ENTRY[0]


def _person(row: tuple[Any, ...]) -> Person:
    return Person(row[0], row[1], row[2], row[3], _moment(row[4]))


class SqliteRecords:
    """The part of `services.ports.Records` the commonest commands use, inside one sqlite3
    transaction; any other method raises `Unsupported` (the SQLAlchemy store runs the work)."""

    def __init__(self, connection: sqlite3.Connection, kb: KnowledgeBase, tz: tzinfo) -> None:
        self.db = connection
        self.kb = kb
        self.tz = tz

    def __getattr__(self, name: str) -> Callable[..., NoReturn]:
        if name.startswith("__"):
            raise AttributeError(name)

        def unsupported(*_: Any, **__: Any) -> NoReturn:
            raise Unsupported(name)

        return unsupported

    # ------------------------------------------------------------ people

    def find_person(self, ref: str, *, lock: bool = False) -> Person:
        """As `store.people.require_person` (SQLite has no row locks: the write transaction
        already holds the database's)."""
        row = None
        if is_record_id(ref):
            row = self.db.execute(
                "SELECT id, label, birth_year, sex, created_at FROM person WHERE id = ?", (ref,)
            ).fetchone()
        if row is None:
            by_label = None
            if could_be_label(ref):
                by_label = self.db.execute(
                    "SELECT id FROM person WHERE label = ? ORDER BY created_at LIMIT 1", (ref,)
                ).fetchone()
            if by_label is not None:
                return self.find_person(by_label[0], lock=lock)
            labels = (r[0] for r in self.db.execute("SELECT label FROM person LIMIT 10000"))
            near = did_you_mean(ref, labels) or " (see triggermap person list)"
            raise NotFoundError(f"person: no person with id or label {show_text(ref)}{near}")
        return _person(row)

    # ------------------------------------------------------------ everything about one person

    def person_records(self, person_id: str) -> PersonRecords:
        return PersonRecords(
            person=self.find_person(person_id),
            assessments=tuple(self._assessments(person_id, "", "ASC")),
            latest_plan=self.latest_plan(person_id),
            diary=tuple(self.diary_entries(person_id)),
            peg=tuple(self.peg_scores(person_id)),
            sessions=tuple(self._sessions(person_id)),
        )

    def latest_assessment(self, person_id: str) -> SavedAssessment | None:
        found = self._assessments(person_id, " LIMIT 1", "DESC")
        return found[0] if found else None

    def _assessments(self, person_id: str, limit: str, order: str) -> list[SavedAssessment]:
        from triggermap.store.saved import saved_assessment

        rows = self.db.execute(
            'SELECT id, created_at, knowledge_version, "case", result FROM assessment '
            f"WHERE person_id = ? ORDER BY created_at {order}, id {order}{limit}",
            (person_id,),
        )
        return [
            saved_assessment(
                id=row[0],
                created_at=_moment(row[1]),
                knowledge_version=row[2],
                case=json.loads(row[3]),
                result=json.loads(row[4]),
                kb=self.kb,
            )
            for row in rows.fetchall()
        ]

    def latest_plan(self, person_id: str) -> SavedPlan | None:
        from triggermap.store.saved import saved_plan

        row = self.db.execute(
            "SELECT id, version, created_at, knowledge_version, plan FROM care_plan "
            "WHERE person_id = ? ORDER BY version DESC LIMIT 1",
            (person_id,),
        ).fetchone()
        if row is None:
            return None
        return saved_plan(
            id=row[0],
            version=row[1],
            created_at=_moment(row[2]),
            knowledge_version=row[3],
            plan=json.loads(row[4]),
        )

    def next_plan_version(self, person_id: str) -> int:
        row = self.db.execute(
            "SELECT max(version) FROM care_plan WHERE person_id = ?", (person_id,)
        ).fetchone()
        return int(row[0] or 0) + 1

    def add_plan(self, person_id: str, plan: SavedPlan) -> None:
        if isinstance(plan.plan, OutdatedRecord):
            raise StorageError("plan: an outdated record is not saved again")
        self.db.execute(
            "INSERT INTO care_plan (id, person_id, version, created_at, knowledge_version, plan) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                plan.id,
                person_id,
                plan.version,
                _stored_moment(plan.created_at),
                plan.knowledge_version,
                json.dumps(plan.plan.to_json()),
            ),
        )

    # ------------------------------------------------------------ diary, PEG, sessions

    def add_diary_entry(self, person_id: str, entry: DiaryEntry) -> None:
        assert entry.recorded_at is not None
        self.db.execute(
            "INSERT INTO diary_entry (id, person_id, entry_date, recorded_at, pain, regions, "
            "symptoms, note, self_care) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                person_id,
                entry.day.isoformat(),
                _stored_moment(entry.recorded_at),
                entry.pain,
                json.dumps(list(entry.regions)),
                json.dumps(list(entry.symptoms)),
                entry.note,
                1 if entry.self_care else 0,
            ),
        )

    def diary_entries(self, person_id: str) -> list[DiaryEntry]:
        """Oldest first: by date, then by the time each was recorded."""
        rows = self.db.execute(
            "SELECT id, entry_date, recorded_at, pain, regions, symptoms, note, self_care "
            "FROM diary_entry WHERE person_id = ? ORDER BY entry_date, recorded_at, id",
            (person_id,),
        )
        new, ids, day, moment = _new_entry(), _ids_of({}), date.fromisoformat, _moment
        return [
            new(day(r[1]), r[3], ids(r[4]), ids(r[5]), r[6], bool(r[7]), r[0], moment(r[2]))
            for r in rows.fetchall()
        ]

    def peg_scores(self, person_id: str) -> list[PegScore]:
        rows = self.db.execute(
            "SELECT id, entry_date, recorded_at, pain, enjoyment, activity FROM peg_score "
            "WHERE person_id = ? ORDER BY entry_date, recorded_at, id",
            (person_id,),
        )
        return [
            PegScore(date.fromisoformat(r[1]), r[3], r[4], r[5], r[0], _moment(r[2]))
            for r in rows.fetchall()
        ]

    def _sessions(self, person_id: str) -> list[SelfCareSession]:
        rows = self.db.execute(
            "SELECT id, started_at, recorded_at, plan_version, items_done, pain_after, note "
            "FROM self_care_session WHERE person_id = ? ORDER BY started_at, id",
            (person_id,),
        )
        return [
            SelfCareSession(
                started_at=_moment(r[1]),
                items_done=tuple(json.loads(r[4])),
                pain_after=r[5],
                plan_version=r[3],
                note=r[6],
                id=r[0],
                recorded_at=_moment(r[2]),
            )
            for r in rows.fetchall()
        ]
