"""JSON for people and programs to read: one function, so every writer formats it the same.

Two-space indentation, UTF-8 (non-ASCII kept as is), keys in the order the values give them,
and a final newline; encoded by orjson, which does it several times faster than the standard
library (indentation included) and refuses what JSON cannot hold (NaN, infinities).
"""

from __future__ import annotations

from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def json_bytes(data: Any) -> bytes:
    """`data` (dicts, lists, strings, numbers, booleans, None, and dataclasses, written as
    objects of their fields in order) as indented JSON bytes."""
    return orjson.dumps(data, option=_OPTIONS)
