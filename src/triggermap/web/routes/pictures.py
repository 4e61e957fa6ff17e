"""Each self-care exercise's picture as SVG, for the plan and session pages (`<img>`, so a
page stays small): `/pictures/ID.svg?side=left|right|both`. Drawn once per app and side."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from triggermap.errors import InputError, NotFoundError, show_text
from triggermap.web.deps import ApplicationDep

router = APIRouter()
SIDES = ("left", "right", "both")


@router.get("/pictures/{name}.svg")
async def picture(request: Request, name: str, app: ApplicationDep, side: str = "both") -> Response:
    from triggermap.render.pictures import picture_for
    from triggermap.render.pictures.svg import picture_svg

    if side not in SIDES:
        raise InputError(f"side: {show_text(side)} is not one of {', '.join(SIDES)}")
    drawn: dict[tuple[str, str], str] = request.app.state.pictures
    if (name, side) not in drawn:
        found = picture_for(app.kb, name, side)  # type: ignore[arg-type]
        if found is None:
            raise NotFoundError(f"picture: no picture for {show_text(name)}")
        drawn[(name, side)] = picture_svg(found)
    return Response(drawn[(name, side)], media_type="image/svg+xml")
