"""Use cases for people: add (a label of their own), list, show, erase.

A person is named by id or by label wherever a command takes `person`. An unknown one is a
`NotFoundError`; bad input is an `InputError` naming the field. Each runs in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError, show_text, show_value
from triggermap.input_checks import check_one_line, check_whole_in
from triggermap.person.records import EARLIEST_BIRTH_YEAR, LABEL_MAX_CHARS, Person
from triggermap.services.ids import new_person_id

if TYPE_CHECKING:
    from triggermap.kb.levels import TriageLevel
    from triggermap.person.records import PersonRecords
    from triggermap.services.application import Application
    from triggermap.services.ports import Records


@dataclass(frozen=True)
class LatestAssessment:
    id: str
    created_at: datetime
    triage_level: TriageLevel | None  # None: a stored result that no longer reads


@dataclass(frozen=True)
class LatestPlan:
    id: str
    version: int
    created_at: datetime


@dataclass(frozen=True)
class PersonSummary:
    person: Person
    records: dict[str, int]  # how many of each kind: assessments, care_plans, diary_entries, ...
    latest_assessment: LatestAssessment | None
    latest_plan: LatestPlan | None

    def to_json(self) -> dict[str, Any]:
        from triggermap.progress.report_json import plain

        data: dict[str, Any] = plain(self.person)
        data["records"] = dict(self.records)
        data["latest_assessment"] = plain(self.latest_assessment)
        data["latest_plan"] = plain(self.latest_plan)
        return data


def add_person(
    app: Application, *, label: str, birth_year: int | str | None = None, sex: str | None = None
) -> Person:
    """Store a new person (creating the database on first use); a label already in use is
    refused."""
    now = app.now()
    person = Person(
        id=new_person_id(),
        label=check_label(label),
        birth_year=check_birth_year(birth_year, app.today()),
        sex=check_sex(sex, app.kb.exam.sexes),
        created_at=now,
    )
    app.store.write(lambda records: records.add_person(person), create=True)
    return person


def list_people(app: Application) -> list[Person]:
    """Everyone recorded, oldest first (a missing database is an error, not an empty list)."""
    return app.store.read(lambda records: records.people())


def show_person(app: Application, *, person: str) -> PersonSummary:
    """The person, how many records of each kind they have, and the latest of each."""

    def work(records: Records) -> PersonSummary:
        found = records.find_person(person)
        latest = records.latest_assessment(found.id)
        plan = records.latest_plan(found.id)
        return PersonSummary(
            person=found,
            records=records.record_counts(found.id),
            latest_assessment=None
            if latest is None
            else LatestAssessment(
                latest.id,
                latest.created_at,
                None if latest.triage is None else latest.triage.level,
            ),
            latest_plan=None
            if plan is None
            else LatestPlan(plan.id, plan.version, plan.created_at),
        )

    return app.store.read(work)


def person_records(app: Application, *, person: str) -> PersonRecords:
    """Everything recorded about the person, read in one transaction, as typed values."""
    return app.store.read(lambda records: records.person_records(records.find_person(person).id))


def find_person(app: Application, *, person: str) -> Person:
    """The person named by id or label (`NotFoundError` when there is none): commands check
    it before asking anything."""
    return app.store.read(lambda records: records.find_person(person))


def delete_person(app: Application, *, person: str) -> Person:
    """Erase the person and everything recorded about them; return who was erased."""

    def work(records: Records) -> Person:
        found = records.find_person(person)
        records.delete_person(found.id)
        return found

    erased = app.store.write(work)
    app.store.scrub()
    return erased


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


def check_sex(value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise InputError(f"sex: {show_text(value)} is not one of {', '.join(allowed)}")
    return value
