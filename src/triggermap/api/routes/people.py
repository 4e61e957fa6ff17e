"""People: add (a label of their own), list, show, erase; and a person's saved assessments and
plans, made and stored in one request."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.api.body import body_text, json_object, only_fields, text_field
from triggermap.api.deps import AppDep, Bearer, ContextDep, answer_once, as_response, json_reply
from triggermap.api.docs import answers, body, write
from triggermap.api.schemas import PERSON_REF, ref
from triggermap.errors import InputError, show_value
from triggermap.render.json_values import plain
from triggermap.services.application import Application
from triggermap.services.replies import Reply

router = APIRouter(tags=["people"])
API_PREFIX = "/api/v1"
PERSON_FIELDS = ("label", "birth_year", "sex")


@router.get(
    "/people",
    summary="Everyone recorded, oldest first",
    responses=answers(200, "The people.", {"type": "array", "items": ref("Person")}),
)
def list_people(app: AppDep) -> Response:
    from triggermap.services.people import list_people

    return _json(plain(list_people(app)))


@router.post(
    "/people",
    summary="Add a person",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write(body(ref("NewPerson"))),
    responses=answers(201, "The person added.", ref("Person")),
)
async def add_person(request: Request, context: ContextDep) -> Response:
    from triggermap.services.people import add_person

    data = await json_object(request, context.max_body_bytes)
    only_fields(data, PERSON_FIELDS)
    label = text_field(data, "label", required=True)
    birth_year = data.get("birth_year")
    if birth_year is not None and (isinstance(birth_year, bool) or not isinstance(birth_year, int)):
        raise InputError(f"birth_year: expected a year, got {show_value(birth_year)}")
    sex = text_field(data, "sex")

    def answer(app: Application) -> Reply:
        person = add_person(app, label=str(label), birth_year=birth_year, sex=sex)
        return json_reply(plain(person), status=201)

    response = await answer_once(request, context, answer)
    if response.status_code == 201:
        import json

        person_id = json.loads(bytes(response.body))["id"]
        response.headers["Location"] = f"{API_PREFIX}/people/{quote(person_id)}"
    return response


@router.get(
    "/people/{person}",
    summary="One person, how many records of each kind, the latest of each",
    openapi_extra={"parameters": [PERSON_REF]},
    responses=answers(200, "The person.", ref("PersonSummary")),
)
def show_person(person: str, app: AppDep) -> Response:
    from triggermap.services.people import show_person

    return _json(show_person(app, person=person).to_json())


@router.delete(
    "/people/{person}",
    summary="Erase a person and everything recorded about them",
    status_code=200,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF]}),
    responses=answers(200, "Who was erased.", ref("Person")),
)
async def delete_person(person: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.people import delete_person

    def answer(app: Application) -> Reply:
        return json_reply(plain(delete_person(app, person=person)))

    return await answer_once(request, context, answer)


@router.post(
    "/people/{person}/assessments",
    summary="Assess cases and save them for the person",
    description="Like `triggermap assess --save --person`: every case is stored with its "
    "assessment in one transaction; the answer says which red flags their records held that "
    "these cases cleared or left open, and their triage as the records now stand.",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write(
        {
            "parameters": [PERSON_REF],
            **body({"oneOf": [ref("Case"), {"type": "array", "items": ref("Case")}]}),
        }
    ),
    responses=answers(201, "What was saved.", ref("SavedAssessments")),
)
async def save_assessments(person: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.assess import assess_and_save, assess_cases, read_cases

    text = await body_text(request, context.max_body_bytes)

    def answer(app: Application) -> Reply:
        cases, _ = read_cases(text, app.kb)
        results = list(assess_cases(app, cases=cases))
        saved = assess_and_save(app, person=person, cases=cases, results=results)
        data: dict[str, Any] = {
            "person": plain(saved.person),
            "ids": list(saved.ids),
            "cleared": list(saved.cleared),
            "still_open": list(saved.still_open),
            "triage": None if saved.triage is None else saved.triage.to_json(),
            "assessments": [r.to_json() for r in results],
        }
        return json_reply(data, status=201)

    return await answer_once(request, context, answer)


@router.post(
    "/people/{person}/plans",
    summary="Make and save the person's next care plan",
    description="Like `triggermap plan --person --save`: from the case sent, or with an empty "
    "body from their latest saved case; never below the triage of their records.",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF], **body(ref("Case"), required=False)}),
    responses=answers(201, "The plan saved, with its version.", ref("SavedPlan")),
)
async def save_plan(person: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.plan import plan_for_person, read_one_case, save_plan

    text = await body_text(request, context.max_body_bytes)

    def answer(app: Application) -> Reply:
        case = read_one_case(app, text=text) if text.strip() else None
        result = plan_for_person(app, person=person, case=case)
        saved = save_plan(app, person=person, plan=result.plan)
        data = {
            "id": saved.id,
            "version": saved.version,
            "created_at": saved.created_at.isoformat(),
            "raised_by": None if result.raised_by is None else str(result.raised_by),
            "plan": result.plan.to_json(),
        }
        return json_reply(data, status=201)

    return await answer_once(request, context, answer)


def _json(data: Any) -> Response:
    return as_response(json_reply(data))
