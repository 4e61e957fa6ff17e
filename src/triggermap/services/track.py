"""Use case: a person's progress, with triage run again at once on a red-flag diary entry.

The store gives the history, `progress.analyse_progress` judges it, and when a diary entry
recorded since the latest assessment holds a red-flag symptom, the engine triages a case made
from that assessment's case and every such entry (`progress.triage_case`); that result comes
first. With no such entry, a latest saved assessment that was urgent or an emergency comes
first instead: nothing since has said the person was seen. `diary add` and the plan and session
commands use the same flagged entries, so every command gives the same level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.orm import Session

from triggermap.errors import CaseError
from triggermap.progress.adherence import PlanInfo, planned_sessions_per_week
from triggermap.progress.entries import DiaryEntry
from triggermap.progress.escalation import red_flag_entries
from triggermap.progress.report import History, ProgressReport, analyse_progress
from triggermap.progress.triage_case import red_flag_case
from triggermap.reasoning.assessment import LEVEL_RANK
from triggermap.services.records import knowledge
from triggermap.store import people, records
from triggermap.store.records import StoredAssessment
from triggermap.store.schema import store_for
from triggermap.store.transactions import read

SEEK_CARE_NOW = ("emergency", "urgent")

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment


@dataclass(frozen=True)
class Triage:
    """The engine's result on the case made from red-flag diary entries."""

    case: dict[str, Any]
    assessment: Assessment
    from_assessment: bool  # the case started from the latest saved assessment's case
    cause: Literal["diary", "saved"] = "diary"  # red-flag diary entries, or the saved assessment

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


def progress_report(
    *,
    db_url: str | None,
    person_id: str,
    today: date | None = None,
    kb: KnowledgeBase | None = None,
) -> ProgressView:
    """Progress as of `today` (default: the local calendar day)."""
    base = knowledge(kb)
    person, history, latest = read(
        store_for(db_url, create=False), lambda s: _history(s, person_id)
    )
    report = analyse_progress(history, today=today or date.today(), red_flags=red_flag_ids(base))
    triage = person_triage(list(report.red_flag_entries), latest, base)
    return ProgressView(person, report, triage, history)


def triage_diary_entry(
    *, db_url: str | None, person_id: str, entry: DiaryEntry, kb: KnowledgeBase | None = None
) -> Triage | None:
    """Triage at once when `entry` holds a red-flag symptom (None when it holds none): the
    person's triage over every unseen red-flag entry and the saved assessment, as `progress`."""
    base = knowledge(kb)
    if not red_flag_ids(base).intersection(entry.symptoms):
        return None
    flagged, latest = unseen_red_flags(db_url=db_url, person_id=person_id, kb=base)
    return person_triage(flagged or [entry], latest, base)


def triage_for_person(
    *, db_url: str | None, person_id: str, kb: KnowledgeBase | None = None
) -> Triage | None:
    """The person's triage from their records (None when nothing calls for it): what a plan or
    session made for them must not fall below. An unknown person is a `NotFoundError`."""
    base = knowledge(kb)
    flagged, latest = unseen_red_flags(db_url=db_url, person_id=person_id, kb=base)
    return person_triage(flagged, latest, base)


def unseen_red_flags(
    *, db_url: str | None, person_id: str, kb: KnowledgeBase | None = None
) -> tuple[list[DiaryEntry], StoredAssessment | None]:
    """Diary entries with a red-flag symptom no saved assessment has seen, and the latest
    saved assessment."""
    base = knowledge(kb)

    def work(session: Session) -> tuple[list[DiaryEntry], StoredAssessment | None]:
        people.require_person(session, person_id)
        latest = records.latest_assessment(session, person_id)
        diary = records.diary_entries(session, person_id)
        assessed_at = None if latest is None else latest.created_at
        flagged = red_flag_entries(diary, red_flag_ids(base), assessed_at, answered_ids(latest))
        return flagged, latest

    return read(store_for(db_url, create=False), work)


def answered_ids(latest: StoredAssessment | None) -> frozenset[str]:
    """The symptom ids the saved case answered: present, absent or not sure."""
    if latest is None:
        return frozenset()
    return frozenset(
        s
        for part in ("symptoms", "absent", "unsure")
        for s in (latest.case.get(part) or [])
        if isinstance(s, str)
    )


def red_flag_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms the knowledge base marks `red_flag: true`."""
    return frozenset(sid for sid, symptom in kb.symptoms.items() if symptom.red_flag)


def person_triage(
    flagged: list[DiaryEntry], latest: StoredAssessment | None, kb: KnowledgeBase
) -> Triage | None:
    """What comes first for a person: the higher of (a) the triage of the red-flag diary
    entries no assessment has seen, with the latest saved case, and (b) the latest saved
    assessment when it is urgent or an emergency. (a) wins a tie: it is newer. Neither can lower
    the other, so no diary entry can take a person below a saved emergency."""
    found: list[Triage] = []
    if flagged:
        found.append(run_triage(flagged, latest, kb))
    saved = saved_triage(latest, kb)
    if saved is not None and saved.assessment.triage.level in SEEK_CARE_NOW:
        found.append(saved)
    if not found:
        return None
    return max(found, key=lambda t: LEVEL_RANK[t.assessment.triage.level])


def saved_triage(latest: StoredAssessment | None, kb: KnowledgeBase) -> Triage | None:
    """The latest saved assessment, assessed again with today's knowledge, never below the
    level it was saved with (the stored result stands when the case no longer parses)."""
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    if latest is None:
        return None
    stored: Assessment | None
    try:
        stored = Assessment.model_validate(latest.result)
    except ValueError:
        stored = None
    try:
        now = assess(parse_case(latest.case, kb), kb)
    except CaseError:
        now = None
    if now is None or (
        stored is not None and LEVEL_RANK[stored.triage.level] > LEVEL_RANK[now.triage.level]
    ):
        now = stored
    return None if now is None else Triage(latest.case, now, True, "saved")


def run_triage(
    flagged: list[DiaryEntry], latest: StoredAssessment | None, kb: KnowledgeBase
) -> Triage:
    """The flagged entries with the latest saved case. The weeks since that assessment are
    added to its duration, and the case is also judged without them: the higher level stands
    (a longer episode must not drop a rule for a recent one)."""
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    if latest is not None:
        results = []
        for advance in (True, False):
            case_json = red_flag_case(
                flagged, latest.case, latest.created_at.date(), advance=advance
            )
            try:
                results.append(Triage(case_json, assess(parse_case(case_json, kb), kb), True))
            except CaseError:  # the stored case predates this knowledge base: the diary alone
                break
        if results:
            return max(results, key=lambda t: LEVEL_RANK[t.assessment.triage.level])
    case_json = red_flag_case(flagged, None, None)
    return Triage(case_json, assess(parse_case(case_json, kb), kb), False)


def _history(
    session: Session, person_id: str
) -> tuple[dict[str, Any], History, StoredAssessment | None]:
    from triggermap.progress.report_json import plain

    person = people.require_person(session, person_id)
    latest = records.latest_assessment(session, person_id)
    plan = records.latest_plan(session, person_id)
    history = History(
        diary=tuple(records.diary_entries(session, person_id)),
        peg=tuple(records.peg_scores(session, person_id)),
        sessions=tuple(records.sessions(session, person_id)),
        plan=None
        if plan is None
        else PlanInfo(plan.version, plan.created_at.date(), planned_sessions_per_week(plan.plan)),
        assessed_at=None if latest is None else latest.created_at,
        assessed_answers=answered_ids(latest),
    )
    return plain(person), history, latest
