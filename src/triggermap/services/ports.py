"""What the application needs from the world outside the core, as Protocols.

    Clock          the current moment (aware, UTC)
    RecordStore    units of work over a person's records: `read` and `write` run a function in
                   one transaction (all or nothing) and hand it a `Records`; the replies kept
                   for writes sent with an Idempotency-Key live in the same database
    Records        the repository inside one transaction: people and their records, always as
                   the core's typed values (`person.records`, `progress.entries`)

`store.repository` implements the store over SQLAlchemy; tests or another front end may bring
their own. The factory that wires them is `services.application.build_application`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from triggermap.person.records import (
        Person,
        PersonRecords,
        SavedAssessment,
        SavedPlan,
    )
    from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
    from triggermap.store.replies import KeptReply

T = TypeVar("T")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...


class Records(Protocol):
    """One person's records and the people, inside one transaction."""

    # people
    def find_person(self, ref: str, *, lock: bool = False) -> Person:
        """The person whose id, else whose label, is `ref`; `NotFoundError` when none is."""
        ...

    def people(self) -> list[Person]: ...

    def add_person(self, person: Person) -> None:
        """Store a new person; `InputError` when the label is taken."""
        ...

    def delete_person(self, person_id: str) -> None: ...

    def record_counts(self, person_id: str) -> dict[str, int]: ...

    # everything about one person
    def person_records(self, person_id: str) -> PersonRecords: ...

    def add_assessment(self, person_id: str, record: SavedAssessment) -> None: ...

    def latest_assessment(self, person_id: str) -> SavedAssessment | None: ...

    def add_plan(self, person_id: str, plan: SavedPlan) -> None: ...

    def next_plan_version(self, person_id: str) -> int: ...

    def latest_plan(self, person_id: str) -> SavedPlan | None: ...

    # diary, PEG and sessions
    def add_diary_entry(self, person_id: str, entry: DiaryEntry) -> None: ...

    def diary_entries(self, person_id: str) -> list[DiaryEntry]: ...

    def find_diary_entry(self, entry_id: str) -> tuple[str, DiaryEntry]:
        """(person id, entry); `NotFoundError` when there is no such entry."""
        ...

    def replace_diary_entry(self, entry: DiaryEntry) -> None: ...

    def delete_diary_entry(self, entry_id: str) -> None: ...

    def add_peg_score(self, person_id: str, score: PegScore) -> None: ...

    def peg_scores(self, person_id: str) -> list[PegScore]: ...

    def find_peg_score(self, score_id: str) -> tuple[str, PegScore]: ...

    def replace_peg_score(self, score: PegScore) -> None: ...

    def delete_peg_score(self, score_id: str) -> None: ...

    def add_session(self, person_id: str, session: SelfCareSession) -> None: ...

    # replies to writes sent with an Idempotency-Key (services.replies)
    def find_reply(self, scope: str, key: str) -> KeptReply | None: ...

    def claim_request_key(self, scope: str, key: str, fingerprint: str, now: datetime) -> None:
        """Take the key in this transaction (`store.replies.KeyTaken` when it is taken)."""
        ...

    def save_reply(self, scope: str, key: str, reply: KeptReply) -> None: ...

    # one person as a document (export and import)
    def export_person(self, person_id: str) -> str:
        """The person's whole record as JSON text (`store.snapshot`)."""
        ...


class RecordStore(Protocol):
    def read(self, work: Callable[[Records], T]) -> T:
        """Run `work` in one read transaction (a consistent snapshot)."""
        ...

    def write(self, work: Callable[[Records], T], *, create: bool = False) -> T:
        """Run `work` in one write transaction and commit; `create` makes the database when
        there is none yet (only `person add` and `import` do)."""
        ...

    def scrub(self) -> None:
        """After an erase: leave no copy of the deleted records in the database's own files
        (deleted pages are zeroed as they are freed; SQLite's write-ahead log is emptied)."""
        ...

    def import_person(
        self, text: str, *, now: datetime, also: Callable[[Records], None] | None = None
    ) -> Person:
        """Check a whole document from `Records.export_person` (`InputError` naming the field,
        before the database is touched), then store it in one transaction, creating the
        database on first use; `also` runs in the same transaction."""
        ...
