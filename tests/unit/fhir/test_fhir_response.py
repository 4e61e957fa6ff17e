"""A case survives the trip through a QuestionnaireResponse; a bad response is refused by name."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import case_dicts

from triggermap.errors import InputError
from triggermap.fhir.response import build_response, case_from_response
from triggermap.fhir.validate import validation_problems
from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.reasoning.case import parse_case

SUBJECT = {"reference": "Patient/p1"}
KB = load_knowledge()


def response_for(case_data: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    case = parse_case(case_data, kb)
    return build_response(
        case, kb, response_id="q1", subject=SUBJECT, authored="2026-01-15T09:30:00+00:00"
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=case_dicts(KB),
    side=st.sampled_from([None, "left", "right", "bilateral"]),
    sex=st.sampled_from([None, "female", "male", "other", "unknown"]),
)
def test_every_intake_answer_comes_back(
    data: dict[str, Any], side: str | None, sex: str | None
) -> None:
    data = {**data, "exam": {}, "id": "rt-1", "preferences": {"equipment": ["foam_roller"]}}
    data.update({k: v for k, v in (("side", side), ("sex", sex)) if v})
    case = parse_case(data, KB)
    response = response_for(data, KB)
    assert case_from_response(response, KB) == case


def test_the_response_is_valid_fhir_and_leaves_unknowns_out(kb: KnowledgeBase) -> None:
    response = response_for(
        {
            "pain": {"regions": ["mid_buttock"], "intensity": 5},
            "symptoms": ["fever"],
            "absent": ["saddle_anaesthesia"],
            "unsure": ["weight_loss"],
        },
        kb,
    )
    assert validation_problems(response) == []
    assert (
        response["questionnaire"]
        == f"https://triggermap.org/fhir/Questionnaire/intake|{kb.version}"
    )
    answered = {i["linkId"]: i["answer"][0] for g in response["item"] for i in g["item"]}
    assert answered["symptom.fever"]["valueCoding"]["code"] == "Y"
    assert answered["symptom.saddle_anaesthesia"]["valueCoding"]["code"] == "N"
    assert answered["symptom.weight_loss"]["valueCoding"]["code"] == "asked-unknown"
    assert "symptom.bladder_bowel_dysfunction" not in answered  # never asked: not "no"
    assert answered["pain.regions"]["valueCoding"]["code"] == "mid_buttock"


def mutate(response: dict[str, Any], link_id: str, answer: Any) -> dict[str, Any]:
    changed = copy.deepcopy(response)
    for group in changed["item"]:
        for item in group["item"]:
            if item["linkId"] == link_id:
                item["answer"] = answer
    return changed


@pytest.mark.parametrize(
    ("link_id", "answer", "message"),
    [
        ("pain.intensity", [{"valueInteger": 11}], "pain.intensity: 11 is not in 0..10"),
        (
            "pain.intensity",
            [{"valueString": "7"}],
            "'pain.intensity': expected an answer with valueInteger",
        ),
        (
            "pain.intensity",
            [{"valueInteger": 3}, {"valueInteger": 4}],
            "expected one answer, got 2",
        ),
        (
            "symptom.fever",
            [{"valueCoding": {"system": "x", "code": "Y"}}],
            "is not an answer it offers",
        ),
        (
            "pain.regions",
            [
                {
                    "valueCoding": {
                        "system": "https://triggermap.org/fhir/CodeSystem/body-region",
                        "code": "elbow",
                    }
                }
            ],
            "is not an answer it offers",
        ),
        ("pain.intensity", "7", "expected a list of answers"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_item(
    kb: KnowledgeBase, link_id: str, answer: Any, message: str
) -> None:
    response = response_for(
        {"pain": {"regions": ["mid_buttock"], "intensity": 5}, "symptoms": ["fever"]}, kb
    )
    with pytest.raises(InputError) as caught:
        case_from_response(mutate(response, link_id, answer), kb)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"resourceType": "Observation"}, "expected a QuestionnaireResponse"),
        (
            {"questionnaire": "https://example.org/Questionnaire/phq9"},
            "is not https://triggermap.org",
        ),
        ({"status": "entered-in-error"}, "entered-in-error"),
        (
            {"item": [{"linkId": "favourite_colour", "answer": [{"valueString": "red"}]}]},
            "'favourite_colour': not a question of the intake",
        ),
        (
            {
                "item": [
                    {
                        "linkId": "symptom.fever",
                        "answer": [
                            {
                                "valueCoding": {
                                    "system": "http://terminology.hl7.org/CodeSystem/v2-0136",
                                    "code": "Y",
                                }
                            }
                        ],
                    },
                    {
                        "linkId": "symptom.fever",
                        "answer": [
                            {
                                "valueCoding": {
                                    "system": "http://terminology.hl7.org/CodeSystem/v2-0136",
                                    "code": "N",
                                }
                            }
                        ],
                    },
                ]
            },
            "answered twice",
        ),
    ],
)
def test_a_response_that_is_not_our_intake_is_refused(
    kb: KnowledgeBase, change: dict[str, Any], message: str
) -> None:
    response = {**response_for({"symptoms": ["fever"]}, kb), **change}
    with pytest.raises(InputError, match=message):
        case_from_response(response, kb)


def test_another_version_of_the_intake_is_read_by_its_link_ids(kb: KnowledgeBase) -> None:
    response = response_for({"symptoms": ["fever"], "age": 61}, kb)
    response["questionnaire"] = "https://triggermap.org/fhir/Questionnaire/intake|0.0.9+old"
    case = case_from_response(response, kb)
    assert case.symptoms == ("fever",) and case.age == 61
