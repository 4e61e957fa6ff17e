"""Adherence to the plan's self-care: days it was done against sessions planned (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from triggermap.progress.entries import DiaryEntry, SelfCareSession, local_day
from triggermap.progress.thresholds import TWO_WEEKS_DAYS


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """What progress needs from the latest care plan."""

    version: int
    created_on: date
    sessions_per_week: float | None


@dataclass(frozen=True, slots=True)
class Adherence:
    days: tuple[date, date]
    sessions: int  # self-care sessions recorded in the window
    days_done: int  # days with a session or a diary entry marked "self-care done"
    planned: float | None  # sessions the plan asks for in the window
    ratio: float | None  # days_done / planned


def measure_adherence(
    diary: Iterable[DiaryEntry],
    sessions: Iterable[SelfCareSession],
    plan: PlanInfo | None,
    today: date,
    *,
    tz: tzinfo,
) -> Adherence:
    """The last 14 days to today, or since the plan was made when that is later."""
    first = today - timedelta(days=TWO_WEEKS_DAYS - 1)
    if plan is not None and plan.created_on > today:
        plan = None  # judged as of a day before the plan existed
    if plan is not None and plan.created_on > first:
        first = plan.created_on
    session_days = [  # a session ended before any exercise was done is not self-care done
        local_day(s.started_at, tz)
        for s in sessions
        if s.items_done and first <= local_day(s.started_at, tz) <= today
    ]
    done = set(session_days) | {e.day for e in diary if e.self_care and first <= e.day <= today}
    planned = None
    if plan is not None and plan.sessions_per_week:
        planned = round(plan.sessions_per_week * ((today - first).days + 1) / 7, 1)
    ratio = round(len(done) / planned, 2) if planned else None
    return Adherence((first, today), len(session_days), len(done), planned, ratio)
