"""Results: from the intake's answers, or from a case posted as JSON; and saving a case to a
person's records.

Nothing is saved until the person asks: the intake's answers become a case kept in memory as a
draft (`web.drafts`), shown at `GET /results/{id}`; the results page carries the case as a
hidden field, and the plan, PDF and save routes read it back through the same strict parser as
any case from outside (`services.plan.read_one_case`). A post that succeeds answers 303.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from triggermap.services.assess import assess_and_save, assess_cases
from triggermap.services.plan import read_one_case
from triggermap.strict_json import decode_text
from triggermap.web.deps import (
    ApplicationDep,
    Csrf,
    CsrfTokenDep,
    DraftsDep,
    LayoutDep,
    csrf_token,
)
from triggermap.web.drafts import GONE, Draft, Drafts, see_other
from triggermap.web.intake_form import read_intake, required_through
from triggermap.web.record_forms import checked, people_or_none
from triggermap.web.results import results_context
from triggermap.web.routes.forms_in import form_items, one_field
from triggermap.web.routes.intake import emergency_redirect, first_failed, render_step
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.services.application import Application

router = APIRouter()


@router.post("/results", dependencies=[Csrf])
async def results_from_intake(
    request: Request, layout: LayoutDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """The intake's last page: 303 to the results (`GET /results/{id}`), or to the emergency
    card; a refused form comes back with its errors (422)."""
    items = await form_items(request)
    person = dict(items).get("person", "")
    posted = read_intake(items, layout, required=required_through(layout, "about"))
    if posted.intake.stopped:
        return emergency_redirect(drafts, items, person)
    if posted.errors:
        failed = first_failed(posted, layout)
        return render_step(request, layout, csrf, failed, posted, 422, person=person)
    key = drafts.put(Draft("case", case=posted.intake.case(), person=person, extra="intake"))
    return see_other(f"/results/{key}")


@router.get("/results")
async def no_results() -> Response:
    """Results are shown at their own address; without one, the start of the questions."""
    return see_other("/intake")


@router.get("/results/{key}")
async def results_page(request: Request, key: str) -> Response:
    """The results of a draft's case. The draft never changes, so the page is drawn once and
    kept with it (`Drafts.keep_page`) for this session's CSRF token, the one thing on it that
    is not the draft's: a reload sends the same bytes again.

    The app's parts are taken from its state rather than as dependencies: FastAPI's solving
    of each costs about a quarter of a kept page's whole answer (`bench/web_profile.py`)."""
    drafts: Drafts = request.app.state.drafts
    csrf = await csrf_token(request)
    view = f"results:{csrf}"
    kept = drafts.page(key, view)
    if kept is not None:
        return HTMLResponse(kept)
    found = drafts.case_of(key)
    if found is None:
        return see_other(GONE)
    case, draft = found
    app: Application = request.app.state.application
    context = results_context(case, next(assess_cases(app, cases=[case])), app.kb)
    context |= {"csrf": csrf, "person": draft.person, "draft": key}
    response = render(request, "pages/results.html", context)
    drafts.keep_page(key, view, bytes(response.body))
    return response


@router.post("/assess", dependencies=[Csrf])
async def assess_json(request: Request) -> Response:
    """A case as JSON (spec/CASES.md) in, the results page out; 422 and the line if bad.

    An API-like use (a script with the access token, or a case file opened in the browser):
    it answers with the page itself, not a redirect, and stores nothing. (The app's parts come
    from its state, as for `results_page`.)"""
    app: Application = request.app.state.application
    csrf = await csrf_token(request)
    case = read_one_case(app, text=decode_text(await request.body(), "input"))
    context = results_context(case, next(assess_cases(app, cases=[case])), app.kb)
    return render(request, "pages/results.html", {**context, "csrf": csrf, "person": ""})


@router.post("/save", dependencies=[Csrf])
async def save_case(
    request: Request, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """Save the posted case with its assessment to a person's records, then 303 to what was
    saved (`GET /saved/{id}`: Reload shows it again, never saves twice); without a person, 303
    to the page to choose one (or to add one by a new label)."""
    from triggermap.services.people import add_person

    fields = dict(await form_items(request))
    case_text = one_field(fields, "case", "start again from the results page")
    case = read_one_case(app, text=case_text)
    person, label = fields.get("person", ""), fields.get("label", "").strip()
    draft = fields.get("draft", "")[:64]
    once = _save_once(draft, person or label, case_text)
    first = drafts.done_before(once) if once else None
    if first is not None:  # this draft saved to this person already (Back, then Save again)
        return see_other(first)
    if not person and not label:
        if fields.get("action") != "choose":  # from the results page: choose whose records
            return see_other(f"/save/{drafts.put(Draft('case', case=case))}")
        missing = {"label": "label: give a label for new records, or choose a person"}
        if not people_or_none(app):
            missing = {"label": "label: give a label for your new records"}
        return _choose(request, app, case_text, csrf, missing, status=422, draft=draft)
    if person and label:
        both = {"label": "label: give a new label or choose a person, not both"}
        return _choose(request, app, case_text, csrf, both, label=label, status=422, draft=draft)
    if label:  # new records first: a refused label comes back on the page, with the case
        added, errors = checked(lambda: add_person(app, label=label), frozenset({"label"}))
        if added is None:
            return _choose(
                request, app, case_text, csrf, errors, label=label, status=422, draft=draft
            )
    ref = person or label
    saved = assess_and_save(
        app, person=ref, cases=[case], results=list(assess_cases(app, cases=[case]))
    )
    address = f"/saved/{drafts.put(Draft('saved', saved=saved))}"
    if once:
        drafts.mark_done(once, address)
    return see_other(address)


@router.get("/save/{key}")
async def choose_page(
    request: Request, key: str, app: ApplicationDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """Whose records to save a case to (the case waits in its draft)."""
    from triggermap.web.results import case_json

    found = drafts.case_of(key)
    if found is None:
        return see_other(GONE)
    case, _ = found
    return _choose(request, app, case_json(case), csrf, {}, draft=key)


@router.get("/saved/{key}")
async def saved_page(request: Request, key: str, drafts: DraftsDep, csrf: CsrfTokenDep) -> Response:
    """What a save did (kept so that Reload shows it again); the records page once forgotten."""
    draft = drafts.get(key, "saved")
    if draft is None or draft.saved is None:
        return see_other("/people")
    saved = draft.saved
    done: dict[str, Any] = {"title": f"Saved to {saved.person.label}'s records", "saved": saved}
    return render(request, "pages/saved.html", {**done, "csrf": csrf})


def _save_once(draft: str, who: str, case_text: str) -> str:
    """The one-time key of saving this draft's case to this person ("" without a draft)."""
    if not draft or not who.strip():
        return ""
    digest = hashlib.sha256(case_text.encode()).hexdigest()[:32]
    return f"save:{draft}:{who.strip().casefold()}:{digest}"


def _choose(
    request: Request,
    app: Application,
    case_text: str,
    csrf: str,
    errors: dict[str, str],
    *,
    label: str = "",
    status: int = 200,
    draft: str = "",
) -> Response:
    """The page to choose whose records (or a new label), carrying the case along (and the
    draft it came from, so that a second save of it to the same person saves nothing)."""
    context: dict[str, Any] = {"title": "Save to whose records?", "case_json": case_text}
    context["draft"] = draft
    context |= {"people": people_or_none(app), "csrf": csrf, "errors": errors, "label": label}
    return render(request, "pages/save_choose.html", context, status=status)
