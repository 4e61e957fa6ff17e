"""What a request sends: its body, read whole and decoded by `triggermap.strict_json`, and the
fields of a JSON object checked by type before any use case sees them.

A body goes past the limit while it streams in is refused (413); a body that is not JSON, or a
field of the wrong type, is one line naming it (422); a body sent as anything but JSON is
refused by its Content-Type (415).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from starlette.requests import ClientDisconnect

from triggermap.api.problems import BodyTooLarge, UnsupportedType
from triggermap.errors import InputError, show_field, show_value
from triggermap.input_checks import check_day
from triggermap.strict_json import decode_text, parse_json

JSON_TYPES = ("application/json", "application/fhir+json")


async def body_bytes(request: Request, limit: int) -> bytes:
    """The whole body (kept on the request, so it is read once)."""
    try:
        body = await request.body()
    except ClientDisconnect:
        raise
    except Exception:  # the gate below refused the body as it streamed past its limit
        raise BodyTooLarge(f"body: larger than {limit:,} bytes") from None
    if len(body) > limit:
        raise BodyTooLarge(f"body: larger than {limit:,} bytes")
    return body


def check_json_type(request: Request) -> None:
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind not in JSON_TYPES:
        raise UnsupportedType(f"content-type: {kind[:60]!r} is not application/json")


async def body_text(request: Request, limit: int) -> str:
    """The body as text (UTF-8), for a use case that reads it as JSON with strict_json."""
    check_json_type(request)
    return decode_text(await body_bytes(request, limit), "input")


async def json_object(request: Request, limit: int) -> dict[str, Any]:
    check_json_type(request)
    data = parse_json(await body_bytes(request, limit), "body")
    if not isinstance(data, dict):
        raise InputError(f"body: expected a JSON object, got {show_value(data)}")
    return data


def only_fields(data: dict[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(f"{show_field(key)}: unknown field (expected {', '.join(allowed)})")


def text_field(data: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = _present(data, name, required)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{name}: expected text, got {show_value(value)}")
    return value


def whole_field(data: dict[str, Any], name: str, *, required: bool = False) -> int | None:
    value = _present(data, name, required)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise InputError(f"{name}: expected a whole number, got {show_value(value)}")
    return value


def checked_day(value: str | None, name: str, today: date) -> date | None:
    """A day sent as text, by the one date rule (`input_checks.check_day`: YYYY-MM-DD, from
    1900, not after today), named as the API names it (the use cases name the CLI's option)."""
    return None if value is None else check_day(value, name, today)


def flag_field(data: dict[str, Any], name: str) -> bool | None:
    value = data.get(name)
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{name}: expected true or false, got {show_value(value)}")
    return value


def ids_field(data: dict[str, Any], name: str) -> list[str] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{name}: expected a list of ids, got {show_value(value)}")
    return value


def _present(data: dict[str, Any], name: str, required: bool) -> Any:
    if required and data.get(name) is None:
        raise InputError(f"{name}: missing")
    return data.get(name)
