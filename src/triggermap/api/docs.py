"""How each route is documented in the OpenAPI document: its body and its answers.

Routes read their bodies themselves (through strict_json), so the body's schema is given as
`openapi_extra`; error answers are all problem documents (`problems.py`).
"""

from __future__ import annotations

from typing import Any

from triggermap.api.schemas import ref

PROBLEM_CONTENT = {"application/problem+json": {"schema": ref("Problem")}}
ERRORS = {
    401: "No or a wrong access token (`Authorization: Bearer <token>`).",
    403: "A write with the session cookie only: writes need the bearer token.",
    404: "No such person, entry or address.",
    409: "The first request with this Idempotency-Key has not finished.",
    413: "The body is larger than the limit.",
    422: "Bad input: the detail names the field and the value.",
    503: "The database cannot be opened.",
}
IDEMPOTENCY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Any 1-255 printable characters, new for each new request: a retry with the "
    "same key and the same body writes once and gets the first answer (kept for a day); the "
    "same key with another body is refused (422).",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}


def body(schema: dict[str, Any], *, required: bool = True, media: str = "application/json") -> Any:
    return {"requestBody": {"required": required, "content": {media: {"schema": schema}}}}


def answers(
    status: int, description: str, schema: dict[str, Any] | None, *, media: str = "application/json"
) -> dict[int | str, dict[str, Any]]:
    """The success answer (`schema` None: no body), then every error as a problem."""
    ok: dict[str, Any] = {"description": description}
    if schema is not None:
        ok["content"] = {media: {"schema": schema}}
    out: dict[int | str, dict[str, Any]] = {status: ok}
    for code, text in ERRORS.items():
        out[code] = {"description": text, "content": PROBLEM_CONTENT}
    return out


def write(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """`openapi_extra` of a write: the Idempotency-Key header, and `extra` (its body)."""
    return {"parameters": [IDEMPOTENCY], **(extra or {})}
