"""The start page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.web.templating import render

router = APIRouter()


@router.get("/")
async def start_page(request: Request) -> Response:
    return render(request, "pages/start.html", {"title": "Buttock pain"})
