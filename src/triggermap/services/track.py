"""Use case: a person's progress, with triage run again at once on a red-flag diary entry.

The store gives the history, `progress.analyse_progress` judges it, and when a diary entry
recorded since the latest assessment holds a red-flag symptom, the engine triages a case made
from that assessment's case and every such entry (`progress.triage_case`); that result comes
first. With no such entry, a latest saved assessment that was urgent or an emergency comes
first instead: nothing since has said the person was seen. `diary add` and the plan and session
commands use the same flagged entries, so every command gives the same level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.orm import Session

from triggermap.errors import CaseError
from triggermap.progress.adherence import PlanInfo, planned_sessions_per_week
from triggermap.progress.entries import DiaryEntry, local_day
from triggermap.progress.red_flags import answers_of, context_entries, unseen_red_flags
from triggermap.progress.report import History, ProgressReport, analyse_progress
from triggermap.progress.thresholds import ProgressRules
from triggermap.progress.triage_case import red_flag_case
from triggermap.reasoning.assessment import LEVEL_RANK, seeks_care_now
from triggermap.services.records import knowledge
from triggermap.store import people, records
from triggermap.store.records import StoredAssessment
from triggermap.store.schema import store_for
from triggermap.store.transactions import read

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.assessment import Triage as AssessmentTriage


@dataclass(frozen=True)
class Triage:
    """The engine's result on the case made from red-flag diary entries."""

    case: dict[str, Any]
    assessment: Assessment
    from_assessment: bool  # the case started from the latest saved assessment's case
    # flags: the records with red flags no assessment has rechecked; records: the records as
    # they stand (earlier findings, the recent diary); saved: the latest saved assessment itself
    cause: Literal["flags", "records", "saved"] = "flags"

    def to_json(self) -> dict[str, Any]:
        return {"cause": self.cause, "case": self.case, "assessment": self.assessment.to_json()}


@dataclass(frozen=True)
class ProgressView:
    person: dict[str, Any]
    report: ProgressReport
    triage: Triage | None
    history: History

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"triage": None if self.triage is None else self.triage.to_json()}
        data["person"] = self.person
        data.update(self.report.to_json())
        return data


@dataclass(frozen=True)
class PersonFlags:
    """What a person's triage reads from their records, as of `today`."""

    today: date
    flagged: list[DiaryEntry]  # red flags no assessment has rechecked (progress.red_flags)
    context: list[DiaryEntry]  # the recent diary (progress.red_flags.context_entries)
    latest: StoredAssessment | None
    earlier: list[StoredAssessment]  # the assessments before it, newest first
    birth_year: int | None


def progress_report(
    *,
    db_url: str | None,
    person_id: str,
    today: date | None = None,
    kb: KnowledgeBase | None = None,
) -> ProgressView:
    """Progress as of `today` (default: the local calendar day); a look back leaves out what
    was recorded after that day, assessments included."""
    base = knowledge(kb)
    day = today or date.today()
    person, history, saved = read(
        store_for(db_url, create=False), lambda s: _history(s, person_id, day)
    )
    rules = ProgressRules.from_kb(base)
    report = analyse_progress(history, today=day, red_flags=red_flag_ids(base), rules=rules)
    diary = [e for e in history.diary if e.day <= day]
    flags = _flags(day, list(report.red_flag_entries), diary, saved, person.get("birth_year"))
    return ProgressView(person, report, person_triage_of(flags, base), history)


def triage_diary_entry(
    *, db_url: str | None, person_id: str, entry: DiaryEntry, kb: KnowledgeBase | None = None
) -> Triage | None:
    """Triage at once when `entry` holds a red-flag symptom (None when it holds none): the
    person's triage as `progress` gives it."""
    base = knowledge(kb)
    if not red_flag_ids(base).intersection(entry.symptoms):
        return None
    return person_triage_of(person_flags(db_url=db_url, person_id=person_id, kb=base), base)


def triage_for_person(
    *,
    db_url: str | None,
    person_id: str,
    kb: KnowledgeBase | None = None,
    today: date | None = None,
) -> Triage | None:
    """The person's triage from their records as of `today` (None when nothing calls for it):
    what a plan or session made for them must not fall below. An unknown person is a
    `NotFoundError`."""
    base = knowledge(kb)
    flags = person_flags(db_url=db_url, person_id=person_id, kb=base, today=today)
    return person_triage_of(flags, base)


def person_flags(
    *,
    db_url: str | None,
    person_id: str,
    kb: KnowledgeBase | None = None,
    today: date | None = None,
) -> PersonFlags:
    """The person's records as their triage reads them, as of `today` (default: the local day)."""
    base = knowledge(kb)
    day = today or date.today()

    def work(session: Session) -> PersonFlags:
        person = people.require_person(session, person_id)
        saved = _assessments_until(session, person_id, day)
        diary = [e for e in records.diary_entries(session, person_id) if e.day <= day]
        answers = [answers_of(a.case, a.created_at) for a in saved]
        flagged = unseen_red_flags(diary, red_flag_ids(base), answers)
        return _flags(day, flagged, diary, saved, person.birth_year)

    return read(store_for(db_url, create=False), work)


def _flags(
    today: date,
    flagged: list[DiaryEntry],
    diary: list[DiaryEntry],
    saved: list[StoredAssessment],
    birth_year: int | None,
) -> PersonFlags:
    latest = saved[-1] if saved else None
    earlier = list(reversed(saved[:-1]))
    return PersonFlags(today, flagged, context_entries(diary, today), latest, earlier, birth_year)


def person_triage_of(flags: PersonFlags, kb: KnowledgeBase) -> Triage | None:
    return person_triage(
        flags.flagged,
        flags.latest,
        kb,
        today=flags.today,
        context=flags.context,
        earlier=flags.earlier,
        birth_year=flags.birth_year,
    )


def red_flag_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms the knowledge base marks `red_flag: true`."""
    return frozenset(sid for sid, symptom in kb.symptoms.items() if symptom.red_flag)


def person_triage(
    flagged: list[DiaryEntry],
    latest: StoredAssessment | None,
    kb: KnowledgeBase,
    *,
    today: date | None = None,
    context: Sequence[DiaryEntry] = (),
    earlier: Sequence[StoredAssessment] = (),
    birth_year: int | None = None,
) -> Triage | None:
    """What comes first for a person: the higher of (a) the triage of their records as they
    stand (the latest saved case, what earlier cases found that it leaves unknown, the red flags
    no assessment has rechecked, the recent diary), shown when a flag is open or it is urgent or
    an emergency, and (b) the latest saved assessment when it is urgent or an emergency. On a
    tie the saved assessment is named. Neither can lower the other, so no diary entry can take
    a person below a saved emergency."""
    found: list[Triage] = []
    if flagged or latest is not None:
        now = run_triage(
            flagged,
            latest,
            kb,
            today=today or date.today(),
            context=context,
            earlier=earlier,
            birth_year=birth_year,
        )
        if flagged or seeks_care_now(now.assessment.triage.level):
            found.append(now)
    saved = saved_triage(latest, kb)
    if saved is not None and seeks_care_now(saved.assessment.triage.level):
        found.append(saved)
    if not found:
        return None
    # On a tie an open flag keeps the records' triage (it holds the saved case and every open
    # flag); without one the saved assessment is named: nothing since raised it.
    return max(
        found,
        key=lambda t: (
            LEVEL_RANK[t.assessment.triage.level],
            (t.cause == "flags", t.cause == "saved"),
        ),
    )


def saved_triage(latest: StoredAssessment | None, kb: KnowledgeBase) -> Triage | None:
    """The latest saved assessment, assessed again with today's knowledge, never below the
    level it was saved with: the stored triage stands when it is higher, and when the stored
    case no longer parses (a stored result that does not read whole still gives its level)."""
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    if latest is None:
        return None
    stored = _stored_triage(latest.result)
    try:
        now: Assessment | None = assess(parse_case(latest.case, kb), kb)
    except CaseError:
        now = None
    if now is None:
        if stored is None:
            return None
        now = _triage_only(stored, kb)
    elif stored is not None and LEVEL_RANK[stored.level] > LEVEL_RANK[now.triage.level]:
        now = now.model_copy(update={"triage": stored})
    return Triage(latest.case, now, True, "saved")


def _stored_triage(result: Any) -> AssessmentTriage | None:
    """The triage a stored result holds, read as far as it can be: whole, or its level alone."""
    from triggermap.reasoning.assessment import Triage as TriageResult

    raw = result.get("triage") if isinstance(result, dict) else None
    if not isinstance(raw, dict):
        return None
    try:
        return TriageResult.model_validate(raw)
    except ValueError:
        level = raw.get("level")
        if level not in LEVEL_RANK:
            return None
        return TriageResult(
            level=level,
            summary=f"The latest saved assessment was {level.replace('_', ' ')} (its details "
            "could not be read).",
            reasons=[],
            screening_complete=False,
            unanswered=[],
        )


def _triage_only(triage: AssessmentTriage, kb: KnowledgeBase) -> Assessment:
    """An assessment that holds only a stored triage (its case no longer parses)."""
    from triggermap.reasoning.assessment import Assessment as AssessmentResult
    from triggermap.reasoning.assessment import Imaging

    return AssessmentResult(
        knowledge_version=kb.version,
        triage=triage,
        muscles=[],
        combination=None,
        unexplained=[],
        conditions=[],
        imaging=Imaging(recommended=False, modality="none", urgency="none", reasons=[]),
        next_tests=[],
    )


def _clean_case(case: Any, kb: KnowledgeBase) -> dict[str, Any] | None:
    """A stored case as today's knowledge reads it (normalised), or None when it no longer
    parses: a malformed or outdated record must not stop a person's triage."""
    from triggermap.reasoning.case import parse_case

    try:
        return parse_case(case, kb).to_json()
    except CaseError:
        return None


def run_triage(
    flagged: list[DiaryEntry],
    latest: StoredAssessment | None,
    kb: KnowledgeBase,
    *,
    today: date,
    context: Sequence[DiaryEntry] = (),
    earlier: Sequence[StoredAssessment] = (),
    birth_year: int | None = None,
) -> Triage:
    """The person's records as one case (progress.triage_case). The weeks since the latest
    assessment are added to its duration, and the case is also judged without them: the higher
    level stands (a longer episode must not drop a rule for a recent one)."""
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    cause: Literal["flags", "records"] = "flags" if flagged else "records"
    old = [
        (local_day(a.created_at), clean)
        for a in earlier
        if (clean := _clean_case(a.case, kb)) is not None
    ]
    latest_case = None if latest is None else _clean_case(latest.case, kb)

    def case_for(base: StoredAssessment | None, advance: bool) -> dict[str, Any]:
        return red_flag_case(
            flagged,
            None if base is None else latest_case,
            None if base is None else local_day(base.created_at),
            today=today,
            context=context,
            earlier=old,
            birth_year=birth_year,
            advance=advance,
        )

    if latest is not None and latest_case is not None:
        results = []
        for advance in (True, False):
            case_json = case_for(latest, advance)
            try:
                assessment = assess(parse_case(case_json, kb), kb)
            except CaseError:  # the stored case predates this knowledge base: the diary alone
                break
            results.append(Triage(case_json, assessment, True, cause))
        if results:
            return max(results, key=lambda t: LEVEL_RANK[t.assessment.triage.level])
    case_json = case_for(None, True)
    try:
        return Triage(case_json, assess(parse_case(case_json, kb), kb), False, cause)
    except CaseError:  # an earlier finding no longer reads: the flags and the diary alone
        case_json = red_flag_case(flagged, None, None, today=today, context=context)
        return Triage(case_json, assess(parse_case(case_json, kb), kb), False, cause)


def _history(
    session: Session, person_id: str, today: date
) -> tuple[dict[str, Any], History, list[StoredAssessment]]:
    """The person, their history and their assessments saved up to `today`, oldest first."""
    from triggermap.progress.report_json import plain

    person = people.require_person(session, person_id)
    saved = _assessments_until(session, person_id, today)
    plan = records.latest_plan(session, person_id)
    history = History(
        diary=tuple(records.diary_entries(session, person_id)),
        peg=tuple(records.peg_scores(session, person_id)),
        sessions=tuple(records.sessions(session, person_id)),
        plan=None
        if plan is None
        else PlanInfo(
            plan.version, local_day(plan.created_at), planned_sessions_per_week(plan.plan)
        ),
        saved=tuple(answers_of(a.case, a.created_at) for a in saved),
    )
    return plain(person), history, saved


def _assessments_until(session: Session, person_id: str, day: date) -> list[StoredAssessment]:
    """The person's saved assessments up to `day` (a local day), oldest first."""
    return [a for a in records.assessments(session, person_id) if local_day(a.created_at) <= day]
