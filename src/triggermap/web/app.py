"""The app factory: `create_app(settings)` builds one web app; nothing happens at import.

One `Application` (the use cases of `services/`, the same the CLI calls) is built here from the
settings (`--db`) with the clock, and handed to every route. The routes only parse what was
sent, call a use case and render a template; the gate (`web.security`) wraps them all.

More front ends mount here as routers: `front_end_routers()` lists the web pages' own; pass
others (the REST API, FHIR) as `routers=`, or add them to that list.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import TYPE_CHECKING

from fastapi import APIRouter, FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from triggermap import __version__
from triggermap.web.drafts import Drafts
from triggermap.web.errors import install_error_pages
from triggermap.web.intake_form import IntakeLayout
from triggermap.web.interop import install_interop
from triggermap.web.security import Gate, Keys
from triggermap.web.settings import WebSettings
from triggermap.web.templating import build_templates

if TYPE_CHECKING:
    from triggermap.services.application import Application
    from triggermap.services.ports import Clock


def front_end_routers() -> list[APIRouter]:
    """The web pages, each module a group of addresses."""
    from triggermap.web.routes import (
        assess,
        diary,
        exam,
        intake,
        knowledge,
        people,
        pictures,
        plans,
        progress,
        start,
    )

    modules = (assess, start, intake, plans, exam, people, diary, progress, knowledge, pictures)
    return [module.router for module in modules]


def create_app(
    settings: WebSettings,
    *,
    application: Application | None = None,
    clock: Clock | None = None,
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """The web app over `application` (default: built from the settings' `db_url` and `clock`,
    the system clock when none is given), with `routers` mounted after the pages' own."""
    from triggermap.services.application import build_application

    app = FastAPI(
        title="triggermap", version=__version__, docs_url=None, redoc_url=None, openapi_url=None
    )
    application = application or build_application(db_url=settings.db_url, clock=clock)
    keys = Keys(settings)
    app.state.settings = settings
    app.state.application = application
    app.state.keys = keys
    app.state.templates = build_templates(application.kb)
    app.state.layout = IntakeLayout.build(application.kb)
    app.state.drafts = Drafts()  # what a form post made, for the page it redirects to
    app.state.pictures = {}  # (treatment id, side) -> SVG, drawn on first use
    install_error_pages(app)
    for router in (*front_end_routers(), *routers):
        app.include_router(router)
    install_interop(app, settings, application)  # /api/v1, /fhir, /cds-services (web.interop)
    app.add_api_route("/ping", _ping, methods=["GET"], response_class=PlainTextResponse)
    # First in the router, as the API's routes are: the ceiling the benches compare against
    # must not pay for matching the page routes that the measured calls skip.
    app.router.routes.insert(0, app.router.routes.pop())
    app.mount("/static", StaticFiles(directory=str(files("triggermap.web") / "static")), "static")
    app.add_middleware(Gate, settings=settings, keys=keys)
    return app


async def _ping() -> str:
    """Alive: the smallest page the app serves (and the ceiling `bench/web.py` measures)."""
    return "ok"
