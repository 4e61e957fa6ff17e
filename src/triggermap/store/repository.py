"""The repository over SQLAlchemy: `services.ports.Records` inside one transaction.

Rows never leave this package: what comes out is parsed once, here, into the core's typed
values (`store.saved`). A stored record today's knowledge no longer reads is an
`OutdatedRecord`, not an error.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from triggermap.errors import NotFoundError, StorageError, show_text
from triggermap.person.records import (
    OutdatedRecord,
    Person,
    PersonRecords,
    SavedAssessment,
    SavedPlan,
)
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.store import people, records, replies, saved
from triggermap.store.records import StoredAssessment, StoredPlan
from triggermap.store.replies import KeptReply
from triggermap.store.snapshot import read_snapshot, snapshot_to_json

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


class SqlRecords:
    """`services.ports.Records` inside one transaction."""

    def __init__(self, session: Session, kb: KnowledgeBase, tz: tzinfo) -> None:
        self.session = session
        self.kb = kb
        self.tz = tz

    # ------------------------------------------------------------ people

    def find_person(self, ref: str, *, lock: bool = False) -> Person:
        return people.require_person(self.session, ref, lock=lock)

    def people(self) -> list[Person]:
        return people.all_people(self.session)

    def add_person(self, person: Person) -> None:
        people.add_person(self.session, person)

    def delete_person(self, person_id: str) -> None:
        people.delete_person(self.session, person_id)

    def record_counts(self, person_id: str) -> dict[str, int]:
        return people.record_counts(self.session, person_id)

    # ------------------------------------------------------------ everything about one person

    def person_records(self, person_id: str) -> PersonRecords:
        return PersonRecords(
            person=self.find_person(person_id),
            assessments=tuple(
                self._assessment(a) for a in records.assessments(self.session, person_id)
            ),
            latest_plan=self.latest_plan(person_id),
            diary=tuple(records.diary_entries(self.session, person_id)),
            peg=tuple(records.peg_scores(self.session, person_id)),
            sessions=tuple(records.sessions(self.session, person_id)),
        )

    def add_assessment(self, person_id: str, record: SavedAssessment) -> None:
        case, result = record.case, record.result
        if isinstance(case, OutdatedRecord) or isinstance(result, OutdatedRecord):
            raise StorageError("assessment: an outdated record is not saved again")
        stored = StoredAssessment(
            record.id, record.created_at, record.knowledge_version, case.to_json(), result.to_json()
        )
        records.add_assessment(self.session, person_id, stored)

    def latest_assessment(self, person_id: str) -> SavedAssessment | None:
        latest = records.latest_assessment(self.session, person_id)
        return None if latest is None else self._assessment(latest)

    def add_plan(self, person_id: str, plan: SavedPlan) -> None:
        if isinstance(plan.plan, OutdatedRecord):
            raise StorageError("plan: an outdated record is not saved again")
        stored = StoredPlan(
            plan.id, plan.version, plan.created_at, plan.knowledge_version, plan.plan.to_json()
        )
        records.add_plan(self.session, person_id, stored)

    def next_plan_version(self, person_id: str) -> int:
        return records.next_plan_version(self.session, person_id)

    def latest_plan(self, person_id: str) -> SavedPlan | None:
        latest = records.latest_plan(self.session, person_id)
        if latest is None:
            return None
        return saved.saved_plan(
            id=latest.id,
            version=latest.version,
            created_at=latest.created_at,
            knowledge_version=latest.knowledge_version,
            plan=latest.plan,
        )

    def _assessment(self, stored: StoredAssessment) -> SavedAssessment:
        return saved.saved_assessment(
            id=stored.id,
            created_at=stored.created_at,
            knowledge_version=stored.knowledge_version,
            case=stored.case,
            result=stored.result,
            kb=self.kb,
        )

    # ------------------------------------------------------------ diary, PEG, sessions

    def add_diary_entry(self, person_id: str, entry: DiaryEntry) -> None:
        records.add_diary_entries(self.session, person_id, [entry])

    def diary_entries(self, person_id: str) -> list[DiaryEntry]:
        return records.diary_entries(self.session, person_id)

    def find_diary_entry(self, entry_id: str) -> tuple[str, DiaryEntry]:
        found = records.find_diary_entry(self.session, entry_id)
        if found is None:
            raise NotFoundError(
                f"entry: no diary entry with id {show_text(entry_id)} (see diary list; its"
                " first 8 characters are enough)"
            )
        return found

    def replace_diary_entry(self, entry: DiaryEntry) -> None:
        records.replace_diary_entry(self.session, entry)

    def delete_diary_entry(self, entry_id: str) -> None:
        records.delete_diary_entry(self.session, entry_id)

    def add_peg_score(self, person_id: str, score: PegScore) -> None:
        records.add_peg_scores(self.session, person_id, [score])

    def peg_scores(self, person_id: str) -> list[PegScore]:
        return records.peg_scores(self.session, person_id)

    def find_peg_score(self, score_id: str) -> tuple[str, PegScore]:
        found = records.find_peg_score(self.session, score_id)
        if found is None:
            raise NotFoundError(f"entry: no PEG score with id {show_text(score_id)}")
        return found

    def replace_peg_score(self, score: PegScore) -> None:
        records.replace_peg_score(self.session, score)

    def delete_peg_score(self, score_id: str) -> None:
        records.delete_peg_score(self.session, score_id)

    def add_session(self, person_id: str, session: SelfCareSession) -> None:
        records.add_sessions(self.session, person_id, [session])

    # ------------------------------------------------------------ replies to keyed requests

    def find_reply(self, scope: str, key: str) -> KeptReply | None:
        row = replies.find_reply(self.session, scope, key)
        if row is None:
            return None
        return KeptReply(row.fingerprint, row.status, row.media_type, row.body)

    def claim_request_key(self, scope: str, key: str, fingerprint: str, now: datetime) -> None:
        replies.claim(self.session, scope, key, fingerprint, now)

    def save_reply(self, scope: str, key: str, reply: KeptReply) -> None:
        assert reply.status is not None and reply.media_type is not None
        replies.save_reply(
            self.session,
            scope,
            key,
            status=reply.status,
            media_type=reply.media_type,
            body=reply.body or b"",
        )

    # ------------------------------------------------------------ export and import

    def export_person(self, person_id: str) -> str:
        document = snapshot_to_json(read_snapshot(self.session, person_id))
        return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
