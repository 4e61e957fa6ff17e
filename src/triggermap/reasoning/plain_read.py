"""A stored assessment read back without building pydantic's validator, when it reads plainly.

Building pydantic's validator for the assessment's dataclasses costs a records command about
as much as everything else it does (issue 11). Most stored results are exactly what
`Assessment.to_json()` wrote, so `plain_reader(Assessment)` reads one by the dataclasses' own
field types: a str is a str, a bool a bool, a float a float or an int (made a float), a Literal
one of its values, a list a list, a nested dataclass a dict with no key it does not know and
every key it needs. It accepts only input that pydantic would accept and turn into the same
value; anything else raises `NotPlain`, and the caller asks pydantic, whose answer (a value, or
the error naming the field) is then the one given. Tests hold the two equal.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Sequence
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

Reader = Callable[[Any], Any]


class NotPlain(Exception):
    """The input does not read plainly: pydantic decides."""


_READERS: dict[type, Reader] = {}


def plain_reader(cls: type) -> Reader:
    """The reader of dataclass `cls` (built once; TypeError for a field type it cannot read)."""
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = _dataclass_reader(cls)
    return reader


def _dataclass_reader(cls: type) -> Reader:
    hints = get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        specs.append((f.name, _reader_for(hints[f.name]), required))
    names = frozenset(name for name, _, _ in specs)

    def read(data: Any) -> Any:
        if type(data) is not dict or not data.keys() <= names:
            raise NotPlain
        values = {}
        for name, field_reader, required in specs:
            if name in data:
                values[name] = field_reader(data[name])
            elif required:
                raise NotPlain
        return cls(**values)

    return read


def _reader_for(tp: Any) -> Reader:
    origin = get_origin(tp)
    if tp in (str, bool, int):
        return _exactly(tp)
    if tp is float:
        return _float
    if origin is Literal:
        allowed = get_args(tp)
        if not all(type(a) is str for a in allowed):
            raise TypeError(f"a Literal of other than strings: {tp}")
        return _one_of(frozenset(allowed))
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        others = [a for a in args if a is not type(None)]
        if len(args) != 2 or len(others) != 1:
            raise TypeError(f"a union other than X | None: {tp}")
        return _optional(_reader_for(others[0]))
    if origin in (list, Sequence):
        return _list_of(_reader_for(get_args(tp)[0]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return plain_reader(tp)
    raise TypeError(f"no plain reader for {tp}")


def _exactly(kind: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise NotPlain
        return value

    return read


def _float(value: Any) -> float:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        return float(value)
    raise NotPlain


def _one_of(allowed: frozenset[str]) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not str or value not in allowed:
            raise NotPlain
        return value

    return read


def _optional(inner: Reader) -> Reader:
    def read(value: Any) -> Any:
        return None if value is None else inner(value)

    return read


def _list_of(inner: Reader) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not list:
            raise NotPlain
        return [inner(item) for item in value]

    return read
