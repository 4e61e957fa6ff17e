"""When to check whether the plan is working, with dates counted from the day it was made.

Not clearly better after 2 weeks, or not gone after 6: see a clinician. Six weeks is the
duration of "failed conservative care" in the ACR low-back-pain criteria and NASS's Choosing
Wisely advice; two weeks is triggermap's earlier check (the same rule as progress escalation).
A plan that sends the person to care now has no self-care review: the clinician sets it.
"""

from __future__ import annotations

from datetime import date, timedelta

from triggermap.careplan.model import Review, ReviewCheck

REVIEW_CHECKS: tuple[tuple[int, str, str, str], ...] = (
    (2, "your pain is not clearly better", "see a clinician", "triggermap_estimate"),
    (6, "your pain has not gone", "see a clinician", "acr_lbp_2021"),
)


def build_review(today: date, *, seek_care_now: bool) -> Review:
    checks = () if seek_care_now else tuple(_check(today, *spec) for spec in REVIEW_CHECKS)
    return Review(start=today.isoformat(), checks=checks)


def _check(today: date, weeks: int, condition: str, action: str, source: str) -> ReviewCheck:
    when = today + timedelta(weeks=weeks)
    return ReviewCheck(
        after_weeks=weeks, date=when.isoformat(), condition=condition, action=action, source=source
    )
