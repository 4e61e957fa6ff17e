"""Change from baseline and the minimal clinically important change (Farrar 2001)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triggermap.kb.loader import load_knowledge
from triggermap.progress.change import daily_pain, is_important_improvement, pain_change
from triggermap.progress.entries import DiaryEntry
from triggermap.progress.thresholds import ProgressRules

RULES = ProgressRules.from_kb(load_knowledge())

START = date(2024, 3, 4)


def entries(*pains: int, start: date = START) -> list[DiaryEntry]:
    return [DiaryEntry(day=start + timedelta(days=i), pain=p) for i, p in enumerate(pains)]


@pytest.mark.parametrize(
    ("baseline", "current", "expected"),
    [
        (8, 6, True),  # 2 points (25%): the points rule
        (8, 6.01, False),  # just under 2 points and under 30%
        (5, 3.5, True),  # 1.5 points but 30%: the percent rule
        (5, 3.6, False),  # 28%
        (3, 2.1, True),  # 0.9 points = 30% of 3
        (0, 0, False),  # nothing to improve on
        (6, 7, False),  # worse
    ],
)
def test_important_improvement_is_2_points_or_30_percent(
    baseline: float, current: float, expected: bool
) -> None:
    assert is_important_improvement(baseline, current, RULES) is expected


def test_baseline_is_first_week_and_current_is_latest_week() -> None:
    # week 1 at 8, week 2 at 7, week 3 at 5: baseline 8, current 5
    change = pain_change(daily_pain(entries(*[8] * 7, *[7] * 7, *[5] * 7)), RULES)
    assert change is not None
    assert (change.baseline, change.current, change.points) == (8.0, 5.0, -3.0)
    assert change.percent == -37.5
    assert change.baseline_days == (START, START + timedelta(days=6))
    assert change.current_days == (START + timedelta(days=14), START + timedelta(days=20))
    assert change.important_improvement and not change.important_worsening


def test_worse_by_two_points_is_important_worsening() -> None:
    change = pain_change(daily_pain(entries(*[4] * 7, *[6] * 7)), RULES)
    assert change is not None and change.points == 2.0
    assert change.important_worsening and not change.important_improvement


def test_several_entries_a_day_count_as_that_day_mean() -> None:
    day = [DiaryEntry(START, 2), DiaryEntry(START, 4), DiaryEntry(START, 6)]
    other = [DiaryEntry(START + timedelta(days=1), 10)]
    assert daily_pain(day + other) == {START: 4.0, START + timedelta(days=1): 10.0}


def test_zero_baseline_has_no_percent() -> None:
    change = pain_change(daily_pain(entries(0, 0, 0, 0, 0, 0, 0, 3)), RULES)
    assert change is not None and change.percent is None


def test_no_entries_no_change() -> None:
    assert pain_change({}, RULES) is None


@given(st.floats(0, 10), st.floats(0, 10), st.floats(0, 10))
def test_a_bigger_improvement_from_the_same_start_is_never_less_important(
    baseline: float, current: float, lower: float
) -> None:
    if is_important_improvement(baseline, current, RULES) and lower <= current:
        assert is_important_improvement(baseline, lower, RULES)


def test_windows_never_reach_past_the_diary() -> None:
    d = date(2024, 5, 6)
    one = pain_change(daily_pain([DiaryEntry(d, 4)]), RULES)
    assert one is not None and one.baseline_days == (d, d) and one.current_days == (d, d)
    short = pain_change(daily_pain([DiaryEntry(d, 4), DiaryEntry(d + timedelta(days=3), 2)]), RULES)
    assert short is not None
    assert short.baseline_days == (d, d + timedelta(days=3))
    assert short.current_days == (d, d + timedelta(days=3))
