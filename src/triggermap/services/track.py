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
    """Triage at once when `entry` holds a red-flag symptom (None when it holds none), over
    every red-flag entry since the latest assessment, as `progress` does."""
    base = knowledge(kb)
    if not red_flag_ids(base).intersection(entry.symptoms):
        return None
    flagged, latest = unseen_red_flags(db_url=db_url, person_id=person_id, kb=base)
    return run_triage(flagged or [entry], latest, base)


def unseen_red_flags(
    *, db_url: str | None, person_id: str, kb: KnowledgeBase | None = None
) -> tuple[list[DiaryEntry], StoredAssessment | None]:
    """Diary entries with a red-flag symptom recorded since the latest saved assessment, and
    that assessment (for a plan or session made for the person)."""
    base = knowledge(kb)

    def work(session: Session) -> tuple[list[DiaryEntry], StoredAssessment | None]:
        people.require_person(session, person_id)
        latest = records.latest_assessment(session, person_id)
        diary = records.diary_entries(session, person_id)
        assessed_at = None if latest is None else latest.created_at
        return red_flag_entries(diary, red_flag_ids(base), assessed_at), latest

    return read(store_for(db_url, create=False), work)


def red_flag_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms the knowledge base marks `red_flag: true`."""
    return frozenset(sid for sid, symptom in kb.symptoms.items() if symptom.red_flag)


def person_triage(
    flagged: list[DiaryEntry], latest: StoredAssessment | None, kb: KnowledgeBase
) -> Triage | None:
    """What comes first for a person: triage over red-flag diary entries not yet assessed, or
    else a latest saved assessment that sent them to urgent or emergency care."""
    if flagged:
        return run_triage(flagged, latest, kb)
    if latest is None or latest.result.get("triage", {}).get("level") not in SEEK_CARE_NOW:
        return None
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    try:
        assessment = assess(parse_case(latest.case, kb), kb)
    except CaseError:  # the stored case predates this knowledge base
        return None
    return Triage(latest.case, assessment, True, "saved")


def run_triage(
    flagged: list[DiaryEntry], latest: StoredAssessment | None, kb: KnowledgeBase
) -> Triage:
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    if latest is not None:
        case_json = red_flag_case(flagged, latest.case, latest.created_at.date())
        try:
            return Triage(case_json, assess(parse_case(case_json, kb), kb), True)
        except CaseError:  # the stored case predates this knowledge base: the diary alone
            pass
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
    )
    return plain(person), history, latest
