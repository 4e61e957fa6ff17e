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
from triggermap.progress.red_flags import UNSURE_NOTE


def red_flag_case(
    flagged: Sequence[DiaryEntry],
    latest_case: dict[str, Any] | None,
    assessed_on: date | None,
    *,
    today: date,
    context: Sequence[DiaryEntry] = (),
    earlier: Sequence[tuple[date, dict[str, Any]]] = (),
    birth_year: int | None = None,
    advance: bool = True,
) -> dict[str, Any]:
    """The case a person's triage judges as of `today` (spec/CASES.md JSON): the latest saved
    case; what earlier saved cases established that it leaves unknown (age, sex, side, a
    positive neurological finding: `earlier` newest first); the `flagged` symptoms present;
    the regions and the highest pain of the recent diary (`context`); the age from
    `birth_year` when no case gives one; and (with `advance`) the weeks since `assessed_on`."""
    unsure = [e for e in flagged if e.note == UNSURE_NOTE]
    case = with_diary_symptoms(latest_case or {}, [e for e in flagged if e.note != UNSURE_NOTE])
    for symptom in sorted({s for e in unsure for s in e.symptoms}):
        if symptom not in case.get("symptoms", []):  # "not sure" then, still not rechecked
            case["absent"] = [s for s in case.get("absent", []) if s != symptom]
            case["unsure"] = sorted({*case.get("unsure", []), symptom})
    _carry_unknowns(case, earlier, today)
    pain = dict(case.get("pain") or {})
    saved = pain.get("intensity")
    written = [*context, *(e for e in flagged if e not in context)]  # an open flag keeps its own
    pains = [e.pain for e in written] + ([saved] if isinstance(saved, int) else [])
    if pains:
        pain["intensity"] = max(pains)
    drawn = pain.get("regions")
    saved_regions: list[Any] = drawn if isinstance(drawn, list) else []
    regions = list(dict.fromkeys([*saved_regions, *(r for e in written for r in e.regions)]))
    if regions:
        pain["regions"] = regions
    case["pain"] = pain
    if not isinstance(case.get("age"), int) and birth_year is not None:
        case["age"] = max(0, today.year - birth_year)  # the age reached this year
    weeks = case.get("duration_weeks")
    if advance and isinstance(weeks, int | float) and assessed_on is not None:
        case["duration_weeks"] = round(weeks + max(0, (today - assessed_on).days) / 7, 1)
    return case


def _carry_unknowns(
    case: dict[str, Any], earlier: Sequence[tuple[date, dict[str, Any]]], today: date
) -> None:
    """Fill what the case leaves unknown from earlier cases, newest first: the newest case that
    recorded a field decides it (unknown is not absent: an assessment that did not ask or
    examine does not undo what one before found, and one that did closes it)."""
    exam = dict(case.get("exam") or {})
    neuro = dict(exam.get("neuro") or {})
    decided = set(neuro)
    for saved_on, old in earlier:
        if not isinstance(case.get("age"), int) and isinstance(old.get("age"), int):
            case["age"] = old["age"] + max(0, today.year - saved_on.year)
        for field in ("sex", "side"):  # "unknown" is not recorded
            if case.get(field) in (None, "unknown") and old.get(field) not in (None, "unknown"):
                case[field] = old[field]
        old_neuro = (old.get("exam") or {}).get("neuro") or {}
        for key, value in old_neuro.items() if isinstance(old_neuro, dict) else ():
            if key not in decided:
                decided.add(key)
                if value is True:
                    neuro[key] = True
    if neuro:
        exam["neuro"] = neuro
        case["exam"] = exam


def with_diary_symptoms(case_json: dict[str, Any], entries: Sequence[DiaryEntry]) -> dict[str, Any]:
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
