"""What a person records between visits, as frozen values, and the checks that guard them.

Every check raises `InputError` with one line naming the field and the value
(`pain: 11 is not in 0..10`, `regions[1]: unknown region id 'elbow'`). Nothing here reads a
clock: "today" comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import Any

from triggermap.errors import InputError, did_you_mean, show_field, show_text, show_value
from triggermap.input_checks import (
    check_day,
    check_note_text,
    check_one_line,
    check_time,
    check_version,
    check_whole_in,
)

SCORE_MIN, SCORE_MAX = 0, 10
NOTE_MAX_CHARS = 2000


@dataclass(frozen=True, slots=True)
class DiaryEntry:
    """One day's pain (0-10), where it hurt, what else was felt, and whether self-care was done."""

    day: date
    pain: int
    regions: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()
    note: str | None = None
    self_care: bool = False
    id: str | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PegScore:
    """PEG: Pain, interference with Enjoyment of life, with General activity (Krebs 2009)."""

    day: date
    pain: int
    enjoyment: int
    activity: int
    id: str | None = None
    recorded_at: datetime | None = None

    @property
    def score(self) -> float:
        """The mean of the three items, 0-10 (source key krebs_2009)."""
        return round((self.pain + self.enjoyment + self.activity) / 3, 2)


@dataclass(frozen=True, slots=True)
class SelfCareSession:
    """One self-care session done from the care plan (`triggermap session`)."""

    started_at: datetime
    items_done: tuple[str, ...] = ()
    pain_after: int | None = None
    plan_version: int | None = None
    note: str | None = None
    id: str | None = None
    recorded_at: datetime | None = None


# ---------------------------------------------------------------- checks


def check_score(value: Any, field: str) -> int:
    """A whole number 0..10; strings from a command line are accepted when they hold one."""
    return check_whole_in(value, field, SCORE_MIN, SCORE_MAX)


def check_ids(
    values: Iterable[Any], field: str, known: Collection[str], what: str
) -> tuple[str, ...]:
    """Known ids, each once, in the order given."""
    out: list[str] = []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise InputError(f"{field}[{index}]: expected a {what} id, got {show_value(value)}")
        if value not in known:
            raise InputError(
                f"{field}[{index}]: unknown {what} id {show_text(value)}"
                f"{did_you_mean(value, known)}"
            )
        if value not in out:
            out.append(value)
    return tuple(out)


def check_note(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{field}: expected text, got {show_value(value)}")
    if len(value) > NOTE_MAX_CHARS:
        raise InputError(f"{field}: {len(value):,} characters is longer than {NOTE_MAX_CHARS:,}")
    return check_note_text(value, field).strip() or None


def diary_entry(
    *,
    day: Any,
    pain: Any,
    regions: Iterable[Any],
    symptoms: Iterable[Any],
    note: Any,
    self_care: bool,
    known_regions: Collection[str],
    known_symptoms: Collection[str],
    today: date,
) -> DiaryEntry:
    """A checked diary entry, or InputError naming the first bad field."""
    return DiaryEntry(
        day=check_day(day, "date", today),
        pain=check_score(pain, "pain"),
        regions=check_ids(regions, "regions", known_regions, "region"),
        symptoms=check_ids(symptoms, "symptoms", known_symptoms, "symptom"),
        note=check_note(note, "note"),
        self_care=bool(self_care),
    )


def peg_score(*, day: Any, pain: Any, enjoyment: Any, activity: Any, today: date) -> PegScore:
    return PegScore(
        day=check_day(day, "date", today),
        pain=check_score(pain, "pain"),
        enjoyment=check_score(enjoyment, "enjoyment"),
        activity=check_score(activity, "activity"),
    )


SESSION_FIELDS = ("started_at", "date", "items_done", "pain_after", "plan_version", "note")


def self_care_session(data: Any, *, now: datetime, tz: tzinfo) -> SelfCareSession:
    """A checked session from JSON-like data (the contract of `save_session`):

    {"started_at": ISO 8601 time (default now; a time without offset is UTC)
     | "date": YYYY-MM-DD, "items_done": [plan item ids], "pain_after": 0..10 | null,
     "plan_version": the care plan's version | null, "note": text | null}
    """
    if not isinstance(data, dict):
        raise InputError(f"session: expected an object, got {show_value(data)}")
    for key in data:
        if key not in SESSION_FIELDS:
            raise InputError(
                f"{show_field('session.' + key)}: unknown field "
                f"(expected one of {', '.join(SESSION_FIELDS)})"
            )
    items = data.get("items_done") or []
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise InputError(
            f"session.items_done: expected a list of item ids, got {show_value(items)}"
        )
    for index, item in enumerate(items):
        check_one_line(item, f"session.items_done[{index}]")
    pain = data.get("pain_after")
    version = data.get("plan_version")
    if version is not None:
        version = check_version(version, "session.plan_version")
    return SelfCareSession(
        started_at=_session_time(data, now, tz),
        items_done=tuple(dict.fromkeys(items)),
        pain_after=None if pain is None else check_score(pain, "session.pain_after"),
        plan_version=version,
        note=check_note(data.get("note"), "session.note"),
    )


def _session_time(data: dict[str, Any], now: datetime, tz: tzinfo) -> datetime:
    if data.get("started_at") is not None:
        started = check_time(data["started_at"], "session.started_at", now)
    elif data.get("date") is not None:
        today = local_day(now, tz)
        day = check_day(data["date"], "session.date", today)
        # noon of that local day, stored as UTC
        started = datetime.combine(day, time(12), tz).astimezone(UTC) if day != today else now
    else:
        started = now
    return started


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day a stored moment (UTC) falls on in the person's time zone `tz`: diary
    days and `today` are local days, so moments are compared as local days too."""
    return moment.astimezone(tz).date() if moment.tzinfo is not None else moment.date()
