"""Builders for care-plan tests: real knowledge base, hand-made assessments (no engine)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from triggermap.careplan import CarePlan, generate_care_plan
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import (
    Assessment,
    ConditionResult,
    Imaging,
    MuscleResult,
    Triage,
    TriageReason,
)
from triggermap.reasoning.case import Case, parse_case

TODAY = date(2026, 1, 15)
SUMMARY = {
    "emergency": "Go to an emergency department now.",
    "urgent": "See a doctor within 24 to 48 hours.",
    "clinician": "Book an assessment with a clinician.",
    "self_care": "Self-care is reasonable for now.",
}


def make_assessment(
    kb: KnowledgeBase,
    case: Case,
    *,
    level: str = "self_care",
    muscles: tuple[tuple[str, float], ...] = (("piriformis", 0.9),),
    conditions: tuple[tuple[str, float], ...] = (("gluteal_myofascial_pain", 0.7),),
) -> Assessment:
    reasons = []
    if level != "self_care":
        rule = next(r for r in kb.triage_rules.values() if r.level == level)
        reasons = [
            TriageReason(
                rule=rule.id,
                level=rule.level,
                findings=[],
                explanation=rule.reason,
                source=rule.source,
                action=rule.action,
            )
        ]
    return Assessment(
        id=case.id,
        knowledge_version=kb.version,
        triage=Triage(
            level=level,  # type: ignore[arg-type]
            summary=SUMMARY[level],
            reasons=reasons,
            screening_complete=True,
            unanswered=[],
        ),
        muscles=[_muscle(kb, case, m, s) for m, s in muscles],
        combination=None,
        unexplained=[],
        conditions=[_condition(c, p) for c, p in conditions],
        imaging=Imaging(recommended=False, modality="none", urgency="none", reasons=[]),
        next_tests=[],
    )


def _muscle(kb: KnowledgeBase, case: Case, muscle_id: str, score: float) -> MuscleResult:
    zones = {
        r
        for tp in kb.muscles[muscle_id].referral.trigger_points
        for r in (*tp.essential, *tp.spillover)
    }
    explains = [r for r in case.pain.regions if r in zones]
    name = kb.muscles[muscle_id].name
    return MuscleResult(id=muscle_id, name=name, score=score, explains=explains, evidence=[])


def _condition(condition_id: str, probability: float) -> ConditionResult:
    return ConditionResult(
        id=condition_id,
        name=condition_id,
        probability=probability,
        pretest=0.1,
        pretest_source="source_article",
        pretest_population="test",
        evidence=[],
    )


BASE_CASE: dict[str, Any] = {
    "id": "t-1",
    "age": 40,
    "side": "right",
    "pain": {"regions": ["mid_buttock", "posterior_thigh"], "intensity": 5},
    "symptoms": ["worse_sitting"],
}

PlanFor = Callable[..., CarePlan]


@pytest.fixture()
def plan_for(kb: KnowledgeBase) -> PlanFor:
    """plan_for(case_overrides, level=..., muscles=..., conditions=...) -> CarePlan"""

    def build(overrides: dict[str, Any] | None = None, **assessment: Any) -> CarePlan:
        case = parse_case({**BASE_CASE, **(overrides or {})}, kb)
        result = make_assessment(kb, case, **assessment)
        return generate_care_plan(case=case, assessment=result, kb=kb, today=TODAY)

    return build
