"""Adherence to the plan's self-care: days it was done against sessions planned (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

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
) -> Adherence:
    """The last 14 days to today, or since the plan was made when that is later."""
    first = today - timedelta(days=TWO_WEEKS_DAYS - 1)
    if plan is not None and plan.created_on > today:
        plan = None  # judged as of a day before the plan existed
    if plan is not None and plan.created_on > first:
        first = plan.created_on
    session_days = [  # a session ended before any exercise was done is not self-care done
        local_day(s.started_at)
        for s in sessions
        if s.items_done and first <= local_day(s.started_at) <= today
    ]
    done = set(session_days) | {e.day for e in diary if e.self_care and first <= e.day <= today}
    planned = None
    if plan is not None and plan.sessions_per_week:
        planned = round(plan.sessions_per_week * ((today - first).days + 1) / 7, 1)
    ratio = round(len(done) / planned, 2) if planned else None
    return Adherence((first, today), len(session_days), len(done), planned, ratio)


def planned_sessions_per_week(plan: Mapping[str, Any]) -> float | None:
    """Self-care days a week that a care plan's JSON asks for: `sessions_per_week` when the
    plan states it, else the most frequent item's dose (`days_per_week`, or 7 for an item done
    `times_per_day`). Education and professional items have no dose and do not count."""
    value = _positive(plan.get("sessions_per_week"))
    if value is not None:
        return min(value, 7.0)
    items = plan.get("items") or []
    rates = [_item_rate(item) for item in items if isinstance(item, Mapping)]
    known = [rate for rate in rates if rate is not None]
    return max(known) if known else None


def _item_rate(item: Mapping[str, Any]) -> float | None:
    dose = item.get("dose")
    if not isinstance(dose, Mapping):
        return None
    per_week = _positive(dose.get("days_per_week"))
    if per_week is not None:
        return min(per_week, 7.0)
    return 7.0 if _positive(dose.get("times_per_day")) is not None else None


def _positive(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)
