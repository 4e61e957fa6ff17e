"""The app factory: `create_app(settings)` builds one web app; nothing happens at import.

The routes only parse what was sent, call the use cases (`web.usecases`) and render
templates; the gate (`web.security`) wraps them all.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from triggermap import __version__
from triggermap.web.errors import install_error_pages
from triggermap.web.interop import install_interop
from triggermap.web.questions import build_questions
from triggermap.web.security import Gate, Keys
from triggermap.web.settings import WebSettings
from triggermap.web.templating import build_templates
from triggermap.web.usecases import UseCases


def create_app(settings: WebSettings, use_cases: UseCases | None = None) -> FastAPI:
    from triggermap.web.routes import assess, intake, start

    app = FastAPI(
        title="triggermap", version=__version__, docs_url=None, redoc_url=None, openapi_url=None
    )
    use_cases = use_cases or UseCases.build()
    keys = Keys(settings)
    app.state.settings = settings
    app.state.use_cases = use_cases
    app.state.keys = keys
    app.state.templates = build_templates(use_cases.kb)
    app.state.questions = build_questions(use_cases.kb)
    install_error_pages(app)
    for module in (start, intake, assess):
        app.include_router(module.router)
    install_interop(app, settings, use_cases.kb)  # /api/v1, /fhir, /cds-services (web.interop)
    app.add_api_route("/ping", _ping, methods=["GET"], response_class=PlainTextResponse)
    app.mount("/static", StaticFiles(directory=str(files("triggermap.web") / "static")), "static")
    app.add_middleware(Gate, settings=settings, keys=keys)
    return app


async def _ping() -> str:
    """Alive: the smallest page the app serves (and the ceiling `bench/web.py` measures)."""
    return "ok"
