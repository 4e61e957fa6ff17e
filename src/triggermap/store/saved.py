"""Stored cases, results and plans parsed once, where they leave the store, into typed values.

A record today's knowledge base no longer reads becomes an `OutdatedRecord`; what a person's
triage must not lose from it is read as far as it can be: the symptoms its case answered, the
level its result gave (a stored result that does not read whole still gives its level), how
often its plan asked for self-care.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from triggermap.errors import CaseError
from triggermap.kb.levels import LEVEL_RANK
from triggermap.person.records import OutdatedRecord, SavedAssessment, SavedPlan
from triggermap.progress.red_flags import SavedAnswers
from triggermap.reasoning.assessment import Assessment, Triage

if TYPE_CHECKING:
    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case


def saved_assessment(
    *,
    id: str,
    created_at: datetime,
    knowledge_version: str,
    case: Any,
    result: Any,
    kb: KnowledgeBase,
) -> SavedAssessment:
    parsed = read_result(result)
    triage = parsed.triage if isinstance(parsed, Assessment) else stored_triage(result)
    return SavedAssessment(
        id=id,
        created_at=created_at,
        knowledge_version=knowledge_version,
        case=read_case(case, kb),
        result=parsed,
        answers=answers_of(case, created_at),
        triage=triage,
    )


def saved_plan(
    *, id: str, version: int, created_at: datetime, knowledge_version: str, plan: Any
) -> SavedPlan:
    return SavedPlan(
        id=id,
        version=version,
        created_at=created_at,
        knowledge_version=knowledge_version,
        plan=read_plan(plan),
        sessions_per_week=planned_sessions_per_week(plan if isinstance(plan, Mapping) else {}),
    )


def read_case(data: Any, kb: KnowledgeBase) -> Case | OutdatedRecord:
    from triggermap.reasoning.case import parse_case

    try:
        return parse_case(data, kb)
    except CaseError as exc:
        return OutdatedRecord(f"case: {exc}")


def read_result(data: Any) -> Assessment | OutdatedRecord:
    try:
        return Assessment.from_json(data)
    except ValidationError as exc:
        return OutdatedRecord(f"result: {_first_error(exc)}")


def read_plan(data: Any) -> CarePlan | OutdatedRecord:
    from triggermap.careplan.model import plan_from_json

    try:
        return plan_from_json(data)
    except ValidationError as exc:
        return OutdatedRecord(f"plan: {_first_error(exc)}")


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "document"
    return f"{where}: {error['msg']}"


def stored_triage(result: Any) -> Triage | None:
    """The triage a stored result holds, read as far as it can be: whole, or its level alone."""
    raw = result.get("triage") if isinstance(result, Mapping) else None
    if not isinstance(raw, Mapping):
        return None
    try:
        return Triage.from_json(raw)
    except ValueError:
        level = raw.get("level")
        if level not in LEVEL_RANK:
            return None
        return Triage(
            level=level,
            summary=f"The latest saved assessment was {level.replace('_', ' ')} (its details "
            "could not be read).",
            reasons=[],
            screening_complete=False,
            unanswered=[],
        )


def answers_of(case: Any, at: datetime) -> SavedAnswers:
    """What a stored case said about symptoms, read as far as it can be."""
    data: Mapping[str, Any] = case if isinstance(case, Mapping) else {}

    def ids(part: str) -> frozenset[str]:
        value = data.get(part)
        return (
            frozenset(s for s in value if isinstance(s, str))
            if isinstance(value, list)
            else frozenset()
        )

    raw_pain = data.get("pain")
    pain: Mapping[str, Any] = raw_pain if isinstance(raw_pain, Mapping) else {}
    intensity = pain.get("intensity")
    raw_regions = pain.get("regions")
    regions: list[Any] = raw_regions if isinstance(raw_regions, list) else []
    reported = ids("symptoms") | ids("unsure")
    return SavedAnswers(
        at=at,
        unsure=ids("unsure"),
        answered=reported | ids("absent"),
        reported=reported,
        pain=intensity if isinstance(intensity, int) and not isinstance(intensity, bool) else None,
        regions=tuple(r for r in regions if isinstance(r, str)),
    )


def planned_sessions_per_week(plan: Mapping[str, Any]) -> float | None:
    """Self-care days a week that a care plan's JSON asks for: `sessions_per_week` when the
    plan states it, else the most frequent item's dose (`days_per_week`, or 7 for an item done
    `times_per_day`). Education and professional items have no dose and do not count."""
    value = _positive(plan.get("sessions_per_week"))
    if value is not None:
        return min(value, 7.0)
    items = plan.get("items") or []
    rates = [_item_rate(item) for item in items if isinstance(item, Mapping)]
    known = [rate for rate in rates if rate is not None]
    return max(known) if known else None


def _item_rate(item: Mapping[str, Any]) -> float | None:
    dose = item.get("dose")
    if not isinstance(dose, Mapping):
        return None
    per_week = _positive(dose.get("days_per_week"))
    if per_week is not None:
        return min(per_week, 7.0)
    return 7.0 if _positive(dose.get("times_per_day")) is not None else None


def _positive(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return float(value)
