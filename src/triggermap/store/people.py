"""People: pseudonymous by default (a label, optional year of birth and sex)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from triggermap.errors import InputError, NotFoundError, did_you_mean, show_text
from triggermap.person.records import Person
from triggermap.store import tables as t
from triggermap.store.ids import ID_PATTERN as ID_PATTERN
from triggermap.store.ids import could_be_label as could_be_label
from triggermap.store.ids import is_record_id as is_record_id

COUNTED = {
    "assessments": t.Assessment.person_id,
    "care_plans": t.CarePlan.person_id,
    "diary_entries": t.DiaryEntry.person_id,
    "peg_scores": t.PegScore.person_id,
    "sessions": t.SelfCareSession.person_id,
}


def add_person(session: Session, row: Person) -> str:
    """Store a new person; a label that is already someone's label or id is refused (and, for
    two requests adding the same label at once, by the database's unique index on labels)."""
    taken = InputError(
        f"label: {show_text(row.label)} is already used by another person; "
        "give each person a label of their own"
    )
    if _by_label(session, row.label) is not None or person_exists(session, row.label):
        raise taken
    session.add(
        t.Person(
            id=row.id,
            label=row.label,
            birth_year=row.birth_year,
            sex=row.sex,
            created_at=row.created_at,
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise taken from None
    return row.id


def person_exists(session: Session, person_id: str) -> bool:
    return is_record_id(person_id) and session.get(t.Person, person_id) is not None


def require_person(session: Session, ref: str, *, lock: bool = False) -> Person:
    """The person whose id, else whose label, is `ref`, or NotFoundError; `lock` holds the row
    until commit (PostgreSQL). Text that can be neither is never looked up."""
    query = select(t.Person).where(t.Person.id == ref)
    found = is_record_id(ref)
    person = session.scalars(query.with_for_update() if lock else query).first() if found else None
    if person is None:
        by_label = _by_label(session, ref) if could_be_label(ref) else None
        if by_label is not None:
            return require_person(session, by_label, lock=lock)
        labels = session.scalars(select(t.Person.label).limit(10_000))
        near = did_you_mean(ref, labels) or " (see triggermap person list)"
        raise NotFoundError(f"person: no person with id or label {show_text(ref)}{near}")
    return _row(person)


def _by_label(session: Session, label: str) -> str | None:
    query = select(t.Person.id).where(t.Person.label == label).order_by(t.Person.created_at)
    return session.scalars(query.limit(1)).first()


def all_people(session: Session) -> list[Person]:
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


def _row(person: t.Person) -> Person:
    return Person(person.id, person.label, person.birth_year, person.sex, person.created_at)
