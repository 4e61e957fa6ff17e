"""Use case: one case (JSON text) in, its assessment, care plan and printable handout out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.errors import CaseError

if TYPE_CHECKING:
    from datetime import date

    from triggermap.careplan.handout import Handout
    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case


@dataclass(frozen=True)
class PlanResult:
    case: Case
    assessment: Assessment
    plan: CarePlan
    handout: Handout


def read_one_case(text: str, kb: KnowledgeBase) -> Case:
    """Parse JSON text holding exactly one case (the errors of `parse_case`, one line each)."""
    from triggermap.services.assess import read_cases

    cases, is_list = read_cases(text, kb)
    if is_list:
        raise CaseError("input: expected one case (a JSON object), got a list")
    return cases[0]


def case_for_person(
    text: str, kb: KnowledgeBase, *, db_url: str | None, person_id: str
) -> tuple[Case, list[str]]:
    """The case of `text`, plus the red-flag symptoms of the person's diary entries recorded
    since their latest saved assessment (a plan or session must not ignore them); also the
    red-flag ids that the diary added. An unknown person is a `NotFoundError`."""
    import json

    from triggermap.progress.triage_case import with_diary_symptoms
    from triggermap.services.track import red_flag_ids, unseen_red_flags

    case = read_one_case(text, kb)  # every error of the case itself first
    flagged, _ = unseen_red_flags(db_url=db_url, person_id=person_id, kb=kb)
    if not flagged:
        return case, []
    added = sorted({s for e in flagged for s in e.symptoms} & red_flag_ids(kb) - set(case.symptoms))
    return read_one_case(json.dumps(with_diary_symptoms(json.loads(text), flagged)), kb), added


def plan_for_case(case: Case, kb: KnowledgeBase, *, today: date) -> PlanResult:
    from triggermap.careplan import generate_care_plan
    from triggermap.careplan.handout import build_handout
    from triggermap.reasoning.engine import assess

    assessment = assess(case, kb)
    plan = generate_care_plan(case=case, assessment=assessment, kb=kb, today=today)
    handout = build_handout(plan=plan, case=case, assessment=assessment, kb=kb, today=today)
    return PlanResult(case=case, assessment=assessment, plan=plan, handout=handout)
