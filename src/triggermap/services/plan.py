"""Use case: one case (JSON text) in, its assessment, care plan and printable handout out."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    raised_by: str | None = None  # flags, records or saved: what in the records raised it


def read_one_case(text: str, kb: KnowledgeBase) -> Case:
    """Parse JSON text holding exactly one case (the errors of `parse_case`, one line each)."""
    from triggermap.services.assess import read_cases

    cases, is_list = read_cases(text, kb)
    if is_list:
        raise CaseError("input: expected one case (a JSON object), got a list")
    return cases[0]


def plan_for_person(
    case: Case, kb: KnowledgeBase, *, today: date, db_url: str | None, person_id: str
) -> PlanResult:
    """The plan for `case`, never below the person's triage from their records (red flags in
    the diary that no assessment has seen, or an urgent or emergency saved assessment): when
    that is higher it replaces the case's triage, so the plan holds no self-treatment the
    records rule out. `raised_by` then names what raised it."""
    from triggermap.services.track import triage_for_person

    person = triage_for_person(db_url=db_url, person_id=person_id, kb=kb, today=today)
    floor = None if person is None else person.assessment
    result = plan_for_case(case, kb, today=today, floor=floor)
    if person is not None and result.assessment.triage is person.assessment.triage:
        return replace(result, raised_by=person.cause)
    return result


def plan_for_case(
    case: Case, kb: KnowledgeBase, *, today: date, floor: Assessment | None = None
) -> PlanResult:
    """Assess the case and build its plan; a `floor` assessment whose triage is higher
    replaces the case's triage (the level, its reasons and its safety net)."""
    from triggermap.careplan import generate_care_plan
    from triggermap.careplan.handout import build_handout
    from triggermap.reasoning.assessment import LEVEL_RANK
    from triggermap.reasoning.engine import assess

    assessment = assess(case, kb)
    if floor is not None and (LEVEL_RANK[floor.triage.level] > LEVEL_RANK[assessment.triage.level]):
        assessment = replace(assessment, triage=floor.triage)
    plan = generate_care_plan(case=case, assessment=assessment, kb=kb, today=today)
    handout = build_handout(plan=plan, case=case, assessment=assessment, kb=kb, today=today)
    return PlanResult(case=case, assessment=assessment, plan=plan, handout=handout)
