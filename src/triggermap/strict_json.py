"""Strict JSON for everything a person, a file or a program sends us.

Python's `json` module takes input that other tools read differently, and some of it can hide
a red flag. This reader refuses, with one line naming where:

- a key that appears twice in one object, at any depth (`json` keeps the last one, so
  `{"symptoms": ["saddle_anaesthesia"], "symptoms": []}` would silently drop a red flag);
- `NaN`, `Infinity` and `-Infinity` (not JSON; strict readers reject what we would write back);
- numbers too large for a float, and integers of more digits than Python converts;
- nesting deeper than `MAX_DEPTH`;
- a lone UTF-16 surrogate (`"\\ud800"`), which cannot be written out as UTF-8, and a NUL
  character (`"\\u0000"`), which PostgreSQL cannot store;
- bytes that are not UTF-8.

Every error is an `InputError` whose message starts with the caller's label (`input`,
`import`, ...) and, where it applies, the JSON path of the offending key (`exam.tests.slr`).

Speed: a document that is plainly fine is decoded by orjson (`_plainly_fine` says when: any
doubt, and the checking decoder below decides and names what is wrong). Otherwise the walk
that finds where a problem is (`_check_tree`, a path built for every key) runs only when a
cheap look says there may be one: the decoder's hooks mark a refused number or a repeated key
as they meet it, an unstorable character can only come from a `\\u` escape (or, in text handed
over as `str`, a non-ASCII character), and nesting that deep needs that many opening brackets.
A 10 kB CDS Hooks call was read in about 0.4 ms, now in under 0.1 ms.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterator
from typing import Any

import orjson

from triggermap.errors import InputError, show_text

MAX_DEPTH = 64
"""Deeper nesting is refused: a case is at most four levels deep, an import file six."""

MAX_DIGITS = 300
"""A longer integer is refused (Python converts at most 4,300 digits; no field needs 300)."""

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_ESCAPED_UNSTORABLE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class _Marks(threading.local):
    """Set by the decoder's hooks when they refuse something: this decode needs the walk.
    (Per thread: a decode runs in one call, with no await inside.)"""

    found = False


_MARKS = _Marks()


class _Refused:
    """What the decoder's hooks put in place of a number they refuse; `_check_tree` finds it
    and names its path (`exam.rom.hip_flexion.active: the number '1e999' is too large`)."""

    def __init__(self, message: str) -> None:
        self.message = message
        _MARKS.found = True


class _Duplicated(dict[str, Any]):
    """An object in which `key` appeared twice; found with its path by `_check_tree`."""

    key: str


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            duplicated = _Duplicated(result)
            duplicated.key = key
            _MARKS.found = True
            return duplicated
        seen.add(key)
    return result  # pragma: no cover - unreachable: the lengths differ only with a repeat


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a number JSON allows")


def _float(text: str) -> float | _Refused:
    value = float(text)
    if math.isinf(value):
        return _Refused(f"the number {show_text(text)} is too large")
    return value


def _int(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_DIGITS:
        return _Refused(f"the number {show_text(text)} is too large")
    return int(text)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_constant=_constant, parse_float=_float, parse_int=_int
)


def decode_text(data: bytes | str, label: str) -> str:
    """Text from bytes that must be UTF-8 (a leading byte-order mark is allowed)."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not valid UTF-8 (byte {exc.start + 1})") from None


def parse_json(data: bytes | str, label: str) -> Any:
    """One JSON document, strictly; see the module docstring for what is refused."""
    text = decode_text(data, label)
    if not text.strip():
        raise InputError(f"{label}: empty: there is no JSON in it")
    value = _plainly_fine(text)
    if value is not _UNSURE:
        return value
    value, end = _decode_at(text, _skip_space(text, 0), label)
    end = _skip_space(text, end)
    if end != len(text):
        raise InputError(f"{label}: not valid JSON: extra data at {_where(text, end)}")
    return value


_UNSURE = object()
_ESCAPED_COLON_OR_UNSTORABLE = re.compile(r"\\u(?:00(?:00|3[aA])|[dD][89a-fA-F])")
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19  # orjson reads an integer past 64 bits as a float; `int` keeps it
_TOO_DEEP = b"\n" + b" " * (2 * (MAX_DEPTH + 1))  # a line of orjson's indented dump


def _plainly_fine(text: str) -> Any:
    """The document decoded by orjson (several times faster than the checking decoder) when it
    certainly holds nothing this module refuses, else `_UNSURE` (the checking decoder then
    decides, and names what is wrong):

    - orjson itself refuses what is not JSON, NaN and the infinities, a number too large for a
      float, a lone surrogate in text, and nesting past 1024 levels;
    - no escape writes a NUL, a surrogate or a colon, and no run of 19 digits could be an
      integer beyond 64 bits;
    - a key repeated in one object loses a pair: then the text has more colons than the
      decoded value written back (each pair's colon, and those in strings, which are written
      as they were sent, since no escape wrote one);
    - the value written back indented puts nothing `MAX_DEPTH + 1` levels down.
    """
    if _ESCAPED_COLON_OR_UNSTORABLE.search(text):
        return _UNSURE
    if _LONG_NUMBER in text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO):
        return _UNSURE
    try:
        value = orjson.loads(text)
        written = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):  # the latter past 254 levels
        return _UNSURE
    if written.count(b":") != text.count(":") or _TOO_DEEP in written:
        return _UNSURE
    return value


def read_json_items(data: bytes | str, label: str) -> tuple[bool, Iterator[tuple[str, Any]]]:
    """(was it a list, its items decoded one at a time), each item with its path prefix.

    A top-level list is decoded lazily, so a caller streams a large batch without holding every
    decoded item at once; any other value is one item with the prefix "".
    """
    text = decode_text(data, label)
    start = _skip_space(text, 0)
    if not text.startswith("[", start):
        return False, iter([("", parse_json(text, label))])
    return True, _items(text, start + 1, label)


def _items(text: str, pos: int, label: str) -> Iterator[tuple[str, Any]]:
    index = 0
    pos = _skip_space(text, pos)
    if text.startswith("]", pos):
        _expect_end(text, pos + 1, label)
        return
    while True:
        prefix = f"[{index}]"
        item, pos = _decode_at(text, pos, label, prefix)
        yield prefix, item
        index += 1
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
            continue
        if text.startswith("]", pos):
            _expect_end(text, pos + 1, label)
            return
        raise InputError(f"{label}: not valid JSON: expected ',' or ']' at {_where(text, pos)}")


def _expect_end(text: str, pos: int, label: str) -> None:
    pos = _skip_space(text, pos)
    if pos != len(text):
        raise InputError(f"{label}: not valid JSON: extra data at {_where(text, pos)}")


def _decode_at(text: str, pos: int, label: str, prefix: str = "") -> tuple[Any, int]:
    _MARKS.found = False
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{label}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError as exc:  # an integer beyond Python's digit limit
        raise InputError(f"{label}: {exc}") from None
    except RecursionError:
        raise InputError(f"{label}: nested too deeply (at most {MAX_DEPTH} levels)") from None
    if _MARKS.found or _may_be_unstorable(text, pos, end) or _may_be_deep(value, text, pos, end):
        problem = _check_tree(value, prefix, 0)
        if problem:
            raise InputError(f"{label}: {problem}")
    return value, end


def _may_be_unstorable(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may decode to a NUL or a lone surrogate: only an escape writes
    either (the decoder refuses a raw control character in a string, and bytes that are not
    UTF-8 never become text), unless the text came as `str` holding a surrogate itself."""
    if _ESCAPED_UNSTORABLE.search(text, start, end):
        return True
    return not text.isascii() and _UNSTORABLE.search(text, start, end) is not None


def _may_be_deep(value: Any, text: str, start: int, end: int) -> bool:
    """Whether a list or object lies `MAX_DEPTH` levels down (the walk then says whether
    anything is nested too deeply): never with fewer opening brackets than that."""
    if text.count("{", start, end) + text.count("[", start, end) <= MAX_DEPTH:
        return False
    level = [value] if type(value) is dict or type(value) is list else []
    for _ in range(MAX_DEPTH):
        level = [
            item
            for container in level
            for item in (container.values() if type(container) is dict else container)
            if type(item) is dict or type(item) is list
        ]
        if not level:
            return False
    return True


def _check_tree(value: Any, path: str, depth: int) -> str | None:
    """Depth, lone surrogates and NUL, which the decoder's hooks cannot see; None when fine."""
    if depth > MAX_DEPTH:
        return f"nested too deeply at {path or 'the top'} (at most {MAX_DEPTH} levels)"
    if isinstance(value, str):
        return _unstorable(value, path)
    if isinstance(value, _Refused):
        return f"{show_text(path)}: {value.message}" if path else value.message
    if isinstance(value, _Duplicated):
        where = f"{path}.{value.key}" if path else value.key
        return f"{show_text(where)}: this key appears twice in one object"
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else key
            problem = _unstorable(key, where) or _check_tree(item, where, depth + 1)
            if problem:
                return problem
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problem = _check_tree(item, f"{path}[{index}]", depth + 1)
            if problem:
                return problem
    return None


def _unstorable(text: str, path: str) -> str | None:
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    what = "a NUL character" if found.group() == "\x00" else "a lone UTF-16 surrogate"
    return f"{show_text(path) if path else 'a string'}: holds {what}"


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line} column {column}"
