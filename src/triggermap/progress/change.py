"""Change from baseline: the first week's mean pain against the latest week's (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from triggermap.progress.entries import DiaryEntry
from triggermap.progress.thresholds import EPSILON, WEEK_DAYS, ProgressRules


@dataclass(frozen=True, slots=True)
class PainChange:
    """`points` is current minus baseline: negative is better. `percent` likewise."""

    baseline: float
    baseline_days: tuple[date, date]
    current: float
    current_days: tuple[date, date]
    points: float
    percent: float | None
    important_improvement: bool  # 2 points or 30% better (Farrar 2001)
    important_worsening: bool  # 2 points or more worse

    @property
    def comparable(self) -> bool:
        """The latest week starts after the first week ends: a diary of under two weeks has one
        week that is both, and its 'change' of 0 says nothing yet."""
        return self.current_days[0] > self.baseline_days[1]


def daily_pain(entries: Iterable[DiaryEntry]) -> dict[date, float]:
    """Mean pain per day (a day with several entries counts once)."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for entry in entries:
        by_day[entry.day].append(entry.pain)
    return {day: fmean(values) for day, values in sorted(by_day.items())}


def window_mean(daily: Mapping[date, float], first: date, last: date) -> float | None:
    values = [pain for day, pain in daily.items() if first <= day <= last]
    return fmean(values) if values else None


def pain_change(daily: Mapping[date, float], rules: ProgressRules) -> PainChange | None:
    """Baseline: the first 7 days from the first entry. Current: the 7 days to the last."""
    if not daily:
        return None
    first_day, last_day = min(daily), max(daily)
    # each window is a week, cut to the days the diary covers (never past its ends)
    baseline_days = (first_day, min(last_day, first_day + timedelta(days=WEEK_DAYS - 1)))
    current_days = (max(first_day, last_day - timedelta(days=WEEK_DAYS - 1)), last_day)
    baseline = window_mean(daily, *baseline_days)
    current = window_mean(daily, *current_days)
    assert baseline is not None and current is not None  # each window holds an end day
    return measure_change(baseline, current, baseline_days, current_days, rules)


def measure_change(
    baseline: float,
    current: float,
    baseline_days: tuple[date, date],
    current_days: tuple[date, date],
    rules: ProgressRules,
) -> PainChange:
    # Weekly means are judged as they are shown, to one decimal (rounded half up), so the
    # figures a person reads and the verdict beside them always agree.
    baseline, current = tenth(baseline), tenth(current)
    points = round(current - baseline, 1)
    percent = points / baseline * 100 if baseline > 0 else None
    return PainChange(
        baseline=baseline,
        baseline_days=baseline_days,
        current=current,
        current_days=current_days,
        points=points,
        percent=None if percent is None else round(percent, 1),
        important_improvement=is_important_improvement(baseline, current, rules),
        important_worsening=points >= rules.worse_points - EPSILON,
    )


def is_important_improvement(baseline: float, current: float, rules: ProgressRules) -> bool:
    """Better by 2 points or by 30% of the baseline (Farrar 2001; the numbers are the
    knowledge base's)."""
    better = baseline - current
    if better >= rules.mcid_points - EPSILON:
        return True
    return baseline > 0 and better / baseline >= rules.mcid_fraction - EPSILON


def tenth(value: float) -> float:
    """`value` to one decimal, rounded half up (6.25 -> 6.3)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
