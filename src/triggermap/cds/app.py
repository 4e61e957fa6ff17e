"""A small app of the CDS Hooks service alone: for tests, benches and a quick local sandbox.

The web app mounts the same router (`cds.router.build_router`); this one adds only `/ping`, the
smallest route, which `bench/api.py` measures as the ceiling.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

from triggermap import __version__
from triggermap.cds.router import build_service

if TYPE_CHECKING:
    from triggermap.cds.settings import CdsSettings
    from triggermap.kb.loader import KnowledgeBase


def create_app(
    settings: CdsSettings, kb: KnowledgeBase | None = None, today: Callable[[], date] = date.today
) -> FastAPI:
    app = FastAPI(
        title="triggermap CDS Hooks",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    service = build_service(settings, kb, today)
    app.state.cds = service
    app.include_router(service.router)
    app.add_api_route("/ping", _ping, methods=["GET"], response_class=PlainTextResponse)
    return app


async def _ping() -> str:
    return "ok"
