"""The clinician's examination form: the person's answers and the examination on one page
(palpation per muscle, each special test with its how-to, range of motion in degrees, a
neurological screen), with the differential, the muscles and the next-best test beside it.

    GET  /exam[?person=LABEL]   the form, with the results of what it holds
    POST /exam/live             (htmx, on every change) the results panel only
    POST /exam                  (without JavaScript) 303 to GET /exam/{id}: the form again
                                with its results, kept as a draft in memory (`web.drafts`)
    POST /exam/save             save the case with its assessment to a person's records, 303
                                to GET /saved/{id}
    POST /exam/plan             303 to the patient's care plan (GET /plan/{id});
                                POST /exam/handout.pdf prints it

The questions are the intake's with `exam=True` (`services.intake`), the same as
`triggermap assess --interactive --exam`.
"""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.services.assess import assess_and_save, assess_cases
from triggermap.services.plan import plan_for_case, read_one_case
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep, DraftsDep, LayoutDep
from triggermap.web.drafts import Draft, see_other
from triggermap.web.intake_form import (
    CONTROL_FIELDS,
    IntakeLayout,
    PostedIntake,
    palpation_field,
    read_intake,
    required_through,
    unanswered_together,
)
from triggermap.web.record_forms import people_or_none
from triggermap.web.results import case_json, results_context
from triggermap.web.routes.forms_in import form_items
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.reasoning.case import Case
    from triggermap.services.application import Application

router = APIRouter()
SECTIONS = (
    ("warning_signs", "Warning signs"),
    ("pain", "The pain"),
    ("about_you", "The person"),
    ("symptoms", "Other symptoms"),
    ("history", "History"),
    ("preferences", "For the care plan"),
)


@router.get("/exam")
async def exam_page(
    request: Request, layout: LayoutDep, app: ApplicationDep, csrf: CsrfTokenDep, person: str = ""
) -> Response:
    posted = read_intake([], layout, exam=True)
    return _page(request, app, layout, posted, csrf, person=person)


@router.post("/exam", dependencies=[Csrf])
async def exam_again(
    request: Request, layout: LayoutDep, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """Without JavaScript: 303 to the form with its results (`GET /exam/{id}`, the form kept as
    a draft in memory); a form with a mistake comes back with its errors (422)."""
    items = await form_items(request)
    posted = read_intake(items, layout, exam=True)
    person = dict(items).get("person", "")
    if posted.errors:
        return _page(request, app, layout, posted, csrf, person=person, status=422)
    kept = tuple((n, v) for n, v in items if n not in CONTROL_FIELDS)
    return see_other(f"/exam/{drafts.put(Draft('exam', items=kept, person=person))}")


@router.get("/exam/{key}")
async def exam_of_draft(
    request: Request,
    key: str,
    layout: LayoutDep,
    app: ApplicationDep,
    drafts: DraftsDep,
    csrf: CsrfTokenDep,
) -> Response:
    draft = drafts.get(key, "exam")
    if draft is None:
        return see_other("/exam")
    posted = read_intake(draft.items, layout, exam=True)
    return _page(request, app, layout, posted, csrf, person=draft.person)


@router.post("/exam/live", dependencies=[Csrf])
async def exam_live(
    request: Request, layout: LayoutDep, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    """The results panel for the form as it stands: a field in error is left out of it, and
    the panel names it with the line a save would give (app.js puts each beside its field)."""
    posted = read_intake(await form_items(request), layout, exam=True)
    context = _results(app, posted) | {"csrf": csrf, "errors": posted.errors, "live": True}
    context["labels"] = _labels(app, layout)
    return render(request, "pages/exam.html", context, block="results_panel")


@router.post("/exam/save", dependencies=[Csrf])
async def exam_save(
    request: Request, layout: LayoutDep, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """Save once: the form carries a one-time id, and the same form posted again (a double
    click, Back and Save again) answers with the first save's page, nothing saved twice."""
    items = await form_items(request)
    once = _form_id(items)
    first = drafts.done_before(f"exam:{once}")
    if first is not None:
        return see_other(first)
    posted, person = _complete(items, layout)
    if not person:
        posted.errors.setdefault("person", "person: choose whose records to save this to")
    if posted.errors:
        return _page(request, app, layout, posted, csrf, person=person, status=422, once=once)
    case = exam_case(app, posted)
    saved = assess_and_save(
        app, person=person, cases=[case], results=list(assess_cases(app, cases=[case]))
    )
    address = f"/saved/{drafts.put(Draft('saved', saved=saved))}"
    drafts.mark_done(f"exam:{once}", address)
    return see_other(address)


@router.post("/exam/plan", dependencies=[Csrf])
async def exam_plan(
    request: Request, layout: LayoutDep, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    items = await form_items(request)
    posted, person = _complete(items, layout)
    if posted.errors:
        return _page(
            request, app, layout, posted, csrf, person=person, status=422, once=_form_id(items)
        )
    return see_other(f"/plan/{drafts.put(Draft('case', case=exam_case(app, posted)))}")


@router.post("/exam/handout.pdf", dependencies=[Csrf])
async def exam_handout(
    request: Request, layout: LayoutDep, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    from triggermap.render.plan_pdf import render_plan_pdf

    items = await form_items(request)
    posted, person = _complete(items, layout)
    if posted.errors:
        return _page(
            request, app, layout, posted, csrf, person=person, status=422, once=_form_id(items)
        )
    result = plan_for_case(app, case=exam_case(app, posted))
    return Response(
        render_plan_pdf(result.handout),
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="triggermap-handout.pdf"'},
    )


def _form_id(items: list[tuple[str, str]]) -> str:
    """The form's one-time id as posted (a new one when a script posts without it)."""
    return dict(items).get("form_id", "")[:64] or secrets.token_urlsafe(16)


def _complete(items: list[tuple[str, str]], layout: IntakeLayout) -> tuple[PostedIntake, str]:
    """The posted exam, checked as complete enough to save or hand over (every warning sign
    and where it hurts, as the person's own intake asks before its results), and the person
    chosen; a refused form is shown again with all it holds, nothing lost."""
    person = dict(items).get("person", "").strip()
    return read_intake(items, layout, required=required_through(layout, "where"), exam=True), person


def _palpation_labels(app: Application) -> dict[str, str]:
    """{field: its words} of each palpation finding (`Piriformis: taut band`)."""
    kb = app.kb
    return {
        palpation_field(m.id, f): f"{m.name}: {f.replace('_', ' ')}"
        for m in kb.muscles.values()
        for f in kb.exam.palpation_findings
    }


def _labels(app: Application, layout: IntakeLayout) -> dict[str, str]:
    """{field: its words on the page} (an error names the field in these words)."""
    from triggermap.web.words import question_words

    questions = {q.id: question_words(q) for q in layout.exam_questions}
    return questions | _palpation_labels(app) | {"person": "Whose records"}


def exam_case(app: Application, posted: PostedIntake) -> Case:
    """The case the form makes, with the palpation stated finding by finding: a finding left
    blank stays unknown (not examined), never absent. Read back by the strict case parser."""
    case = posted.intake.case()
    if not posted.palpation:
        return case
    data = case.to_json()
    palpation = data.setdefault("exam", {}).setdefault("palpation", {})
    for muscle, findings in posted.palpation.items():
        palpation[muscle] = {**palpation.get(muscle, {}), **findings}
    return read_one_case(app, text=json.dumps(data))


def _results(app: Application, posted: PostedIntake) -> dict[str, Any]:
    case = exam_case(app, posted)
    context = results_context(case, next(assess_cases(app, cases=[case])), app.kb)
    return context | {"case_json": case_json(case)}


def _page(
    request: Request,
    app: Application,
    layout: IntakeLayout,
    posted: PostedIntake,
    csrf: str,
    *,
    person: str = "",
    status: int = 200,
    once: str = "",
) -> Response:
    questions = layout.exam_questions
    context = _results(app, posted) | {
        "title": "Clinical examination",
        "posted": posted,
        "errors": posted.errors,
        "labels": _labels(app, layout),
        "live": False,
        "sections": [
            (title, [q for q in questions if q.section == key]) for key, title in SECTIONS
        ],
        "exam": [q for q in questions if q.section == "exam"],
        # every unanswered warning sign as one line of the summary, as the intake says it
        "together": unanswered_together(layout.on_page("warning"), posted.errors),
        "people": people_or_none(app),
        "person": person,
        "csrf": csrf,
        "form_id": once or secrets.token_urlsafe(16),
    }
    return render(request, "pages/exam.html", context, status=status)
