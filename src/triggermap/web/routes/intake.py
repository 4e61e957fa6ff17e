"""The intake: warning signs first, then where it hurts, then about the pain, then a check.

Each page posts every answer so far to `POST /intake` with the page it came from (`step`) and
where to go (`go`: next, back, or a page to change); nothing is stored between pages. Going
forward needs the page's answers, and stops at once on an emergency: the interruption card
says what to do. With JavaScript, each warning-sign answer is checked as it is given
(`POST /intake/check`, answered with the card or with nothing).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.errors import InputError, show_text
from triggermap.web.deps import Csrf, CsrfTokenDep, QuestionsDep, UseCasesDep
from triggermap.web.forms import STEPS, Intake, Step, case_data, read_intake
from triggermap.web.questions import Questions
from triggermap.web.routes.forms_in import form_items
from triggermap.web.templating import render

router = APIRouter()
TITLES: dict[Step, str] = {
    "warning": "Warning signs",
    "where": "Where does it hurt?",
    "about": "About your pain",
    "check": "Check your answers",
}


@router.get("/intake")
async def first_page(request: Request, questions: QuestionsDep, csrf: CsrfTokenDep) -> Response:
    return render_step(request, questions, csrf, "warning", Intake({}))


@router.post("/intake", dependencies=[Csrf])
async def next_page(
    request: Request,
    questions: QuestionsDep,
    use_cases: UseCasesDep,
    csrf: CsrfTokenDep,
) -> Response:
    items = await form_items(request)
    step, target = _route(dict(items))
    forward = STEPS.index(target) > STEPS.index(step)
    intake = read_intake(items, questions.choices, step if forward else None)
    if intake.errors:
        return render_step(request, questions, csrf, first_failed(intake, questions), intake, 422)
    if forward:
        stop = use_cases.emergency(use_cases.parse_case(case_data(intake, questions.choices)))
        if stop is not None:
            return render_emergency(request, stop, intake, csrf)
    return render_step(request, questions, csrf, target, intake)


@router.post("/intake/check", dependencies=[Csrf])
async def check_warning_signs(
    request: Request,
    questions: QuestionsDep,
    use_cases: UseCasesDep,
    csrf: CsrfTokenDep,
) -> Response:
    """The live check of the warning-sign page: the emergency card, or 204 (nothing to do)."""
    intake = read_intake(await form_items(request), questions.choices, None)
    if intake.errors:
        return Response(status_code=204)  # the page's own submit reports them
    stop = use_cases.emergency(use_cases.parse_case(case_data(intake, questions.choices)))
    if stop is None:
        return Response(status_code=204)
    return render_emergency(request, stop, intake, csrf, block="content")


def _route(fields: dict[str, str]) -> tuple[Step, Step]:
    """(the page posted, the page wanted) from the form's `step` and `go`."""
    step, go = fields.get("step", ""), fields.get("go", "next")
    if step not in STEPS:
        raise InputError(f"step: {show_text(step)} is not one of {', '.join(STEPS)}")
    index = STEPS.index(step)
    if go == "next":
        return step, STEPS[min(index + 1, len(STEPS) - 1)]
    if go == "back":
        return step, STEPS[max(index - 1, 0)]
    if go in STEPS:
        return step, go
    raise InputError(f"go: {show_text(go)} is not next, back or a page of the intake")


def first_failed(intake: Intake, questions: Questions) -> Step:
    """The first page holding a field with an error (where the person can put it right)."""
    for step in STEPS:
        if any(name in intake.errors for name in questions.fields_of(step)):
            return step
    return "warning"


def render_step(
    request: Request,
    questions: Questions,
    csrf: str,
    step: Step,
    intake: Intake,
    status: int = 200,
) -> Response:
    from triggermap.web.bodymap import body_views

    context = {
        "title": TITLES[step],
        "step": step,
        "number": STEPS.index(step) + 1,
        "intake": intake,
        "questions": questions,
        "errors": intake.errors,
        "csrf": csrf,
        "carried": intake.hidden_fields(questions.fields_of(step)),
    }
    if step == "where":
        context["views"] = body_views({r.id: r.view for r in questions.regions.values()})
    return render(request, f"pages/intake_{step}.html", context, status=status)


def render_emergency(
    request: Request,
    assessment: Any,
    intake: Intake,
    csrf: str,
    block: str | None = None,
) -> Response:
    """The interruption card: what to do now, why, and a way back to change an answer."""
    from triggermap.reasoning.triage import decisive_reasons

    context = {
        "title": "Go to an emergency department now",
        "assessment": assessment,
        "reasons": decisive_reasons(assessment.triage),
        "carried": intake.hidden_fields(()),
        "csrf": csrf,
    }
    return render(request, "pages/emergency.html", context, block=block)
