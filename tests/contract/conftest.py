"""CDS Hooks contract tests: the service in its own app, requests built from public vignettes,
the vendored CDS Hooks schemas, signing keys, and a small local FHIR server.

No network: the FHIR server listens on 127.0.0.1 in a thread of the test process.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from triggermap.cds.app import create_app
from triggermap.cds.settings import CdsSettings
from triggermap.fhir.observations import pain_observation
from triggermap.fhir.patient import build_patient
from triggermap.fhir.response import build_response
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case

SCHEMAS = Path(__file__).resolve().parent / "cds_hooks_api_schemas.json"
SCHEMA_URI = "urn:cds-hooks-api"
PUBLIC_URL = "https://cds.example.org"
SERVICE = "/cds-services/triggermap-patient-view"
TODAY = date(2026, 1, 20)
PATIENT_ID = "p-123"


@pytest.fixture(scope="session")
def check_schema() -> Callable[[Any, str], None]:
    """`check_schema(instance, "CdsResponse")` raises when the instance breaks the schema."""
    document = json.loads(SCHEMAS.read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resource(SCHEMA_URI, Resource(document, DRAFT7))

    def check(instance: Any, name: str) -> None:
        schema = {"$ref": f"{SCHEMA_URI}#/components/schemas/{name}"}
        Draft7Validator(schema, registry=registry).validate(instance)

    return check


def make_client(kb: KnowledgeBase, **settings: Any) -> TestClient:
    merged = {"public_url": PUBLIC_URL, **settings}
    return TestClient(create_app(CdsSettings(**merged), kb, today=lambda: TODAY))


@pytest.fixture
def client(kb: KnowledgeBase) -> TestClient:
    return make_client(kb)


def vignette_case(vignettes: list[dict[str, Any]], vignette_id: str) -> dict[str, Any]:
    return next(v["case"] for v in vignettes if v["id"] == vignette_id)


def chart_for(case_data: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """The prefetch an EHR would send for a patient who answered the intake as in `case_data`
    (and rated the pain in it the same day)."""
    case = parse_case(case_data, kb)
    subject = {"reference": f"Patient/{PATIENT_ID}"}
    authored = datetime(2026, 1, 15, 9, 30, tzinfo=UTC).isoformat()
    response = build_response(case, kb, response_id="qr-1", subject=subject, authored=authored)
    ratings = []
    if case.pain.intensity is not None:
        ratings.append(
            pain_observation(
                kb,
                observation_id="obs-1",
                subject=subject,
                rating=case.pain.intensity,
                effective=authored,
                regions=case.pain.regions,
                side=case.side,
            )
        )
    return {
        "patient": build_patient(PATIENT_ID, sex=case.sex),
        "painRatings": searchset(ratings),
        "conditions": searchset([]),
        "intake": searchset([response]),
    }


def searchset(resources: list[dict[str, Any]]) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
    }
    if resources:
        bundle["entry"] = [{"resource": r} for r in resources]
    return bundle


def hook_request(prefetch: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": str(uuid.uuid4()),
        "context": {"userId": "Practitioner/dr-1", "patientId": PATIENT_ID},
        **fields,
    }
    if prefetch is not None:
        request["prefetch"] = prefetch
    return request


class FhirServer:
    """A FHIR server of canned answers by resource type: `answers["Patient"]` -> (status, JSON
    body); anything else is a 404 OperationOutcome."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, Any]] = {}
        self.seen: list[tuple[str, str | None]] = []  # (path, Authorization header)
        self.url = ""


@pytest.fixture
def fhir_server() -> Iterator[FhirServer]:
    state = FhirServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append((self.path, self.headers.get("Authorization")))
            kind = self.path.partition("/fhir/")[2].split("?")[0].split("/")[0]
            missing = (404, {"resourceType": "OperationOutcome"})
            status, body = state.answers.get(kind, missing)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/fhir"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
