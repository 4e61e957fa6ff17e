"""FHIR R4 read endpoints (outside `/api/v1`: FHIR's own REST shapes), behind the same access
token as the rest of the app:

    GET /fhir/metadata                    the CapabilityStatement: what this server offers
    GET /fhir/Patient/{id}/$everything    a person's whole record as a searchset Bundle
    GET /fhir/Questionnaire/intake        the intake Questionnaire (what an intake answers)
    GET /fhir/CodeSystem/body-region      the body-map regions and their SNOMED CT codes

Answers are `application/fhir+json`; an error is an OperationOutcome naming the field, and so
is any other address under /fhir (404) or any method but GET (405): a FHIR client never gets
the web app's HTML page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.api.deps import ApiContext
from triggermap.errors import InputError, NotFoundError, TriggermapError
from triggermap.services.application import Application

FHIR_JSON = "application/fhir+json"
ISSUE_CODES = {
    404: "not-found",
    405: "not-supported",
    422: "invalid",
    500: "exception",
    503: "transient",
}


def build_fhir_router(application: Application) -> APIRouter:
    router = APIRouter(prefix="/fhir", include_in_schema=False)
    context = ApiContext(application, token="", max_body_bytes=0)  # opens (creates) the database

    def everything(patient_id: str) -> Response:
        from triggermap.fhir.transfer import export_bundle

        return _answer(lambda: export_bundle(context.opened(), person=patient_id, kind="searchset"))

    def questionnaire() -> Response:
        from triggermap.fhir.transfer import intake_questionnaire

        return _answer(lambda: intake_questionnaire(application))

    def body_regions() -> Response:
        from triggermap.fhir.transfer import body_region_system

        return _answer(lambda: body_region_system(application))

    def metadata() -> Response:
        from triggermap.fhir.capability import capability_statement

        return _answer(lambda: capability_statement(application.kb))

    def elsewhere(request: Request) -> Response:
        if request.method != "GET":
            line = f"method: {request.method} is not allowed; this FHIR server only reads (GET)"
            return _json(operation_outcome(405, line), 405, headers={"Allow": "GET"})
        line = f"address: no such FHIR address {request.url.path[:80]!r} (see /fhir/metadata)"
        return _json(operation_outcome(404, line), 404)

    router.add_api_route("/metadata", metadata, methods=["GET"])
    router.add_api_route("/Patient/{patient_id}/$everything", everything, methods=["GET"])
    router.add_api_route("/Questionnaire/intake", questionnaire, methods=["GET"])
    router.add_api_route("/CodeSystem/body-region", body_regions, methods=["GET"])
    every_method = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    router.add_api_route("/{rest:path}", elsewhere, methods=every_method)
    return router


def _answer(make: Callable[[], dict[str, Any]]) -> Response:
    try:
        resource = make()
    except TriggermapError as exc:
        status = 503
        if isinstance(exc, NotFoundError | InputError):
            status = 404 if isinstance(exc, NotFoundError) else 422
        return _json(operation_outcome(status, str(exc)), status)
    return _json(resource, 200)


def operation_outcome(status: int, line: str) -> dict[str, Any]:
    code = ISSUE_CODES.get(status, "processing")
    issue = {"severity": "error", "code": code, "diagnostics": line}
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def _json(resource: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(resource, ensure_ascii=False).encode()
    return Response(body, status_code=status, media_type=FHIR_JSON, headers=headers)
