"""The trend: least-squares slope of daily pain over the last 4 weeks, in points per week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triggermap.kb.loader import load_knowledge
from triggermap.progress.thresholds import ProgressRules
from triggermap.progress.trend import least_squares_slope, pain_trend

RULES = ProgressRules.from_kb(load_knowledge())

START = date(2024, 1, 1)


def test_a_straight_line_gives_its_slope() -> None:
    daily = {START + timedelta(days=i): 8 - i / 7 for i in range(28)}  # 1 point a week better
    trend = pain_trend(daily, RULES)
    assert trend is not None
    assert trend.points_per_week == pytest.approx(-1.0)
    assert trend.direction == "better"
    assert trend.days == (START, START + timedelta(days=27))


def test_only_the_last_28_days_count() -> None:
    early = {START + timedelta(days=i): 10.0 for i in range(30)}  # old and high
    late = {START + timedelta(days=100 + i): 3.0 for i in range(28)}  # flat
    trend = pain_trend({**early, **late}, RULES)
    assert trend is not None
    assert trend.points_per_week == 0.0 and trend.direction == "steady"
    assert trend.days_with_entries == 28


def test_rising_pain_reads_worse() -> None:
    trend = pain_trend({START: 2.0, START + timedelta(days=14): 4.0}, RULES)
    assert trend is not None and trend.points_per_week == 1.0 and trend.direction == "worse"


def test_one_day_has_no_trend() -> None:
    assert pain_trend({START: 5.0}, RULES) is None
    assert least_squares_slope([(3, 1.0), (3, 2.0)]) is None


@given(
    st.lists(st.tuples(st.integers(0, 27), st.floats(0, 10)), min_size=2, max_size=40),
    st.floats(-5, 5),
)
def test_adding_a_constant_does_not_change_the_slope(
    points: list[tuple[int, float]], shift: float
) -> None:
    slope = least_squares_slope(points)
    shifted = least_squares_slope([(x, y + shift) for x, y in points])
    if slope is None:
        assert shifted is None
    else:
        assert shifted == pytest.approx(slope, abs=1e-6)


def test_entries_a_few_days_apart_have_no_trend_yet() -> None:
    """Two ratings two days apart are not '-7 points a week': a trend needs two weeks."""
    assert pain_trend({START: 6.0, START + timedelta(days=2): 4.0}, RULES) is None
    assert pain_trend({START: 6.0, START + timedelta(days=13): 4.0}, RULES) is None
    assert pain_trend({START: 6.0, START + timedelta(days=14): 4.0}, RULES) is not None
