"""Use case: a person's progress, with triage run again at once on a red-flag diary entry.

The store gives the history, `progress.analyse_progress` judges it, and when a diary entry
recorded since the latest assessment holds a red-flag symptom, the engine triages a case made
from that assessment's case and the diary (`progress.triage_case`); that result comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from triggermap.errors import CaseError
from triggermap.progress.adherence import PlanInfo, planned_sessions_per_week
from triggermap.progress.entries import DiaryEntry
from triggermap.progress.report import History, ProgressReport, analyse_progress
from triggermap.progress.triage_case import red_flag_case
from triggermap.services.records import knowledge
from triggermap.store import people, records
from triggermap.store.records import StoredAssessment
from triggermap.store.schema import store_for
from triggermap.store.transactions import read

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment


@dataclass(frozen=True)
class Triage:
    """The engine's result on the case made from red-flag diary entries."""

    case: dict[str, Any]
    assessment: Assessment
    from_assessment: bool  # the case started from the latest saved assessment's case

    def to_json(self) -> dict[str, Any]:
        return {"case": self.case, "assessment": self.assessment.to_json()}


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
    person, history, latest = read(store_for(db_url), lambda s: _history(s, person_id))
    report = analyse_progress(history, today=today or date.today(), red_flags=red_flag_ids(base))
    triage = None
    if report.red_flag_entries:
        triage = run_triage(list(report.red_flag_entries), latest, base)
    return ProgressView(person, report, triage, history)


def triage_diary_entry(
    *, db_url: str | None, person_id: str, entry: DiaryEntry, kb: KnowledgeBase | None = None
) -> Triage | None:
    """Triage at once when `entry` holds a red-flag symptom; None when it holds none."""
    base = knowledge(kb)
    if not red_flag_ids(base).intersection(entry.symptoms):
        return None
    latest = read(store_for(db_url), lambda s: records.latest_assessment(s, person_id))
    return run_triage([entry], latest, base)


def red_flag_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Symptoms the knowledge base marks `red_flag: true`."""
    return frozenset(sid for sid, symptom in kb.symptoms.items() if symptom.red_flag)


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
