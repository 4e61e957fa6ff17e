"""Hostile input for the property tests of issue 8: what a careless person, a broken file or a
hostile program sends. Every strategy here gives only values that must be refused, each with the
field the one-line error has to name.

A *mutation* takes a valid JSON document (a case, an export), breaks one field or the text
itself, and says where: `(text or bytes, field)`.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from hypothesis import strategies as st

from triggermap.errors import show_field

TODAY = date.today()
SEXES = ("female", "male", "other", "unknown")

# ---------------------------------------------------------------- text from a command line

SPECIAL_TEXT = [
    "", " ", "\t", "\n", "\x00", "\x1b[31m", "\udcff", "\ud800", "a\nb", "a\rb", "\u2028",
    "1_0", "²", "٣", "10.0", "+5", "0x5", "1e3", "-1", "11", "99999999999999999999999",
    "9" * 4400, "true", "null", "NaN", "inf", "∞", "五", "x" * 3000, "'", '"', "\\",
    "2999-01-01", "0001-01-01", "1899-12-31", "2024-02-30", "20240101", "2024-W01-1",
    "2024-01-01T00:00", "2024-01-01x", "9999-12-31", "1900-01-00", "2024-1-1",
]  # fmt: skip
"""Values that broke something once or could: digits of other scripts, control characters,
the two halves of a broken UTF-8 byte on a command line, huge numbers, impossible dates."""

ANY_CHARACTER = st.characters(exclude_categories=())  # surrogates and control characters too
WEIRD_TEXT = st.text(ANY_CHARACTER, max_size=24)
TEXT = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    WEIRD_TEXT,
    st.builds(lambda a, b: a + b, st.sampled_from(SPECIAL_TEXT), WEIRD_TEXT),
)
BAD_CHARACTER = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\udcff", "\ud800"])


def _whole(text: str) -> int | None:
    stripped = text.strip(" \t")
    if not re.fullmatch(r"-?[0-9]{1,18}", stripped):
        return None
    return int(stripped)


def valid_score(text: str) -> bool:
    number = _whole(text)
    return number is not None and 0 <= number <= 10


def valid_birth_year(text: str) -> bool:
    number = _whole(text)
    return number is not None and 1900 <= number <= TODAY.year


def valid_day(text: str, earliest: date = date(1900, 1, 1)) -> bool:
    stripped = text.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", stripped):
        return False
    try:
        day = date.fromisoformat(stripped)
    except ValueError:
        return False
    return earliest <= day <= TODAY


def valid_ids(text: str, known: set[str]) -> bool:
    return all(part.strip() in known for part in text.split(",") if part.strip())


BAD_SCORE = TEXT.filter(lambda t: not valid_score(t))
BAD_BIRTH_YEAR = TEXT.filter(lambda t: not valid_birth_year(t))
BAD_SEX = TEXT.filter(lambda t: t not in SEXES)


def bad_day(earliest: date = date(1900, 1, 1)) -> st.SearchStrategy[str]:
    close = st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)
    return st.one_of(TEXT, close).filter(lambda t: not valid_day(t, earliest))


def bad_ids(known: set[str]) -> st.SearchStrategy[str]:
    return st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=3).map(",".join)).filter(
        lambda t: not valid_ids(t, known)
    )


def inserted(text: str, bad: str, at: int) -> str:
    """`bad` inside `text`, never at an end (where it could be stripped as a space)."""
    at = at % (len(text) + 1)
    return "x" + text[:at] + bad + text[at:] + "x"


BAD_LABEL = st.one_of(
    st.sampled_from(["", " ", "\t\t", "x" * 201, "y" * 5000]),
    st.builds(inserted, st.text(max_size=20), BAD_CHARACTER | st.just("\n"), st.integers(0, 20)),
)
CONTROL_TEXT = st.builds(
    inserted, st.text(max_size=20), BAD_CHARACTER | st.just("\n"), st.integers(0, 20)
)
BAD_NOTE = st.one_of(
    st.just("n" * 2001),
    st.builds(inserted, st.text(max_size=40), BAD_CHARACTER, st.integers(0, 40)),
)
BAD_PERSON_ID = st.one_of(TEXT, st.from_regex(r"[0-9a-f]{12}", fullmatch=True))

# ---------------------------------------------------------------- JSON documents


def dumps(data: Any) -> str:
    """JSON text; ASCII, so a value may hold a lone surrogate (the reader must refuse it)."""
    return json.dumps(data)


HUGE_INTEGERS = st.one_of(
    st.integers(2**31, 2**70), st.integers(-(2**70), -(2**31)), st.just(10**250)
)
NOT_INTEGER = st.one_of(
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
    st.text(max_size=8),
    st.just([]),
    st.just({}),
)
NOT_BOOL = st.one_of(st.integers(-2, 2), st.text(max_size=5), st.just([]), st.none())
NOT_TEXT = st.one_of(st.integers(), st.booleans(), st.just([1]), st.just({"a": 1}))
BROKEN_TIMES = st.one_of(
    st.sampled_from([
        "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00", "1899-12-31T23:59:59+00:00",
        "9999-12-31T23:59:59-05:00", "2999-01-01T00:00:00+00:00", "yesterday", "", "2024-13-01",
    ]),
    NOT_TEXT,
)  # fmt: skip


def whole_outside(low: int, high: int) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(max_value=low - 1), st.integers(min_value=high + 1), HUGE_INTEGERS, NOT_INTEGER
    )


NOT_NUMBER = st.one_of(st.booleans(), st.text(max_size=5), st.just([]), st.just({}))


def number_outside(high: float) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.floats(max_value=-0.001, allow_infinity=False),
        st.floats(min_value=high + 1, allow_infinity=False, allow_nan=False),
        st.integers(min_value=int(high) + 1, max_value=10**250),
        NOT_NUMBER,
    )


def not_one_of(allowed: tuple[str, ...]) -> st.SearchStrategy[Any]:
    return st.one_of(TEXT.filter(lambda t: t not in allowed), st.integers(), st.just([]))


def bad_id_list(known: set[str]) -> st.SearchStrategy[Any]:
    unknown = TEXT.filter(lambda t: t not in known)
    return st.one_of(
        unknown,
        st.integers(),
        st.just({}),
        st.lists(unknown, min_size=1, max_size=3),
        st.lists(st.integers() | st.none() | st.just([]), min_size=1, max_size=2),
    )


def set_at(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of `data` with the value at `path` (keys and list indexes) replaced."""
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = value if len(path) == 1 else set_at(data[path[0]], path[1:], value)
    return copy


def path_name(path: tuple[Any, ...], prefix: str = "") -> str:
    """(`exam`, `rom`, `hip_flexion`, `active`) -> `exam.rom.hip_flexion.active`."""
    name = prefix
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


# text-level breakage: the whole document's label names it
TEXT_BREAKAGE = [
    ("nan", lambda t: t.replace("{", '{"nan_here": NaN, ', 1)),
    ("infinity", lambda t: t.replace("{", '{"big": -Infinity, ', 1)),
    ("huge float", lambda t: t.replace("{", '{"big": 1e999, ', 1)),
    ("huge integer", lambda t: t.replace("{", '{"big": ' + "7" * 5000 + ", ", 1)),
    ("deep", lambda t: t.replace("{", '{"deep": ' + "[" * 1200 + "]" * 1200 + ", ", 1)),
    ("nested", lambda t: t.replace("{", '{"deep": ' + "[" * 80 + "]" * 80 + ", ", 1)),
    ("surrogate", lambda t: t.replace("{", '{"s": "\\ud800", ', 1)),
    ("nul", lambda t: t.replace("{", '{"s": "a\\u0000b", ', 1)),
    ("truncated", lambda t: t[: len(t) // 2]),
    ("extra", lambda t: t + " {}"),
    ("empty", lambda t: ""),
    ("not json", lambda t: "case: yes\n"),
]


def text_breakage() -> st.SearchStrategy[tuple[str, Any]]:
    return st.sampled_from(TEXT_BREAKAGE)


def duplicated_key(text_before: str, key: str, value: Any, text_after: str) -> str:
    """A JSON object text with `key` twice: `{key: value, <rest>}`."""
    return text_before + f"{json.dumps(key)}: {json.dumps(value)}, " + text_after


def field_words(path: str) -> str:
    """How an error names a field: as `errors.show_field` shows it."""
    return show_field(path)
