"""The trend of pain over the last four weeks: a least-squares slope in points per week."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from triggermap.progress.thresholds import (
    MIN_TREND_SPAN_DAYS,
    TREND_DAYS,
    ProgressRules,
)

Direction = Literal["better", "steady", "worse"]


@dataclass(frozen=True, slots=True)
class Trend:
    days: tuple[date, date]
    points_per_week: float
    direction: Direction
    days_with_entries: int


def pain_trend(daily: Mapping[date, float], rules: ProgressRules) -> Trend | None:
    """Slope of daily pain over the 28 days to the last entry; None until the entries in that
    window span two weeks."""
    if not daily:
        return None
    last = max(daily)
    first = last - timedelta(days=TREND_DAYS - 1)
    points = [((day - first).days, pain) for day, pain in daily.items() if day >= first]
    if not points or max(points)[0] - min(points)[0] < MIN_TREND_SPAN_DAYS:
        return None  # a slope over a few days, read as points a week, is day-to-day noise
    slope = least_squares_slope(points)
    if slope is None:
        return None
    per_week = slope * 7
    shown = (max(first, min(daily)), last)  # the window, cut to the days the diary covers
    direction = direction_of(per_week, rules.flat_trend_points_per_week)
    return Trend(shown, round(per_week, 2), direction, len(points))


def least_squares_slope(points: list[tuple[int, float]]) -> float | None:
    """Ordinary least-squares slope of y on x; None when x does not vary."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx


def direction_of(points_per_week: float, flat: float) -> Direction:
    """`flat`: the slope (points a week) below which a trend reads as steady."""
    if points_per_week <= -flat:
        return "better"
    if points_per_week >= flat:
        return "worse"
    return "steady"
