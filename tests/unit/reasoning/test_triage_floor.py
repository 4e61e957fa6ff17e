"""spec/TRIAGE.md, rule by rule: the smallest case that should reach each level."""

from __future__ import annotations

from typing import Any

import pytest

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

FLOOR: list[tuple[dict[str, Any], str]] = [
    ({"symptoms": ["saddle_anaesthesia"]}, "emergency"),
    ({"symptoms": ["bladder_bowel_dysfunction"]}, "emergency"),
    ({"symptoms": ["bilateral_leg_symptoms", "progressive_weakness"]}, "emergency"),
    (
        {"symptoms": ["bilateral_leg_symptoms"], "exam": {"neuro": {"motor_deficit": True}}},
        "emergency",
    ),
    ({"symptoms": ["sexual_dysfunction", "bilateral_leg_symptoms"]}, "emergency"),
    ({"symptoms": ["fever", "cannot_walk"]}, "emergency"),
    ({"symptoms": ["fever", "progressive_weakness"]}, "emergency"),
    ({"symptoms": ["fever"], "exam": {"neuro": {"motor_deficit": True}}}, "emergency"),
    ({"symptoms": ["cannot_walk"], "onset": "after_trauma"}, "emergency"),
    ({"symptoms": ["cannot_walk", "significant_trauma"]}, "emergency"),
    ({"symptoms": ["significant_trauma"], "duration_weeks": 0.5}, "emergency"),
    ({"symptoms": ["significant_trauma"], "duration_weeks": 1}, "urgent"),
    ({"symptoms": ["fever"]}, "urgent"),
    ({"symptoms": ["cancer_history"]}, "urgent"),
    ({"symptoms": ["weight_loss"], "age": 51}, "urgent"),
    ({"symptoms": ["weight_loss", "night_pain"]}, "urgent"),
    ({"symptoms": ["significant_trauma"]}, "urgent"),
    ({"symptoms": ["osteoporosis"], "onset": "sudden", "duration_weeks": 2}, "urgent"),
    ({"symptoms": ["long_term_steroids"], "pain": {"intensity": 8}}, "urgent"),
    ({"age": 75, "onset": "after_trauma", "duration_weeks": 1}, "urgent"),
    ({"symptoms": ["cannot_walk"]}, "urgent"),
    ({"symptoms": ["iv_drug_use", "night_pain"]}, "urgent"),
    ({"symptoms": ["immunosuppression", "night_pain"]}, "urgent"),
    ({"symptoms": ["recent_infection", "night_pain"]}, "urgent"),
    ({"symptoms": ["leg_swelling"]}, "urgent"),
    ({"symptoms": ["progressive_weakness"]}, "urgent"),
    ({"exam": {"neuro": {"motor_deficit": True}}}, "urgent"),
    ({"symptoms": ["bilateral_leg_symptoms", "numbness_tingling"], "duration_weeks": 2}, "urgent"),
    ({"symptoms": ["bilateral_leg_symptoms", "numbness_tingling"]}, "urgent"),
    ({"pain": {"intensity": 7}}, "clinician"),
    ({"duration_weeks": 6}, "clinician"),
    ({"symptoms": ["interferes_daily_activities"]}, "clinician"),
    ({"symptoms": ["night_pain"]}, "clinician"),
    ({"symptoms": ["weight_loss"], "age": 40}, "clinician"),
    ({"symptoms": ["iv_drug_use"]}, "clinician"),
    ({"symptoms": ["immunosuppression"]}, "clinician"),
    ({"symptoms": ["recent_infection"]}, "clinician"),
    ({"symptoms": ["buttock_claudication"]}, "clinician"),
    ({"symptoms": ["bilateral_leg_symptoms"]}, "clinician"),
    ({"symptoms": ["morning_stiffness_long", "improves_with_exercise"]}, "clinician"),
    ({"symptoms": ["clicking_locking"]}, "clinician"),
    ({"exam": {"neuro": {"sensory_deficit": True}}}, "clinician"),
    ({"exam": {"neuro": {"reflex_change": True}}}, "clinician"),
    ({"symptoms": ["osteoporosis"], "onset": "sudden", "duration_weeks": 8}, "clinician"),
    ({"symptoms": ["osteoporosis"]}, "clinician"),
    ({"symptoms": ["long_term_steroids"]}, "clinician"),
    (
        {"symptoms": ["bilateral_leg_symptoms", "numbness_tingling"], "duration_weeks": 10},
        "clinician",
    ),
    ({"pain": {"regions": ["upper_buttock"], "intensity": 3}, "duration_weeks": 1}, "self_care"),
]


@pytest.mark.parametrize(("case", "level"), FLOOR)
def test_triage_floor(kb: KnowledgeBase, case: dict[str, Any], level: str) -> None:
    a = assess(parse_case(case, kb), kb)
    assert a.triage.level == level, [r.rule for r in a.triage.reasons]


def test_unsure_counts_as_present_and_says_so(kb: KnowledgeBase) -> None:
    a = assess(parse_case({"unsure": ["saddle_anaesthesia"]}, kb), kb)
    assert a.triage.level == "emergency"
    reason = a.triage.reasons[0]
    assert reason.unsure == ["symptom:saddle_anaesthesia"]
    assert "not sure" in reason.explanation


def test_unknown_is_not_absent(kb: KnowledgeBase) -> None:
    a = assess(parse_case({"pain": {"regions": ["upper_buttock"]}}, kb), kb)
    assert not a.triage.screening_complete
    assert "saddle_anaesthesia" in a.triage.unanswered
    denied = sorted(s for s, e in kb.symptoms.items() if e.red_flag)
    b = assess(parse_case({"pain": {"regions": ["upper_buttock"]}, "absent": denied}, kb), kb)
    assert b.triage.screening_complete and b.triage.unanswered == []


def test_a_drawing_of_both_legs_counts_as_symptoms_in_both_legs(kb: KnowledgeBase) -> None:
    """The question about both legs left unanswered, but the drawing shows it: escalate."""
    legs = {"side": "bilateral", "pain": {"regions": ["posterior_calf", "foot"]}}
    case = {**legs, "symptoms": ["numbness_tingling"], "duration_weeks": 3}
    a = assess(parse_case(case, kb), kb)
    assert a.triage.level == "urgent"
    assert "feature:both_legs_in_drawing" in a.triage.reasons[0].findings
    assert "bilateral_leg_symptoms" in a.triage.unanswered  # still asked, not assumed
    one_side = assess(parse_case({**case, "side": "left"}, kb), kb)
    assert LEVEL_RANK[one_side.triage.level] < LEVEL_RANK["urgent"]
    buttocks_only = {"side": "bilateral", "pain": {"regions": ["mid_buttock"]}}
    b = assess(parse_case({**buttocks_only, "symptoms": ["numbness_tingling"]}, kb), kb)
    assert LEVEL_RANK[b.triage.level] < LEVEL_RANK["urgent"]
    # the drawing and a "no" disagree: the one that escalates stands (ADR 0002)
    denied = assess(parse_case({**case, "absent": ["bilateral_leg_symptoms"]}, kb), kb)
    assert denied.triage.level == "urgent"


def test_every_reason_names_rule_findings_and_a_resolving_source(kb: KnowledgeBase) -> None:
    a = assess(parse_case({"symptoms": ["fever", "cannot_walk", "night_pain"]}, kb), kb)
    for reason in a.triage.reasons:
        assert reason.rule in kb.triage_rules and reason.findings
        assert reason.source in kb.sources
    assert a.triage.reasons[0].level == "emergency"


def test_fall_at_84_and_cannot_bear_weight_is_an_emergency(kb: KnowledgeBase) -> None:
    case = {"age": 84, "onset": "after_trauma", "duration_weeks": 0.1, "symptoms": ["cannot_walk"]}
    a = assess(parse_case(case, kb), kb)
    assert a.triage.level == "emergency"
    assert "emergency_cannot_walk_after_injury" in [r.rule for r in a.triage.reasons]


def test_long_term_steroids_alone_needs_a_clinician(kb: KnowledgeBase) -> None:
    """A 67-year-old on long-term steroids with new buttock pain, onset and intensity unknown."""
    case = {"age": 67, "symptoms": ["long_term_steroids"], "pain": {"regions": ["mid_buttock"]}}
    a = assess(parse_case(case, kb), kb)
    assert a.triage.level == "clinician"
    assert [r.rule for r in a.triage.reasons if r.level == "clinician"] == [
        "clinician_fragile_bone"
    ]


def test_fever_with_weakness_names_the_spinal_infection_rule(kb: KnowledgeBase) -> None:
    a = assess(parse_case({"symptoms": ["fever", "progressive_weakness"]}, kb), kb)
    emergency = [r for r in a.triage.reasons if r.level == "emergency"]
    assert [r.rule for r in emergency] == ["emergency_fever_weakness"]
    assert emergency[0].source == "davis_2004"


def test_leg_swelling_says_the_same_day_everywhere(kb: KnowledgeBase) -> None:
    rule = kb.triage_rules["urgent_leg_swelling"]
    plain = kb.symptoms["leg_swelling"].plain or ""
    for text in (rule.reason, rule.action or "", plain):
        assert "the same day" in text
        assert "day or two" not in text
