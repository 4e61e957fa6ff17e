"""Use cases for the pain diary and PEG scores: add (checked, one transaction) and list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from triggermap.errors import InputError, show_field
from triggermap.progress.entries import DiaryEntry, PegScore, diary_entry, peg_score
from triggermap.services.records import knowledge
from triggermap.store import people, records
from triggermap.store.records import new_record_id
from triggermap.store.schema import store_for
from triggermap.store.transactions import read, write

if TYPE_CHECKING:
    from collections.abc import Iterable

    from triggermap.kb.loader import KnowledgeBase


def add_diary_entry(
    *,
    db_url: str | None,
    person_id: str,
    pain: Any,
    regions: Iterable[Any] = (),
    symptoms: Iterable[Any] = (),
    note: Any = None,
    day: Any = None,
    self_care: bool = False,
    kb: KnowledgeBase | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> DiaryEntry:
    """Check and store one diary entry (region and symptom ids from the knowledge base; no
    date after today, which is the local calendar day unless given). Returns it with its id."""
    base = knowledge(kb)
    today = today or date.today()
    entry = diary_entry(
        day=today if day is None else day,
        pain=pain,
        regions=regions,
        symptoms=symptoms,
        note=note,
        self_care=self_care,
        known_regions=base.regions,
        known_symptoms=base.symptoms,
        today=today,
    )
    stored = replace(entry, id=new_record_id(), recorded_at=now or datetime.now(UTC))

    def work(session: Session) -> DiaryEntry:
        check_after_birth(people.require_person(session, person_id), stored.day)
        records.add_diary_entries(session, person_id, [stored])
        return stored

    return write(store_for(db_url, create=False), work)


def list_diary(*, db_url: str | None, person_id: str) -> list[DiaryEntry]:
    def work(session: Session) -> list[DiaryEntry]:
        people.require_person(session, person_id)
        return records.diary_entries(session, person_id)

    return read(store_for(db_url, create=False), work)


def add_peg(
    *,
    db_url: str | None,
    person_id: str,
    pain: Any,
    enjoyment: Any,
    activity: Any,
    day: Any = None,
    today: date | None = None,
    now: datetime | None = None,
) -> PegScore:
    """Check and store one PEG (three 0-10 items); its score is their mean (Krebs 2009)."""
    today = today or date.today()
    score = peg_score(
        day=today if day is None else day,
        pain=pain,
        enjoyment=enjoyment,
        activity=activity,
        today=today,
    )
    stored = replace(score, id=new_record_id(), recorded_at=now or datetime.now(UTC))

    def work(session: Session) -> PegScore:
        check_after_birth(people.require_person(session, person_id), stored.day)
        records.add_peg_scores(session, person_id, [stored])
        return stored

    return write(store_for(db_url, create=False), work)


def check_after_birth(person: people.PersonRow, day: date) -> None:
    """A day before the person's year of birth is a typing slip, not a record."""
    if person.birth_year is not None and day.year < person.birth_year:
        raise InputError(
            f"date: {day.isoformat()} is before {show_field(person.label)}'s year of birth "
            f"({person.birth_year})"
        )
