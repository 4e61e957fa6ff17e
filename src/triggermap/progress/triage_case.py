"""The case to triage again when a person's records hold a red flag no assessment rechecked
(pure).

It starts from the person's latest assessed case (its history, exam and answers stay true) and
adds what the records say since: the flags (taken out of `absent` and `unsure`), every region
drawn in the diary around them, the highest pain written, the person's age from their year of
birth when the case has none, and (with `advance`) the weeks that have passed.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date
from typing import Any

from triggermap.progress.entries import DiaryEntry


def red_flag_case(
    flagged: list[DiaryEntry],
    latest_case: dict[str, Any] | None,
    assessed_on: date | None,
    *,
    context: Sequence[DiaryEntry] = (),
    birth_year: int | None = None,
    advance: bool = True,
) -> dict[str, Any]:
    """A case (spec/CASES.md JSON) for `flagged` entries: the saved case with their symptoms
    present, its regions joined by those of the flagged and `context` entries, the highest of
    its pain and theirs, and the age from `birth_year` when the case gives none."""
    case = with_diary_symptoms(latest_case or {}, flagged)
    written = [*flagged, *context]
    newest = max(flagged, key=lambda e: (e.day, e.recorded_at is not None, e.recorded_at))
    pain = dict(case.get("pain") or {})
    saved = pain.get("intensity")
    pains = [e.pain for e in written] + ([saved] if isinstance(saved, int) else [])
    pain["intensity"] = max(pains)
    drawn = pain.get("regions")
    saved_regions: list[Any] = drawn if isinstance(drawn, list) else []
    regions = list(dict.fromkeys([*saved_regions, *(r for e in written for r in e.regions)]))
    if regions:
        pain["regions"] = regions
    case["pain"] = pain
    if not isinstance(case.get("age"), int) and birth_year is not None:
        case["age"] = max(0, newest.day.year - birth_year)  # the age reached that year
    weeks = case.get("duration_weeks")
    if advance and isinstance(weeks, int | float) and assessed_on is not None:
        case["duration_weeks"] = round(weeks + max(0, (newest.day - assessed_on).days) / 7, 1)
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
