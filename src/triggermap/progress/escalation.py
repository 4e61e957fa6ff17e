"""When tracking says "see a clinician" or "run triage now" (pure; red flags are results).

Rules, strongest first:
- a red flag no assessment has rechecked (progress.red_flags) -> run triage now;
- pain worse by 2 points or more than at baseline -> see a clinician;
- not resolved after 6 weeks -> see a clinician;
- not clearly better (no clinically important improvement) after 2 weeks -> see a clinician.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from triggermap.progress.change import PainChange
from triggermap.progress.entries import DiaryEntry
from triggermap.progress.thresholds import EPSILON, RED_FLAG_SOURCE, ProgressRules

Reason = Literal["red_flag", "worse", "not_resolved", "not_better"]
Action = Literal["run_triage", "see_clinician"]


@dataclass(frozen=True, slots=True)
class Escalation:
    reason: Reason
    action: Action
    message: str
    sources: tuple[str, ...]
    symptoms: tuple[str, ...] = field(default=())


def escalations(
    flagged: list[DiaryEntry],
    red_flags: frozenset[str],
    change: PainChange | None,
    weeks_followed: float,
    rules: ProgressRules,
) -> tuple[Escalation, ...]:
    found: list[Escalation] = []
    if flagged:
        found.append(_red_flag(flagged, red_flags))
    if change is not None:
        found.extend(_from_change(change, weeks_followed, rules))
    return tuple(found)


def _red_flag(flagged: list[DiaryEntry], red_flags: frozenset[str]) -> Escalation:
    symptoms = tuple(sorted({s for e in flagged for s in e.symptoms if s in red_flags}))
    days = ", ".join(sorted({e.day.isoformat() for e in flagged}))
    return Escalation(
        "red_flag",
        "run_triage",
        f"red-flag symptom not yet rechecked by an assessment ({', '.join(symptoms)} on "
        f"{days}): triage was run again at once; follow its advice first",
        (RED_FLAG_SOURCE,),
        symptoms,
    )


def _from_change(change: PainChange, weeks: float, rules: ProgressRules) -> list[Escalation]:
    if change.important_worsening:
        return [
            Escalation(
                "worse",
                "see_clinician",
                f"pain is worse by {change.points:g} points than at the start "
                f"({change.baseline:g} -> {change.current:g}): see a clinician",
                (rules.worse_source,),
            )
        ]
    if (
        weeks >= rules.not_resolved_weeks - EPSILON
        and change.current > rules.resolved_pain + EPSILON
    ):
        return [
            Escalation(
                "not_resolved",
                "see_clinician",
                f"{'better, but ' if change.important_improvement else ''}not resolved after "
                f"{rules.not_resolved_weeks} weeks (pain {change.current:g} in the latest "
                "week): see a clinician to reassess",
                (rules.not_resolved_source,),
            )
        ]
    if weeks >= rules.not_better_weeks - EPSILON and not change.important_improvement:
        return [
            Escalation(
                "not_better",
                "see_clinician",
                f"not clearly better after {rules.not_better_weeks} weeks ({change.baseline:g} "
                f"-> {change.current:g}; clearly better is {rules.mcid_points:g} points or "
                f"{rules.mcid_fraction:.0%} less): see a clinician",
                (rules.not_better_source, rules.mcid_source),
            )
        ]
    return []
