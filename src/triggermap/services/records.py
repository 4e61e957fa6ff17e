"""Use cases for people and their stored records; the other commands call these.

Every function takes `db_url` (None: TRIGGERMAP_DATABASE_URL or the default SQLite file) and
does its work in one transaction: on any error nothing is written. An unknown person raises
`NotFoundError("person: no person with id 'X'")`; bad input raises `InputError` naming the field.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from triggermap.errors import InputError, show_value
from triggermap.input_checks import check_one_line, check_whole_in
from triggermap.progress.entries import self_care_session
from triggermap.progress.report_json import plain
from triggermap.store import people, records
from triggermap.store.people import EARLIEST_BIRTH_YEAR, LABEL_MAX_CHARS, PersonRow
from triggermap.store.records import StoredAssessment, StoredPlan, new_record_id
from triggermap.store.schema import store_for
from triggermap.store.transactions import read, write

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


# ---------------------------------------------------------------- people


def add_person(
    *,
    db_url: str | None,
    label: str,
    birth_year: Any = None,
    sex: str | None = None,
    kb: KnowledgeBase | None = None,
    now: datetime | None = None,
) -> str:
    """Store a new person; return the new id."""
    moment = now or datetime.now(UTC)
    row = PersonRow(
        id=people.new_person_id(),
        label=check_label(label),
        birth_year=check_birth_year(birth_year, moment.date()),
        sex=check_sex(sex, kb),
        created_at=moment,
    )
    return write(store_for(db_url), lambda s: people.add_person(s, row))


def list_people(*, db_url: str | None) -> list[dict[str, Any]]:
    """Everyone recorded, oldest first (a missing database is an error, not an empty list)."""
    return [plain(row) for row in read(store_for(db_url, create=False), people.all_people)]


def show_person(*, db_url: str | None, person_id: str) -> dict[str, Any]:
    """The person, how many records of each kind they have, and the latest of each."""

    def work(session: Session) -> dict[str, Any]:
        data: dict[str, Any] = plain(people.require_person(session, person_id))
        data["records"] = people.record_counts(session, person_id)
        latest = records.latest_assessment(session, person_id)
        plan = records.latest_plan(session, person_id)
        data["latest_assessment"] = (
            None
            if latest is None
            else {
                "id": latest.id,
                "created_at": latest.created_at.isoformat(),
                "triage_level": (latest.result.get("triage") or {}).get("level"),
            }
        )
        data["latest_plan"] = (
            None
            if plan is None
            else {"id": plan.id, "version": plan.version, "created_at": plan.created_at.isoformat()}
        )
        return data

    return read(store_for(db_url, create=False), work)


def delete_person(*, db_url: str | None, person_id: str) -> None:
    """Erase the person and everything recorded about them."""
    write(store_for(db_url, create=False), lambda s: people.delete_person(s, person_id))


# ---------------------------------------------------------------- what other commands save


def save_assessment(
    *,
    db_url: str | None,
    person_id: str,
    case: dict[str, Any],
    assessment: dict[str, Any],
    knowledge_version: str,
    now: datetime | None = None,
) -> str:
    """Store an assessment (the case and the result, as contract JSON); return its id."""
    record = StoredAssessment(
        id=new_record_id(),
        created_at=now or datetime.now(UTC),
        knowledge_version=check_text(knowledge_version, "knowledge_version"),
        case=check_object(case, "case"),
        result=check_object(assessment, "assessment"),
    )

    def work(session: Session) -> str:
        people.require_person(session, person_id)
        return records.add_assessment(session, person_id, record)

    return write(store_for(db_url, create=False), work)


def save_plan(
    *,
    db_url: str | None,
    person_id: str,
    plan: dict[str, Any],
    knowledge_version: str,
    now: datetime | None = None,
) -> str:
    """Store a care plan as the person's next version (1, 2, ...); return its id."""
    body = check_object(plan, "plan")
    version_of_kb = check_text(knowledge_version, "knowledge_version")

    def work(session: Session) -> str:
        people.require_person(session, person_id, lock=True)
        record = StoredPlan(
            id=new_record_id(),
            version=records.next_plan_version(session, person_id),
            created_at=now or datetime.now(UTC),
            knowledge_version=version_of_kb,
            plan=body,
        )
        return records.add_plan(session, person_id, record)

    return write(store_for(db_url, create=False), work)


def save_session(
    *, db_url: str | None, person_id: str, session: dict[str, Any], now: datetime | None = None
) -> str:
    """Store a self-care session (see `progress.entries.self_care_session` for its fields);
    without `plan_version` it belongs to the person's latest plan. Returns its id."""
    now = now or datetime.now(UTC)
    parsed = self_care_session(session, now=now)

    def work(db: Session) -> str:
        people.require_person(db, person_id)
        version = parsed.plan_version
        if version is None:
            latest = records.latest_plan(db, person_id)
            version = None if latest is None else latest.version
        done = replace(parsed, id=new_record_id(), recorded_at=now, plan_version=version)
        records.add_sessions(db, person_id, [done])
        assert done.id is not None
        return done.id

    return write(store_for(db_url, create=False), work)


# ---------------------------------------------------------------- checks


def check_label(label: Any) -> str:
    if not isinstance(label, str) or not label.strip():
        raise InputError(
            f"label: {show_value(label)} is empty; give a pseudonymous label such as 'P-014'"
        )
    if len(label.strip()) > LABEL_MAX_CHARS:
        raise InputError(
            f"label: {len(label.strip()):,} characters is longer than {LABEL_MAX_CHARS}"
        )
    return check_one_line(label.strip(), "label")


def check_birth_year(value: Any, today: date) -> int | None:
    if value is None:
        return None
    return check_whole_in(value, "birth-year", EARLIEST_BIRTH_YEAR, today.year)


def check_sex(value: str | None, kb: KnowledgeBase | None) -> str | None:
    if value is None:
        return None
    allowed = knowledge(kb).exam.sexes
    if value not in allowed:
        raise InputError(f"sex: {show_value(value)} is not one of {', '.join(allowed)}")
    return value


def check_object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{field}: expected a JSON object, got {type(value).__name__}")
    return value


def check_text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{field}: expected text, got {show_value(value)}")
    return value


def knowledge(kb: KnowledgeBase | None) -> KnowledgeBase:
    if kb is not None:
        return kb
    from triggermap.kb.loader import load_knowledge

    return load_knowledge()
