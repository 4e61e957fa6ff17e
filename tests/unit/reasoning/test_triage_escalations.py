"""Escalations beyond spec/TRIAGE.md from the clinical review of issue 9: a hip replacement, a
recent one, and a pregnancy each send the person to the clinicians who look after them; leg
swelling asks for a doctor the same day. Each only raises a level (TRIAGE.md allows that)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import Assessment

Run = Callable[..., Assessment]
BUTTOCK = {"regions": ["mid_buttock", "lateral_thigh"], "intensity": 4}


def rules(assessment: Assessment) -> list[str]:
    return [r.rule for r in assessment.triage.reasons if r.level == assessment.triage.level]


@pytest.mark.parametrize(
    "history",
    [
        "hip_replacement",
        "hip_replacement_posterior",
        "hip_replacement_anterior",
        "hip_replacement_lateral",
    ],
)
def test_new_pain_after_a_hip_replacement_is_seen_by_a_clinician(run: Run, history: str) -> None:
    assessment = run(pain=BUTTOCK, history=[history])
    assert assessment.triage.level == "clinician"
    assert "clinician_hip_replacement" in rules(assessment)
    reason = next(r for r in assessment.triage.reasons if r.rule == "clinician_hip_replacement")
    assert "new joint itself" in reason.explanation and "surgeon" in (reason.action or "")


def test_a_hip_replaced_in_the_last_3_months_needs_the_surgical_team_soon(run: Run) -> None:
    assessment = run(pain=BUTTOCK, history=["hip_replacement_posterior", "hip_replacement_recent"])
    assert assessment.triage.level == "urgent"
    assert rules(assessment) == ["urgent_recent_hip_replacement"]
    action = assessment.triage.reasons[0].action or ""
    assert "surgical team" in action and "exercise programme they gave you" in action


def test_pregnancy_sends_buttock_pain_to_a_midwife_and_names_the_warning_signs(run: Run) -> None:
    assessment = run(pain=BUTTOCK, history=["pregnancy"])
    assert assessment.triage.level == "clinician"
    reason = next(r for r in assessment.triage.reasons if r.rule == "clinician_pregnancy")
    assert "pelvic girdle pain" in reason.explanation
    action = reason.action or ""
    for words in ("midwife", "physiotherapist", "bleeding", "fluid leaking", "tightening"):
        assert words in action, words


def test_leg_swelling_asks_for_a_doctor_the_same_day(run: Run) -> None:
    assessment = run(pain=BUTTOCK, symptoms=["leg_swelling"])
    assert assessment.triage.level == "urgent"
    assert assessment.triage.summary == "See a doctor the same day."
    (reason,) = assessment.triage.reasons
    assert "24 to 48" not in f"{reason.explanation} {reason.action}"


def test_leg_swelling_beside_another_urgent_reason_still_says_the_same_day(run: Run) -> None:
    assert run(symptoms=["leg_swelling", "fever"]).triage.summary == "See a doctor the same day."
    assert run(symptoms=["fever"]).triage.summary == "See a doctor within 24 to 48 hours."


def test_every_added_rule_is_cited_and_escalates_only(kb: KnowledgeBase) -> None:
    added = ("clinician_hip_replacement", "urgent_recent_hip_replacement", "clinician_pregnancy")
    for rule_id in added:
        rule = kb.triage_rules[rule_id]
        assert rule.level in ("clinician", "urgent") and rule.source in kb.sources
        assert all(key in kb.sources for key in rule.sources)


def test_fragile_bone_cites_a_source_that_names_osteoporosis(kb: KnowledgeBase) -> None:
    """Henschke 2009 found steroids informative, not osteoporosis; NASS lists both."""
    rule = kb.triage_rules["clinician_fragile_bone"]
    assert rule.source == "nass_choosing_wisely" and "henschke_2009" in rule.sources
    assert "after a fall" in (rule.action or "")
