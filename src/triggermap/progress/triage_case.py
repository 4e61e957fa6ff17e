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
    flagged: list[DiaryEntry],
    latest_case: dict[str, Any] | None,
    assessed_on: date | None,
    *,
    advance: bool = True,
) -> dict[str, Any]:
    """A case (spec/CASES.md JSON) for `flagged` entries, newest last: the saved case with the
    entries' symptoms present, its painful regions joined by theirs, the higher of its pain and
    the latest entry's, and (with `advance`) the weeks since the assessment added."""
    case = with_diary_symptoms(latest_case or {}, flagged)
    latest = max(flagged, key=lambda e: (e.day, e.recorded_at is not None, e.recorded_at))
    pain = dict(case.get("pain") or {})
    saved = pain.get("intensity")
    pain["intensity"] = max(saved, latest.pain) if isinstance(saved, int) else latest.pain
    drawn = pain.get("regions")
    saved_regions: list[Any] = drawn if isinstance(drawn, list) else []
    regions = list(dict.fromkeys([*saved_regions, *(r for e in flagged for r in e.regions)]))
    if regions:
        pain["regions"] = regions
    case["pain"] = pain
    weeks = case.get("duration_weeks")
    if advance and isinstance(weeks, int | float) and assessed_on is not None:
        case["duration_weeks"] = round(weeks + max(0, (latest.day - assessed_on).days) / 7, 1)
    return case


def with_diary_symptoms(case_json: dict[str, Any], entries: list[DiaryEntry]) -> dict[str, Any]:
    """A copy of the case with the symptoms of `entries` present (taken out of `absent` and
    `unsure`)."""
    case: dict[str, Any] = copy.deepcopy(case_json)
    new = sorted({s for e in entries for s in e.symptoms})
    present = case.get("symptoms")
    case["symptoms"] = sorted(set(present if isinstance(present, list) else []) | set(new))
    for answered in ("absent", "unsure"):
        if isinstance(case.get(answered), list):
            case[answered] = [s for s in case[answered] if s not in new]
    return case
