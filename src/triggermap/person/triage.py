"""A person's triage: what comes first for them, from their records as they stand (pure).

The day and the person's time zone come in as arguments; the records come in whole
(`PersonRecords`, read once per command). The result is the higher of:
(a) the triage of their records as one case: the latest saved case, what earlier cases found
    that it leaves unknown, the red flags no assessment has rechecked, the recent diary
    (`triage_case.red_flag_case`); shown when a flag is open or it is urgent or an emergency;
(b) the latest saved assessment, when it is urgent or an emergency (assessed again with today's
    knowledge, never below the level it was saved with).
Neither can lower the other, so no diary entry takes a person below a saved emergency. On a tie
an open flag keeps the records' triage; without one the saved assessment is named.
See docs/adr/0002-triage-precedence.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any, Literal

from triggermap.errors import CaseError
from triggermap.kb.levels import rank, seeks_care_now
from triggermap.person.records import PersonRecords, SavedAssessment
from triggermap.person.triage_case import red_flag_case
from triggermap.progress.entries import DiaryEntry, local_day
from triggermap.progress.red_flags import context_entries, unseen_red_flags
from triggermap.reasoning.assessment import Assessment, Imaging, Triage
from triggermap.reasoning.case import Case, parse_case
from triggermap.reasoning.engine import assess

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

Cause = Literal["flags", "records", "saved"]
CAUSE_WORDS: dict[str, str] = {
    "flags": "red flags that no assessment has rechecked",
    "records": "the records as they stand (earlier findings, the recent diary)",
    "saved": "the latest saved assessment",
}


@dataclass(frozen=True)
class PersonTriage:
    """A person's triage from their records (the engine's result on the case they make)."""

    case: Case | None  # the case judged (None: a saved assessment whose case no longer reads)
    assessment: Assessment
    from_assessment: bool  # the case started from the latest saved assessment's case
    # flags: the records hold red flags no assessment has rechecked; records: the records as
    # they stand (earlier findings, the recent diary); saved: the latest saved assessment itself
    cause: Cause = "flags"

    @property
    def seeks_care_now(self) -> bool:
        """Urgent or an emergency: care now, no self-treatment."""
        return seeks_care_now(self.assessment.triage.level)

    def to_json(self) -> dict[str, Any]:
        return {
            "cause": self.cause,
            "case": None if self.case is None else self.case.to_json(),
            "assessment": self.assessment.to_json(),
        }


@dataclass(frozen=True)
class RecordsToday:
    """What a person's triage reads from their records, as of `today`."""

    today: date
    flagged: tuple[DiaryEntry, ...]  # red flags no assessment has rechecked, oldest first
    context: tuple[DiaryEntry, ...]  # the recent diary (progress.red_flags.context_entries)
    latest: SavedAssessment | None
    earlier: tuple[SavedAssessment, ...]  # the assessments before it, newest first
    birth_year: int | None


def red_flag_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms the knowledge base marks `red_flag: true`."""
    return frozenset(sid for sid, symptom in kb.symptoms.items() if symptom.red_flag)


def records_today(
    records: PersonRecords, kb: KnowledgeBase, *, today: date, tz: tzinfo
) -> RecordsToday:
    """The records as the triage reads them at the end of `today` (later ones left out)."""
    now = records.until(today, tz)
    saved = now.assessments
    flagged = unseen_red_flags(now.diary, red_flag_ids(kb), [a.answers for a in saved], tz=tz)
    return RecordsToday(
        today=today,
        flagged=tuple(flagged),
        context=tuple(context_entries(now.diary, today)),
        latest=saved[-1] if saved else None,
        earlier=tuple(reversed(saved[:-1])),
        birth_year=records.person.birth_year,
    )


def held_red_flags(view: RecordsToday, kb: KnowledgeBase) -> frozenset[str]:
    """The red flags the records hold: the open ones, and the latest case's own."""
    held = {s for e in view.flagged for s in e.symptoms}
    if view.latest is not None:
        held |= view.latest.answers.reported & red_flag_ids(kb)
    return frozenset(held)


def triage_person(
    records: PersonRecords, kb: KnowledgeBase, *, today: date, tz: tzinfo
) -> PersonTriage | None:
    """The person's triage as of `today` (None when nothing in the records calls for it)."""
    return triage_of(records_today(records, kb, today=today, tz=tz), kb, tz=tz)


def triage_of(view: RecordsToday, kb: KnowledgeBase, *, tz: tzinfo) -> PersonTriage | None:
    found: list[PersonTriage] = []
    if view.flagged or view.latest is not None:
        now = triage_records(view, kb, tz=tz)
        if view.flagged or seeks_care_now(now.assessment.triage.level):
            found.append(now)
    saved = saved_triage(view.latest, kb)
    if saved is not None and seeks_care_now(saved.assessment.triage.level):
        found.append(saved)
    if not found:
        return None
    return max(
        found,
        key=lambda t: (
            rank(t.assessment.triage.level),
            (t.cause == "flags", t.cause == "saved"),
        ),
    )


def saved_triage(latest: SavedAssessment | None, kb: KnowledgeBase) -> PersonTriage | None:
    """The latest saved assessment, assessed again with today's knowledge, never below the
    level it was saved with: the stored triage stands when it is higher, and when the stored
    case no longer parses."""
    if latest is None:
        return None
    stored = latest.triage
    case = latest.case if isinstance(latest.case, Case) else None
    if case is None:
        if stored is None:
            return None
        return PersonTriage(None, _triage_only(stored, kb), True, "saved")
    now = assess(case, kb)
    if stored is not None and rank(stored.level) > rank(now.triage.level):
        now = replace(now, triage=stored)
    return PersonTriage(case, now, True, "saved")


def _triage_only(triage: Triage, kb: KnowledgeBase) -> Assessment:
    """An assessment that holds only a stored triage (its case no longer parses)."""
    return Assessment(
        knowledge_version=kb.version,
        triage=triage,
        muscles=[],
        combination=None,
        unexplained=[],
        conditions=[],
        imaging=Imaging(recommended=False, modality="none", urgency="none", reasons=[]),
        next_tests=[],
    )


def triage_records(view: RecordsToday, kb: KnowledgeBase, *, tz: tzinfo) -> PersonTriage:
    """The person's records as one case (`triage_case`). The weeks since the latest
    assessment are added to its duration, and the case is also judged without them: the higher
    level stands (a longer episode must not drop a rule for a recent one)."""
    cause: Cause = "flags" if view.flagged else "records"
    old = [
        (local_day(a.created_at, tz), a.case.to_json())
        for a in view.earlier
        if isinstance(a.case, Case)
    ]
    latest = view.latest
    if latest is not None and isinstance(latest.case, Case):
        assessed_on = local_day(latest.created_at, tz)
        results = []
        for advance in (True, False):
            data = _case_data(view, latest.case.to_json(), assessed_on, old, advance)
            try:
                case = parse_case(data, kb)
            except CaseError:  # an earlier finding no longer reads: the diary alone
                break
            results.append(PersonTriage(case, assess(case, kb), True, cause))
        if results:
            return max(results, key=lambda t: rank(t.assessment.triage.level))
    try:
        case = parse_case(_case_data(view, None, None, old, True), kb)
    except CaseError:  # an earlier finding no longer reads: the flags and the diary alone
        case = parse_case(_case_data(view, None, None, [], True, with_age=False), kb)
    return PersonTriage(case, assess(case, kb), False, cause)


def _case_data(
    view: RecordsToday,
    latest_case: dict[str, Any] | None,
    assessed_on: date | None,
    earlier: list[tuple[date, dict[str, Any]]],
    advance: bool,
    *,
    with_age: bool = True,
) -> dict[str, Any]:
    return red_flag_case(
        view.flagged,
        latest_case,
        assessed_on,
        today=view.today,
        context=view.context,
        earlier=earlier,
        birth_year=view.birth_year if with_age else None,
        advance=advance,
    )
