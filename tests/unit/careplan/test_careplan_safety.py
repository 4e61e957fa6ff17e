"""Issue 9, safety: a case with the condition gets the safe plan, and the plan says why an item
was left out or changed (hip replacement by approach, pregnancy, thin bones, heat, the nerves
and vessels under a ball or a needle, and wording that never asserts a diagnosis)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.unit.careplan.conftest import BASE_CASE, TODAY, PlanFor

from triggermap.careplan.safety import screen
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case

GLUTEAL = (("gluteus_maximus", 0.9), ("piriformis", 0.8), ("gluteus_medius", 0.7))
FRONT_OF_HIP = (("iliopsoas", 0.9), ("tensor_fasciae_latae", 0.8), ("gluteus_maximus", 0.7))
SIDE_AND_BACK = (
    ("gluteus_medius", 0.9),
    ("quadratus_lumborum", 0.8),
    ("tensor_fasciae_latae", 0.7),
)


def ids(plan: Any) -> set[str]:
    return {item.id for item in plan.items}


def item(plan: Any, item_id: str) -> Any:
    return next(i for i in plan.items if i.id == item_id)


def left_out(plan: Any) -> dict[str, str]:
    return {lo.id: lo.reason for lo in plan.left_out}


# ---------------------------------------------------------------- hip replacement


def test_posterior_hip_replacement_leaves_out_the_deep_flexion_stretches(plan_for: PlanFor) -> None:
    usual = plan_for(muscles=GLUTEAL)
    assert {"stretch_gluteus_maximus", "stretch_piriformis"} <= ids(usual)
    assert not usual.left_out
    plan = plan_for({"history": ["hip_replacement_posterior"]}, muscles=GLUTEAL)
    gone = {"stretch_gluteus_maximus", "stretch_piriformis", "ball_release_piriformis"}
    assert not gone & ids(plan)
    assert set(left_out(plan)) == {*gone, "foam_roll_gluteus_maximus"}
    assert all("hip replacement from the back" in left_out(plan)[g] for g in gone)
    assert "right angle" in left_out(plan)["stretch_gluteus_maximus"]
    step_up = item(plan, "strengthen_step_up")
    assert any("knee stays below your hip" in p for p in step_up.precautions)


def test_anterior_hip_replacement_leaves_out_extension_and_keeps_flexion(plan_for: PlanFor) -> None:
    plan = plan_for({"history": ["hip_replacement_anterior"]}, muscles=FRONT_OF_HIP)
    assert set(left_out(plan)) == {
        "stretch_hip_flexors",
        "stretch_tfl_itb",
        "foam_roll_gluteus_maximus",  # sitting on a roller on the floor, after any approach
    }
    assert "stretch_gluteus_maximus" in ids(plan)  # bending the hip is allowed after this approach
    assert any("scar" in p for p in item(plan, "ball_release_tensor_fasciae_latae").precautions)


def test_each_approach_gets_its_own_precautions_and_unknown_gets_both(
    plan_for: PlanFor, kb: KnowledgeBase
) -> None:
    muscles = (("gluteus_medius", 0.9),)

    def abduction_cautions(history: str) -> list[str]:
        plan = plan_for({"history": [history]}, muscles=muscles)
        return list(item(plan, "strengthen_side_lying_abduction").precautions)

    posterior, anterior, lateral, unknown = (
        abduction_cautions(h)
        for h in (
            "hip_replacement_posterior",
            "hip_replacement_anterior",
            "hip_replacement_lateral",
            "hip_replacement",
        )
    )
    lying_on_the_new_hip = posterior[-1]
    assert "lying on the new hip" in lying_on_the_new_hip
    assert len(posterior) == len(anterior) == 2
    assert "toes of the top leg pointing forward" in posterior[0]
    assert "never take it back behind you" in anterior[0]
    assert anterior[1] == lying_on_the_new_hip
    # from the side (or not known): both sets, and the repaired abductors
    assert lateral == unknown == [posterior[0], anterior[0], unknown[2], lying_on_the_new_hip]
    assert "cut and repaired the muscle this exercise works" in unknown[2]


def test_unknown_approach_leaves_out_the_posterior_positions_too(plan_for: PlanFor) -> None:
    plan = plan_for({"history": ["hip_replacement"]}, muscles=GLUTEAL)
    assert "stretch_gluteus_maximus" in left_out(plan)
    assert "when you do not know how it was done" in left_out(plan)["stretch_gluteus_maximus"]


# ---------------------------------------------------------------- pregnancy


def test_pregnancy_replaces_side_planks_lying_face_down_and_long_lying_on_the_back(
    plan_for: PlanFor,
) -> None:
    usual = plan_for({"history": ["previous_episode"]}, muscles=SIDE_AND_BACK)
    assert "strengthen_side_plank_abduction" in ids(usual)
    plan = plan_for({"history": ["pregnancy", "previous_episode"]}, muscles=SIDE_AND_BACK)
    assert "strengthen_side_plank_abduction" not in ids(plan)
    assert left_out(plan)["strengthen_side_plank_abduction"].startswith("Left out in pregnancy")
    tfl = item(plan, "ball_release_tensor_fasciae_latae")
    assert any("do not lie face down" in p for p in tfl.precautions)
    cross_body = item(plan, "stretch_gluteus_medius_minimus")
    assert any("lying flat on your back" in p for p in cross_body.precautions)
    balance = item(plan, "balance_single_leg_stance")
    assert any("your eyes open" in p for p in balance.precautions)
    heat = item(plan, "superficial_heat")
    assert any("never on the belly or the lower back" in p for p in heat.precautions)


def test_pregnancy_replaces_the_wobble_board_with_floor_balance(
    plan_for: PlanFor, kb: KnowledgeBase
) -> None:
    case = parse_case({**BASE_CASE, "history": ["pregnancy"]}, kb)
    board = screen(kb.treatments["balance_wobble_board"], case, kb)
    assert not board.allowed
    assert board.blocked_by[0].instead == "balance_single_leg_stance"
    # a case whose only balance item is the wobble board (linked by previous_episode alone)
    plan = plan_for({"history": ["pregnancy", "previous_episode"]}, muscles=(("piriformis", 0.9),))
    assert "balance_wobble_board" not in ids(plan)


def test_a_replacement_is_named_when_it_takes_the_place(
    plan_for: PlanFor, kb: KnowledgeBase
) -> None:
    plan = plan_for(
        {
            "history": ["pregnancy", "previous_episode"],
            "preferences": {"avoid": ["balance_single_leg_stance"]},
        },
        muscles=(("gluteus_medius", 0.9),),
    )
    assert "balance_wobble_board" in left_out(plan)
    assert not any(lo.instead for lo in plan.left_out if lo.id == "balance_wobble_board")
    plan = plan_for({"history": ["pregnancy"]}, muscles=(("quadratus_lumborum", 0.9),))
    (replaced,) = [lo for lo in plan.left_out if lo.id == "strengthen_side_plank_abduction"]
    assert replaced.instead == kb.treatments["strengthen_band_abduction"].name
    assert "strengthen_band_abduction" in ids(plan)
    assert "strengthen_band_abduction" not in ids(plan_for(muscles=(("quadratus_lumborum", 0.9),)))


# ---------------------------------------------------------------- thin bones


@pytest.mark.parametrize(
    "answer",
    [
        {"symptoms": ["osteoporosis"]},
        {"symptoms": ["long_term_steroids"]},
        {"unsure": ["osteoporosis"]},  # not sure counts: the careful choice
    ],
)
def test_fragile_bone_flags_spine_rib_and_fall_risks(
    plan_for: PlanFor, answer: dict[str, list[str]]
) -> None:
    plan = plan_for(
        {**answer, "history": ["previous_episode"]},
        level="clinician",
        muscles=(("quadratus_lumborum", 0.9), ("gluteus_medius", 0.8)),
    )
    ribs = item(plan, "ball_release_quadratus_lumborum").precautions
    assert any("lowest ribs break easily" in p for p in ribs)
    twist = item(plan, "stretch_gluteus_medius_minimus").precautions
    assert any("hardly twists" in p for p in twist)
    assert any(
        "could break a bone" in p for p in item(plan, "balance_single_leg_stance").precautions
    )


def test_fragile_bone_leaves_out_the_wobble_board(kb: KnowledgeBase) -> None:
    case = parse_case({**BASE_CASE, "symptoms": ["long_term_steroids"]}, kb)
    board = screen(kb.treatments["balance_wobble_board"], case, kb)
    assert [p.finding for p in board.blocked_by] == ["feature:fall_risk"]


# ---------------------------------------------------------------- heat


@pytest.mark.parametrize(
    ("case", "excluded"),
    [
        ({"symptoms": ["buttock_claudication"]}, True),
        ({"symptoms": ["leg_swelling"]}, True),
        ({"onset": "after_trauma", "duration_weeks": 0.2}, True),
        ({"onset": "after_trauma"}, True),  # when the injury happened is not known
        ({"onset": "after_trauma", "duration_weeks": 1}, False),
        ({"onset": "gradual", "duration_weeks": 0.2}, False),
    ],
)
def test_heat_is_left_out_for_poor_circulation_a_possible_clot_and_a_fresh_injury(
    kb: KnowledgeBase, case: dict[str, Any], excluded: bool
) -> None:
    screening = screen(kb.treatments["superficial_heat"], parse_case({**BASE_CASE, **case}, kb), kb)
    assert screening.allowed is not excluded


def test_the_plan_says_why_heat_was_left_out(plan_for: PlanFor) -> None:
    plan = plan_for({"symptoms": ["buttock_claudication"]}, level="clinician")
    assert "superficial_heat" not in ids(plan)
    assert "poor blood flow" in left_out(plan)["superficial_heat"]


# ---------------------------------------------------------------- nerves and vessels


def test_every_self_release_says_to_stop_on_nerve_symptoms(kb: KnowledgeBase) -> None:
    for t in kb.treatments.values():
        if t.kind == "self_release":
            text = " ".join(t.steps).lower()
            assert "numbness" in text and "tingling" in text, t.id
            assert "right spot" not in text, t.id


def test_no_release_presses_with_the_ankle_crossed_over_the_knee(kb: KnowledgeBase) -> None:
    for t in kb.treatments.values():
        if t.kind == "self_release":
            for step in t.steps:
                if "cross" in step.lower() and "ankle" in step.lower():
                    assert "do not cross" in step.lower(), (t.id, step)


def test_obturator_internus_has_its_own_release_and_pudendal_warning(plan_for: PlanFor) -> None:
    plan = plan_for(muscles=(("obturator_internus", 0.9),))
    assert "ball_release_piriformis" not in ids(plan)
    release = item(plan, "ball_release_obturator_internus")
    steps = " ".join(release.steps)
    assert "Never put the ball on the inner side of the sit bone" in steps
    assert "pudendal nerve" in steps and "back passage" in steps
    assert "radiopaedia_pudendal_canal" in release.sources


def test_trigger_point_release_carries_the_leg_clot_contraindication(kb: KnowledgeBase) -> None:
    case = parse_case({**BASE_CASE, "unsure": ["leg_swelling"]}, kb)
    for treatment_id in ("trigger_point_release", "massage_therapy", "foam_roll_hamstrings"):
        assert not screen(kb.treatments[treatment_id], case, kb).allowed, treatment_id


def test_dry_needling_names_its_risk_areas_for_the_muscles_treated(plan_for: PlanFor) -> None:
    def cautions(muscles: tuple[tuple[str, float], ...]) -> str:
        return " ".join(item(plan_for(muscles=muscles), "dry_needling").precautions)

    assert "lining of the lung" in cautions((("quadratus_lumborum", 0.9),))
    assert "sciatic nerve" in cautions((("gluteus_minimus", 0.9),))
    neither = cautions((("gluteus_maximus", 0.9),))
    assert "lining of the lung" not in neither and "sciatic nerve" not in neither
    assert "metal allergy" in neither  # its contraindications are precautions for everyone


def test_dry_needling_steps_no_longer_carry_its_contraindications(kb: KnowledgeBase) -> None:
    assert not any("metal allergy" in step for step in kb.treatments["dry_needling"].steps)


# ---------------------------------------------------------------- wording and progressions


def test_education_does_not_say_the_pain_comes_from_the_muscle(kb: KnowledgeBase) -> None:
    text = " ".join(
        [
            kb.treatments["education_trigger_points"].plain,
            *kb.treatments["education_trigger_points"].steps,
        ]
    )
    assert "comes from the muscle" not in text
    assert "can come from the muscle" in text


def test_strengthening_progresses_in_small_steps(kb: KnowledgeBase) -> None:
    for t in kb.treatments.values():
        if t.kind == "strengthen":
            assert t.progression and "2-10%" in t.progression, t.id
            assert "8 good repetitions" in t.progression, t.id
    # each climbs within its own exercise: the clamshell does not move on into the side-lying
    # lift, whose steps and precautions it would not carry
    clamshell = kb.treatments["strengthen_clamshell"].progression or ""
    assert "side-lying" not in clamshell and "band" in clamshell
    lift = kb.treatments["strengthen_side_lying_abduction"].progression or ""
    bent = lift.index("top knee bent")
    assert bent < lift.index("part of the way") < lift.rindex("the full lift")


# ---------------------------------------------------------------- through the engine


def _engine_plan(kb: KnowledgeBase, case: dict[str, Any]) -> Any:
    from triggermap.careplan import generate_care_plan
    from triggermap.reasoning.engine import assess

    parsed = parse_case({**BASE_CASE, **case}, kb)
    return generate_care_plan(case=parsed, assessment=assess(parsed, kb), kb=kb, today=TODAY)


@pytest.mark.parametrize(
    ("symptoms", "level", "rule", "words"),
    [
        (["fever", "progressive_weakness"], "emergency", "emergency_fever_weakness", "emergency"),
        (["leg_swelling"], "urgent", "urgent_leg_swelling", "the same day"),
    ],
)
def test_red_flags_give_a_plan_that_is_only_the_instruction_to_seek_care(
    kb: KnowledgeBase, symptoms: list[str], level: str, rule: str, words: str
) -> None:
    plan = _engine_plan(kb, {"symptoms": symptoms})
    assert plan.triage.level == level and plan.triage.seek_care_now
    assert not plan.items and not plan.left_out
    reason = next(r for r in plan.triage.reasons if r.rule == rule)
    assert words in f"{reason.explanation} {reason.action}"


def test_long_term_steroids_give_a_clinician_plan_with_bone_precautions(kb: KnowledgeBase) -> None:
    plan = _engine_plan(
        kb,
        {"age": 67, "symptoms": ["long_term_steroids"], "pain": {"regions": ["mid_buttock"]}},
    )
    assert plan.triage.level == "clinician"
    assert [r.rule for r in plan.triage.reasons] == ["clinician_fragile_bone"]
    cautions = " ".join(p for i in plan.items for p in i.precautions)
    assert "thin bones or after long steroid use" in cautions


# ---------------------------------------------------------------- clinical review of issue 9
# A person alone follows the steps: no "Take care" note may forbid what the steps above it say.


def steps_of(plan: Any, item_id: str) -> str:
    return " ".join(item(plan, item_id).steps)


def test_side_lying_lift_steps_are_safe_for_every_approach(plan_for: PlanFor) -> None:
    plan = plan_for({"history": ["hip_replacement"]}, muscles=(("gluteus_medius", 0.9),))
    steps = steps_of(plan, "strengthen_side_lying_abduction")
    assert "a little down" not in steps and "slightly behind" not in steps
    assert "not down toward the floor" in steps and "not taken back behind" in steps


def test_a_hip_replacement_gets_the_wall_instead_of_sitting_on_a_roller(plan_for: PlanFor) -> None:
    usual = plan_for(muscles=(("gluteus_maximus", 0.9),))
    assert "foam_roll_gluteus_maximus" in ids(usual)
    assert "ball_release_gluteus_maximus_wall" not in ids(usual)  # only ever `instead`
    plan = plan_for({"history": ["hip_replacement_anterior"]}, muscles=(("gluteus_maximus", 0.9),))
    assert "foam_roll_gluteus_maximus" not in ids(plan)
    wall = item(plan, "ball_release_gluteus_maximus_wall")
    assert "Stand with your back to a wall" in wall.steps[0]
    assert not any("roller" in s.lower() for s in wall.steps)
    assert wall.why.startswith("It takes the place of \u201cFoam rolling for the gluteus maximus")
    (lo,) = [lo for lo in plan.left_out if lo.id == "foam_roll_gluteus_maximus"]
    assert lo.instead == wall.title


def test_a_hip_replacement_gets_the_chair_instead_of_the_floor_for_the_hamstrings(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({"history": ["hip_replacement_posterior"]}, muscles=(("hamstrings", 0.9),))
    assert "foam_roll_hamstrings" in left_out(plan)
    chair = steps_of(plan, "ball_release_hamstrings_chair")
    assert "hips are a little above your knees" in chair and "do not lean forward" in chair


def test_pregnancy_gets_the_seated_figure_4_not_a_step_at_the_end_of_a_lying_one(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({"history": ["pregnancy"]}, muscles=(("piriformis", 0.9),))
    assert "stretch_piriformis" in left_out(plan)
    seated = steps_of(plan, "stretch_piriformis_seated")
    assert seated.startswith("Sit upright") and "lie" not in seated.lower()


def test_the_side_bend_stretch_no_longer_crosses_the_legs(kb: KnowledgeBase) -> None:
    steps = " ".join(kb.treatments["stretch_quadratus_lumborum"].steps).lower()
    assert "cross" not in steps and "feet hip-width apart" in steps


def test_thin_bones_keep_the_side_plank_on_bent_knees_with_no_progression(
    plan_for: PlanFor,
) -> None:
    plan = plan_for(
        {"symptoms": ["osteoporosis"]}, level="clinician", muscles=(("quadratus_lumborum", 0.9),)
    )
    plank = item(plan, "strengthen_side_plank_abduction")
    assert not any(s.startswith("To progress") for s in plank.steps)
    assert "legs straight" not in " ".join(plank.steps)
    assert any("stay on bent knees" in p for p in plank.precautions)
    usual = item(
        plan_for(muscles=(("quadratus_lumborum", 0.9),)), "strengthen_side_plank_abduction"
    )
    assert usual.steps[-1].startswith("To progress")


@pytest.mark.parametrize(
    "answers",
    [{"history": ["pregnancy"]}, {"symptoms": ["long_term_steroids"]}, {"age": 82}],
)
def test_single_leg_balance_never_prints_letting_go_or_closing_the_eyes_for_them(
    plan_for: PlanFor, answers: dict[str, Any]
) -> None:
    plan = plan_for(
        {**answers, "history": [*answers.get("history", []), "previous_episode"]},
        level="clinician",
        muscles=(("gluteus_medius", 0.9),),
    )
    balance = steps_of(plan, "balance_single_leg_stance")
    assert "close your eyes" not in balance and "let go" not in balance
    usual = steps_of(
        plan_for({"history": ["previous_episode"]}, muscles=(("gluteus_medius", 0.9),)),
        "balance_single_leg_stance",
    )
    assert "close your eyes" in usual


def test_the_wobble_board_after_a_hip_replacement_never_says_one_leg(plan_for: PlanFor) -> None:
    def board(history: list[str]) -> str:
        plan = plan_for(
            {
                "history": [*history, "previous_episode"],
                "preferences": {"avoid": ["balance_single_leg_stance"]},
            },
            muscles=(("gluteus_medius", 0.9),),
        )
        return steps_of(plan, "balance_wobble_board")

    assert "one leg" in board([])
    assert "one leg" not in board(["hip_replacement_anterior"])


# ---------------------------------------------------------------- hip replacement (review)


def test_a_lateral_approach_protects_the_repaired_abductors(plan_for: PlanFor) -> None:
    muscles = (("gluteus_medius", 0.9), ("gluteus_minimus", 0.8))
    plan = plan_for({"history": ["hip_replacement_lateral"]}, muscles=muscles)
    for item_id in ("strengthen_side_lying_abduction", "strengthen_band_abduction"):
        abduction = item(plan, item_id)
        assert not any(s.startswith("To progress") for s in abduction.steps), item_id
        assert any("cut and repaired the muscle" in p for p in abduction.precautions), item_id
    assert "ankle weight" not in steps_of(plan, "strengthen_side_lying_abduction")
    assert "stretch_gluteus_medius_minimus" in left_out(plan)  # the posterior set too


def test_an_outer_side_scar_is_not_taken_for_an_approach(kb: KnowledgeBase) -> None:
    question = kb.history["hip_replacement"].follow_up or ""
    assert "outer side can mean the back or the side" in question and "not sure" in question
    assert "outer side" not in kb.history["hip_replacement_posterior"].patient_question


def test_the_hamstring_stretch_stops_well_short_of_straight_up_after_a_posterior_approach(
    plan_for: PlanFor,
) -> None:
    plan = plan_for({"history": ["hip_replacement_posterior"]}, muscles=(("hamstrings", 0.9),))
    (caution,) = [p for p in item(plan, "stretch_hamstrings").precautions if "hip" in p]
    assert "stop well short of pointing the leg straight up" in caution


def test_chair_set_up_keeps_the_hips_above_the_knees(kb: KnowledgeBase) -> None:
    chair = kb.treatments["ergonomics_chair_setup"]
    assert "hips are level with your knees or a little above" in " ".join(chair.steps)
    assert "thighs are about level" not in " ".join(chair.steps)
    case = parse_case({**BASE_CASE, "history": ["hip_replacement_posterior"]}, kb)
    (caution,) = screen(chair, case, kb).cautions
    assert "hips clearly above your knees" in caution.text


# ---------------------------------------------------------------- nerves (review)


def test_obturator_internus_release_respects_the_sciatic_nerve(plan_for: PlanFor) -> None:
    plan = plan_for(muscles=(("obturator_internus", 0.9),))
    release = item(plan, "ball_release_obturator_internus")
    steps = " ".join(release.steps)
    assert "sciatic nerve" in steps and "most of your weight on the other buttock" in steps
    assert "soft ball" in steps and "20 seconds at most" in steps
    assert release.dose is not None and release.dose.hold_seconds == 20
    assert "balius_2018" in release.sources


# ---------------------------------------------------------------- a fresh injury (review)

FALL_TWO_DAYS_AGO = {
    "onset": "after_trauma",
    "duration_weeks": 0.3,
    "history": ["direct_trauma"],
    "pain": {"regions": ["mid_buttock", "upper_buttock"], "intensity": 4},
}


def test_no_pressure_on_a_fresh_bruise_a_cold_pack_instead(plan_for: PlanFor) -> None:
    muscles = (("gluteus_maximus", 0.9), ("gluteus_medius", 0.8))
    plan = plan_for(FALL_TWO_DAYS_AGO, muscles=muscles)
    assert not [i for i in plan.items if i.kind == "self_release"]
    cold = item(plan, "cold_pack_fresh_injury")
    assert cold.dose is not None and cold.dose.minutes == 20
    assert plan.items[0].id == "cold_pack_fresh_injury"  # first thing to do
    for gone in ("foam_roll_gluteus_maximus", "ball_release_gluteus_medius", "superficial_heat"):
        assert gone in left_out(plan), gone
    assert {lo.instead for lo in plan.left_out} == {cold.title}
    not_for = {lo.id for r in plan.referrals for lo in r.not_for}
    assert {"trigger_point_release", "dry_needling"} <= not_for
    later = plan_for({**FALL_TWO_DAYS_AGO, "duration_weeks": 2}, muscles=muscles)
    assert "cold_pack_fresh_injury" not in ids(later)
    assert "foam_roll_gluteus_maximus" in ids(later)


def test_massage_waits_three_days_after_an_injury(kb: KnowledgeBase) -> None:
    case = parse_case({**BASE_CASE, **FALL_TWO_DAYS_AGO}, kb)
    for treatment_id in ("massage_therapy", "trigger_point_release", "dry_needling"):
        assert not screen(kb.treatments[treatment_id], case, kb).allowed, treatment_id


# ---------------------------------------------------------------- falls and thin bone (review)


def test_an_82_year_old_gets_no_wobble_board_and_no_roller_on_the_floor(
    plan_for: PlanFor,
) -> None:
    plan = plan_for(
        {"age": 82, "history": ["previous_episode"]},
        muscles=(("gluteus_maximus", 0.9), ("gluteus_medius", 0.8)),
    )
    assert "balance_wobble_board" not in ids(plan) and "foam_roll_gluteus_maximus" not in ids(plan)
    assert "ball_release_gluteus_maximus_wall" in ids(plan)
    balance = item(plan, "balance_single_leg_stance").precautions
    assert any("aged 65 or more" in p for p in balance)
    young = plan_for({"age": 40}, muscles=(("gluteus_maximus", 0.9),))
    assert "foam_roll_gluteus_maximus" in ids(young)


def test_thin_bone_is_named_wherever_pressure_lands_near_bone(kb: KnowledgeBase) -> None:
    case = parse_case({**BASE_CASE, "symptoms": ["osteoporosis"]}, kb)
    for treatment_id, words in (
        ("ball_release_piriformis", "flat bone at the base of the spine"),
        ("massage_therapy", "no firm or elbow pressure"),
        ("trigger_point_release", "no firm or elbow pressure"),
    ):
        cautions = " ".join(p.text for p in screen(kb.treatments[treatment_id], case, kb).cautions)
        assert words in cautions, treatment_id


def test_long_term_steroids_count_as_a_weakened_immune_system_for_needling(
    kb: KnowledgeBase,
) -> None:
    case = parse_case({**BASE_CASE, "symptoms": ["long_term_steroids"]}, kb)
    cautions = [p.text for p in screen(kb.treatments["dry_needling"], case, kb).cautions]
    assert any("weakened immune system" in c for c in cautions)


# ---------------------------------------------------------------- pregnancy (review)


def test_massage_in_pregnancy_is_on_the_side_not_face_down(kb: KnowledgeBase) -> None:
    case = parse_case({**BASE_CASE, "history": ["pregnancy"]}, kb)
    cautions = [p.text for p in screen(kb.treatments["massage_therapy"], case, kb).cautions]
    assert any("lying on your side" in c and "not face down" in c for c in cautions)


def test_a_pregnant_person_s_plan_names_the_midwife_and_the_warning_signs(
    kb: KnowledgeBase,
) -> None:
    plan = _engine_plan(kb, {"age": 31, "history": ["pregnancy"]})
    assert plan.triage.level == "clinician"
    (reason,) = [r for r in plan.triage.reasons if r.rule == "clinician_pregnancy"]
    assert "midwife" in (reason.action or "") and "bleeding" in (reason.action or "")


# ---------------------------------------------------------------- sources and doses (review)


def test_claims_the_cited_source_does_not_make_are_marked_as_estimates(kb: KnowledgeBase) -> None:
    ribs = next(
        p
        for p in kb.treatments["ball_release_quadratus_lumborum"].precautions
        if p.finding == "feature:fragile_bone"
    )
    plank = next(
        p
        for p in kb.treatments["strengthen_side_plank_abduction"].precautions
        if p.finding == "history:pregnancy"
    )
    for precaution in (ribs, plank):
        assert precaution.evidence == "expert_estimate" and precaution.note


def test_progressions_wait_for_two_sessions_and_a_week_and_name_the_weight(
    kb: KnowledgeBase,
) -> None:
    for t in kb.treatments.values():
        if t.kind == "strengthen":
            text = t.progression or ""
            assert "two sessions in a row" in text and "at least a week" in text, t.id
    assert "0.5 kg ankle weight" in (
        kb.treatments["strengthen_side_lying_abduction"].progression or ""
    )
    plank = kb.treatments["strengthen_side_plank_abduction"].progression or ""
    no_lift = plank.index("both legs straight with the hips lifted and no leg lift")
    assert no_lift < plank.index("both legs straight with the top-leg lift")


# ---------------------------------------------------------------- gluteal tendons


@pytest.mark.parametrize("test_id", ["single_leg_stance_30s", "resisted_external_derotation"])
def test_positive_tendon_tests_leave_out_the_stretches_across_the_body(
    plan_for: PlanFor, test_id: str
) -> None:
    """A clinician's positive gluteal tendinopathy test: the stretches that pull the leg across
    the body (compressing the tendons) are left out, saying why; a negative test keeps them."""
    across = {"stretch_gluteus_medius_minimus", "stretch_tfl_itb"}
    side = (("tensor_fasciae_latae", 0.9), ("gluteus_medius", 0.8))
    negative = plan_for({"exam": {"tests": {test_id: "negative"}}}, muscles=side)
    assert across <= ids(negative)
    plan = plan_for({"exam": {"tests": {test_id: "positive"}}}, muscles=side)
    assert not across & ids(plan)
    assert all("presses on those tendons" in left_out(plan)[a] for a in across)
