"""Reading a posted form: text fields only, each (name, value) pair in order."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request

from triggermap.errors import InputError, show_text

MAX_FIELDS = 400  # the clinician's form has about 170 fields


async def form_items(request: Request) -> list[tuple[str, str]]:
    """Every field of a posted form, or a one-line `InputError` (a file, too many fields)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise InputError(f"content-type: {show_text(kind)} is not a form")
    form = await request.form(max_files=0, max_fields=MAX_FIELDS)
    items: list[tuple[str, str]] = []
    for name, value in form.multi_items():
        if not isinstance(value, str):
            raise InputError(f"{show_text(name)}: a file is not expected here")
        items.append((name, value))
    return items


def one_field(fields: Mapping[str, str], name: str, what_to_do: str = "") -> str:
    """A field that must be there, or a one-line `InputError` naming it."""
    if name not in fields:
        raise InputError(f"{name}: missing" + (f" ({what_to_do})" if what_to_do else ""))
    return fields[name]


def only_known(items: list[tuple[str, str]], known: frozenset[str]) -> dict[str, list[str]]:
    """The posted values by name; a field the form does not have is refused, naming it (a
    misspelt field must not drop an answer silently); the CSRF token is left out."""
    from triggermap.errors import show_field

    values: dict[str, list[str]] = {}
    for name, value in items:
        if name == "csrf_token":
            continue
        if name not in known:
            raise InputError(f"{show_field(name)}: unknown field")
        values.setdefault(name, []).append(value)
    return values
