"""Inputs a CDS client can get wrong, each a clean 4xx or passed over by the one date rule:
a Content-Length of non-ASCII digits, feedback from the future, a chart's impossible or future
dates (never the latest, never an age)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.contract.conftest import PATIENT_ID, SERVICE, chart_for, hook_request, searchset

from triggermap.fhir.observations import pain_observation
from triggermap.fhir.records import case_from_records
from triggermap.fhir.response import build_response
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case

Check = Callable[[Any, str], None]
TODAY = date(2026, 1, 20)


@pytest.mark.parametrize("length", ["²".encode("latin-1"), "٣".encode(), b"1_0", b"-1", b"1e3"])
def test_a_content_length_that_is_not_ascii_digits_is_400(
    client: TestClient, length: bytes
) -> None:
    response = client.post(SERVICE, content=b"{}", headers={"content-length": length})
    assert response.status_code == 400, response.text
    assert response.json()["detail"].startswith("content-length: ")


def test_feedback_from_the_future_is_refused(client: TestClient) -> None:
    item = {
        "card": str(uuid.uuid4()),
        "outcome": "accepted",
        "outcomeTimestamp": "2099-01-01T00:00:00Z",
    }
    response = client.post(f"{SERVICE}/feedback", json={"feedback": [item]})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("feedback[0].outcomeTimestamp: 2099-01-01")
    assert "in the future" in response.json()["detail"]


def intake(kb: KnowledgeBase, case: dict[str, Any], authored: str, rid: str) -> dict[str, Any]:
    subject = {"reference": f"Patient/{PATIENT_ID}"}
    parsed = parse_case(case, kb)
    return build_response(parsed, kb, response_id=rid, subject=subject, authored=authored)


def test_an_intake_dated_in_the_future_is_never_the_latest(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    real = {"pain": {"regions": ["mid_buttock"], "intensity": 4}, "symptoms": ["worse_sitting"]}
    prefetch = chart_for(real, kb)
    future = intake(
        kb, {"pain": {"regions": ["upper_buttock"], "intensity": 2}}, "2099-01-01T09:00:00Z", "qr-9"
    )
    impossible = {**future, "id": "qr-8", "authored": "2026-02-30T09:00:00Z"}
    prefetch["intake"]["entry"] += [{"resource": future}, {"resource": impossible}]
    response = client.post(SERVICE, json=hook_request(prefetch))
    assert response.status_code == 200, response.text
    check_schema(response.json(), "CdsResponse")
    (card,) = response.json()["cards"]
    assert "the triggermap intake of 2026-01-15" in card["detail"]


@pytest.mark.parametrize(
    ("birth", "age"),
    [
        ("1950-06-01", 75),
        ("1950", 76),
        ("1950-02", 75),
        ("1950-02-30", None),
        ("2099-01-01", None),
        ("١٩٥٠", None),
        ("1950-13", None),
    ],
)
def test_the_age_comes_from_a_real_birth_date_only(
    kb: KnowledgeBase, birth: str, age: int | None
) -> None:
    when = datetime(2026, 1, 15, 9, 30, tzinfo=UTC).isoformat()
    rating = pain_observation(
        kb,
        observation_id="obs-1",
        subject={"reference": f"Patient/{PATIENT_ID}"},
        rating=6,
        effective=when,
        regions=("mid_buttock",),
        side=None,
    )
    patient = {"resourceType": "Patient", "id": PATIENT_ID, "birthDate": birth}
    read = case_from_records(kb, patient=patient, pain_ratings=[rating], intake=[], today=TODAY)
    assert read.case.age == age


def test_an_empty_intake_search_with_a_rating_still_answers(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    prefetch = {
        **chart_for({"pain": {"regions": ["mid_buttock"], "intensity": 7}}, kb),
        "intake": searchset([]),
    }
    prefetch["patient"] = {"resourceType": "Patient", "id": PATIENT_ID, "birthDate": "1950-02-30"}
    response = client.post(SERVICE, json=hook_request(prefetch))
    assert response.status_code == 200 and len(response.json()["cards"]) == 1
