"""kb check: a self-care item that loads the spine, bends the hip past 90 degrees or challenges
balance must record its screening for a hip replacement, pregnancy and thin bones (a precaution
reading the finding, or a `not_relevant` reason); lying on the back or front needs pregnancy."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from triggermap.errors import KnowledgeError
from triggermap.kb.loader import KnowledgeBase, load_knowledge


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(Path(str(resources.files("triggermap") / "knowledge")), target)
    return target


def _edit_treatment(root: Path, name: str, treatment_id: str, change: Callable[..., Any]) -> None:
    path = root / "treatments" / name
    data = yaml.safe_load(path.read_text())
    change(next(t for t in data if t["id"] == treatment_id))
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _problems(root: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root, use_cache=False)
    return caught.value.problems


def _drop_precautions(finding: str) -> Callable[[dict[str, Any]], None]:
    def change(t: dict[str, Any]) -> None:
        t["precautions"] = [p for p in t["precautions"] if p.get("finding") != finding]

    return change


def test_a_balance_item_without_pregnancy_screening_fails(knowledge_copy: Path) -> None:
    _edit_treatment(
        knowledge_copy,
        "stretch.yaml",
        "stretch_quadratus_lumborum",
        _drop_precautions("history:pregnancy"),
    )
    problems = _problems(knowledge_copy)
    assert len(problems) == 1
    assert problems[0].startswith(
        "treatments/stretch.yaml: treatment 'stretch_quadratus_lumborum': field 'not_relevant': "
        "no screening for pregnancy (the item asks for spine, balance)"
    )


def test_a_hip_flexion_item_without_hip_replacement_screening_fails(knowledge_copy: Path) -> None:
    _edit_treatment(
        knowledge_copy,
        "stretch.yaml",
        "stretch_gluteus_maximus",
        _drop_precautions("feature:hip_precautions_posterior"),
    )
    (problem,) = _problems(knowledge_copy)
    assert "'stretch_gluteus_maximus'" in problem and "no screening for hip_replacement" in problem


def test_a_spine_item_without_bone_screening_fails(knowledge_copy: Path) -> None:
    _edit_treatment(
        knowledge_copy,
        "strengthen.yaml",
        "strengthen_side_plank_abduction",
        _drop_precautions("feature:fragile_bone"),
    )
    (problem,) = _problems(knowledge_copy)
    assert "no screening for osteoporosis" in problem


def test_not_relevant_with_a_reason_counts_as_screening(knowledge_copy: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        _drop_precautions("history:pregnancy")(t)
        t.setdefault("not_relevant", {})["pregnancy"] = "A reason a reviewer can judge."

    _edit_treatment(knowledge_copy, "stretch.yaml", "stretch_quadratus_lumborum", change)
    kb = load_knowledge(knowledge_copy, use_cache=False)
    assert "pregnancy" in kb.treatments["stretch_quadratus_lumborum"].not_relevant


def test_not_relevant_without_a_reason_fails(knowledge_copy: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["not_relevant"]["hip_replacement"] = ""

    _edit_treatment(knowledge_copy, "movement.yaml", "balance_single_leg_stance", change)
    (problem,) = _problems(knowledge_copy)
    assert "'balance_single_leg_stance'" in problem and "not_relevant.hip_replacement" in problem


def test_a_precaution_and_a_not_relevant_for_one_topic_contradict(knowledge_copy: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["not_relevant"]["pregnancy"] = "Said not to matter, yet a precaution exists."

    _edit_treatment(knowledge_copy, "stretch.yaml", "stretch_quadratus_lumborum", change)
    (problem,) = _problems(knowledge_copy)
    assert "pregnancy has a precaution and a not_relevant reason" in problem


def test_a_self_care_item_must_say_what_it_demands(knowledge_copy: Path) -> None:
    _edit_treatment(
        knowledge_copy, "strengthen.yaml", "strengthen_clamshell", lambda t: t.pop("demands")
    )
    (problem,) = _problems(knowledge_copy)
    assert "treatment 'strengthen_clamshell'" in problem and "needs `demands`" in problem


@pytest.mark.parametrize(
    ("treatment_id", "demand"),
    [
        ("stretch_gluteus_maximus", "hip_flexion_past_90"),
        ("stretch_piriformis", "hip_flexion_past_90"),
        ("stretch_hip_flexors", "balance"),
        ("stretch_tfl_itb", "balance"),
        ("stretch_gluteus_medius_minimus", "spine"),
        ("stretch_quadratus_lumborum", "spine"),
        ("strengthen_side_plank_abduction", "spine"),
        ("strengthen_core_bird_dog", "spine"),
        ("strengthen_glute_bridge", "lying_on_back"),
        ("strengthen_step_up", "balance"),
        ("balance_single_leg_stance", "balance"),
        ("balance_wobble_board", "balance"),
        ("ball_release_tensor_fasciae_latae", "lying_face_down"),
    ],
)
def test_the_items_that_ask_these_of_the_body_say_so(
    kb: KnowledgeBase, treatment_id: str, demand: str
) -> None:
    assert demand in (kb.treatments[treatment_id].demands or [])


# ---------------------------------------------------------------- precautions and the steps


def test_a_precaution_pointing_to_a_version_the_steps_lack_fails(knowledge_copy: Path) -> None:
    """The reviewer's case: "use the standing version" above steps that only sit on a roller."""

    def change(t: dict[str, Any]) -> None:
        t["precautions"][0] = {
            "finding": "feature:hip_replacement_any",
            "severity": "precaution",
            "text": "After a hip replacement, use the standing version against a wall.",
            "source": "hip_precautions_by_approach",
        }

    _edit_treatment(knowledge_copy, "self_release.yaml", "foam_roll_gluteus_maximus", change)
    (problem,) = _problems(knowledge_copy)
    assert problem.startswith(
        "treatments/self_release.yaml: treatment 'foam_roll_gluteus_maximus': field "
        "'precautions[0]': names the 'standing' version, which the steps do not describe"
    )


def test_a_version_the_steps_name_may_be_chosen(kb: KnowledgeBase) -> None:
    steps = " ".join(kb.treatments["ball_release_gluteus_medius"].steps)
    assert "Standing version" in steps and "Lying version" in steps


def test_stopping_a_progression_the_item_does_not_have_fails(knowledge_copy: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        t["precautions"][0]["stops_progression"] = True

    _edit_treatment(knowledge_copy, "stretch.yaml", "stretch_quadratus_lumborum", change)
    (problem,) = _problems(knowledge_copy)
    assert "'stretch_quadratus_lumborum'" in problem and "has no progression" in problem


def test_a_safe_version_nobody_offers_instead_fails(knowledge_copy: Path) -> None:
    def change(t: dict[str, Any]) -> None:
        for p in t["precautions"]:
            p.pop("instead", None)

    _edit_treatment(knowledge_copy, "stretch.yaml", "stretch_piriformis", change)
    (problem,) = _problems(knowledge_copy)
    assert "'stretch_piriformis_seated'" in problem and "offers it `instead`" in problem


def test_the_clamshell_asks_for_side_lying_and_must_screen_a_hip_replacement(
    kb: KnowledgeBase, knowledge_copy: Path
) -> None:
    """Lying on the side with the top knee resting on the other: kb check now sees that."""
    assert {"side_lying", "hip_adduction_or_internal_rotation"} <= set(
        kb.treatments["strengthen_clamshell"].demands or []
    )

    def change(t: dict[str, Any]) -> None:
        t["precautions"] = []

    _edit_treatment(knowledge_copy, "strengthen.yaml", "strengthen_clamshell", change)
    (problem,) = _problems(knowledge_copy)
    assert "no screening for hip_replacement (the item asks for side_lying" in problem


def test_a_balance_item_must_screen_for_a_fall_from_age(knowledge_copy: Path) -> None:
    _edit_treatment(
        knowledge_copy,
        "strengthen.yaml",
        "strengthen_step_up",
        _drop_precautions("feature:fall_risk"),
    )
    problems = _problems(knowledge_copy)
    assert any("'strengthen_step_up'" in p and "no screening for fall_risk" in p for p in problems)
