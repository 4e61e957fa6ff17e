"""JSON for people and programs to read: one function, so every writer formats it the same.

Two-space indentation, UTF-8 (non-ASCII kept as is), keys in the order the values give them,
and a final newline; encoded by orjson, which does it several times faster than the standard
library (indentation included) and refuses what JSON cannot hold (NaN, infinities).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def json_bytes(data: Any) -> bytes:
    """`data` (dicts, lists, strings, numbers, booleans, None, and dataclasses, written as
    objects of their fields in order) as indented JSON bytes."""
    return orjson.dumps(data, option=_OPTIONS)


def json_list_bytes(items: Iterable[Any], chunk: int = 200) -> Iterator[bytes]:
    """The bytes of `json_bytes(list(items))`, a chunk of items at a time: a long list is
    written as it is computed, and never held whole."""
    opening = b"[\n"
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == chunk:
            yield opening + _inner(batch)
            opening = b",\n"
            batch.clear()
    if batch:
        yield opening + _inner(batch)
        opening = b",\n"
    yield b"[]\n" if opening == b"[\n" else b"\n]\n"


def _inner(items: list[Any]) -> bytes:
    """The items of an indented list as orjson writes them, without its brackets."""
    return orjson.dumps(items, option=orjson.OPT_INDENT_2)[2:-2]
