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
    case: dict[str, Any] = copy.deepcopy(latest_case) if latest_case else {}
    latest = max(flagged, key=lambda e: (e.day, e.recorded_at is not None, e.recorded_at))
    new = sorted({s for e in flagged for s in e.symptoms})
    case["symptoms"] = sorted(set(case.get("symptoms", [])) | set(new))
    for answered in ("absent", "unsure"):
        if answered in case:
            case[answered] = [s for s in case[answered] if s not in new]
    pain = dict(case.get("pain", {}))
    pain["intensity"] = latest.pain
    if latest.regions:
        pain["regions"] = list(latest.regions)
    case["pain"] = pain
    weeks = case.get("duration_weeks")
    if isinstance(weeks, int | float) and assessed_on is not None:
        case["duration_weeks"] = round(weeks + max(0, (latest.day - assessed_on).days) / 7, 1)
    return case
