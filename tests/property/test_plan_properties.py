"""Invariants of the care plan over generated cases (real knowledge base, real engine).

- no self-treatment item when triage is emergency or urgent;
- no item whose contraindication is present in the case, ever;
- every item has a dose (education and professional care excepted) and a known source;
- what the person declines never appears;
- the same case gives the same plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import symptom_answers

from triggermap.careplan import SELF_TREATMENT_KINDS, UNDOSED_KINDS, CarePlan, generate_care_plan
from triggermap.kb.loader import load_knowledge
from triggermap.reasoning.assessment import Assessment
from triggermap.reasoning.case import Case, parse_case
from triggermap.reasoning.engine import assess

KB = load_knowledge()
SYMPTOMS = sorted(KB.symptoms)
REGIONS = sorted(KB.regions)
HISTORY = sorted(KB.history)
MUSCLES = sorted(KB.muscles)
TREATMENTS = sorted(KB.treatments)
KINDS = sorted({t.kind for t in KB.treatments.values()})
EQUIPMENT = sorted({e for t in KB.treatments.values() for e in t.equipment} | {"massage_ball"})
TODAY = date(2026, 1, 15)
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    by_state = symptom_answers(draw, SYMPTOMS)
    palpated = draw(st.lists(st.sampled_from(MUSCLES), max_size=2, unique=True))
    return {
        "age": draw(st.integers(16, 90)),
        "side": draw(st.sampled_from(["left", "right", "bilateral", "unknown"])),
        "duration_weeks": draw(st.floats(0, 60)),
        "pain": {
            "regions": draw(st.lists(st.sampled_from(REGIONS), max_size=6, unique=True)),
            "intensity": draw(st.integers(0, 10)),
        },
        "symptoms": by_state["present"],
        "absent": by_state["absent"],
        "unsure": by_state["unsure"],
        "history": draw(st.lists(st.sampled_from(HISTORY), max_size=6, unique=True)),
        "exam": {"palpation": {m: {"tender_spot": True, "taut_band": True} for m in palpated}},
        "preferences": {
            "avoid": draw(st.lists(st.sampled_from(TREATMENTS + KINDS), max_size=3, unique=True)),
            "equipment": draw(st.lists(st.sampled_from(EQUIPMENT), max_size=3, unique=True)),
        },
    }


def plan_of(case: Case, assessment: Assessment | None = None) -> CarePlan:
    result = assessment or assess(case, KB)
    return generate_care_plan(case=case, assessment=result, kb=KB, today=TODAY)


def present(finding: str, case: Case) -> bool:
    prefix, _, head = finding.partition(":")
    if prefix == "symptom":
        return head in case.symptoms or head in case.unsure
    return prefix == "history" and head in case.history


@SETTINGS
@given(cases())
def test_no_contraindicated_item_ever(data: dict[str, Any]) -> None:
    case = parse_case(data, KB)
    for item in plan_of(case).items:
        for p in KB.treatments[item.id].precautions:
            assert not (p.severity == "contraindication" and present(p.finding, case)), item.id


@SETTINGS
@given(cases())
def test_every_item_is_dosed_and_sourced(data: dict[str, Any]) -> None:
    for item in plan_of(parse_case(data, KB)).items:
        assert item.dose is not None or item.kind in UNDOSED_KINDS, item.id
        assert item.sources and all(s in KB.sources for s in item.sources), item.id


@SETTINGS
@given(cases())
def test_declined_treatments_never_appear(data: dict[str, Any]) -> None:
    case = parse_case(data, KB)
    avoid = set(case.preferences.avoid)
    for item in plan_of(case).items:
        assert item.id not in avoid and item.kind not in avoid


@SETTINGS
@given(cases(), st.sampled_from(["emergency", "urgent", "clinician", "self_care"]))
def test_no_self_treatment_when_care_is_needed_now(data: dict[str, Any], level: str) -> None:
    case = parse_case(data, KB)
    real = assess(case, KB)
    for assessment in (
        real,
        replace(real, triage=replace(real.triage, level=level)),
    ):
        plan = plan_of(case, assessment)
        if assessment.triage.level in ("emergency", "urgent"):
            assert plan.triage.seek_care_now
            assert not [i for i in plan.items if i.kind in SELF_TREATMENT_KINDS]
            assert plan.referrals and plan.referrals[0].urgency in ("emergency", "urgent")


@SETTINGS
@given(cases())
def test_same_case_same_plan(data: dict[str, Any]) -> None:
    case = parse_case(data, KB)
    assert plan_of(case).to_json() == plan_of(parse_case(data, KB)).to_json()
