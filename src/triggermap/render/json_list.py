"""A JSON list written item by item: the same bytes as `json.dumps(items, indent=2)`, without
holding the list (a batch of 10,000 assessments streams in flat memory)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any


def json_list_chunks(items: Iterable[Any], *, ensure_ascii: bool = True) -> Iterator[str]:
    """The text of `json.dumps(list(items), indent=2)`, one piece per item, then the end."""
    opening = "[\n"
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=ensure_ascii)
        yield opening + "\n".join("  " + line for line in text.split("\n"))
        opening = ",\n"
    yield "[]" if opening == "[\n" else "\n]"
