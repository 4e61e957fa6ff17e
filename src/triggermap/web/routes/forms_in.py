"""Reading a posted form: text fields only, each (name, value) pair in order."""

from __future__ import annotations

from fastapi import Request

from triggermap.errors import InputError, show_text

MAX_FIELDS = 400  # the intake has about 150 fields


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
