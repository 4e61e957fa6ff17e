"""What routes get from the app: the application (use cases), the intake's layout, the
settings, the CSRF token and check.

Dependencies as `Annotated` aliases, so a route's signature says what it uses. Each is an
`async def` although none awaits: FastAPI runs a plain `def` dependency in a worker thread, a
hop that cost more than the rest of the dependency (`bench/web_profile.py`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from triggermap.errors import InputError
from triggermap.services.application import Application
from triggermap.web.drafts import Drafts
from triggermap.web.intake_form import IntakeLayout
from triggermap.web.security import CSRF_FIELD, CSRF_HEADER, Keys
from triggermap.web.settings import WebSettings


class CsrfError(InputError):
    """A form posted with the session cookie but without this session's CSRF token."""


async def _application(request: Request) -> Application:
    application: Application = request.app.state.application
    return application


async def _layout(request: Request) -> IntakeLayout:
    layout: IntakeLayout = request.app.state.layout
    return layout


async def _drafts(request: Request) -> Drafts:
    drafts: Drafts = request.app.state.drafts
    return drafts


async def _settings(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


async def csrf_token(request: Request) -> str:
    keys: Keys = request.app.state.keys
    return keys.csrf


async def require_csrf(request: Request) -> None:
    """A request with the session cookie must carry the session's CSRF token (the bearer token
    needs none: a browser never sends it by itself)."""
    if request.state.auth == "bearer":
        return
    keys: Keys = request.app.state.keys
    given = request.headers.get(CSRF_HEADER)
    if given is None and _is_form(request):
        from triggermap.web.routes.forms_in import MAX_FIELDS

        value = (await request.form(max_files=0, max_fields=MAX_FIELDS)).get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if given is None or not keys.is_csrf(given):
        raise CsrfError(f"{CSRF_FIELD}: missing or wrong (reload the page and try again)")


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("application/x-www-form-urlencoded", "multipart/form-data")


ApplicationDep = Annotated[Application, Depends(_application)]
DraftsDep = Annotated[Drafts, Depends(_drafts)]
LayoutDep = Annotated[IntakeLayout, Depends(_layout)]
SettingsDep = Annotated[WebSettings, Depends(_settings)]
CsrfTokenDep = Annotated[str, Depends(csrf_token)]
Csrf = Depends(require_csrf)
