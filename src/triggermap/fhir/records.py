"""A patient's FHIR record read back into a Case: the latest intake response, completed from
the Patient (age, sex) and the latest pain rating where the response is silent or older.

Pure: `today` comes in. Whatever cannot be read raises `InputError` naming the resource and the
field; a rating or a date that is merely odd is passed over, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError
from triggermap.fhir.dates import fhir_date, fhir_time
from triggermap.fhir.response import case_data_from_response
from triggermap.fhir.terminology import BODY_REGION, LOINC, SYSTEMS
from triggermap.reasoning.case import parse_case

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

OLDEST = datetime.min.replace(tzinfo=UTC)
PAIN_CODE = "72514-3"


@dataclass(frozen=True)
class RecordCase:
    case: Case
    intake_authored: str | None  # when the intake used was answered (None: no intake)
    rating_effective: str | None  # when the pain rating used was taken (None: none used)


def case_from_records(
    kb: KnowledgeBase,
    *,
    patient: dict[str, Any] | None,
    pain_ratings: list[dict[str, Any]],
    intake: list[dict[str, Any]],
    today: date,
) -> RecordCase:
    response = _latest(intake, "authored", today)
    # read once: the response's case completed from the Patient and the rating, then parsed
    data = case_data_from_response(response, kb) if response else {}
    authored = str(response.get("authored")) if response and response.get("authored") else None
    _fill_from_patient(data, patient or {}, today)
    ratings = [o for o in pain_ratings if _rating(o) is not None]
    rating = _latest(ratings, "effectiveDateTime", today)
    used = None
    if rating is not None and (
        authored is None
        or _newer(rating.get("effectiveDateTime"), authored, today)
        or "intensity" not in data.get("pain", {})
    ):
        used = str(rating.get("effectiveDateTime") or "") or None
        pain = data.setdefault("pain", {})
        pain["intensity"] = _rating(rating)
        regions = _regions(rating, kb)
        if regions and not pain.get("regions"):
            pain["regions"] = regions
    return RecordCase(parse_case(data, kb, where="record "), authored, used)


def _latest(resources: list[dict[str, Any]], field: str, today: date) -> dict[str, Any] | None:
    """The resource with the latest time in `field`; one whose time does not pass the date rule
    (missing, impossible, in the future) counts as the oldest, never as the latest."""
    if not resources:
        return None
    return max(resources, key=lambda r: _moment(r.get(field), today) or OLDEST)


def _newer(first: Any, second: str, today: date) -> bool:
    first_moment, second_moment = _moment(first, today), _moment(second, today)
    return first_moment is not None and (second_moment is None or first_moment > second_moment)


def _moment(value: Any, today: date) -> datetime | None:
    """A FHIR date or date and time by the one date rule, else None (passed over)."""
    end_of_today = datetime.combine(today, time.max, UTC)
    try:
        if isinstance(value, str) and "T" not in value:
            return datetime.combine(fhir_date(value, "time", today), time.min, UTC)
        return fhir_time(value, "time", end_of_today)
    except InputError:
        return None


def _fill_from_patient(data: dict[str, Any], patient: dict[str, Any], today: date) -> None:
    if "sex" not in data and patient.get("gender") in ("female", "male", "other", "unknown"):
        data["sex"] = patient["gender"]
    birth = patient.get("birthDate")
    if "age" in data or birth is None:
        return
    try:  # an impossible or future birth date gives no age: unknown, never guessed
        born = fhir_date(birth, "Patient.birthDate", today)
    except InputError:
        return
    age = today.year - born.year
    if len(birth) > 4 and (born.month, born.day) > (today.month, today.day):
        age -= 1
    if 0 <= age <= 120:
        data["age"] = age


def _rating(observation: dict[str, Any]) -> int | None:
    """A 0-10 pain rating (LOINC 72514-3) that is final or amended, else None."""
    codings = _list(_dict(observation.get("code")).get("coding"))
    coded = any(
        isinstance(c, dict) and c.get("system") == LOINC and c.get("code") == PAIN_CODE
        for c in codings
    )
    if not coded or observation.get("status") not in ("final", "amended", "corrected"):
        return None
    value = observation.get("valueInteger")
    if value is None:
        value = _dict(observation.get("valueQuantity")).get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        return None
    return int(value) if 0 <= value <= 10 else None


def _regions(observation: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    found = []
    for component in _list(observation.get("component")):
        concept = _dict(_dict(component).get("valueCodeableConcept"))
        for coding in _list(concept.get("coding")):
            if isinstance(coding, dict) and coding.get("system") == BODY_REGION:
                code = coding.get("code")
                if isinstance(code, str) and code in kb.regions and code not in found:
                    found.append(code)
    return found


def recorded_conditions(kb: KnowledgeBase, conditions: list[dict[str, Any]]) -> list[str]:
    """Names of the knowledge base's conditions already in the chart (matched by SNOMED CT or
    ICD-10-CM code), in knowledge order."""
    codes = set()
    for condition in conditions:
        for coding in _list(_dict(condition.get("code")).get("coding")):
            if isinstance(coding, dict) and isinstance(coding.get("code"), str):
                codes.add((str(coding.get("system")), coding["code"]))
    if not codes:  # the usual chart: nothing to look up for every condition
        return []
    return [
        entry.name
        for entry in kb.conditions.values()
        if any((SYSTEMS[c.system], c.code) in codes for c in entry.codes)
    ]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
