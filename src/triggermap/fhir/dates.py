"""FHIR's dates and times, read by the one date rule (`triggermap.input_checks`): a `date` may
be partial (YYYY or YYYY-MM: its first day is checked), a time needs its time zone; neither is
before 1900 nor after today (now). Each raises `InputError` naming the field and the value."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from triggermap.errors import InputError, show_value
from triggermap.input_checks import check_day, check_time

FHIR_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?)?")
ZONE = re.compile(r"(Z|[+-][0-9]{2}:[0-9]{2})")


def fhir_date(value: Any, field: str, today: date) -> date:
    """A FHIR `date` (YYYY, YYYY-MM or YYYY-MM-DD); a partial one as its first day."""
    if not isinstance(value, str) or not FHIR_DATE.fullmatch(value):
        raise InputError(
            f"{field}: {show_value(value)} is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    return check_day(value + "-01" * ((10 - len(value)) // 3), field, today)


def fhir_time(value: Any, field: str, now: datetime) -> datetime:
    """A FHIR `dateTime` with its time, or an `instant`: with a time zone; in UTC."""
    if not (isinstance(value, str) and value.isascii() and "T" in value):
        raise InputError(f"{field}: {show_value(value)} is not a date and time")
    if ZONE.search(value[-6:]) is None:
        raise InputError(f"{field}: {show_value(value)} has no time zone")
    return check_time(value, field, now)
