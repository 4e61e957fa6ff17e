"""A person's progress, and their whole record out and in: export (JSON, or FHIR R4) and
import (either)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from triggermap.api.body import body_text, checked_day
from triggermap.api.deps import AppDep, Bearer, ContextDep, answer_once, as_response, json_reply
from triggermap.api.docs import answers, write
from triggermap.api.schemas import PERSON_REF, ref
from triggermap.render.json_values import plain
from triggermap.services.application import Application
from triggermap.services.replies import Reply

router = APIRouter(tags=["records"])
AS_OF = Annotated[
    str | None,
    Query(description="A day, YYYY-MM-DD (default: today).", json_schema_extra={"format": "date"}),
]
FHIR_JSON = "application/fhir+json"


@router.get(
    "/people/{person}/progress",
    summary="The person's progress, their triage first",
    description="What `triggermap progress --json` prints: the triage from their records, "
    "then change from baseline, trend, PEG, adherence, escalation. `as_of` looks back: what "
    "was recorded after that day is left out.",
    openapi_extra={"parameters": [PERSON_REF]},
    responses=answers(200, "The progress report.", ref("Progress")),
)
def progress(person: str, app: AppDep, as_of: AS_OF = None) -> Response:
    from triggermap.services.progress import progress_report

    day = checked_day(as_of, "as_of", app.today())
    view = progress_report(app, person=person, as_of=day)
    return as_response(json_reply(view.to_json()))


@router.get(
    "/people/{person}/export",
    summary="Everything recorded about the person",
    description="`format=json` (default): the document `triggermap export` writes, exactly, "
    "which import reads back. `format=fhir`: a FHIR R4 Bundle (collection) of the Patient, "
    "each intake, each diary entry and PEG score, the leading Conditions and the care plan.",
    openapi_extra={"parameters": [PERSON_REF]},
    responses={
        **answers(200, "The person's record.", ref("PersonDocument")),
        200: {
            "description": "The person's record (JSON), or a FHIR Bundle (format=fhir).",
            "content": {
                "application/json": {"schema": ref("PersonDocument")},
                FHIR_JSON: {"schema": ref("Bundle")},
            },
        },
    },
)
def export(person: str, app: AppDep, format: Literal["json", "fhir"] = "json") -> Response:
    if format == "fhir":
        from triggermap.fhir.transfer import export_bundle

        bundle = export_bundle(app, person=person)
        return Response(json.dumps(bundle, ensure_ascii=False).encode(), media_type=FHIR_JSON)
    from triggermap.services.transfer import export_person

    return Response(export_person(app, person=person).encode(), media_type="application/json")


@router.post(
    "/import",
    summary="Import a person: a document from export (JSON), or a FHIR Bundle of one patient",
    description="All or nothing: the whole document is checked before anything is stored. "
    "From a FHIR Bundle every diary entry and PEG score is kept with its id, each intake is "
    "assessed again with this knowledge base, and what was derived (conditions, the plan) is "
    "left to be made again.",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write(
        {
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"oneOf": [ref("PersonDocument"), ref("Bundle")]}
                    },
                    FHIR_JSON: {"schema": ref("Bundle")},
                },
            }
        }
    ),
    responses=answers(201, "The person imported.", ref("Person")),
)
async def import_records(request: Request, context: ContextDep) -> Response:
    from triggermap.fhir.transfer import import_records

    text = await body_text(request, context.max_body_bytes)

    def answer(app: Application) -> Reply:
        return json_reply(plain(import_records(app, text=text)), status=201)

    return await answer_once(request, context, answer)
