"""What the web app serves for other programs, installed by `create_app` in one call:

/api/v1/...          the REST API (`triggermap.api`), behind the access token
/fhir/...            FHIR R4 reads: a person's $everything, the intake Questionnaire, the
                     body-region CodeSystem (behind the access token)
/cds-services/...    the CDS Hooks service (`triggermap.cds`); it is outside the token gate
                     and checks its callers' JWTs itself once issuers are configured
                     (TRIGGERMAP_CDS_ISSUERS, ...): by default, with none, it answers any
                     caller that can reach this machine's loopback address
/cases/open          the CDS card's "Open this case in triggermap" link: the results page
                     of the case in its own address; outside the gate, since it reads
                     nothing stored and stores nothing (its forms still need the session)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from starlette.routing import Mount

from triggermap.web.settings import WebSettings

if TYPE_CHECKING:
    from triggermap.api.problems import ASGIApp
    from triggermap.services.application import Application

API_PREFIX = "/api/v1"
OPEN_CASE = "/cases/open"


def install_interop(app: FastAPI, settings: WebSettings, application: Application) -> None:
    from triggermap.api.app import build_api
    from triggermap.api.fhir import build_fhir_router
    from triggermap.cds.router import build_service
    from triggermap.cds.settings import CdsSettings

    api = build_api(application, token=settings.token, max_body_bytes=settings.max_body_bytes)
    pages = len(app.router.routes)
    app.router.routes.append(api_mount(api))
    app.include_router(build_service(CdsSettings.from_env(), application.kb).router)
    app.include_router(build_fhir_router(application))
    app.include_router(open_case_router())
    _first(app, pages)


def _first(app: FastAPI, start: int) -> None:
    """The routes added from `start` on moved before the pages': the router tries each route
    in turn, and every page router it passes costs the API and CDS Hooks calls (the busiest
    addresses other programs call) a full match of its routes. None of these addresses
    (`/api/v1/...`, `/cds-services...`, `/fhir/...`, `/cases/open`) is a page's."""
    routes = app.router.routes
    routes[:] = routes[start:] + routes[:start]


def api_mount(api: ASGIApp) -> Mount:
    """`/api/v1` mounted so that any path under it reaches the API (whose 404 is a problem
    document): Starlette's pattern stops at a newline (`%0A` in an id), which would fall
    through to the web app's HTML page."""
    mount = Mount(API_PREFIX, app=api, name="api")
    mount.path_regex = re.compile(mount.path_regex.pattern, re.DOTALL)
    return mount


def open_case_router() -> APIRouter:
    router = APIRouter()

    @router.get(OPEN_CASE)
    async def open_case(request: Request, case: str = "") -> Response:
        """The results page of the case (JSON, as in spec/CASES.md) in the address."""
        from triggermap.services.assess import assess_cases
        from triggermap.services.plan import read_one_case
        from triggermap.web.results import results_context
        from triggermap.web.templating import render

        application = request.app.state.application
        found = read_one_case(application, text=case or " ")
        context = results_context(
            found, next(assess_cases(application, cases=[found])), application.kb
        )
        signed_in = getattr(request.state, "auth", None) is not None
        csrf = request.app.state.keys.csrf if signed_in else ""
        return render(request, "pages/results.html", {**context, "csrf": csrf})

    return router
