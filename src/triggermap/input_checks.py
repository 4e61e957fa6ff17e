"""The rules every value a person or a file gives must meet, each in one place.

Every command line option, case, diary entry and imported file goes through these, so the same
slip gets the same words wherever it is made. Each rule raises `InputError` with one line naming
the field and the value (escaped and cut, see `errors.show_value`). Nothing here reads a clock:
"today" and "now" come in as arguments.

- a calendar day: `YYYY-MM-DD`, from 1900-01-01, not after today;
- a moment: ISO 8601, from 1900, not after now (a few minutes of clock difference allowed);
- a whole number: an int, or text of ASCII digits (`1_0`, `²`, `٣`, `5.0` and `true` refused);
- text: no NUL and no half of a UTF-16 pair (neither can be stored); a one-line text (a label,
  an id) holds no control character at all, a note no control character but tab and newline.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from triggermap.errors import InputError, show_text, show_value

EARLIEST_DAY = date(1900, 1, 1)
"""No date or moment before this is taken: an earlier one is a typing slip."""
FUTURE_SLACK = timedelta(minutes=5)
"""Clocks of two machines may differ a little: a moment this far ahead is still 'now'."""
LARGEST_STORED_INTEGER = 2**31 - 1
"""Counts and versions are stored as SQL INTEGER (32 bits on PostgreSQL)."""

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE = re.compile(r"-?[0-9]+")
_WHOLE_DIGITS = 18
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NOTE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------- days and moments


def check_day(value: Any, field: str, today: date) -> date:
    """A calendar day (`YYYY-MM-DD` text or a date) from 1900-01-01 up to `today`."""
    day = value
    if isinstance(value, str):
        day = _parse_day(value, field)
    if isinstance(day, datetime) or not isinstance(day, date):
        raise InputError(f"{field}: {show_value(value)} is not a date (YYYY-MM-DD)")
    if day < EARLIEST_DAY:
        raise InputError(f"{field}: {day.isoformat()} is before {EARLIEST_DAY.isoformat()}")
    if day > today:
        raise InputError(f"{field}: {day.isoformat()} is in the future (today is {today})")
    return day


def _parse_day(text: str, field: str) -> date:
    stripped = text.strip()
    try:
        if _DAY.fullmatch(stripped):
            return date.fromisoformat(stripped)
    except ValueError:
        pass
    raise InputError(f"{field}: {show_text(text)} is not a date (YYYY-MM-DD)")


def check_time(value: Any, field: str, now: datetime) -> datetime:
    """An ISO 8601 time (text or a datetime) from 1900 up to `now`, as an aware UTC datetime;
    a time without an offset is taken as UTC."""
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"{field}: {show_text(value)} is not a time (ISO 8601)") from None
    if not isinstance(moment, datetime):
        raise InputError(f"{field}: {show_value(value)} is not a time (ISO 8601)")
    if moment.year < EARLIEST_DAY.year:
        raise InputError(f"{field}: {moment.isoformat()} is before {EARLIEST_DAY.isoformat()}")
    try:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:  # the last hours of year 9999 with an offset
        moment = datetime.max.replace(tzinfo=UTC)
    if moment > now + FUTURE_SLACK:
        raise InputError(f"{field}: {moment.isoformat()} is in the future")
    return moment


# ---------------------------------------------------------------- numbers


def check_whole_number(value: Any, field: str) -> int:
    """An int, or text that holds one in ASCII digits (spaces around it allowed)."""
    if isinstance(value, str):
        text = value.strip(" \t")
        if not _WHOLE.fullmatch(text):
            raise InputError(f"{field}: {show_text(value)} is not a whole number")
        if len(text.lstrip("-")) > _WHOLE_DIGITS:
            raise InputError(f"{field}: {show_text(value)} is too large")
        return int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{field}: {show_value(value)} is not a whole number")
    return value


def check_whole_in(value: Any, field: str, low: int, high: int) -> int:
    """A whole number from `low` to `high`."""
    number = check_whole_number(value, field)
    if not low <= number <= high:
        raise InputError(f"{field}: {show_value(number)} is not in {low}..{high}")
    return number


def check_version(value: Any, field: str) -> int:
    """A version or count that a database stores: a whole number, 1 or more."""
    number = check_whole_number(value, field)
    if number < 1:
        raise InputError(f"{field}: {show_value(number)} is not 1 or more")
    if number > LARGEST_STORED_INTEGER:
        raise InputError(f"{field}: {show_value(number)} is larger than {LARGEST_STORED_INTEGER}")
    return number


# ---------------------------------------------------------------- text


def check_storable(text: str, field: str) -> str:
    """Text a database can hold: no NUL character, no half of a UTF-16 surrogate pair (what
    bytes that are not UTF-8 become on a command line)."""
    problem = unstorable(text)
    if problem is not None:
        raise InputError(f"{field}: {show_text(text)} {problem}")
    return text


def unstorable(text: str) -> str | None:
    """Why a database cannot hold `text` ('holds a NUL character', ...), or None."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    return "holds a NUL character" if found.group() == "\x00" else "holds bytes that are not UTF-8"


def check_one_line(text: str, field: str) -> str:
    """A label or an id: storable, and no control character (no newline, tab or escape)."""
    check_storable(text, field)
    if _CONTROL.search(text):
        raise InputError(f"{field}: {show_text(text)} holds a control character")
    return text


def check_printed_line(text: str | None, field: str, max_chars: int) -> str | None:
    """Free text printed on one line of a handout (a name, a note): its spaces and line breaks
    made single spaces, not empty, at most `max_chars`; None stays None."""
    if text is None:
        return None
    check_storable(text, field)
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"{field}: is empty")
    if len(cleaned) > max_chars:
        raise InputError(f"{field}: {len(cleaned):,} characters is longer than {max_chars}")
    return check_one_line(cleaned, field)


def check_note_text(text: str, field: str) -> str:
    """A note: storable, and no control character but tab and newline."""
    check_storable(text, field)
    if _NOTE_CONTROL.search(text):
        raise InputError(f"{field}: {show_text(text)} holds a control character")
    return text
