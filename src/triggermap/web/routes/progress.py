"""A person's progress: their triage and any escalation first, then the pain and PEG charts
and the then-vs-now body-map heat map (`?as_of=YYYY-MM-DD` looks back to a day)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.services.progress import progress_report
from triggermap.web.bodymap import body_views, painted_sides
from triggermap.web.charts import HEAT_LEGEND, heat_marks, pain_chart, peg_chart
from triggermap.web.deps import ApplicationDep, CsrfTokenDep
from triggermap.web.results import FIGURE_VIEWS
from triggermap.web.templating import render

router = APIRouter()


@router.get("/people/{person}/progress")
async def progress_page(
    request: Request, person: str, app: ApplicationDep, csrf: CsrfTokenDep, as_of: str = ""
) -> Response:
    from triggermap.input_checks import check_day

    day = check_day(as_of, "as_of", app.today()) if as_of else None
    view = progress_report(app, person=person, as_of=day)
    report = view.report
    windows = []
    if report.regions is not None:
        first, latest = report.regions
        windows = [("At the start", first, heat_marks(first.share))]
        windows.append(("Latest", latest, heat_marks(latest.share)))
    context = {
        "title": f"{view.person.label}'s progress",
        "person": view.person,
        "triage": view.triage,
        "report": report,
        "pain_chart": pain_chart(view.history.diary, report),
        "peg_chart": peg_chart(view.history.peg),
        "diary": view.history.diary,
        "pegs": view.history.peg,
        "windows": windows,
        "views": body_views({r.id: r.view for r in app.kb.regions.values()}, FIGURE_VIEWS),
        "sides": painted_sides(view.side),
        "heat_legend": HEAT_LEGEND,
        "as_of": as_of,
        "csrf": csrf,
    }
    return render(request, "pages/progress.html", context)
