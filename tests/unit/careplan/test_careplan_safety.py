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
