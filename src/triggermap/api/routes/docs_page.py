"""`/docs`: the interactive API docs (Swagger UI 5, vendored in `api/static/` with its
licence; started by `docs.js`, so the page holds no inline script and the strict CSP holds).
Nothing is fetched from another site: the validator badge is off."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()
PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>triggermap API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
<link rel="stylesheet" href="docs/assets/docs.css">
</head>
<body>
<main id="docs"><h1>triggermap API</h1>
<p>The interactive documentation needs JavaScript. The OpenAPI document is at
<a href="openapi.json">openapi.json</a>.</p></main>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/docs.js"></script>
</body>
</html>
"""


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    return HTMLResponse(PAGE)
