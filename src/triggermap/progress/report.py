"""The progress report: one person's diary, PEG and self-care turned into a judgement (pure).

`analyse_progress` takes frozen values and "today" and returns a frozen `ProgressReport`;
`ProgressReport.to_json()` is what `triggermap progress --json` prints (after any triage).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from triggermap.progress.adherence import Adherence, PlanInfo, measure_adherence
from triggermap.progress.change import PainChange, daily_pain, pain_change
from triggermap.progress.entries import DiaryEntry, PegScore, SelfCareSession
from triggermap.progress.escalation import Escalation, escalations
from triggermap.progress.red_flags import SavedAnswers, unseen_red_flags
from triggermap.progress.regions import RegionFrequency, first_and_latest
from triggermap.progress.thresholds import EPSILON, ProgressRules
from triggermap.progress.trend import Trend, pain_trend


@dataclass(frozen=True, slots=True)
class History:
    """Everything recorded about one person that progress reads, oldest first."""

    diary: tuple[DiaryEntry, ...] = ()
    peg: tuple[PegScore, ...] = ()
    sessions: tuple[SelfCareSession, ...] = ()
    plan: PlanInfo | None = None
    saved: tuple[SavedAnswers, ...] = ()  # what each saved assessment answered, oldest first


@dataclass(frozen=True, slots=True)
class PegChange:
    first: PegScore
    latest: PegScore
    points: float  # latest minus first score: negative is better


@dataclass(frozen=True, slots=True)
class ProgressReport:
    today: date
    first_day: date | None
    last_day: date | None
    days_since_last_entry: int | None
    weeks_followed: float
    diary_entries: int
    pain: PainChange | None
    trend: Trend | None
    peg: PegChange | None
    adherence: Adherence
    regions: tuple[RegionFrequency, RegionFrequency] | None
    escalations: tuple[Escalation, ...]
    red_flag_entries: tuple[DiaryEntry, ...]
    rules: ProgressRules  # the knowledge base's thresholds this report was judged by

    def improvement_threshold(self) -> float | None:
        """The pain at or below which the change counts as clearly better (Farrar 2001)."""
        if self.pain is None:
            return None
        baseline = self.pain.baseline
        # either criterion is enough (2 points or 30%), so the easier of the two is the line;
        # rounded down to one decimal, the precision of the weekly means it is compared with
        rules = self.rules
        line = max(0.0, baseline - rules.mcid_points, baseline * (1 - rules.mcid_fraction))
        return math.floor(line * 10 + EPSILON) / 10

    def to_json(self) -> dict[str, Any]:
        from triggermap.progress.report_json import report_to_json

        return report_to_json(self)


def analyse_progress(
    history: History,
    *,
    today: date,
    red_flags: frozenset[str],
    rules: ProgressRules,
    tz: tzinfo,
) -> ProgressReport:
    """Judge progress as of `today` (a day in the person's time zone `tz`); `red_flags` are
    the knowledge base's red-flag symptom ids, `rules` its progress thresholds
    (`ProgressRules.from_kb`)."""
    diary = [entry for entry in history.diary if entry.day <= today]
    daily = daily_pain(diary)
    change = pain_change(daily, rules)
    first_day, last_day = (min(daily), max(daily)) if daily else (None, None)
    weeks = (last_day - first_day).days / 7 if first_day and last_day else 0.0
    flagged = unseen_red_flags(diary, red_flags, history.saved, tz=tz)
    return ProgressReport(
        today=today,
        first_day=first_day,
        last_day=last_day,
        days_since_last_entry=(today - last_day).days if last_day else None,
        weeks_followed=round(weeks, 1),
        diary_entries=len(diary),
        pain=change,
        trend=pain_trend(daily, rules),
        peg=peg_change([p for p in history.peg if p.day <= today]),
        adherence=measure_adherence(diary, history.sessions, history.plan, today, tz=tz),
        regions=first_and_latest(diary),
        escalations=escalations(flagged, red_flags, change, weeks, rules),
        red_flag_entries=tuple(flagged),
        rules=rules,
    )


def peg_change(scores: Sequence[PegScore]) -> PegChange | None:
    if not scores:
        return None
    ordered = sorted(scores, key=lambda p: (p.day, p.recorded_at is not None, p.recorded_at))
    first, latest = ordered[0], ordered[-1]
    return PegChange(first, latest, round(latest.score - first.score, 2))
