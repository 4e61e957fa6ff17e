"""Problem documents (RFC 9457, `application/problem+json`): what every program-facing front
end (the REST API, the CDS Hooks service, the web app's gate) answers an error with.

`detail` is the one line the CLI would print; `field` is what that line names first (the text
before its first ": "), so a program can point at the field without parsing the sentence.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson

PROBLEM = "application/problem+json"


def problem_document(status: int, detail: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    field, sep, _ = detail.partition(": ")
    if sep and 0 < len(field) <= 120:
        body["field"] = field
    return body


def problem_body(status: int, detail: str) -> bytes:
    """A problem document as JSON bytes (UTF-8, non-ASCII kept as is)."""
    return orjson.dumps(problem_document(status, detail))
