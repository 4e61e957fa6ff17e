"""A duration as a person types it in a form ("3 months", "10 days", "2 years", "6 weeks", or a
plain number of weeks), read into the number of weeks the intake's own rule then checks (the
rule of the command line: 0 to the question's maximum, to a tenth of a week).

Only the units are the web's: the value is checked, rounded and refused by the intake itself.
"""

from __future__ import annotations

import re

from triggermap.errors import show_text

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 365.25 / DAYS_PER_WEEK
UNITS = {
    **dict.fromkeys(("d", "day", "days"), 1 / DAYS_PER_WEEK),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 1.0),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), WEEKS_PER_YEAR / 12),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), WEEKS_PER_YEAR),
}
DURATION = re.compile(r"(\d{1,6}(?:\.\d{1,3})?) ?([a-z]+)?")
EXAMPLES = "like 3 weeks, 10 days, 3 months or 2 years"


def weeks_text(text: str) -> str:
    """`text` as a number of weeks when it is a number with a unit of time; as it was
    otherwise (blank, "not sure" and anything else go to the intake's rule as typed)."""
    raw = " ".join(text.lower().split())
    found = DURATION.fullmatch(raw)
    if found is None or found.group(2) not in UNITS:
        return text
    weeks = float(found.group(1)) * UNITS[found.group(2)]
    return f"{weeks:.6g}"


def duration_error(field: str, text: str, maximum: float) -> str:
    """The one line for a duration the intake refused, with the value as typed."""
    years = maximum / WEEKS_PER_YEAR
    return (
        f"{field}: {show_text(text.strip())} is not a time from 0 to {maximum:g} weeks "
        f"(about {years:.0f} years), {EXAMPLES}"
    )
