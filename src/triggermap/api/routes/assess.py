"""`POST /assess` and `POST /plan`: a case in, its assessment or its care plan out; nothing is
stored. The assessment is the exact JSON `triggermap assess --format json` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from triggermap.api.body import body_text, checked_day
from triggermap.api.deps import AppDep, ContextDep
from triggermap.api.docs import answers, body
from triggermap.api.schemas import ref
from triggermap.services.application import Application

if TYPE_CHECKING:
    from triggermap.reasoning.assessment import Assessment

router = APIRouter(tags=["assess"])
PLAN_DAY = Annotated[
    str | None,
    Query(
        description="The plan's day, YYYY-MM-DD, not after today (default: today).",
        json_schema_extra={"format": "date"},
    ),
]
ONE_OR_MANY = {"oneOf": [ref("Case"), {"type": "array", "items": ref("Case"), "maxItems": 500}]}
ASSESSMENTS = {
    "oneOf": [ref("Assessment"), {"type": "array", "items": ref("Assessment")}],
}


@router.post(
    "/assess",
    summary="Assess one case, or a list of cases",
    description="Red-flag triage first, then the trigger-point muscles, the differential with "
    "likelihood ratios, imaging advice and the next tests. A list gives a list, in order. The "
    "answer is exactly what `triggermap assess --format json` prints. Decision support, not a "
    "diagnosis.",
    openapi_extra=body(ONE_OR_MANY),
    responses=answers(200, "The assessment (a list for a list).", ASSESSMENTS),
)
async def assess(request: Request, app: AppDep, context: ContextDep) -> Response:
    from triggermap.services.assess import assess_cases, read_cases

    cases, is_list = read_cases(await body_text(request, context.max_body_bytes), app.kb)
    results = list(assess_cases(app, cases=cases))
    return Response(assessments_json(results, is_list), media_type="application/json")


def assessments_json(results: list[Assessment], is_list: bool) -> bytes:
    """The CLI's `assess --format json` output, byte for byte: the one JSON writer
    (`json_output`, orjson: a 50 kB assessment in about 20 µs where the standard library's
    indenting encoder took 1.7 ms, most of what a request cost)."""
    from triggermap.json_output import json_bytes, json_list_bytes

    if is_list:  # written as the CLI writes a batch
        return b"".join(json_list_bytes(r.to_json() for r in results))
    return json_bytes(results[0].to_json())


@router.post(
    "/plan",
    summary="A care plan for one case",
    description="The dosed, safe care plan for the case on `date` (default: today): what "
    "`triggermap plan --format json` prints. Nothing is stored; to keep a plan for a person "
    "use `POST /people/{person}/plans`.",
    openapi_extra=body(ref("Case")),
    responses=answers(200, "The care plan.", ref("Plan")),
)
async def plan(
    request: Request, app: AppDep, context: ContextDep, date: PLAN_DAY = None
) -> Response:
    text = await body_text(request, context.max_body_bytes)
    return Response(plan_json(app, text, date), media_type="application/json")


def plan_json(app: Application, text: str, day: str | None) -> bytes:
    from triggermap.render.plan_document import render_plan_document
    from triggermap.services.plan import plan_for_case, read_one_case

    checked = checked_day(day, "date", app.today())
    result = plan_for_case(app, case=read_one_case(app, text=text), today=checked)
    return render_plan_document(result.handout, "json").encode()
