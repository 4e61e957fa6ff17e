"""Case parsing: every error is one line naming the field and the value."""

from __future__ import annotations

from typing import Any

import pytest

from triggermap.errors import CaseError
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case

VALID: dict[str, Any] = {
    "id": "c1",
    "age": 42,
    "sex": "female",
    "duration_weeks": 8,
    "onset": "gradual",
    "side": "right",
    "pain": {"regions": ["mid_buttock", "posterior_thigh"], "intensity": 6},
    "symptoms": ["worse_sitting"],
    "absent": ["fever"],
    "unsure": ["night_pain"],
    "history": ["prolonged_sitting"],
    "exam": {
        "palpation": {"piriformis": {"taut_band": True}},
        "tests": {"fair": "positive"},
        "rom": {"hip_internal_rotation": {"active": 25, "passive": 30, "painful": True}},
        "neuro": {"motor_deficit": False},
    },
    "preferences": {"equipment": ["massage_ball"], "avoid": ["dry_needling"]},
}


def test_a_valid_case_parses_with_sorted_lists(kb: KnowledgeBase) -> None:
    case = parse_case(VALID, kb)
    assert case.pain.regions == ("mid_buttock", "posterior_thigh")
    assert case.exam.tests == {"fair": "positive"}
    assert case.unsure == ("night_pain",)


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"pain": {"intensity": 11}}, "pain.intensity: 11 is not in 0..10"),
        (
            {"symptoms": ["worse_sitting", "fever", "leg_pain"]},
            "symptoms[2]: unknown id 'leg_pain'",
        ),
        ({"age": -3}, "age: -3 is not in 0..120"),
        ({"age": "forty"}, "age: 'forty' is not a whole number"),
        ({"age": 40.5}, "age: 40.5 is not a whole number"),
        ({"sex": "robot"}, "sex: 'robot' is not one of female, male, other, unknown"),
        ({"duration_weeks": -1}, "duration_weeks: -1 is negative"),
        ({"symptom": ["fever"]}, "symptom: unknown field"),
        ({"absent": ["worse_sitting"]}, "absent[0]: 'worse_sitting' is also in symptoms"),
        ({"exam": {"tests": {"fair": "maybe"}}}, "exam.tests.fair: 'maybe' is not 'positive'"),
        ({"exam": {"tests": {"xray": "positive"}}}, "exam.tests.xray: unknown test id 'xray'"),
        ({"exam": {"palpation": {"biceps": {}}}}, "exam.palpation.biceps: unknown muscle id"),
        ({"exam": {"neuro": {"motor_deficit": "yes"}}}, "exam.neuro.motor_deficit: 'yes' is not"),
        ({"exam": {"rom": {"hip_flexion": {"active": 500}}}}, "exam.rom.hip_flexion.active: 500"),
        ({"pain": {"regions": "groin"}}, "pain.regions: expected a list of region ids"),
        ({"history": [7]}, "history[0]: expected an id, got 7"),
    ],
)
def test_bad_input_names_field_and_value(
    kb: KnowledgeBase, patch: dict[str, Any], message: str
) -> None:
    data = {**VALID, **patch}
    with pytest.raises(CaseError) as excinfo:
        parse_case(data, kb)
    text = str(excinfo.value)
    assert text.startswith(message)
    assert "\n" not in text


def test_a_case_that_is_not_an_object_is_rejected(kb: KnowledgeBase) -> None:
    with pytest.raises(CaseError, match=r"^case: expected a JSON object, got a list$"):
        parse_case([], kb)


def test_list_position_prefixes_the_field(kb: KnowledgeBase) -> None:
    with pytest.raises(CaseError, match=r"^\[3\]\.age: 200 is not in 0\.\.120$"):
        parse_case({"age": 200}, kb, where="[3].")
