"""Use cases for the pain diary and PEG scores: add, list, edit, delete (each checked, one
transaction). A diary entry with a red-flag symptom is triaged at once with the person's
records (`person.triage`): the result comes back with the saved entry."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError, NotFoundError, show_field, show_text
from triggermap.input_checks import check_day
from triggermap.person.triage import triage_person
from triggermap.progress.entries import (
    DiaryEntry,
    PegScore,
    check_ids,
    check_note,
    check_score,
    diary_entry,
    peg_score,
)
from triggermap.services.ids import new_record_id

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.person.triage import PersonTriage
    from triggermap.services.application import Application
    from triggermap.services.ports import Records


@dataclass(frozen=True)
class SavedEntry:
    person: Person
    entry: DiaryEntry
    triage: PersonTriage | None  # the person's triage, when the entry holds a red flag


def add_diary_entry(
    app: Application,
    *,
    person: str,
    pain: int | str,
    regions: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    note: str | None = None,
    day: date | str | None = None,
    self_care: bool = False,
) -> SavedEntry:
    """Check and store one diary entry (no day after today, no day before the person's year of
    birth); a red-flag symptom triages the person's records at once."""
    entry = _checked_entry(app, pain, regions, symptoms, note, day, self_care)
    stored = replace(entry, id=new_record_id(), recorded_at=app.now())
    return app.store.write(lambda records: _add(app, records, person, stored))


def _add(app: Application, records: Records, ref: str, entry: DiaryEntry) -> SavedEntry:
    found = records.find_person(ref)
    check_after_birth(found, entry.day)
    records.add_diary_entry(found.id, entry)
    return SavedEntry(found, entry, _triage_if_flagged(app, records, found, entry))


def _triage_if_flagged(
    app: Application, records: Records, person: Person, entry: DiaryEntry
) -> PersonTriage | None:
    if not app.entry_vocabulary().red_flags.intersection(entry.symptoms):
        return None
    return triage_person(records.person_records(person.id), app.kb, today=app.today(), tz=app.tz)


def triage_unsaved_entry(
    app: Application,
    *,
    person: str,
    symptoms: Iterable[str],
    pain: int | str = "",
    day: date | str | None = None,
) -> PersonTriage | None:
    """The triage a diary entry with these symptoms would give once saved, without saving it:
    a red flag is not kept waiting while the entry cannot be saved yet (the pain not given, a
    mistake in another field). None when no symptom is a red flag. Each field in error is left
    out (the day: today; the pain: none of it counted, 0)."""
    flags = tuple(s for s in dict.fromkeys(symptoms) if s in app.entry_vocabulary().red_flags)
    if not flags:
        return None
    try:
        entry = _checked_entry(app, pain, (), flags, None, day, False)
    except InputError:
        try:
            entry = _checked_entry(app, 0, (), flags, None, day, False)
        except InputError:
            entry = _checked_entry(app, 0, (), flags, None, None, False)
    unsaved = replace(entry, id="unsaved", recorded_at=app.now())

    def work(records: Records) -> PersonTriage | None:
        found = records.find_person(person)
        now = records.person_records(found.id)
        with_entry = replace(now, diary=(*now.diary, unsaved))
        return triage_person(with_entry, app.kb, today=app.today(), tz=app.tz)

    return app.store.read(work)


def diary_entry_problems(
    app: Application,
    *,
    pain: int | str,
    regions: Iterable[str],
    symptoms: Iterable[str],
    note: str | None,
    day: date | str | None,
) -> dict[str, str]:
    """Every field of a diary entry that `add_diary_entry` would refuse, each checked on its
    own: {field: its one-line error}, in the form's order (a form shows them all at once;
    nothing is written). Empty when each field on its own is right."""
    today = app.today()
    vocabulary = app.entry_vocabulary()
    return _problems(
        {
            "date": lambda: check_day(today if day is None else day, "date", today),
            "pain": lambda: check_score(pain, "pain"),
            "regions": lambda: check_ids(regions, "regions", vocabulary.regions, "region"),
            "symptoms": lambda: check_ids(symptoms, "symptoms", vocabulary.symptoms, "symptom"),
            "note": lambda: check_note(note, "note"),
        }
    )


def peg_problems(
    app: Application,
    *,
    pain: int | str,
    enjoyment: int | str,
    activity: int | str,
    day: date | str | None,
) -> dict[str, str]:
    """Every field of a PEG score that `add_peg` would refuse (as `diary_entry_problems`)."""
    today = app.today()
    return _problems(
        {
            "date": lambda: check_day(today if day is None else day, "date", today),
            "pain": lambda: check_score(pain, "pain"),
            "enjoyment": lambda: check_score(enjoyment, "enjoyment"),
            "activity": lambda: check_score(activity, "activity"),
        }
    )


def _problems(checks: dict[str, Callable[[], Any]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, check in checks.items():
        try:
            check()
        except InputError as exc:
            found[field] = str(exc)
    return found


def _checked_entry(
    app: Application,
    pain: int | str,
    regions: Iterable[str],
    symptoms: Iterable[str],
    note: str | None,
    day: date | str | None,
    self_care: bool,
) -> DiaryEntry:
    today = app.today()
    vocabulary = app.entry_vocabulary()
    return diary_entry(
        day=today if day is None else day,
        pain=pain,
        regions=regions,
        symptoms=symptoms,
        note=note,
        self_care=self_care,
        known_regions=vocabulary.regions,
        known_symptoms=vocabulary.symptoms,
        today=today,
    )


def list_diary(app: Application, *, person: str) -> list[DiaryEntry]:
    """The person's diary, oldest first."""

    def work(records: Records) -> list[DiaryEntry]:
        return records.diary_entries(records.find_person(person).id)

    return app.store.read(work)


def edit_diary_entry(
    app: Application,
    *,
    entry_id: str,
    person: str | None = None,
    pain: int | str | None = None,
    regions: Iterable[str] | None = None,
    symptoms: Iterable[str] | None = None,
    note: str | None = None,
    day: date | str | None = None,
    self_care: bool | None = None,
) -> SavedEntry:
    """Change the fields given of one diary entry (the others stay); checked as a new entry."""

    def work(records: Records) -> SavedEntry:
        owner, old = _owned_entry(records, entry_id, person)
        new = _checked_entry(
            app,
            old.pain if pain is None else pain,
            old.regions if regions is None else regions,
            old.symptoms if symptoms is None else symptoms,
            old.note if note is None else note,
            old.day if day is None else day,
            old.self_care if self_care is None else self_care,
        )
        stored = replace(new, id=old.id, recorded_at=app.now())
        check_after_birth(owner, stored.day)
        records.replace_diary_entry(stored)
        return SavedEntry(owner, stored, _triage_if_flagged(app, records, owner, stored))

    return app.store.write(work)


def delete_diary_entry(app: Application, *, entry_id: str, person: str | None = None) -> DiaryEntry:
    """Delete one entry (by its id or the start of it) and return what was deleted."""

    def work(records: Records) -> DiaryEntry:
        _, entry = _owned_entry(records, entry_id, person)
        assert entry.id is not None  # a stored entry has its id
        records.delete_diary_entry(entry.id)
        return entry

    return app.store.write(work)


def _owned_entry(records: Records, entry_id: str, person: str | None) -> tuple[Person, DiaryEntry]:
    """The entry and its person; with `person` given, an entry of someone else is not found."""
    owner_id, entry = records.find_diary_entry(entry_id)
    owner = records.find_person(owner_id)
    if person is not None:
        named = records.find_person(person)  # the message names them, never the owner
        if named.id != owner.id:
            raise NotFoundError(
                f"entry: {show_field(named.label)} has no diary entry {show_text(entry_id)}"
            )
    return owner, entry


# ---------------------------------------------------------------- PEG


def add_peg(
    app: Application,
    *,
    person: str,
    pain: int | str,
    enjoyment: int | str,
    activity: int | str,
    day: date | str | None = None,
) -> PegScore:
    """Check and store one PEG (three 0-10 items); its score is their mean (Krebs 2009)."""
    score = _checked_peg(app, pain, enjoyment, activity, day)
    stored = replace(score, id=new_record_id(), recorded_at=app.now())

    def work(records: Records) -> PegScore:
        found = records.find_person(person)
        check_after_birth(found, stored.day)
        records.add_peg_score(found.id, stored)
        return stored

    return app.store.write(work)


def _checked_peg(
    app: Application,
    pain: int | str,
    enjoyment: int | str,
    activity: int | str,
    day: date | str | None,
) -> PegScore:
    today = app.today()
    return peg_score(
        day=today if day is None else day,
        pain=pain,
        enjoyment=enjoyment,
        activity=activity,
        today=today,
    )


def list_peg(app: Application, *, person: str) -> list[PegScore]:
    def work(records: Records) -> list[PegScore]:
        return records.peg_scores(records.find_person(person).id)

    return app.store.read(work)


def edit_peg(
    app: Application,
    *,
    score_id: str,
    person: str | None = None,
    pain: int | str | None = None,
    enjoyment: int | str | None = None,
    activity: int | str | None = None,
    day: date | str | None = None,
) -> PegScore:
    """Change the items given of one PEG score (the others stay); with `person` given, a score
    of someone else is not found."""

    def work(records: Records) -> PegScore:
        owner_id, old = _owned_peg(records, score_id, person)
        new = _checked_peg(
            app,
            old.pain if pain is None else pain,
            old.enjoyment if enjoyment is None else enjoyment,
            old.activity if activity is None else activity,
            old.day if day is None else day,
        )
        stored = replace(new, id=old.id, recorded_at=app.now())
        check_after_birth(records.find_person(owner_id), stored.day)
        records.replace_peg_score(stored)
        return stored

    return app.store.write(work)


def delete_peg(app: Application, *, score_id: str, person: str | None = None) -> None:
    def work(records: Records) -> None:
        _owned_peg(records, score_id, person)
        records.delete_peg_score(score_id)

    app.store.write(work)


def _owned_peg(records: Records, score_id: str, person: str | None) -> tuple[str, PegScore]:
    owner_id, score = records.find_peg_score(score_id)
    if person is not None:
        named = records.find_person(person)  # the message names them, never the owner
        if named.id != owner_id:
            raise NotFoundError(f"entry: {named.label} has no PEG score {show_text(score_id)}")
    return owner_id, score


def check_after_birth(person: Person, day: date) -> None:
    """A day before the person's year of birth is a typing slip, not a record."""
    if person.birth_year is not None and day.year < person.birth_year:
        raise InputError(
            f"date: {day.isoformat()} is before {show_field(person.label)}'s year of birth "
            f"({person.birth_year})"
        )
