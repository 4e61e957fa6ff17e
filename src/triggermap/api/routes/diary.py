"""A person's pain diary and PEG scores: add, list, change, delete. An entry with a red-flag
symptom triages the person's records at once; the answer carries that triage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.api.body import (
    checked_day,
    flag_field,
    ids_field,
    json_object,
    only_fields,
    text_field,
    whole_field,
)
from triggermap.api.deps import AppDep, Bearer, ContextDep, answer_once, as_response, json_reply
from triggermap.api.docs import answers, body, write
from triggermap.api.schemas import PERSON_REF, ref
from triggermap.render.json_values import plain
from triggermap.services.application import Application
from triggermap.services.replies import Reply

router = APIRouter(tags=["diary"])
DIARY_FIELDS = ("pain", "day", "regions", "symptoms", "note", "self_care")
PEG_FIELDS = ("pain", "enjoyment", "activity", "day")
ENTRY_REF = {
    "name": "entry_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "minLength": 1, "maxLength": 64},
}
SCORE_REF = {**ENTRY_REF, "name": "score_id"}


def diary_fields(data: dict[str, Any], *, new: bool) -> dict[str, Any]:
    """The diary fields of a body, checked by type (the use case checks the values)."""
    only_fields(data, DIARY_FIELDS)
    return {
        "pain": whole_field(data, "pain", required=new),
        "day": text_field(data, "day"),
        "regions": ids_field(data, "regions"),
        "symptoms": ids_field(data, "symptoms"),
        # on a change, a null note (as JSON merge patch means it) clears it, as "" does
        "note": ""
        if not new and "note" in data and data["note"] is None
        else text_field(data, "note"),
        "self_care": flag_field(data, "self_care"),
    }


def saved_entry_json(saved: Any) -> dict[str, Any]:
    return {
        "entry": plain(saved.entry),
        "triage": None if saved.triage is None else saved.triage.to_json(),
    }


@router.get(
    "/people/{person}/diary",
    summary="The person's diary, oldest first",
    openapi_extra={"parameters": [PERSON_REF]},
    responses=answers(200, "The entries.", {"type": "array", "items": ref("DiaryEntry")}),
)
def list_diary(person: str, app: AppDep) -> Response:
    from triggermap.services.diary import list_diary

    return as_response(json_reply(plain(list_diary(app, person=person))))


@router.post(
    "/people/{person}/diary",
    summary="Add a diary entry",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF], **body(ref("NewDiaryEntry"))}),
    responses=answers(201, "The entry, and the triage a red flag set off.", ref("SavedEntry")),
)
async def add_entry(person: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.diary import add_diary_entry

    fields = diary_fields(await json_object(request, context.max_body_bytes), new=True)

    def answer(app: Application) -> Reply:
        saved = add_diary_entry(
            app,
            person=person,
            pain=fields["pain"],
            regions=fields["regions"] or (),
            symptoms=fields["symptoms"] or (),
            note=fields["note"],
            day=checked_day(fields["day"], "day", app.today()),
            self_care=bool(fields["self_care"]),
        )
        return json_reply(saved_entry_json(saved), status=201)

    return await answer_once(request, context, answer)


@router.patch(
    "/people/{person}/diary/{entry_id}",
    summary="Change a diary entry: only the fields sent",
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF, ENTRY_REF], **body(ref("DiaryChange"))}),
    responses=answers(200, "The entry as it now is.", ref("SavedEntry")),
)
async def edit_entry(person: str, entry_id: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.diary import edit_diary_entry

    fields = diary_fields(await json_object(request, context.max_body_bytes), new=False)

    def answer(app: Application) -> Reply:
        day = checked_day(fields["day"], "day", app.today())
        saved = edit_diary_entry(app, entry_id=entry_id, person=person, **{**fields, "day": day})
        return json_reply(saved_entry_json(saved))

    return await answer_once(request, context, answer)


@router.delete(
    "/people/{person}/diary/{entry_id}",
    summary="Delete a diary entry",
    status_code=204,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF, ENTRY_REF]}),
    responses=answers(204, "Deleted.", None),
)
async def delete_entry(
    person: str, entry_id: str, request: Request, context: ContextDep
) -> Response:
    from triggermap.services.diary import delete_diary_entry

    def answer(app: Application) -> Reply:
        delete_diary_entry(app, entry_id=entry_id, person=person)
        return Reply(204, "application/json", b"")

    return await answer_once(request, context, answer)


# ---------------------------------------------------------------- PEG


def peg_json(score: Any) -> dict[str, Any]:
    return {**plain(score), "score": score.score}


def peg_fields(data: dict[str, Any], *, new: bool) -> dict[str, Any]:
    only_fields(data, PEG_FIELDS)
    values: dict[str, Any] = {n: whole_field(data, n, required=new) for n in PEG_FIELDS[:3]}
    return {**values, "day": text_field(data, "day")}


@router.get(
    "/people/{person}/peg",
    summary="The person's PEG scores, oldest first",
    openapi_extra={"parameters": [PERSON_REF]},
    responses=answers(200, "The scores.", {"type": "array", "items": ref("Peg")}),
)
def list_peg(person: str, app: AppDep) -> Response:
    from triggermap.services.diary import list_peg

    return as_response(json_reply([peg_json(s) for s in list_peg(app, person=person)]))


@router.post(
    "/people/{person}/peg",
    summary="Record a PEG score (pain, enjoyment, activity; the score is their mean)",
    status_code=201,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF], **body(ref("NewPeg"))}),
    responses=answers(201, "The score saved.", ref("Peg")),
)
async def add_peg(person: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.diary import add_peg

    fields = peg_fields(await json_object(request, context.max_body_bytes), new=True)

    def answer(app: Application) -> Reply:
        day = checked_day(fields["day"], "day", app.today())
        score = add_peg(app, person=person, **{**fields, "day": day})
        return json_reply(peg_json(score), status=201)

    return await answer_once(request, context, answer)


@router.patch(
    "/people/{person}/peg/{score_id}",
    summary="Change a PEG score: only the items sent",
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF, SCORE_REF], **body(ref("PegChange"))}),
    responses=answers(200, "The score as it now is.", ref("Peg")),
)
async def edit_peg(person: str, score_id: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.diary import edit_peg

    fields = peg_fields(await json_object(request, context.max_body_bytes), new=False)

    def answer(app: Application) -> Reply:
        day = checked_day(fields["day"], "day", app.today())
        score = edit_peg(app, score_id=score_id, person=person, **{**fields, "day": day})
        return json_reply(peg_json(score))

    return await answer_once(request, context, answer)


@router.delete(
    "/people/{person}/peg/{score_id}",
    summary="Delete a PEG score",
    status_code=204,
    dependencies=[Bearer],
    openapi_extra=write({"parameters": [PERSON_REF, SCORE_REF]}),
    responses=answers(204, "Deleted.", None),
)
async def delete_peg(person: str, score_id: str, request: Request, context: ContextDep) -> Response:
    from triggermap.services.diary import delete_peg

    def answer(app: Application) -> Reply:
        delete_peg(app, score_id=score_id, person=person)
        return Reply(204, "application/json", b"")

    return await answer_once(request, context, answer)
