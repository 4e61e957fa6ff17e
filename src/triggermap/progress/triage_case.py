"""The case to triage again when a diary entry reports a red flag (pure).

It starts from the person's latest assessed case (its history, exam and answers stay true) and
adds what the diary says now: the new symptoms (taken out of `absent` and `unsure`), the pain
and regions of the latest flagged entry, and the weeks that have passed since.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from triggermap.progress.entries import DiaryEntry


def red_flag_case(
    flagged: list[DiaryEntry], latest_case: dict[str, Any] | None, assessed_on: date | None
) -> dict[str, Any]:
    """A case (spec/CASES.md JSON) for `flagged` entries, newest last."""
    case = with_diary_symptoms(latest_case or {}, flagged)
    latest = max(flagged, key=lambda e: (e.day, e.recorded_at is not None, e.recorded_at))
    pain = dict(case.get("pain", {}))
    pain["intensity"] = latest.pain
    if latest.regions:
        pain["regions"] = list(latest.regions)
    case["pain"] = pain
    weeks = case.get("duration_weeks")
    if isinstance(weeks, int | float) and assessed_on is not None:
        case["duration_weeks"] = round(weeks + max(0, (latest.day - assessed_on).days) / 7, 1)
    return case


def with_diary_symptoms(case_json: dict[str, Any], entries: list[DiaryEntry]) -> dict[str, Any]:
    """A copy of the case with the symptoms of `entries` present (taken out of `absent` and
    `unsure`): what a plan or session for the person must not ignore."""
    case: dict[str, Any] = copy.deepcopy(case_json)
    new = sorted({s for e in entries for s in e.symptoms})
    present = case.get("symptoms")
    case["symptoms"] = sorted(set(present if isinstance(present, list) else []) | set(new))
    for answered in ("absent", "unsure"):
        if isinstance(case.get(answered), list):
            case[answered] = [s for s in case[answered] if s not in new]
    return case
