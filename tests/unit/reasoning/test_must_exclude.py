"""Must be ruled out: serious conditions beside a ranking that is by probability alone."""

from __future__ import annotations

from collections.abc import Callable

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import Assessment, MustExclude
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

Run = Callable[..., Assessment]


def entry(a: Assessment, cid: str) -> MustExclude:
    return next(m for m in a.must_exclude if m.id == cid)


def test_the_ranking_is_by_probability_and_the_warning_sign_lists_its_suspect(run: Run) -> None:
    a = run(
        age=34,
        sex="female",
        symptoms=["leg_swelling"],
        pain={"regions": ["posterior_thigh", "posterior_calf", "lower_buttock"]},
    )
    probabilities = [c.probability for c in a.conditions]
    assert probabilities == sorted(probabilities, reverse=True)
    dvt = entry(a, "deep_vein_thrombosis")
    assert a.must_exclude[0] is dvt
    assert next((r.kind, r.rule, r.level) for r in dvt.reasons) == (
        "red_flag_rule",
        "urgent_leg_swelling",
        "urgent",
    )
    assert dvt.reasons[0].findings == ["symptom:leg_swelling"]


def test_an_emergency_suspect_comes_first(kb: KnowledgeBase) -> None:
    case = {
        "symptoms": ["sexual_dysfunction", "bilateral_leg_symptoms", "numbness_tingling"],
        "duration_weeks": 1,
        "pain": {"regions": ["lower_back", "posterior_thigh", "posterior_calf"]},
    }
    a = assess(parse_case(case, kb), kb)
    assert a.triage.level == "emergency"
    assert a.must_exclude[0].id == "cauda_equina_syndrome"
    assert a.must_exclude[0].reasons[0].level == "emergency"


def test_an_unsure_red_flag_lists_its_suspect_without_raising_its_prior(run: Run) -> None:
    a = run(
        age=39,
        pain={"regions": ["mid_buttock", "posterior_thigh"]},
        symptoms=["localized_ache", "worse_sitting"],
        unsure=["saddle_anaesthesia"],
    )
    assert a.triage.level == "emergency"
    ces = entry(a, "cauda_equina_syndrome")
    assert ces.reasons[0].rule == "emergency_saddle_anaesthesia"
    c = next(c for c in a.conditions if c.id == "cauda_equina_syndrome")
    assert c.pretest == 0.0004  # "not sure" is unknown to the differential: no referral prior
    assert a.conditions[0].id != "cauda_equina_syndrome"


def test_a_serious_condition_raised_well_above_its_base_rate_is_listed(run: Run) -> None:
    # previous cancer is urgent anyway; without it, weight loss and night pain after 50 raise
    # malignancy many times over its base rate
    a = run(
        age=64,
        duration_weeks=8,
        pain={"regions": ["lower_back", "mid_buttock"]},
        symptoms=["weight_loss", "night_pain"],
    )
    kinds = {r.kind for r in entry(a, "malignancy").reasons}
    assert "raised" in kinds
    raised = next(r for r in entry(a, "malignancy").reasons if r.kind == "raised")
    assert "symptom:weight_loss" in raised.findings


def test_unanswered_screening_questions_are_named(kb: KnowledgeBase) -> None:
    a = assess(parse_case({"pain": {"regions": ["mid_buttock"]}}, kb), kb)
    ces = entry(a, "cauda_equina_syndrome")
    assert [r.kind for r in ces.reasons] == ["unanswered"]
    assert "symptom:saddle_anaesthesia" in ces.reasons[0].findings


def test_a_fully_screened_benign_case_lists_nothing(run: Run) -> None:
    a = run(
        pain={"regions": ["sacrum", "gluteal_cleft", "lower_buttock"]},
        symptoms=["localized_ache", "worse_sitting"],
        history=["prolonged_sitting"],
    )
    assert a.must_exclude == []
