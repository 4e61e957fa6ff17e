"""When to check whether the plan is working, with dates counted from the day it was made.

Not clearly better after 2 weeks, or not gone after 6: see a clinician. Six weeks is the
duration of "failed conservative care" in the ACR low-back-pain criteria and NASS's Choosing
Wisely advice; two weeks is triggermap's earlier check (the same rule as progress escalation).
A plan that sends the person to care now has no self-care review: the clinician sets it.
"""

from __future__ import annotations

from datetime import date, timedelta

from triggermap.careplan.model import Review, ReviewCheck
from triggermap.progress.thresholds import (
    NOT_BETTER_SOURCE,
    NOT_BETTER_WEEKS,
    NOT_RESOLVED_SOURCES,
    NOT_RESOLVED_WEEKS,
)

REVIEW_CHECKS: tuple[tuple[int, str, str, str], ...] = (
    (NOT_BETTER_WEEKS, "your pain is not clearly better", "see a clinician", NOT_BETTER_SOURCE),
    (NOT_RESOLVED_WEEKS, "your pain has not gone", "see a clinician", NOT_RESOLVED_SOURCES[0]),
)


def build_review(today: date, *, seek_care_now: bool) -> Review:
    checks = () if seek_care_now else tuple(_check(today, *spec) for spec in REVIEW_CHECKS)
    return Review(start=today.isoformat(), checks=checks)


def _check(today: date, weeks: int, condition: str, action: str, source: str) -> ReviewCheck:
    when = today + timedelta(weeks=weeks)
    return ReviewCheck(
        after_weeks=weeks, date=when.isoformat(), condition=condition, action=action, source=source
    )
