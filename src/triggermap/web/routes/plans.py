"""Care plans and the guided session: for a case (posted as JSON by the results page), or for a
person (their latest saved case, never below the triage of their records).

    POST /plan, /session                       a posted case: 303 to GET /plan/{id},
                                               /session/{id} (the case kept as a draft in
                                               memory, `web.drafts`); nothing saved
    POST /plan.pdf                             the PDF of a posted case (a download)
    GET  /people/{person}/plan, /plan.pdf      the person's plan, with a note when their
                                               records raised its triage
    POST /people/{person}/plans                keep the plan in their records (next version)
    GET  /people/{person}/session              today's exercises for the person
    POST /sessions                             record a session that was done, for the person
                                               the form names (chosen at its end, or given)

A session page's address carries a one-time form id (`?form=ID`; the page without one answers
303 to itself with a new one), which its form posts: the same form recorded again (Back, which
gets the page again at that address, then "Keep a record") answers with the first record's
page, nothing recorded twice.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from triggermap.errors import InputError
from triggermap.services.plan import plan_for_case, plan_for_person, read_one_case, save_plan
from triggermap.services.session import routine_of, save_session
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep, DraftsDep
from triggermap.web.drafts import GONE, Draft, see_other
from triggermap.web.record_forms import (
    SESSION_FIELDS,
    FormValues,
    checked,
    people_or_none,
    read_form,
)
from triggermap.web.results import case_json, plan_context, session_context
from triggermap.web.routes.forms_in import form_items, one_field
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.careplan.handout import Handout
    from triggermap.reasoning.case import Case
    from triggermap.services.application import Application
    from triggermap.services.plan import PlanResult

router = APIRouter()
PDF_NAME = 'attachment; filename="triggermap-care-plan.pdf"'
FORM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@router.post("/plan", dependencies=[Csrf])
async def plan_of_case(request: Request, app: ApplicationDep, drafts: DraftsDep) -> Response:
    """303 to the plan of the posted case (`GET /plan/{id}`)."""
    case = await _posted_case(request, app)
    return see_other(f"/plan/{drafts.put(Draft('case', case=case))}")


@router.get("/plan/{key}")
async def plan_page(
    request: Request, key: str, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    found = drafts.case_of(key)
    if found is None:
        return see_other(GONE)
    case, _ = found
    context = plan_context(plan_for_case(app, case=case), app.kb)
    return render(request, "pages/plan.html", {**context, "csrf": csrf})


@router.post("/plan.pdf", dependencies=[Csrf])
async def plan_pdf(request: Request, app: ApplicationDep) -> Response:
    return _pdf(plan_for_case(app, case=await _posted_case(request, app)))


@router.post("/session", dependencies=[Csrf])
async def session_of_case(request: Request, app: ApplicationDep, drafts: DraftsDep) -> Response:
    """303 to today's exercises of the posted case (`GET /session/{id}`, a new form id)."""
    case = await _posted_case(request, app)
    return see_other(f"/session/{drafts.put(Draft('case', case=case))}?form={_new_form_id()}")


@router.get("/session/{key}")
async def session_page(
    request: Request,
    key: str,
    app: ApplicationDep,
    drafts: DraftsDep,
    csrf: CsrfTokenDep,
    form: str = "",
) -> Response:
    """Today's exercises of a case; the session is recorded for a person chosen at the end
    (or not at all)."""
    found = drafts.case_of(key)
    if found is None:
        return see_other(GONE)
    if not _form_id_of(form):
        return see_other(f"/session/{key}?form={_new_form_id()}")
    case, _ = found
    result = plan_for_case(app, case=case)
    context = session_context(result, routine_of(result), app.kb, started_at=app.now())
    context |= {"people": people_or_none(app), "case_json": case_json(result.case), "errors": {}}
    return render(request, "pages/session.html", {**context, "csrf": csrf, "form_id": form})


@router.get("/people/{person}/plan")
async def person_plan(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep, kept: int = 0
) -> Response:
    waiting = _no_results_yet(request, app, person, "Care plan")
    if waiting is not None:
        return waiting
    result = plan_for_person(app, person=person)
    context = plan_context(result, app.kb) | {"kept": kept}
    return render(request, "pages/plan.html", {**context, "csrf": csrf})


@router.get("/people/{person}/plan.pdf")
async def person_plan_pdf(person: str, app: ApplicationDep) -> Response:
    from triggermap.render.charts import with_progress_chart

    result = plan_for_person(app, person=person)
    handout = result.handout
    if result.progress is not None:
        view = result.progress
        handout = with_progress_chart(handout, view.report, view.history, side=view.side)
    return _pdf(result, handout)


@router.post("/people/{person}/plans", dependencies=[Csrf])
async def keep_plan(person: str, app: ApplicationDep) -> Response:
    result = plan_for_person(app, person=person)
    saved = save_plan(app, person=person, plan=result.plan)
    target = f"/people/{result.person.id if result.person else person}/plan?kept={saved.version}"
    return RedirectResponse(target, status_code=303)


@router.get("/people/{person}/session")
async def person_session(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep, form: str = ""
) -> Response:
    waiting = _no_results_yet(request, app, person, "Today's exercises")
    if waiting is not None:
        return waiting
    if not _form_id_of(form):
        return see_other(f"/people/{quote(person, safe='')}/session?form={_new_form_id()}")
    result = plan_for_person(app, person=person)
    context = session_context(result, routine_of(result), app.kb, started_at=app.now())
    context |= {"csrf": csrf, "errors": {}, "form_id": form}
    return render(request, "pages/session.html", context)


@router.post("/sessions", dependencies=[Csrf])
async def record_session(
    request: Request, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """Record the session as done (which exercises, the pain after, a note) for `person`,
    once: the form posted again answers with the first record's page."""
    form = read_form(await form_items(request), SESSION_FIELDS)
    person = form.one("person")
    if not person:
        raise InputError("person: choose whose records to keep this session in")
    once = _form_id_of(form.one("form_id"))
    first = drafts.done_before(f"session:{once}:{person}") if once else None
    if first is not None:
        return see_other(first)
    started = _started_at(app, form.one("started_at"))
    saved, errors = checked(
        lambda: save_session(
            app,
            person=person,
            started_at=started,
            items_done=form.many("items_done"),
            pain_after=_whole(form.optional("pain_after")),
            note=form.optional("note"),
        ),
        SESSION_FIELDS,
    )
    if saved is None:
        errors = {field: line.removeprefix("session.") for field, line in errors.items()}
        return await _session_again(request, app, person, form, errors, csrf)
    address = f"/people/{quote(person, safe='')}?recorded=session"
    if once:
        drafts.mark_done(f"session:{once}:{person}", address)
    return see_other(address)


def _new_form_id() -> str:
    return secrets.token_urlsafe(16)


def _form_id_of(text: str) -> str:
    """A session form's one-time id as given ("" when it is none: too long or not URL-safe)."""
    return text if FORM_ID.fullmatch(text) else ""


async def _session_again(
    request: Request,
    app: Application,
    person: str,
    form: FormValues,
    errors: dict[str, str],
    csrf: str,
) -> Response:
    """The session page again, naming what was wrong, with status 422, and all that was
    entered kept: the exercises ticked, the pain, the note, the time it began."""
    case_text = form.one("case")
    if case_text:
        result = plan_for_case(app, case=read_one_case(app, text=case_text))
    else:
        result = plan_for_person(app, person=person)
    started = _started_at(app, form.one("started_at"))
    context = session_context(result, routine_of(result), app.kb, started_at=started)
    context |= {"errors": errors, "people": people_or_none(app), "case_json": case_text}
    context |= {"kept": form, "form_id": _form_id_of(form.one("form_id")) or _new_form_id()}
    return render(request, "pages/session.html", {**context, "csrf": csrf}, status=422)


def _no_results_yet(request: Request, app: Application, person: str, title: str) -> Response | None:
    """For someone with no saved results yet: a page that says so and where to start (the
    plan comes from their latest results); None when there are results to plan from."""
    from triggermap.services.people import show_person

    summary = show_person(app, person=person)
    if summary.records.get("assessments", 0):
        return None
    context = {"title": title, "person": summary.person}
    return render(request, "pages/no_results.html", context)


def _started_at(app: Application, text: str) -> datetime:
    """When the session began (the page's own time stamp, ISO 8601, not in the future: the
    one rule of `input_checks`); now when the page gave none."""
    from triggermap.input_checks import check_time

    return app.now() if not text else check_time(text, "started_at", app.now())


def _whole(text: str | None) -> int | None:
    """The pain after the session: a whole number from 0 to 10 (`input_checks`' rule)."""
    from triggermap.input_checks import check_whole_in

    return None if text is None else check_whole_in(text, "pain_after", 0, 10)


def _pdf(result: PlanResult, handout: Handout | None = None) -> Response:
    from triggermap.render.plan_pdf import render_plan_pdf

    body = render_plan_pdf(handout or result.handout)
    return Response(body, media_type="application/pdf", headers={"content-disposition": PDF_NAME})


def _case_text(fields: dict[str, str]) -> str:
    return one_field(fields, "case", "start again from the results page")


async def _posted_case(request: Request, app: Application) -> Case:
    fields = dict(await form_items(request))
    return read_one_case(app, text=_case_text(fields))
