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


def plan_for_case(case: Case, kb: KnowledgeBase, *, today: date) -> PlanResult:
    from triggermap.careplan import generate_care_plan
    from triggermap.careplan.handout import build_handout
    from triggermap.reasoning.engine import assess

    assessment = assess(case, kb)
    plan = generate_care_plan(case=case, assessment=assessment, kb=kb, today=today)
    handout = build_handout(plan=plan, case=case, assessment=assessment, kb=kb, today=today)
    return PlanResult(case=case, assessment=assessment, plan=plan, handout=handout)
