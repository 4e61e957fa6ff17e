"""FHIR over HTTP as an EHR integrator meets it: $everything and `export?format=fhir` give a
valid R4 Bundle of the person; that Bundle imported gives back every diary entry and PEG score;
a bad Bundle is a problem naming the resource and field and stores nothing; the FHIR reads need
the access token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import BEARER
from tests.api.test_api_records import add_person
from triggermap.fhir.validate import validation_problems

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-case.json"
FHIR_JSON = "application/fhir+json"


def person_with_records(api: TestClient) -> None:
    add_person(api)
    api.post("/api/v1/people/P-014/assessments", headers=BEARER, content=DEMO.read_bytes())
    for day, pain in (("2026-01-02", 7), ("2026-01-09", 5)):
        body = {"pain": pain, "day": day, "regions": ["upper_buttock"], "note": f"day {day}"}
        assert api.post("/api/v1/people/P-014/diary", headers=BEARER, json=body).status_code == 201
    peg = {"pain": 6, "enjoyment": 5, "activity": 4, "day": "2026-01-09"}
    assert api.post("/api/v1/people/P-014/peg", headers=BEARER, json=peg).status_code == 201


def kinds(bundle: dict[str, Any]) -> list[str]:
    return sorted({e["resource"]["resourceType"] for e in bundle["entry"]})


def test_everything_is_a_valid_searchset_of_the_person(api: TestClient) -> None:
    person_with_records(api)
    response = api.get("/fhir/Patient/P-014/$everything", headers=BEARER)
    assert response.status_code == 200
    assert response.headers["content-type"] == FHIR_JSON
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    assert {"Patient", "Observation", "QuestionnaireResponse"} <= set(kinds(bundle))
    assert validation_problems(bundle) == []


def test_a_fhir_export_imports_back_with_every_entry_and_score(api: TestClient) -> None:
    person_with_records(api)
    exported = api.get("/api/v1/people/P-014/export?format=fhir", headers=BEARER)
    assert exported.status_code == 200 and exported.headers["content-type"] == FHIR_JSON
    assert exported.json()["type"] == "collection" and validation_problems(exported.json()) == []
    diary = api.get("/api/v1/people/P-014/diary", headers=BEARER).json()
    peg = api.get("/api/v1/people/P-014/peg", headers=BEARER).json()
    assert api.delete("/api/v1/people/P-014", headers=BEARER).status_code == 200
    imported = api.post(
        "/api/v1/import",
        headers={**BEARER, "Content-Type": FHIR_JSON},
        content=exported.content,
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["label"] == "P-014"
    again = api.get("/api/v1/people/P-014/diary", headers=BEARER).json()
    assert [(e["id"], e["day"], e["pain"], e["note"]) for e in again] == [
        (e["id"], e["day"], e["pain"], e["note"]) for e in diary
    ]
    scores = api.get("/api/v1/people/P-014/peg", headers=BEARER).json()
    assert [(s["id"], s["score"]) for s in scores] == [(s["id"], s["score"]) for s in peg]


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("effectiveDateTime", "2026-02-30", "effectiveDateTime: '2026-02-30'"),
        ("effectiveDateTime", "2099-01-01", "is in the future"),
        ("effectiveDateTime", "2026-01-09T10:00:00", "has no time zone"),
        ("valueInteger", 11, "11"),
    ],
)
def test_a_bad_bundle_is_a_problem_naming_the_field_and_stores_nothing(
    api: TestClient, field: str, value: Any, named: str
) -> None:
    person_with_records(api)
    bundle = api.get("/api/v1/people/P-014/export?format=fhir", headers=BEARER).json()
    api.delete("/api/v1/people/P-014", headers=BEARER)
    last = next(
        e["resource"]
        for e in reversed(bundle["entry"])
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == "72514-3"  # a diary entry's pain
    )
    last[field] = value
    response = api.post("/api/v1/import", headers=BEARER, content=json.dumps(bundle).encode())
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert named in response.json()["detail"], response.json()
    assert api.get("/api/v1/people", headers=BEARER).json() == []


def test_a_bad_birth_date_is_named(api: TestClient) -> None:
    person_with_records(api)
    bundle = api.get("/api/v1/people/P-014/export?format=fhir", headers=BEARER).json()
    api.delete("/api/v1/people/P-014", headers=BEARER)
    patient = next(
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    patient["birthDate"] = "1970-13"
    response = api.post("/api/v1/import", headers=BEARER, content=json.dumps(bundle).encode())
    assert response.status_code == 422
    assert "birthDate: '1970-13' is not a FHIR date" in response.json()["detail"]
    assert api.get("/api/v1/people", headers=BEARER).json() == []


def test_the_questionnaire_and_regions_are_published(api: TestClient) -> None:
    questionnaire = api.get("/fhir/Questionnaire/intake", headers=BEARER)
    assert questionnaire.status_code == 200 and questionnaire.headers["content-type"] == FHIR_JSON
    assert questionnaire.json()["resourceType"] == "Questionnaire"
    assert validation_problems(questionnaire.json()) == []
    regions = api.get("/fhir/CodeSystem/body-region", headers=BEARER).json()
    assert regions["resourceType"] == "CodeSystem"
    assert "upper_buttock" in {c["code"] for c in regions["concept"]}


def test_an_unknown_patient_is_a_404_operation_outcome(api: TestClient) -> None:
    response = api.get("/fhir/Patient/nobody/$everything", headers=BEARER)
    assert response.status_code == 404
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert (
        outcome["issue"][0]["code"] == "not-found"
        and "nobody" in outcome["issue"][0]["diagnostics"]
    )


def test_the_fhir_reads_and_the_api_need_the_token(api: TestClient) -> None:
    person_with_records(api)
    for address in ("/fhir/Patient/P-014/$everything", "/api/v1/people", "/api/v1/openapi.json"):
        assert api.get(address).status_code == 401, address
        wrong = api.get(address, headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 401, address
    assert api.get("/cds-services").status_code == 200  # the CDS service checks its own JWTs


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status", "field"),
    [
        ("GET", "/fhir/Questionnaire/intake", {"Authorization": "Bearer wrong"}, b"", 401, None),
        ("GET", "/fhir/Questionnaire/intake", {"Accept": "text/html"}, b"", 401, None),
        ("POST", "/cds-services/triggermap-patient-view", {}, b"x" * 2_000_000, 413, "body"),
        ("POST", "/api/v1/assess", BEARER, b"x" * 2_000_000, 413, "body"),
    ],
)
def test_refusals_before_the_app_are_problem_documents_for_programs(
    api: TestClient,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes,
    status: int,
    field: str | None,
) -> None:
    """A wrong token or a body too large, on an address other programs call (/api, /fhir,
    /cds-services): RFC 9457 JSON naming the field, never a web page or plain text."""
    response = api.request(method, path, headers=headers, content=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["field"]
    if field is not None:
        assert problem["field"] == field


def test_the_capability_statement_says_what_this_server_offers(api: TestClient) -> None:
    response = api.get("/fhir/metadata", headers=BEARER)
    assert response.status_code == 200 and response.headers["content-type"] == FHIR_JSON
    statement = response.json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.0.1" and statement["format"] == ["json"]
    offered = {r["type"] for r in statement["rest"][0]["resource"]}
    assert offered == {"Patient", "Questionnaire", "CodeSystem"}
    assert validation_problems(statement) == []


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/fhir/Observation/1", 404, "not-found"),
        ("GET", "/fhir/Patient/P-014", 404, "not-found"),
        ("GET", "/fhir", 404, "not-found"),
        ("POST", "/fhir/Patient", 405, "not-supported"),
        ("DELETE", "/fhir/Questionnaire/intake", 405, "not-supported"),
    ],
)
def test_any_other_fhir_address_or_method_is_an_operation_outcome(
    api: TestClient, method: str, path: str, status: int, code: str
) -> None:
    """A FHIR client never gets the web app's HTML page: an OperationOutcome saying why."""
    response = api.request(method, path, headers=BEARER)
    assert response.status_code == status
    assert response.headers["content-type"] == FHIR_JSON
    issue = response.json()["issue"][0]
    assert issue["code"] == code and issue["diagnostics"]
