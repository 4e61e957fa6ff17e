"""A dose in plain words, the same in the care plan, the session and the knowledge-base pages."""

from __future__ import annotations

from typing import Protocol


class DoseLike(Protocol):
    """A knowledge-base `Dose` or a plan's `PlanDose`: the fields a dose may set."""

    @property
    def hold_seconds(self) -> int | None: ...
    @property
    def repetitions(self) -> int | None: ...
    @property
    def sets(self) -> int | None: ...
    @property
    def times_per_day(self) -> int | None: ...
    @property
    def days_per_week(self) -> int | None: ...
    @property
    def minutes(self) -> int | None: ...
    @property
    def rest_seconds(self) -> int | None: ...
    @property
    def each_side(self) -> bool | None: ...


def describe_dose(dose: DoseLike | None, kind: str) -> str:
    """'Hold 30 seconds, 2 times · every day' in plain words; '' when there is no dose."""
    if dose is None:
        return ""
    how = _how_much(dose, kind)
    if dose.each_side and how:
        how += ", on each side"
    when = _how_often(dose)
    text = " · ".join(part for part in (how, when) if part)
    return text[:1].upper() + text[1:]


def _how_much(dose: DoseLike, kind: str) -> str:
    parts = []
    if dose.hold_seconds:
        parts.append(f"hold {dose.hold_seconds} seconds")
        if dose.repetitions:
            parts.append(_times(dose.repetitions))
    elif dose.repetitions:
        parts.append(f"{dose.repetitions} repetitions")
    if dose.sets:
        parts.append(f"{dose.sets} sets" if dose.sets > 1 else "1 set")
    if dose.rest_seconds:
        parts.append(f"rest {dose.rest_seconds} seconds between sets")
    if dose.minutes:
        parts.append(
            f"every {dose.minutes} minutes" if kind == "lifestyle" else f"{dose.minutes} minutes"
        )
    return ", ".join(parts)


def _how_often(dose: DoseLike) -> str:
    parts = []
    if dose.times_per_day:
        parts.append(f"{_times(dose.times_per_day)} a day")
    if dose.days_per_week:
        parts.append(
            "every day" if dose.days_per_week == 7 else f"{dose.days_per_week} days a week"
        )
    return ", ".join(parts)


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
