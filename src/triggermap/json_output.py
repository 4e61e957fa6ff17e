"""JSON for people and programs to read: one module, so every writer formats it the same.

UTF-8 (non-ASCII kept as is), keys in the order the values give them, and a final newline;
encoded by orjson, which does it several times faster than the standard library and refuses
what JSON cannot hold (NaN, infinities). One value (`json_bytes`) is indented by two spaces, for
a person to read; a list (`json_list_bytes`, a batch of assessments) is written one compact item
per line, for a program to read: indenting tens of kilobytes per item would cost more than
computing it, and a line per item still lets a person page through it or `grep` one.
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
    """A JSON list of `items`, each compact on a line of its own (`[`, the items separated by
    `,` and a newline, `]`, a final newline), a chunk of items at a time: a long list is
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
    """The items, each compact, one a line, without the list's brackets."""
    return b",\n".join(map(orjson.dumps, items))
