"""generate_care_plan over the real knowledge base with hand-made assessments."""

from __future__ import annotations

from collections.abc import Callable

from triggermap.careplan import PHASES, SELF_TREATMENT_KINDS, UNDOSED_KINDS, CarePlan
from triggermap.kb.loader import KnowledgeBase

PlanFor = Callable[..., CarePlan]

ITEM_KEYS = {
    "id",
    "kind",
    "title",
    "why",
    "steps",
    "dose",
    "equipment",
    "phase",
    "precautions",
    "sources",
}
DOSE_KEYS = {
    "hold_seconds",
    "repetitions",
    "sets",
    "times_per_day",
    "days_per_week",
    "minutes",
    "rest_seconds",
}
KINDS = {
    "self_release",
    "stretch",
    "strengthen",
    "proprioception",
    "activation",
    "heat",
    "lifestyle",
    "ergonomics",
    "stress",
    "education",
    "professional",
}


def ids(plan: object) -> set[str]:
    return {item.id for item in plan.items}  # type: ignore[attr-defined]


def test_json_has_exactly_the_contract_fields(plan_for: PlanFor) -> None:
    data = plan_for().to_json()
    assert set(data) == {
        "triage",
        "items",
        "left_out",
        "referrals",
        "safety_net",
        "review",
        "knowledge_version",
    }
    assert data["items"]
    for item in data["items"]:
        assert set(item) == ITEM_KEYS
        assert item["kind"] in KINDS
        assert item["phase"] in PHASES
        assert item["sources"]
        if item["dose"] is not None:
            assert item["dose"] and set(item["dose"]) <= DOSE_KEYS


def test_every_item_is_dosed_and_sourced(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    plan = plan_for({"history": ["prolonged_sitting", "psychological_stress"]})
    for item in plan.items:
        assert item.dose is not None or item.kind in UNDOSED_KINDS, item.id
        assert item.sources and all(s in kb.sources for s in item.sources), item.id
        assert item.why and item.steps


def test_self_release_for_each_leading_muscle_top_three(
    plan_for: PlanFor, kb: KnowledgeBase
) -> None:
    muscles = (
        ("piriformis", 0.9),
        ("gluteus_medius", 0.8),
        ("hamstrings", 0.7),
        ("quadratus_lumborum", 0.6),
    )
    plan = plan_for(muscles=muscles)
    releases = {i.id for i in plan.items if i.kind == "self_release"}
    expected = {kb.muscles[m].self_release.treatment for m, _ in muscles[:3]}
    assert releases == expected


def test_a_muscle_far_below_the_best_is_not_treated(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    plan = plan_for(muscles=(("gluteus_maximus", 0.95), ("piriformis", 0.3)))
    assert kb.muscles["piriformis"].self_release.treatment not in ids(plan)
    assert kb.muscles["gluteus_maximus"].self_release.treatment in ids(plan)


def test_no_muscle_work_when_trigger_points_do_not_explain_the_pain(
    plan_for: PlanFor, kb: KnowledgeBase
) -> None:
    conditions = (("lumbar_radiculopathy", 0.9), ("gluteal_myofascial_pain", 0.05))
    plan = plan_for(muscles=(("piriformis", 0.6),), conditions=conditions)
    assert not [i for i in plan.items if i.kind == "self_release"]
    palpated = {"exam": {"palpation": {"piriformis": {"tender_spot": True}}}}
    plan = plan_for(palpated, muscles=(("piriformis", 0.6),), conditions=conditions)
    assert kb.muscles["piriformis"].self_release.treatment in ids(plan)


def test_why_names_the_muscle(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    plan = plan_for()
    release = next(i for i in plan.items if i.kind == "self_release")
    assert "piriformis" in release.why
    assert release.steps[0].startswith("How to find the spot:")


def test_emergency_is_the_instruction_to_seek_care_now(plan_for: PlanFor) -> None:
    plan = plan_for(level="emergency")
    assert plan.triage.seek_care_now
    assert plan.items == ()
    assert plan.triage.reasons and plan.triage.reasons[0].explanation
    assert [r.to for r in plan.referrals] == ["emergency_department"]
    assert plan.referrals[0].why
    assert plan.safety_net == ()
    assert plan.review.checks == ()


def test_only_the_decisive_reasons_are_given(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    from triggermap.reasoning.case import parse_case
    from triggermap.reasoning.engine import assess

    case = parse_case({"symptoms": ["saddle_anaesthesia", "interferes_daily_activities"]}, kb)
    assessment = assess(case, kb)
    assert {r.level for r in assessment.triage.reasons} == {"emergency", "clinician"}
    from triggermap.careplan.generator import plan_triage

    assert {kb.triage_rules[r.rule].level for r in plan_triage(assessment, kb).reasons} == {
        "emergency"
    }


def test_urgent_has_no_self_treatment_and_keeps_the_emergency_signs(plan_for: PlanFor) -> None:
    plan = plan_for(level="urgent")
    assert not [i for i in plan.items if i.kind in SELF_TREATMENT_KINDS]
    assert [r.to for r in plan.referrals] == ["doctor"]
    # the emergency signs, and the same-day signs, which are sooner than 24 to 48 hours
    assert [g.level for g in plan.safety_net] == ["emergency", "urgent"]
    assert plan.safety_net[1].action.startswith("See a doctor the same day")


def test_clinician_level_refers_and_still_plans_self_care(plan_for: PlanFor) -> None:
    plan = plan_for(level="clinician")
    assert plan.referrals[0].to == "clinician"
    assert plan.referrals[0].why
    assert [i for i in plan.items if i.kind == "self_release"]
    assert [g.level for g in plan.safety_net] == ["emergency", "urgent", "urgent"]


def test_contraindication_leaves_dry_needling_out_and_says_so(plan_for: PlanFor) -> None:
    assert "dry_needling" in ids(plan_for())
    plan = plan_for({"history": ["needle_phobia"]})
    assert "dry_needling" not in ids(plan)
    physio = next(r for r in plan.referrals if r.to == "physical_therapist")
    assert [lo.id for lo in physio.not_for] == ["dry_needling"]
    assert "dry_needling" not in physio.items


def test_precaution_keeps_the_item_with_its_text(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    plan = plan_for({"history": ["anticoagulants"]})
    needling = next(i for i in plan.items if i.id == "dry_needling")
    expected = [
        p.text
        for p in kb.treatments["dry_needling"].precautions
        if p.finding == "history:anticoagulants"
    ]
    assert expected and set(expected) <= set(needling.precautions)
    without = next(i for i in plan_for().items if i.id == "dry_needling")
    assert not set(expected) & set(without.precautions)


def test_a_symptom_not_sure_about_counts_for_a_contraindication(plan_for: PlanFor) -> None:
    muscles = (("hamstrings", 0.9),)
    assert "foam_roll_hamstrings" in ids(plan_for(muscles=muscles))
    assert "foam_roll_hamstrings" not in ids(
        plan_for({"unsure": ["leg_swelling"]}, muscles=muscles)
    )
    assert "foam_roll_hamstrings" not in ids(
        plan_for({"symptoms": ["worse_sitting", "leg_swelling"]}, muscles=muscles)
    )


def test_no_contraindicated_item_ever(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    history = [
        "anticoagulants",
        "bleeding_disorder",
        "pregnancy",
        "needle_phobia",
        "local_skin_infection",
    ]
    plan = plan_for({"history": history}, muscles=(("gluteus_maximus", 0.9),))
    for item in plan.items:
        for p in kb.treatments[item.id].precautions:
            if p.severity == "contraindication":
                assert p.finding.split(":", 1)[1] not in history, item.id


def test_avoid_by_id_kind_or_professional(plan_for: PlanFor) -> None:
    plan = plan_for({"preferences": {"avoid": ["dry_needling"]}})
    assert "dry_needling" not in ids(plan)
    assert all("dry_needling" not in r.items for r in plan.referrals)
    assert not [
        i for i in plan_for({"preferences": {"avoid": ["stretch"]}}).items if i.kind == "stretch"
    ]
    plan = plan_for({"preferences": {"avoid": ["chiropractor"]}})
    assert "chiropractic_care" not in ids(plan)
    assert "chiropractor" not in {r.to for r in plan.referrals}


def test_missing_foam_roller_uses_the_ball_the_person_has(plan_for: PlanFor) -> None:
    muscles = (("gluteus_maximus", 0.9),)
    plan = plan_for({"preferences": {"equipment": ["massage_ball"]}}, muscles=muscles)
    roll = next(i for i in plan.items if i.id == "foam_roll_gluteus_maximus")
    assert "use your massage ball instead" in roll.steps[0]
    assert "source_article" in roll.sources
    plan = plan_for({"preferences": {"equipment": ["resistance_band"]}}, muscles=muscles)
    roll = next(i for i in plan.items if i.id == "foam_roll_gluteus_maximus")
    assert "tennis ball" in roll.steps[0]


def test_equipment_not_stated_excludes_nothing(plan_for: PlanFor) -> None:
    plan = plan_for(muscles=(("gluteus_maximus", 0.9),))
    assert not [s for i in plan.items for s in i.steps if s.startswith("You did not list")]


def test_lifestyle_comes_from_the_history(plan_for: PlanFor) -> None:
    muscles = (("gluteus_medius", 0.9),)
    assert "lifestyle_wallet_out" not in ids(plan_for(muscles=muscles))
    plan = plan_for({"history": ["wallet_in_back_pocket"]}, muscles=muscles)
    wallet = next(i for i in plan.items if i.id == "lifestyle_wallet_out")
    assert "wallet" in wallet.why


def test_home_programme_is_capped_per_kind(plan_for: PlanFor) -> None:
    history = ["sedentary", "prolonged_sitting", "poor_posture", "previous_episode", "runner"]
    plan = plan_for(
        {"history": history}, muscles=(("gluteus_medius", 0.9), ("gluteus_maximus", 0.8))
    )
    given = {i for r in plan.referrals for i in r.items}
    home = [i for i in plan.items if i.id not in given]
    for kind, limit in (("stretch", 2), ("strengthen", 2), ("proprioception", 1), ("heat", 1)):
        assert len([i for i in home if i.kind == kind]) <= limit, kind


def test_reading_order_relief_restore_prevent_then_professional(plan_for: PlanFor) -> None:
    plan = plan_for({"history": ["prolonged_sitting"]})
    kinds = [i.kind for i in plan.items]
    first_professional = kinds.index("professional")
    assert all(k == "professional" for k in kinds[first_professional:])
    home = [PHASES.index(i.phase) for i in plan.items[:first_professional]]
    assert home == sorted(home)


def test_review_dates_count_from_today(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    review = plan_for().review
    assert review.start == "2026-01-15"
    assert [(c.after_weeks, c.date) for c in review.checks] == [
        (2, "2026-01-29"),
        (6, "2026-02-26"),
    ]
    assert all(c.source in kb.sources and "clinician" in c.action for c in review.checks)


def test_same_inputs_same_plan(plan_for: PlanFor) -> None:
    overrides = {"history": ["prolonged_sitting", "wallet_in_back_pocket"]}
    assert plan_for(overrides).to_json() == plan_for(overrides).to_json()


def test_knowledge_version_recorded(plan_for: PlanFor, kb: KnowledgeBase) -> None:
    assert plan_for().knowledge_version == kb.version
