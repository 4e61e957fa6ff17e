"""The CDS Hooks service as an EHR meets it: discovery, patient-view with full, partial and no
prefetch, fetching from the EHR's FHIR server, cards by triage level, feedback, CORS, and bad
input. Every request and response is checked against the vendored CDS Hooks schemas."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.contract.conftest import (
    PATIENT_ID,
    PUBLIC_URL,
    SERVICE,
    FhirServer,
    chart_for,
    hook_request,
    make_client,
    searchset,
    vignette_case,
)

from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.reasoning.assessment import Assessment
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

FLAGS = sorted(s.id for s in load_knowledge().symptoms.values() if s.red_flag)
Check = Callable[[Any, str], None]


def post_hook(client: TestClient, check: Check, request: dict[str, Any], **kw: Any) -> Any:
    check(request, "CdsRequest")
    return client.post(SERVICE, json=request, **kw)


def cards_of(response: Any, check: Check) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    body = response.json()
    check(body, "CdsResponse")
    for card in body["cards"]:
        assert len(card["summary"]) < 140
        uuid.UUID(card["uuid"])
        assert card["source"]["url"].startswith(PUBLIC_URL)
        assert all(v not in (None, "", [], {}) for v in card.values())  # the 2.0 JSON rule
    cards: list[dict[str, Any]] = body["cards"]
    return cards


def test_discovery_names_the_service_and_its_prefetch(
    client: TestClient, check_schema: Check
) -> None:
    body = client.get("/cds-services").json()
    check_schema(body, "CdsServiceInformation")
    (service,) = body["services"]
    assert service["id"] == "triggermap-patient-view" and service["hook"] == "patient-view"
    assert set(service["prefetch"]) == {"patient", "painRatings", "conditions", "intake"}
    assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"


def reported(case: dict[str, Any], kb: KnowledgeBase) -> Assessment:
    """The engine's assessment of what the intake carries: the case without its examination."""
    return assess(parse_case({k: v for k, v in case.items() if k != "exam"}, kb), kb)


def test_full_prefetch_gives_a_card_with_reasons_and_sources(
    client: TestClient, check_schema: Check, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case = {**vignette_case(vignettes, "pub-piri-1"), "absent": FLAGS}
    (card,) = cards_of(
        post_hook(client, check_schema, hook_request(chart_for(case, kb))), check_schema
    )
    expected = reported(case, kb)
    assert expected.triage.level == "clinician" and expected.triage.screening_complete
    assert card["indicator"] == "warning"
    leading = expected.conditions[0]
    assert card["summary"] == (
        f"Buttock pain: see a clinician; most likely {leading.name} ({leading.probability:.0%})."
    )
    assert "**Triage: clinician.**" in card["detail"]
    assert leading.pretest_source in card["detail"]  # each source key, resolved below
    assert kb.sources[leading.pretest_source].citation[:30] in card["detail"]
    assert card["source"]["url"] == f"{PUBLIC_URL}/kb/conditions/{leading.id}"
    assert card["links"][0]["type"] == "absolute"


def test_an_emergency_gives_a_critical_card(
    client: TestClient, check_schema: Check, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    prefetch = chart_for(vignette_case(vignettes, "pub-ces-1"), kb)
    (card,) = cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema)
    assert card["indicator"] == "critical"
    assert card["summary"].startswith("Emergency assessment now:")
    assert "Cauda equina" in card["summary"]
    assert card["source"]["url"].startswith(f"{PUBLIC_URL}/kb/triage-rules/emergency_")
    ces = next(line for line in card["detail"].splitlines() if "Cauda equina syndrome:" in line)
    assert "For: numbness in the saddle area (LR " in ces
    # each leading cause lists what raises it under For and what lowers it under Against
    for line in card["detail"].splitlines():
        for word, raises in (("For: ", True), ("Against: ", False)):
            if word in line:
                part = line.split(word, 1)[1].split(". ")[0]
                ratios = [float(r.split(",")[0]) for r in part.split("(LR ")[1:]]
                assert ratios and all((r > 1) == raises for r in ratios), line


@pytest.mark.parametrize(
    ("vignette", "level", "indicator"),
    [
        ("pub-frac-1", "urgent", "critical"),
        ("pub-stenosis-1", "clinician", "warning"),
        ("pub-gmed-1", "self_care", "info"),
    ],
)
def test_the_indicator_follows_the_triage(
    client: TestClient,
    check_schema: Check,
    kb: KnowledgeBase,
    vignettes: list[dict[str, Any]],
    vignette: str,
    level: str,
    indicator: str,
) -> None:
    case = {**vignette_case(vignettes, vignette), "absent": FLAGS}
    case["absent"] = [f for f in FLAGS if f not in case.get("symptoms", [])]
    assert reported(case, kb).triage.level == level
    (card,) = cards_of(
        post_hook(client, check_schema, hook_request(chart_for(case, kb))), check_schema
    )
    assert card["indicator"] == indicator


def test_unanswered_warning_signs_are_never_an_info_card(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    prefetch = chart_for({"pain": {"regions": ["upper_buttock"], "intensity": 3}}, kb)
    (card,) = cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema)
    assert card["indicator"] == "warning"
    assert "red flags not all screened" in card["summary"]
    asked = card["detail"].split("**Warning signs not yet asked:** ")[1].split(".\n")[0]
    assert "numbness in the saddle area" in asked and ", ," not in asked


def test_partial_prefetch_still_answers(
    client: TestClient, check_schema: Check, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    case = {**vignette_case(vignettes, "pub-gmed-1"), "absent": FLAGS}
    chart = chart_for(case, kb)
    prefetch = {"patient": chart["patient"], "intake": chart["intake"]}  # no ratings, conditions
    (card,) = cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema)
    assert card["indicator"] == "info"
    assert "the triggermap intake of 2026-01-15" in card["detail"]


def test_no_prefetch_and_no_fhir_server_is_412(client: TestClient, check_schema: Check) -> None:
    response = post_hook(client, check_schema, hook_request())
    assert response.status_code == 412
    assert response.headers["content-type"].startswith("application/problem+json")
    assert (
        response.json()["detail"]
        == "prefetch.patient: not sent, and no FHIR server to fetch it from"
    )


def test_a_failed_prefetch_is_not_data(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    chart = chart_for({"symptoms": ["fever"]}, kb)
    chart["intake"] = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "timeout"}],
    }
    response = post_hook(client, check_schema, hook_request(chart))
    assert response.status_code == 412 and "prefetch.intake" in response.json()["detail"]


def test_a_chart_without_triggermap_data_gets_no_cards(
    client: TestClient, check_schema: Check
) -> None:
    prefetch = {
        "patient": {"resourceType": "Patient", "id": PATIENT_ID},
        "intake": searchset([]),
        "painRatings": searchset([]),
        "conditions": searchset([]),
    }
    assert cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema) == []


def test_null_prefetch_means_no_data(client: TestClient, check_schema: Check) -> None:
    """CDS Hooks 2.0: `null` is "no such data" (the vendored OpenAPI schema, older, allows only
    objects there, so this request is not checked against it)."""
    prefetch = {
        "patient": {"resourceType": "Patient", "id": PATIENT_ID},
        "intake": None,
        "painRatings": None,
        "conditions": None,
    }
    assert cards_of(client.post(SERVICE, json=hook_request(prefetch)), check_schema) == []


def test_a_pain_rating_alone_is_assessed_with_the_patient_age(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    chart = chart_for({"pain": {"regions": ["mid_buttock"], "intensity": 7}}, kb)
    prefetch = {
        **chart,
        "intake": searchset([]),
        "patient": {"resourceType": "Patient", "id": PATIENT_ID, "birthDate": "1950-06-01"},
    }
    (card,) = cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema)
    assert "the pain rating of 2026-01-15" in card["detail"]


def test_conditions_already_in_the_chart_are_named(
    client: TestClient, check_schema: Check, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    chart = chart_for(vignette_case(vignettes, "pub-hipoa-1"), kb)
    recorded = {
        "resourceType": "Condition",
        "subject": {"reference": f"Patient/{PATIENT_ID}"},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M16.11"}]},
    }
    chart["conditions"] = searchset([recorded])
    (card,) = cards_of(post_hook(client, check_schema, hook_request(chart)), check_schema)
    assert "**Already in the chart:** Hip osteoarthritis" in card["detail"]


def test_an_unreadable_intake_is_said_not_guessed(
    client: TestClient, check_schema: Check, kb: KnowledgeBase
) -> None:
    chart = chart_for({"symptoms": ["fever"]}, kb)
    chart["intake"]["entry"][0]["resource"]["item"][0]["item"][0]["answer"] = [{"valueInteger": 3}]
    (card,) = cards_of(post_hook(client, check_schema, hook_request(chart)), check_schema)
    assert card["indicator"] == "warning" and "could not read" in card["summary"]
    assert "symptom.fever" in card["detail"]


def test_the_service_fetches_what_was_not_sent(
    kb: KnowledgeBase, check_schema: Check, fhir_server: FhirServer, vignettes: list[dict[str, Any]]
) -> None:
    chart = chart_for(vignette_case(vignettes, "pub-ces-1"), kb)
    fhir_server.answers = {
        "Patient": (200, chart["patient"]),
        "QuestionnaireResponse": (200, chart["intake"]),
        "Observation": (200, chart["painRatings"]),
        "Condition": (500, {}),
    }
    request = hook_request(
        fhirServer=fhir_server.url,
        fhirAuthorization={
            "access_token": "tok-1",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "patient/*.read",
            "subject": "triggermap",
        },
    )
    (card,) = cards_of(post_hook(make_client(kb), check_schema, request), check_schema)
    assert card["indicator"] == "critical"
    assert {path.split("?")[0] for path, _ in fhir_server.seen} >= {
        f"/fhir/Patient/{PATIENT_ID}",
        "/fhir/QuestionnaireResponse",
    }
    assert all(auth == "Bearer tok-1" for _, auth in fhir_server.seen)


def test_a_fhir_server_that_cannot_give_the_patient_is_412(
    kb: KnowledgeBase, check_schema: Check, fhir_server: FhirServer
) -> None:
    response = post_hook(make_client(kb), check_schema, hook_request(fhirServer=fhir_server.url))
    assert response.status_code == 412
    assert "the FHIR server did not give it" in response.json()["detail"]


def test_feedback_is_taken_and_kept(
    client: TestClient, check_schema: Check, kb: KnowledgeBase, vignettes: list[dict[str, Any]]
) -> None:
    prefetch = chart_for(vignette_case(vignettes, "pub-gmed-1"), kb)
    (card,) = cards_of(post_hook(client, check_schema, hook_request(prefetch)), check_schema)
    feedback = {
        "feedback": [
            {
                "card": card["uuid"],
                "outcome": "overridden",
                "outcomeTimestamp": "2026-01-20T10:00:00Z",
                "overrideReason": {
                    "reason": {"code": "not-relevant", "system": "https://example.org"},
                    "userComment": "seen last week",
                },
            },
        ]
    }
    check_schema(feedback, "FeedbackRequest")
    response = client.post(f"{SERVICE}/feedback", json=feedback)
    assert response.status_code == 200
    log = client.app.state.cds.feedback_log  # type: ignore[attr-defined]
    (kept,) = list(log.items)
    assert (kept.card, kept.outcome, kept.override_reason, kept.known_card) == (
        card["uuid"],
        "overridden",
        "not-relevant",
        True,
    )


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            {"card": "x", "outcome": "accepted", "outcomeTimestamp": "2026-01-20T10:00:00Z"},
            "feedback[0].card: 'x' is not a UUID",
        ),
        (
            {
                "card": str(uuid.uuid4()),
                "outcome": "ignored",
                "outcomeTimestamp": "2026-01-20T10:00:00Z",
            },
            "feedback[0].outcome: 'ignored' is not accepted or overridden",
        ),
        (
            {"card": str(uuid.uuid4()), "outcome": "accepted", "outcomeTimestamp": "yesterday"},
            "feedback[0].outcomeTimestamp: 'yesterday' is not an RFC 3339 time",
        ),
    ],
)
def test_bad_feedback_is_refused_by_field(
    client: TestClient, item: dict[str, Any], message: str
) -> None:
    response = client.post(f"{SERVICE}/feedback", json={"feedback": [item]})
    assert response.status_code == 400 and response.json()["detail"] == message


def test_cors_lets_the_sandbox_in(client: TestClient) -> None:
    sandbox = "https://sandbox.cds-hooks.org"
    preflight = client.options(
        SERVICE, headers={"Origin": sandbox, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == sandbox
    assert "Authorization" in preflight.headers["access-control-allow-headers"]
    private = client.options(
        SERVICE, headers={"Origin": sandbox, "Access-Control-Request-Private-Network": "true"}
    )
    assert private.headers["access-control-allow-private-network"] == "true"
    assert (
        client.get("/cds-services", headers={"Origin": sandbox}).headers[
            "access-control-allow-origin"
        ]
        == sandbox
    )
    other = client.get("/cds-services", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b"{", 400, "request: "),
        (
            b'{"hook": "patient-view", "hook": "order-select"}',
            400,
            "'hook': this key appears twice",
        ),
        (b"[]", 400, "request: expected a JSON object, got a list"),
        (
            json.dumps(
                {"hook": "order-sign", "hookInstance": str(uuid.uuid4()), "context": {}}
            ).encode(),
            400,
            "hook: 'order-sign' is not 'patient-view'",
        ),
        (
            json.dumps({"hook": "patient-view", "hookInstance": "1", "context": {}}).encode(),
            400,
            "hookInstance: '1' is not a UUID",
        ),
        (
            json.dumps(hook_request(fhirServer="http://10.0.0.1/fhir")).encode(),
            400,
            "fhirServer: 'http://10.0.0.1/fhir' is not an https URL",
        ),
        (
            json.dumps(hook_request({"patient": "Patient/1", "intake": None})).encode(),
            400,
            "prefetch.patient: expected a FHIR resource or Bundle, got 'Patient/1'",
        ),
        (
            json.dumps(
                hook_request({"patient": {"resourceType": "Observation"}, "intake": None})
            ).encode(),
            400,
            "prefetch.patient: 'Observation' is not a Patient or a Bundle",
        ),
        (b" " * 2_000_001, 413, "request: larger than"),
    ],
)
def test_bad_requests_are_4xx_naming_the_field(
    client: TestClient, body: bytes, status: int, message: str
) -> None:
    response = client.post(SERVICE, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_an_unknown_service_is_404(client: TestClient) -> None:
    response = client.post("/cds-services/another", json=hook_request())
    assert response.status_code == 404 and "see /cds-services" in response.json()["detail"]


def test_a_refused_call_names_its_field(client: TestClient) -> None:
    """Every CDS error is a problem document whose `field` names what was wrong, as the API's."""
    response = client.post(
        "/cds-services/triggermap-patient-view",
        content=b'{"hook": 1',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["field"] == "request"
    missing = client.post("/cds-services/triggermap-patient-view", json=hook_request())
    assert missing.status_code == 412 and missing.json()["field"] == "prefetch.patient"


def test_a_call_that_is_not_json_by_its_type_is_415(client: TestClient) -> None:
    response = client.post(
        "/cds-services/triggermap-patient-view",
        content=b"hook=patient-view",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["field"] == "content-type"
