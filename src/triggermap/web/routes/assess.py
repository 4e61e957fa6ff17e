"""Results: from the intake's answers, or from a case posted as JSON; and saving a case to a
person's records.

Nothing is saved until the person asks: the results page carries the case as a hidden field,
and the plan, PDF and save routes read it back through the same strict parser as any case from
outside (`services.plan.read_one_case`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.services.assess import assess_and_save, assess_cases
from triggermap.services.plan import read_one_case
from triggermap.strict_json import decode_text
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep, LayoutDep
from triggermap.web.intake_form import read_intake, required_through
from triggermap.web.record_forms import checked, people_or_none
from triggermap.web.results import results_context
from triggermap.web.routes.forms_in import form_items, one_field
from triggermap.web.routes.intake import first_failed, render_emergency, render_step
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.services.application import Application

router = APIRouter()


@router.post("/results", dependencies=[Csrf])
async def results_from_intake(
    request: Request, layout: LayoutDep, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    items = await form_items(request)
    person = dict(items).get("person", "")
    posted = read_intake(items, layout, required=required_through(layout, "about"))
    if posted.intake.stopped:
        return render_emergency(request, app, posted, csrf, person=person)
    if posted.errors:
        failed = first_failed(posted, layout)
        return render_step(request, layout, csrf, failed, posted, 422, person=person)
    case = posted.intake.case()
    context = results_context(case, next(assess_cases(app, cases=[case])), app.kb)
    return render(request, "pages/results.html", {**context, "csrf": csrf, "person": person})


@router.post("/assess", dependencies=[Csrf])
async def assess_json(request: Request, app: ApplicationDep, csrf: CsrfTokenDep) -> Response:
    """A case as JSON (spec/CASES.md) in, the results page out; 422 and the line if bad."""
    case = read_one_case(app, text=decode_text(await request.body(), "input"))
    context = results_context(case, next(assess_cases(app, cases=[case])), app.kb)
    return render(request, "pages/results.html", {**context, "csrf": csrf, "person": ""})


@router.post("/save", dependencies=[Csrf])
async def save_case(request: Request, app: ApplicationDep, csrf: CsrfTokenDep) -> Response:
    """Save the posted case with its assessment to a person's records; without a person, the
    page to choose one (or to add one by a new label)."""
    from triggermap.services.people import add_person

    fields = dict(await form_items(request))
    case_text = one_field(fields, "case", "start again from the results page")
    case = read_one_case(app, text=case_text)
    person, label = fields.get("person", ""), fields.get("label", "").strip()
    if not person and not label:
        return _choose(request, app, case_text, csrf, {})
    if person and label:
        both = {"label": "label: give a new label or choose a person, not both"}
        return _choose(request, app, case_text, csrf, both, label=label, status=422)
    if label:  # new records first: a refused label comes back on the page, with the case
        added, errors = checked(lambda: add_person(app, label=label), frozenset({"label"}))
        if added is None:
            return _choose(request, app, case_text, csrf, errors, label=label, status=422)
    ref = person or label
    saved = assess_and_save(
        app, person=ref, cases=[case], results=list(assess_cases(app, cases=[case]))
    )
    done: dict[str, Any] = {"title": f"Saved to {saved.person.label}'s records", "saved": saved}
    return render(request, "pages/saved.html", {**done, "csrf": csrf})


def _choose(
    request: Request,
    app: Application,
    case_text: str,
    csrf: str,
    errors: dict[str, str],
    *,
    label: str = "",
    status: int = 200,
) -> Response:
    """The page to choose whose records (or a new label), carrying the case along."""
    context: dict[str, Any] = {"title": "Save to whose records?", "case_json": case_text}
    context |= {"people": people_or_none(app), "csrf": csrf, "errors": errors, "label": label}
    return render(request, "pages/save_choose.html", context, status=status)
