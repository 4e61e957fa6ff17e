"""The pain diary and PEG scores of a person: list, add, edit, delete (with confirmation).

    GET  /people/{person}/diary                       entries and PEG scores, newest first, the
                                                      person's triage first when there is one
    GET  /people/{person}/diary/new     POST .../diary          add an entry
    GET  /people/{person}/diary/{id}/edit  POST .../diary/{id}  change one
    GET  /people/{person}/diary/{id}/delete  POST (same)        delete one
    and the same under /people/{person}/peg for PEG scores.

Every value is checked by the use case (the CLI's messages); a refused form is shown again
with its answers, every field in error at once (each named beside the field and in the summary
at the top, as the intake does), status 422, and nothing written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from triggermap.errors import NotFoundError, show_text
from triggermap.services import diary
from triggermap.services.people import find_person
from triggermap.services.progress import progress_report
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep
from triggermap.web.record_forms import (
    DIARY_FIELDS,
    PEG_FIELDS,
    FormValues,
    checked,
    diary_keywords,
    peg_keywords,
    read_form,
    unset_ratings,
)
from triggermap.web.routes.forms_in import form_items
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.person.records import Person
    from triggermap.person.triage import PersonTriage
    from triggermap.progress.entries import DiaryEntry, PegScore
    from triggermap.services.application import Application

router = APIRouter()
DIARY_LABELS = {  # as the form shows each field (an error names the field in these words)
    "date": "Date",
    "pain": "How bad is the pain today?",
    "regions": "Where did it hurt?",
    "symptoms": "Did you have any of these warning signs?",
    "note": "A note",
    "self_care": "I did my self-care today",
    "form": "Diary entry",
}
PEG_RATINGS = ("pain", "enjoyment", "activity")
PEG_LABELS = {
    "date": "Date",
    "pain": "Your pain on average in the past week",
    "enjoyment": "How pain interfered with your enjoyment of life",
    "activity": "How pain interfered with your general activity",
    "form": "PEG",
}


@router.get("/people/{person}/diary")
async def diary_page(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep, saved: str = ""
) -> Response:
    view = progress_report(app, person=person)
    context = {
        "title": f"{view.person.label}'s diary",
        "person": view.person,
        "triage": view.triage,
        "entries": list(reversed(view.history.diary)),
        "pegs": list(reversed(view.history.peg)),
        "saved": saved[:20],
        "csrf": csrf,
    }
    return render(request, "pages/diary.html", context)


# ---------------------------------------------------------------- diary entries


@router.get("/people/{person}/diary/new")
async def new_entry(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found = find_person(app, person=person)
    form = FormValues({"date": [app.today().isoformat()]})  # no pain until the person sets it
    return _entry_form(request, app, found, form, {}, csrf)


@router.post("/people/{person}/diary", dependencies=[Csrf])
async def add_entry(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found = find_person(app, person=person)
    form = read_form(await form_items(request), DIARY_FIELDS)
    refused = _entry_errors(app, form, diary_keywords(form))
    saved, errors = (
        (None, refused)
        if refused
        else checked(
            lambda: diary.add_diary_entry(app, person=found.id, **diary_keywords(form)),
            DIARY_FIELDS,
        )
    )
    if saved is None:
        flagged = _triage_unsaved(app, found, form)
        return _entry_form(request, app, found, form, errors, csrf, status=422, triage=flagged)
    return _to_diary(found, saved.entry.id)


@router.get("/people/{person}/diary/{entry_id}/edit")
async def edit_entry_page(
    request: Request, person: str, entry_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, entry = _entry_of(app, person, entry_id)
    form = FormValues(
        {
            "date": [entry.day.isoformat()],
            "pain": [str(entry.pain)],
            "regions": list(entry.regions),
            "symptoms": list(entry.symptoms),
            "note": [entry.note or ""],
            "self_care": ["yes"] if entry.self_care else [],
        }
    )
    return _entry_form(request, app, found, form, {}, csrf, entry=entry)


@router.post("/people/{person}/diary/{entry_id}", dependencies=[Csrf])
async def edit_entry(
    request: Request, person: str, entry_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, entry = _entry_of(app, person, entry_id)
    form = read_form(await form_items(request), DIARY_FIELDS)
    keywords = {**diary_keywords(form), "note": form.one("note")}  # an emptied note is cleared
    refused = _entry_errors(app, form, keywords)
    saved, errors = (
        (None, refused)
        if refused
        else checked(
            lambda: diary.edit_diary_entry(app, entry_id=entry_id, person=found.id, **keywords),
            DIARY_FIELDS,
        )
    )
    if saved is None:
        flagged = _triage_unsaved(app, found, form)
        return _entry_form(
            request, app, found, form, errors, csrf, entry=entry, status=422, triage=flagged
        )
    return _to_diary(found, entry_id)


@router.get("/people/{person}/diary/{entry_id}/delete")
async def delete_entry_page(
    request: Request, person: str, entry_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, entry = _entry_of(app, person, entry_id)
    what = f"the diary entry of {entry.day:%d %B %Y} (pain {entry.pain})"
    return _confirm_delete(request, found, what, f"diary/{entry_id}", csrf)


@router.post("/people/{person}/diary/{entry_id}/delete", dependencies=[Csrf])
async def delete_entry(person: str, entry_id: str, app: ApplicationDep) -> Response:
    found, _ = _entry_of(app, person, entry_id)
    diary.delete_diary_entry(app, entry_id=entry_id, person=found.id)
    return _to_diary(found, "deleted")


# ---------------------------------------------------------------- PEG


@router.get("/people/{person}/peg/new")
async def new_peg(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found = find_person(app, person=person)
    form = FormValues({"date": [app.today().isoformat()]})
    return _peg_form(request, found, form, {}, csrf)


@router.post("/people/{person}/peg", dependencies=[Csrf])
async def add_peg(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found = find_person(app, person=person)
    form = read_form(await form_items(request), PEG_FIELDS)
    refused = _peg_errors(app, form)
    saved, errors = (
        (None, refused)
        if refused
        else checked(lambda: diary.add_peg(app, person=found.id, **peg_keywords(form)), PEG_FIELDS)
    )
    if saved is None:
        return _peg_form(request, found, form, errors, csrf, status=422)
    return _to_diary(found, saved.id)


@router.get("/people/{person}/peg/{score_id}/edit")
async def edit_peg_page(
    request: Request, person: str, score_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, score = _peg_of(app, person, score_id)
    form = FormValues(
        {
            "date": [score.day.isoformat()],
            "pain": [str(score.pain)],
            "enjoyment": [str(score.enjoyment)],
            "activity": [str(score.activity)],
        }
    )
    return _peg_form(request, found, form, {}, csrf, score=score)


@router.post("/people/{person}/peg/{score_id}", dependencies=[Csrf])
async def edit_peg(
    request: Request, person: str, score_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, score = _peg_of(app, person, score_id)
    form = read_form(await form_items(request), PEG_FIELDS)
    refused = _peg_errors(app, form)
    saved, errors = (
        (None, refused)
        if refused
        else checked(
            lambda: diary.edit_peg(app, score_id=score_id, **peg_keywords(form)), PEG_FIELDS
        )
    )
    if saved is None:
        return _peg_form(request, found, form, errors, csrf, score=score, status=422)
    return _to_diary(found, score_id)


@router.get("/people/{person}/peg/{score_id}/delete")
async def delete_peg_page(
    request: Request, person: str, score_id: str, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    found, score = _peg_of(app, person, score_id)
    what = f"the PEG score of {score.day:%d %B %Y} ({score.score:g})"
    return _confirm_delete(request, found, what, f"peg/{score_id}", csrf)


@router.post("/people/{person}/peg/{score_id}/delete", dependencies=[Csrf])
async def delete_peg(person: str, score_id: str, app: ApplicationDep) -> Response:
    found, _ = _peg_of(app, person, score_id)
    diary.delete_peg(app, score_id=score_id)
    return _to_diary(found, "deleted")


# ---------------------------------------------------------------- helpers


def _entry_errors(app: Application, form: FormValues, keywords: dict[str, Any]) -> dict[str, str]:
    """Every field of a diary entry in error at once (a rating left unset is asked for), in
    the form's order; {} when each field on its own is right."""
    problems = diary.diary_entry_problems(
        app,
        pain=keywords["pain"],
        regions=keywords["regions"],
        symptoms=keywords["symptoms"],
        note=keywords["note"],
        day=keywords["day"],
    )
    return _with_unset(unset_ratings(form, ("pain",)), problems)


def _peg_errors(app: Application, form: FormValues) -> dict[str, str]:
    """Every field of a PEG score in error at once (as `_entry_errors`)."""
    problems = diary.peg_problems(app, **peg_keywords(form))
    return _with_unset(unset_ratings(form, PEG_RATINGS), problems)


def _with_unset(unset: dict[str, str], problems: dict[str, str]) -> dict[str, str]:
    """The problems, a rating left unset asked for in its place, in the form's order."""
    return {**problems, **unset} if unset else problems


def _entry_of(app: Application, person: str, entry_id: str) -> tuple[Person, DiaryEntry]:
    """The person and their diary entry; an entry of someone else is not found."""
    found = find_person(app, person=person)
    for entry in diary.list_diary(app, person=found.id):
        if entry.id == entry_id:
            return found, entry
    raise NotFoundError(f"entry: {found.label} has no diary entry {show_text(entry_id)}")


def _peg_of(app: Application, person: str, score_id: str) -> tuple[Person, PegScore]:
    found = find_person(app, person=person)
    for score in diary.list_peg(app, person=found.id):
        if score.id == score_id:
            return found, score
    raise NotFoundError(f"score: {found.label} has no PEG score {show_text(score_id)}")


def _triage_unsaved(app: Application, person: Person, form: FormValues) -> PersonTriage | None:
    """The triage of a refused entry's red flags, at once: the same the saved entry would give
    (nothing is saved); None without a red flag."""
    keywords = diary_keywords(form)
    return diary.triage_unsaved_entry(
        app,
        person=person.id,
        symptoms=keywords["symptoms"],
        pain=keywords["pain"],
        day=keywords["day"],
    )


def _to_diary(person: Person, saved: str | None) -> Response:
    return RedirectResponse(f"/people/{person.id}/diary?saved={saved or ''}", status_code=303)


def _entry_form(
    request: Request,
    app: Application,
    person: Person,
    form: FormValues,
    errors: dict[str, str],
    csrf: str,
    *,
    entry: DiaryEntry | None = None,
    status: int = 200,
    triage: PersonTriage | None = None,
) -> Response:
    from triggermap.web.bodymap import body_views, region_areas

    kb = app.kb
    context: dict[str, Any] = {
        "title": "Change a diary entry" if entry else "Today's diary entry",
        "person": person,
        "entry": entry,
        "form": form,
        "errors": errors,
        "labels": DIARY_LABELS,
        "views": body_views({r.id: r.view for r in kb.regions.values()}),
        "areas": region_areas(kb, request.app.state.layout.by_id()["pain.regions"].choices),
        "flags": [(s.id, s.label, "") for s in kb.symptoms.values() if s.red_flag],
        "others": [(s.id, s.label, "") for s in kb.symptoms.values() if not s.red_flag],
        "triage": triage,
        "csrf": csrf,
    }
    return render(request, "pages/diary_entry.html", context, status=status)


def _peg_form(
    request: Request,
    person: Person,
    form: FormValues,
    errors: dict[str, str],
    csrf: str,
    *,
    score: PegScore | None = None,
    status: int = 200,
) -> Response:
    context = {
        "title": "Change a PEG score" if score else "PEG: pain and how it gets in the way",
        "person": person,
        "score": score,
        "form": form,
        "errors": errors,
        "labels": PEG_LABELS,
        "csrf": csrf,
    }
    return render(request, "pages/peg.html", context, status=status)


def _confirm_delete(request: Request, person: Person, what: str, path: str, csrf: str) -> Response:
    context = {"title": "Delete this?", "person": person, "what": what, "path": path}
    return render(request, "pages/delete.html", {**context, "csrf": csrf})
