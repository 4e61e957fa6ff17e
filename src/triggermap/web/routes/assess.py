"""Results and plans: from the intake's answers, from a case posted as JSON, and as a PDF.

Nothing is saved: the results page carries the case as a hidden field, and the plan and PDF
routes read it back through the same strict parser as any case from outside.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.errors import InputError
from triggermap.web.deps import Csrf, CsrfTokenDep, QuestionsDep, UseCasesDep
from triggermap.web.forms import case_data, read_intake
from triggermap.web.results import plan_context, results_context
from triggermap.web.routes.forms_in import form_items
from triggermap.web.routes.intake import first_failed, render_step
from triggermap.web.templating import render

if TYPE_CHECKING:
    from triggermap.reasoning.case import Case

router = APIRouter()


@router.post("/results", dependencies=[Csrf])
async def results_from_intake(
    request: Request,
    questions: QuestionsDep,
    use_cases: UseCasesDep,
    csrf: CsrfTokenDep,
) -> Response:
    intake = read_intake(await form_items(request), questions.choices, "about")
    if intake.errors:
        step = first_failed(intake, questions)
        return render_step(request, questions, csrf, step, intake, status=422)
    case = use_cases.parse_case(case_data(intake, questions.choices))
    context = results_context(case, use_cases.assess(case), use_cases.kb)
    return render(request, "pages/results.html", {**context, "csrf": csrf})


@router.post("/assess", dependencies=[Csrf])
async def assess_json(request: Request, use_cases: UseCasesDep, csrf: CsrfTokenDep) -> Response:
    """A case as JSON (spec/CASES.md) in, the results page out; 422 and the line if bad."""
    case = use_cases.read_case(await request.body())
    context = results_context(case, use_cases.assess(case), use_cases.kb)
    return render(request, "pages/results.html", {**context, "csrf": csrf})


@router.post("/plan", dependencies=[Csrf])
async def plan_page(request: Request, use_cases: UseCasesDep, csrf: CsrfTokenDep) -> Response:
    result = use_cases.plan(await _posted_case(request, use_cases), date.today())
    context = plan_context(result, use_cases.kb)
    return render(request, "pages/plan.html", {**context, "csrf": csrf})


@router.post("/plan.pdf", dependencies=[Csrf])
async def plan_pdf(request: Request, use_cases: UseCasesDep) -> Response:
    result = use_cases.plan(await _posted_case(request, use_cases), date.today())
    return Response(
        use_cases.plan_pdf(result),
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="triggermap-care-plan.pdf"'},
    )


async def _posted_case(request: Request, use_cases: UseCasesDep) -> Case:
    """The case from the form's `case` field (JSON), checked as any case from outside."""
    fields = dict(await form_items(request))
    if "case" not in fields:
        raise InputError("case: missing (start again from the results page)")
    return use_cases.read_case(fields["case"])
