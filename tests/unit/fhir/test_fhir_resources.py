"""Every resource the FHIR adapter emits parses with the R4B models and keeps the R4
invariants; and each carries what a clinician's system reads from it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from triggermap.fhir.careplan import build_care_plan
from triggermap.fhir.conditions import build_condition, condition_codes, leading_conditions
from triggermap.fhir.observations import pain_observation, peg_observations
from triggermap.fhir.patient import build_patient
from triggermap.fhir.questionnaire import build_body_region_system, build_questionnaire
from triggermap.fhir.terminology import ICD10CM, LOINC, SNOMED, resource_id
from triggermap.fhir.validate import validation_problems
from triggermap.kb.loader import KnowledgeBase
from triggermap.progress.entries import PegScore
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess
from triggermap.services.plan import make_plan

SUBJECT = {"reference": "Patient/p1"}
WHEN = "2026-01-15T09:30:00+00:00"


def codes_of(concept: dict[str, Any], system: str) -> list[str]:
    return [c["code"] for c in concept.get("coding", []) if c["system"] == system]


def test_the_validator_catches_what_it_must() -> None:
    """A check that cannot fail proves nothing: each broken resource is refused by name."""
    broken = {
        "obs-6": {
            "resourceType": "Observation",
            "status": "final",
            "code": {"text": "x"},
            "valueInteger": 3,
            "dataAbsentReason": {"text": "asked"},
        },
        "que-2": {
            "resourceType": "Questionnaire",
            "status": "active",
            "item": [{"linkId": "a", "type": "string"}, {"linkId": "a", "type": "string"}],
        },
        "cpl-3": {
            "resourceType": "CarePlan",
            "status": "active",
            "intent": "plan",
            "subject": SUBJECT,
            "activity": [
                {"reference": {"reference": "ServiceRequest/1"}, "detail": {"status": "scheduled"}}
            ],
        },
        "qrs-1": {
            "resourceType": "QuestionnaireResponse",
            "status": "completed",
            "item": [{"linkId": "a", "answer": [{"valueInteger": 1}], "item": [{"linkId": "b"}]}],
        },
        "ele-1": {"resourceType": "Patient", "gender": "female", "name": []},
        "ext-1": {"resourceType": "Patient", "extension": [{"url": "https://example.org/x"}]},
        "status": {"resourceType": "ServiceRequest", "intent": "plan", "subject": SUBJECT},
    }
    for key, resource in broken.items():
        problems = validation_problems(resource)
        assert any(key in p or "status" in p for p in problems), (key, problems)


def test_the_intake_questionnaire_asks_warning_signs_first(kb: KnowledgeBase) -> None:
    questionnaire = build_questionnaire(kb)
    assert validation_problems(questionnaire) == []
    first = questionnaire["item"][0]
    red_flags = {f"symptom.{s.id}" for s in kb.symptoms.values() if s.red_flag}
    assert {q["linkId"] for q in first["item"]} == red_flags
    assert all(q["required"] for q in first["item"])
    assert questionnaire["url"] == "https://triggermap.org/fhir/Questionnaire/intake"
    assert questionnaire["version"] == kb.version
    intensity = next(
        q for g in questionnaire["item"] for q in g["item"] if q["linkId"] == "pain.intensity"
    )
    assert codes_of({"coding": intensity["code"]}, LOINC) == ["72514-3"]


def test_the_body_region_system_translates_to_snomed(kb: KnowledgeBase) -> None:
    system = build_body_region_system(kb)
    assert validation_problems(system) == []
    concepts = {c["code"]: c for c in system["concept"]}
    assert set(concepts) == set(kb.regions)
    assert concepts["upper_buttock"]["property"][0]["valueCoding"]["code"] == "46862004"
    assert "property" not in concepts["iliac_crest"]  # no verified code: none is guessed


def test_a_pain_rating_in_one_buttock_region(kb: KnowledgeBase) -> None:
    observation = pain_observation(
        kb,
        observation_id="o1",
        subject=SUBJECT,
        rating=7,
        effective=WHEN,
        regions=["mid_buttock", "lower_buttock"],
        side="left",
    )
    assert validation_problems(observation) == []
    assert codes_of(observation["code"], LOINC) == ["72514-3"]
    assert observation["category"][0]["coding"][0]["code"] == "survey"
    assert observation["valueInteger"] == 7
    site = observation["bodySite"]
    assert codes_of(site, SNOMED) == ["46862004"]  # both regions are the buttock
    laterality = site["extension"][0]
    assert laterality["url"].endswith("observation-structureLaterality")
    assert codes_of(laterality["valueCodeableConcept"], SNOMED) == ["7771000"]
    assert [c["valueCodeableConcept"]["coding"][0]["code"] for c in observation["component"]] == [
        "mid_buttock",
        "lower_buttock",
    ]


def test_regions_of_different_concepts_keep_each_in_a_component(kb: KnowledgeBase) -> None:
    observation = pain_observation(
        kb,
        observation_id="o1",
        subject=SUBJECT,
        rating=4,
        effective="2026-01-15",
        regions=["sacrum", "iliac_crest"],
    )
    assert validation_problems(observation) == []
    assert "coding" not in observation["bodySite"]  # one bodySite cannot name two places
    components = [c["valueCodeableConcept"] for c in observation["component"]]
    assert codes_of(components[0], SNOMED) == ["54735007"]
    assert codes_of(components[1], SNOMED) == []  # the iliac crest has no verified code


def test_peg_items_and_their_mean(kb: KnowledgeBase) -> None:
    peg = PegScore(day=date(2026, 1, 10), pain=6, enjoyment=5, activity=7)
    ids = [resource_id("peg", str(i)) for i in range(4)]
    observations = peg_observations(kb, peg, ids=ids, subject=SUBJECT)
    for observation in observations:
        assert validation_problems(observation) == []
    assert [codes_of(o["code"], LOINC)[0] for o in observations] == [
        "75893-8",
        "91145-3",
        "91146-1",
        "91147-9",
    ]
    assert [o.get("valueInteger") for o in observations[:3]] == [6, 5, 7]
    assert observations[3]["valueQuantity"]["value"] == 6.0
    assert len(observations[3]["derivedFrom"]) == 3


def test_patient_is_pseudonymous() -> None:
    patient = build_patient("p1", sex="female", birth_year=1971)
    assert validation_problems(patient) == []
    assert set(patient) == {"resourceType", "id", "gender", "birthDate"}
    assert patient["birthDate"] == "1971"


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        ("right", ["M16.11"]),
        ("left", ["M16.12"]),
        ("bilateral", ["M16.0"]),
        ("unknown", ["M16.9"]),
        (None, ["M16.9"]),
    ],
)
def test_icd_codes_follow_the_side(
    kb: KnowledgeBase, side: str | None, expected: list[str]
) -> None:
    codings = condition_codes(kb.conditions["hip_osteoarthritis"].codes, side)
    assert [c["code"] for c in codings if c["system"] == ICD10CM] == expected
    assert [c["code"] for c in codings if c["system"] == SNOMED] == ["239872002"]


def test_both_sides_without_a_bilateral_code_gives_left_and_right(kb: KnowledgeBase) -> None:
    codings = condition_codes(
        kb.conditions["greater_trochanteric_pain_syndrome"].codes, "bilateral"
    )
    assert sorted(c["code"] for c in codings if c["system"] == ICD10CM) == [
        "M70.61",
        "M70.62",
        "M76.01",
        "M76.02",
    ]


def test_leading_conditions_and_the_flagged_serious_ones(kb: KnowledgeBase) -> None:
    case = parse_case(
        {
            "age": 50,
            "side": "bilateral",
            "pain": {"regions": ["lower_back", "posterior_thigh"]},
            "symptoms": ["saddle_anaesthesia", "bilateral_leg_symptoms", "radiating_pain"],
        },
        kb,
    )
    assessment = assess(case, kb)
    chosen = leading_conditions(assessment, kb)
    assert chosen[0][1] == "provisional"
    assert all(status == "differential" for _, status in chosen[1:])
    assert "cauda_equina_syndrome" in [c.id for c, _ in chosen]
    for result, status in chosen:
        condition = build_condition(result, status, kb, key="k", side=case.side, subject=SUBJECT)
        assert validation_problems(condition) == []
        if result.id == "cauda_equina_syndrome":  # its SNOMED code is unverified: text only
            assert "coding" not in condition["code"]


def test_condition_evidence_names_the_findings_present(kb: KnowledgeBase) -> None:
    case = parse_case(
        {
            "age": 40,
            "side": "right",
            "pain": {"regions": ["greater_trochanter"]},
            "symptoms": ["worse_lying_on_side"],
        },
        kb,
    )
    assessment = assess(case, kb)
    gtps = next(c for c in assessment.conditions if c.id == "greater_trochanteric_pain_syndrome")
    condition = build_condition(
        gtps,
        "differential",
        kb,
        key="k",
        side="right",
        subject=SUBJECT,
        evidence_detail=[{"reference": "QuestionnaireResponse/q1"}],
    )
    assert validation_problems(condition) == []
    findings = {e["code"][0]["coding"][0]["code"] for e in condition["evidence"]}
    present = {e.finding for e in gtps.evidence if e.state == "present"}
    assert findings == present and "symptom:worse_lying_on_side" in findings
    assert sorted(codes_of(condition["code"], ICD10CM)) == ["M70.61", "M76.01"]


def test_care_plan_links_exercises_through_service_requests(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case = parse_case(next(v["case"] for v in vignettes if v["id"] == "pub-gmed-1"), kb)
    result = make_plan(case, kb, today=date(2026, 1, 15))
    resources = build_care_plan(
        result.plan, kb, key="k", subject=SUBJECT, addresses=[], imaging=result.assessment.imaging
    )
    care_plan, requests = resources[0], resources[1:]
    for resource in resources:
        assert validation_problems(resource) == []
    assert care_plan["status"] == "active" and care_plan["intent"] == "plan"
    assert all("detail" not in a for a in care_plan["activity"])
    assert len(care_plan["activity"]) == len(requests)
    exercises = [r for r in requests if codes_of(r["code"], SNOMED) == ["229065009"]]
    assert exercises, "the plan's stretches and strengthening are exercise therapy"
    assert all(r["intent"] == "plan" and r["performer"] == [SUBJECT] for r in exercises)
    assert any("occurrenceTiming" in r for r in exercises)
    referrals = [r for r in requests if r["intent"] == "proposal"]
    assert len(referrals) == len(result.plan.referrals)


def test_imaging_advice_is_a_proposed_service_request(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case = parse_case(next(v["case"] for v in vignettes if v["id"] == "pub-hipoa-1"), kb)
    result = make_plan(case, kb, today=date(2026, 1, 15))
    assert result.assessment.imaging.recommended
    resources = build_care_plan(
        result.plan, kb, key="k", subject=SUBJECT, addresses=[], imaging=result.assessment.imaging
    )
    imaging = [r for r in resources[1:] if r["code"]["text"].startswith("Imaging advised")]
    assert len(imaging) == 1 and imaging[0]["intent"] == "proposal"
    assert validation_problems(imaging[0]) == []


def test_items_left_out_for_safety_are_noted_on_the_care_plan(
    kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case_data = next(v["case"] for v in vignettes if v["id"] == "pub-gmed-1")
    case_data = {**case_data, "history": [*case_data.get("history", []), "hip_replacement"]}
    result = make_plan(parse_case(case_data, kb), kb, today=date(2026, 1, 15))
    care_plan, *requests = build_care_plan(result.plan, kb, key="k", subject=SUBJECT, addresses=[])
    assert validation_problems(care_plan) == []
    notes = [n["text"] for n in care_plan["note"]]
    left = {o.title for o in result.plan.left_out}
    assert left and all(any(title in n for n in notes) for title in left)
    titles = {r["code"]["text"] for r in requests}
    assert not titles & left  # nothing left out is still requested
