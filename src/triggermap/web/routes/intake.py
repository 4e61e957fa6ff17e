"""The intake: warning signs first, then where it hurts, then about the pain, then a check.

The questions are the intake's (`services.intake`), the same the terminal asks. Each page posts
every answer so far to `POST /intake` with the page it came from (`step`) and where to go
(`go`: next, back, or a page to change), which answers 303 to `GET /intake/{id}`: the answers
so far wait in memory as a draft (`web.drafts`) for that page, so Back and Reload never send a
form again; nothing is written to disk. Going forward needs
the page's answers, and stops at once on an emergency: the interruption card says what to do.
"Change" on the check page opens the page of that answer with `then=check` (`?then=check` on
its address, a hidden field on its form): Continue goes straight back to the check page.
With JavaScript, each warning-sign answer is checked as it is given (`POST /intake/check`,
answered with the card or with nothing). `?person=LABEL` carries a person along, so the results
can be saved to their records.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.errors import InputError, show_text
from triggermap.services.assess import assess_cases
from triggermap.web.deps import ApplicationDep, Csrf, CsrfTokenDep, DraftsDep, LayoutDep
from triggermap.web.drafts import GONE, Draft, Drafts, see_other
from triggermap.web.intake_form import (
    CONTROL_FIELDS,
    PAGES,
    IntakeLayout,
    Page,
    PostedIntake,
    read_intake,
    required_through,
    unanswered_together,
)
from triggermap.web.routes.forms_in import form_items
from triggermap.web.templating import render

router = APIRouter()
TITLES: dict[Page, str] = {
    "warning": "Warning signs",
    "where": "Where does it hurt?",
    "about": "About your pain",
    "check": "Check your answers",
}


@router.get("/intake")
async def first_page(
    request: Request, layout: LayoutDep, csrf: CsrfTokenDep, person: str = "", gone: int = 0
) -> Response:
    posted = read_intake([], layout)
    return render_step(request, layout, csrf, "warning", posted, person=person, gone=gone)


@router.post("/intake", dependencies=[Csrf])
async def next_page(
    request: Request, layout: LayoutDep, drafts: DraftsDep, csrf: CsrfTokenDep
) -> Response:
    """303 to the page wanted (`GET /intake/{id}`, the answers so far kept as a draft), or to
    the emergency card; a page with a mistake comes back with its errors (422)."""
    items = await form_items(request)
    fields = dict(items)
    step, target = _route(fields)
    then = _then(fields.get("then", ""), step, target)
    forward = PAGES.index(target) > PAGES.index(step)
    # every page before the one wanted (from a changed answer straight back to the check page:
    # the pages in between too, answered before)
    required = required_through(layout, PAGES[PAGES.index(target) - 1]) if forward else ()
    posted = read_intake(items, layout, required=required)
    person = fields.get("person", "")
    if forward and posted.intake.stopped:
        return emergency_redirect(drafts, items, person)
    if posted.errors:
        failed = first_failed(posted, layout)
        return render_step(request, layout, csrf, failed, posted, 422, person=person, then=then)
    address = f"/intake/{drafts.put(_answers(items, person, target))}"
    return see_other(f"{address}?then=check" if then else address)


@router.get("/intake/{key}")
async def page_of_draft(
    request: Request,
    key: str,
    layout: LayoutDep,
    app: ApplicationDep,
    drafts: DraftsDep,
    csrf: CsrfTokenDep,
    then: str = "",
) -> Response:
    """A page of the intake (or the emergency card) with the answers so far; `then=check`: a
    page opened by "Change" on the check page, whose Continue goes back there."""
    draft = drafts.get(key, "intake")
    if draft is None:
        return see_other(GONE)
    posted = read_intake(draft.items, layout)
    if draft.extra == "emergency":
        return render_emergency(request, app, posted, csrf, person=draft.person)
    step = draft.extra if draft.extra in PAGES else "warning"
    back = _then(then, step, step)
    return render_step(request, layout, csrf, step, posted, person=draft.person, then=back)


def emergency_redirect(drafts: Drafts, items: list[tuple[str, str]], person: str) -> Response:
    """303 to the emergency card of these answers (`GET /intake/{id}`)."""
    return see_other(f"/intake/{drafts.put(_answers(items, person, 'emergency'))}")


def _answers(items: list[tuple[str, str]], person: str, page: str) -> Draft:
    kept = tuple((n, v) for n, v in items if n not in CONTROL_FIELDS)
    return Draft("intake", items=kept, person=person, extra=page)


@router.post("/intake/check", dependencies=[Csrf])
async def check_warning_signs(
    request: Request, layout: LayoutDep, app: ApplicationDep, csrf: CsrfTokenDep
) -> Response:
    """The live check of the warning-sign page: the emergency card, or 204 (nothing to do)."""
    items = await form_items(request)
    posted = read_intake(items, layout)
    if not posted.intake.stopped:
        return Response(status_code=204)  # the page's own submit reports any error
    person = dict(items).get("person", "")
    return render_emergency(request, app, posted, csrf, block="content", person=person)


def _then(then: str, step: Page, target: Page) -> bool:
    """Whether the page shown returns to the check page on Continue (`then=check`: opened by
    "Change" there), until the check page is reached."""
    if then not in ("", "check"):
        raise InputError(f"then: {show_text(then)} is not check or empty")
    return target != "check" and (then == "check" or step == "check")


def _route(fields: dict[str, str]) -> tuple[Page, Page]:
    """(the page posted, the page wanted) from the form's `step` and `go`; Continue on a page
    opened by "Change" on the check page (`then=check`) goes back to the check page."""
    step, go = fields.get("step", ""), fields.get("go", "next")
    if step not in PAGES:
        raise InputError(f"step: {show_text(step)} is not one of {', '.join(PAGES)}")
    index = PAGES.index(step)
    if go == "next" and fields.get("then") == "check":
        return PAGES[index], "check"
    if go == "next":
        return PAGES[index], PAGES[min(index + 1, len(PAGES) - 1)]
    if go == "back":
        return PAGES[index], PAGES[max(index - 1, 0)]
    if go in PAGES:
        return PAGES[index], PAGES[PAGES.index(go)]
    raise InputError(f"go: {show_text(go)} is not next, back or a page of the intake")


def first_failed(posted: PostedIntake, layout: IntakeLayout) -> Page:
    """The first page holding a field with an error (where the person can put it right)."""
    for page in PAGES:
        if any(q.id in posted.errors for q in layout.on_page(page)):
            return page
    return "warning"


def render_step(
    request: Request,
    layout: IntakeLayout,
    csrf: str,
    step: Page,
    posted: PostedIntake,
    status: int = 200,
    *,
    person: str = "",
    gone: int = 0,
    then: bool = False,
) -> Response:
    from triggermap.web.bodymap import body_views, region_areas
    from triggermap.web.words import question_words

    questions = layout.on_page(step)
    context = {
        "title": TITLES[step],
        "step": step,
        "number": PAGES.index(step) + 1,
        "posted": posted,
        "layout": layout,
        "questions": {q.id: q for q in questions},
        "page_questions": questions,
        "errors": posted.errors,
        "labels": {q.id: question_words(q) for q in layout.questions},
        "csrf": csrf,
        "person": person,
        "carried": posted.hidden_fields(q.id for q in questions),
        "gone": gone,
        "then": then and step != "check",
        "together": unanswered_together(questions, posted.errors) if step == "warning" else None,
    }
    if step == "where":
        kb = layout.kb
        context["views"] = body_views({r.id: r.view for r in kb.regions.values()})
        context["areas"] = region_areas(kb, layout.by_id()["pain.regions"].choices)
    return render(request, f"pages/intake_{step}.html", context, status=status)


def render_emergency(
    request: Request,
    app: ApplicationDep,
    posted: PostedIntake,
    csrf: str,
    block: str | None = None,
    *,
    person: str = "",
) -> Response:
    """The interruption card: what to do now, why, and a way back to change an answer."""
    from triggermap.render.levels import shown_reasons

    assessment = next(assess_cases(app, cases=[posted.intake.case()]))
    context = {
        "title": "Go to an emergency department now",
        "assessment": assessment,
        "reasons": shown_reasons(assessment.triage),
        "carried": posted.hidden_fields(()),
        "csrf": csrf,
        "person": person,
    }
    return render(request, "pages/emergency.html", context, block=block)
