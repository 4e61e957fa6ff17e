"""People: pseudonymous by default (a label, optional year of birth and sex)."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from triggermap.errors import NotFoundError, show_text
from triggermap.store import tables as t

LABEL_MAX_CHARS = 200  # a pseudonymous label, not a name or a note
EARLIEST_BIRTH_YEAR = 1900
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")  # every stored id (String(32) columns)

COUNTED = {
    "assessments": t.Assessment.person_id,
    "care_plans": t.CarePlan.person_id,
    "diary_entries": t.DiaryEntry.person_id,
    "peg_scores": t.PegScore.person_id,
    "sessions": t.SelfCareSession.person_id,
}


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: str
    label: str
    birth_year: int | None
    sex: str | None
    created_at: datetime


def new_person_id() -> str:
    """12 hex digits: short enough to type, 48 random bits (no clash among millions)."""
    return secrets.token_hex(6)


def add_person(session: Session, row: PersonRow) -> str:
    session.add(
        t.Person(
            id=row.id,
            label=row.label,
            birth_year=row.birth_year,
            sex=row.sex,
            created_at=row.created_at,
        )
    )
    session.flush()
    return row.id


def is_record_id(text: str) -> bool:
    """Could `text` be a stored id? (Anything else is not looked up: it cannot be there, and a
    NUL or a broken character would upset the database driver.)"""
    return ID_PATTERN.fullmatch(text) is not None


def person_exists(session: Session, person_id: str) -> bool:
    return is_record_id(person_id) and session.get(t.Person, person_id) is not None


def require_person(session: Session, person_id: str, *, lock: bool = False) -> PersonRow:
    """The person, or NotFoundError; `lock` holds the row until commit (PostgreSQL)."""
    query = select(t.Person).where(t.Person.id == person_id)
    found = is_record_id(person_id)
    person = session.scalars(query.with_for_update() if lock else query).first() if found else None
    if person is None:
        raise NotFoundError(f"person: no person with id {show_text(person_id)}")
    return _row(person)


def all_people(session: Session) -> list[PersonRow]:
    people = session.scalars(select(t.Person).order_by(t.Person.created_at, t.Person.id))
    return [_row(person) for person in people]


def delete_person(session: Session, person_id: str) -> None:
    """Erase the person and, by ON DELETE CASCADE, everything recorded about them."""
    require_person(session, person_id)
    session.execute(delete(t.Person).where(t.Person.id == person_id))


def record_counts(session: Session, person_id: str) -> dict[str, int]:
    counts = {}
    for name, column in COUNTED.items():
        query = select(func.count()).where(column == person_id)
        counts[name] = int(session.scalar(query) or 0)
    return counts


def _row(person: t.Person) -> PersonRow:
    return PersonRow(person.id, person.label, person.birth_year, person.sex, person.created_at)
