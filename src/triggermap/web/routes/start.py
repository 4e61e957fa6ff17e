"""The start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.web.deps import TemplatesDep

router = APIRouter()


@router.get("/")
async def start_page(request: Request, templates: TemplatesDep) -> Response:
    return templates.TemplateResponse(request, "pages/start.html", {"title": "Buttock pain"})
