"""When to check whether the plan is working, with dates counted from the day it was made.

Not clearly better after 2 weeks, or not gone after 6: see a clinician. Six weeks is the
duration of "failed conservative care" in the ACR low-back-pain criteria and NASS's Choosing
Wisely advice; two weeks is triggermap's earlier check (the same rule as progress escalation).
A plan that sends the person to care now has no self-care review: the clinician sets it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from triggermap.careplan.model import Review, ReviewCheck

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase


def build_review(today: date, *, seek_care_now: bool, kb: KnowledgeBase) -> Review:
    """The checks' weeks and sources are the knowledge base's progress thresholds."""
    if seek_care_now:
        return Review(start=today.isoformat(), checks=())
    t = kb.thresholds.progress
    specs = (
        (t.not_better_weeks, "your pain is not clearly better"),
        (t.not_resolved_weeks, "your pain has not gone"),
    )
    checks = tuple(
        _check(today, limit.value, condition, "see a clinician", limit.source)
        for limit, condition in specs
    )
    return Review(start=today.isoformat(), checks=checks)


def _check(today: date, weeks: int, condition: str, action: str, source: str) -> ReviewCheck:
    when = today + timedelta(weeks=weeks)
    return ReviewCheck(
        after_weeks=weeks, date=when.isoformat(), condition=condition, action=action, source=source
    )
