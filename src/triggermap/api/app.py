"""The API app: `build_api(application, token=..., max_body_bytes=...)` gives the ASGI app the
web app mounts at `/api/v1` (`web.interop`); nothing happens at import.

Routes parse what was sent (strict JSON, fields by type), call the application's use cases
(`services/`, the same as the CLI's) and write JSON; errors are problem documents
(`api.problems`). The OpenAPI 3.1 document is at `/api/v1/openapi.json`, the interactive docs
(Swagger UI, served from the package: nothing is fetched from elsewhere) at `/api/v1/docs`.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from triggermap import __version__
from triggermap.api.deps import ApiContext
from triggermap.api.problems import ASGIApp, GuardedApi, install_problems
from triggermap.api.schemas import components
from triggermap.services.application import Application

API_PREFIX = "/api/v1"
DESCRIPTION = """\
The triggermap engine and a person's records over HTTP, on this machine only: the same use
cases as the command line. Send the access token that `triggermap serve` printed as
`Authorization: Bearer <token>` (reading also works with the browser's session cookie; writes
need the token). Errors are `application/problem+json` naming the field and the value. Writes
take an `Idempotency-Key`: a retry with the same key writes once and gets the first answer,
marked `Idempotent-Replayed: true`.

Decision support, not a diagnosis: red flags come first in every answer.
"""


def build_api(application: Application, *, token: str, max_body_bytes: int) -> ASGIApp:
    from triggermap.api.routes import assess, diary, docs_page, people, records

    api = FastAPI(
        title="triggermap API",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    api.state.context = ApiContext(application, token, max_body_bytes)
    install_problems(api)
    for module in (assess, people, diary, records, docs_page):
        api.include_router(module.router)
    assets = files("triggermap.api") / "static"
    api.mount("/docs/assets", StaticFiles(directory=str(assets)), "docs-assets")
    api.openapi = lambda: openapi_document(api, application)  # type: ignore[method-assign]
    return GuardedApi(api)


def openapi_document(api: FastAPI, application: Application) -> dict[str, Any]:
    """FastAPI's document with our schemas; every error answer a problem document (FastAPI's
    own validation-error schema is never what this API sends), and the bearer scheme."""
    if api.openapi_schema is not None:
        return api.openapi_schema
    from triggermap.services.knowledge import format_schema

    document = get_openapi(
        title=api.title,
        version=api.version,
        openapi_version="3.1.0",
        description=api.description,
        routes=api.routes,
        servers=[{"url": API_PREFIX}],
    )
    names = ("case", "assessment", "plan")
    formats = {name: format_schema(application, name=name) for name in names}
    document.setdefault("components", {})["schemas"] = components(formats)
    document["components"]["securitySchemes"] = {
        "token": {"type": "http", "scheme": "bearer", "description": "The access token."}
    }
    document["security"] = [{"token": []}]
    for path in document["paths"].values():
        for operation in path.values():
            _problems_only(operation)
    api.openapi_schema = document
    return document


def _problems_only(operation: dict[str, Any]) -> None:
    for code, answer in operation.get("responses", {}).items():
        if int(code) >= 400:
            answer["content"] = {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
