"""People and their records: the list (by label), adding one, a person's overview, export and
erase (with confirmation).

    GET  /people                   everyone, and a form to add a person
    POST /people                   add (a label of their own) -> their overview
    GET  /people/{person}          overview: their triage first (when their records call for
                                   one), what is recorded, what to do next
    GET  /people/{person}/export   everything about them as a JSON file (`triggermap import`
                                   reads it back)
    GET  /people/{person}/erase    the confirmation page; POST erases them and all their records

`{person}` is the person's id (any use case also takes their label).
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from triggermap.errors import InputError
from triggermap.services.people import add_person, delete_person, find_person, show_person
from triggermap.services.progress import progress_report
from triggermap.services.transfer import export_person
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep
from triggermap.web.record_forms import (
    ERASE_FIELDS,
    PERSON_FIELDS,
    FormValues,
    checked,
    people_or_none,
    person_keywords,
    read_form,
)
from triggermap.web.routes.forms_in import form_items
from triggermap.web.templating import render

router = APIRouter()
PERSON_LABELS = {"label": "Label", "birth-year": "Year of birth", "sex": "Sex", "form": "Person"}


@router.get("/people")
async def people_page(
    request: Request, app: ApplicationDep, csrf: CsrfTokenDep, erased: str = ""
) -> Response:
    return _people(request, app, csrf, FormValues({}), {}, erased=erased)


@router.post("/people", dependencies=[Csrf])
async def add(request: Request, app: ApplicationDep, csrf: CsrfTokenDep) -> Response:
    form = read_form(await form_items(request), PERSON_FIELDS)
    person, errors = checked(lambda: add_person(app, **person_keywords(form)), PERSON_FIELDS)
    if person is None:
        return _people(request, app, csrf, form, errors, status=422)
    return RedirectResponse(f"/people/{person.id}?added=1", status_code=303)


@router.get("/people/{person}")
async def overview(
    request: Request,
    person: str,
    app: ApplicationDep,
    csrf: CsrfTokenDep,
    added: int = 0,
    recorded: str = "",
) -> Response:
    summary = show_person(app, person=person)
    view = progress_report(app, person=summary.person.id)
    context = {
        "title": summary.person.label,
        "person": summary.person,
        "summary": summary,
        "triage": view.triage,
        "escalations": view.report.escalations,
        "added": added,
        "recorded": recorded,
        "csrf": csrf,
    }
    return render(request, "pages/person.html", context)


@router.get("/people/{person}/export")
async def export(person: str, app: ApplicationDep) -> Response:
    found = find_person(app, person=person)
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in found.label)
    disposition = f'attachment; filename="triggermap-{name or found.id}.json"'
    return Response(
        export_person(app, person=found.id),
        media_type="application/json",
        headers={"content-disposition": disposition},
    )


@router.get("/people/{person}/erase")
async def erase_page(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    summary = show_person(app, person=person)
    context = {"title": f"Erase {summary.person.label}?", "summary": summary, "csrf": csrf}
    return render(request, "pages/erase.html", {**context, "errors": {}, "typed": ""})


@router.post("/people/{person}/erase", dependencies=[Csrf])
async def erase(request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep) -> Response:
    """Erase only when the label is typed again: the one thing that cannot be undone."""
    form = read_form(await form_items(request), ERASE_FIELDS)
    found = find_person(app, person=person)
    if form.one("confirm").strip() != found.label:
        summary = show_person(app, person=found.id)
        line = f"confirm: type {found.label!r} to erase everything about {found.label}"
        context = {"title": f"Erase {found.label}?", "summary": summary, "csrf": csrf}
        context |= {"errors": {"confirm": line}, "typed": form.one("confirm")}
        return render(request, "pages/erase.html", context, status=422)
    delete_person(app, person=found.id)
    return RedirectResponse(f"/people?erased={quote(found.label, safe='')}", status_code=303)


def _people(
    request: Request,
    app: ApplicationDep,
    csrf: str,
    form: FormValues,
    errors: dict[str, str],
    *,
    status: int = 200,
    erased: str = "",
) -> Response:
    if len(erased) > 200:
        raise InputError("erased: longer than a label")
    context = {
        "title": "Your records",
        "people": people_or_none(app),
        "form": form,
        "errors": errors,
        "labels": PERSON_LABELS,
        "sexes": app.kb.exam.sexes,
        "erased": erased,
        "csrf": csrf,
    }
    return render(request, "pages/people.html", context, status=status)
