"""CarePlan and ServiceRequest (standards.md §1.1).

R4 links each activity through `activity.reference` to a ServiceRequest (`activity.detail` is
gone in R5). An exercise follows the HL7 Physical Activity IG: SNOMED CT 229065009 "Exercise
therapy", intent `plan`, the person as performer, the dose as `occurrenceTiming` and in words
as `patientInstruction`. Referrals and imaging advice are ServiceRequests with intent
`proposal`: decision support proposes, a clinician orders. Nothing gets a code the knowledge
base does not hold: those requests are named in `code.text` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from triggermap.careplan.model import SELF_TREATMENT_KINDS
from triggermap.fhir.terminology import named_coding, reference, resource_id
from triggermap.render.dose_words import describe_dose

if TYPE_CHECKING:
    from triggermap.careplan.model import CarePlan, LeftOut, PlanItem, Referral
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Imaging

EXERCISE_KINDS = frozenset(
    {"self_release", "stretch", "strengthen", "proprioception", "activation"}
)
PRIORITY = {
    "emergency": "stat",
    "urgent": "urgent",
    "soon": "routine",
    "if_needed": "routine",
    "routine": "routine",
}


def build_care_plan(
    plan: CarePlan,
    kb: KnowledgeBase,
    *,
    key: str,
    subject: dict[str, Any],
    addresses: Sequence[dict[str, Any]],
    imaging: Imaging | None = None,
) -> list[dict[str, Any]]:
    """The CarePlan first, then its ServiceRequests (items, referrals, imaging advice)."""
    care_plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": resource_id(key, "CarePlan"),
        "status": "active",
        "intent": "plan",
        "title": "Care plan for buttock pain",
        "description": f"{plan.triage.summary} Decision support, not a diagnosis.",
        "subject": subject,
        "period": {"start": plan.review.start},
    }
    if addresses:
        care_plan["addresses"] = list(addresses)
    left_out = [_left_out_note(o) for o in plan.left_out]
    if left_out:
        care_plan["note"] = [{"text": text} for text in left_out]
    based_on = [reference(care_plan)]
    requests = [_item_request(i, kb, key, subject, based_on) for i in plan.items]
    requests += [
        _referral_request(r, f"{key}/referral/{index}", subject, based_on)
        for index, r in enumerate(plan.referrals)
    ]
    if imaging is not None and imaging.recommended:
        requests.append(_imaging_request(imaging, key, subject, based_on))
    if requests:
        care_plan["activity"] = [{"reference": reference(r)} for r in requests]
    return [care_plan, *requests]


def _request(
    key: str,
    role: str,
    subject: dict[str, Any],
    based_on: list[dict[str, Any]],
    intent: str,
    code: dict[str, Any],
) -> dict[str, Any]:
    return {
        "resourceType": "ServiceRequest",
        "id": resource_id(key, "ServiceRequest", role),
        "basedOn": based_on,
        "status": "active",
        "intent": intent,
        "code": code,
        "subject": subject,
    }


def _item_request(
    item: PlanItem,
    kb: KnowledgeBase,
    key: str,
    subject: dict[str, Any],
    based_on: list[dict[str, Any]],
) -> dict[str, Any]:
    code: dict[str, Any] = {"text": item.title}
    if item.kind in EXERCISE_KINDS:
        code["coding"] = [named_coding(kb, "exercise_therapy")]
    request = _request(key, f"item/{item.id}", subject, based_on, "plan", code)
    dose = describe_dose(item.dose, item.kind)
    instruction = " ".join(item.steps) + (f" Dose: {dose}." if dose else "")
    request["patientInstruction"] = instruction.strip() or item.title
    timing = _timing(item)
    if timing:
        request["occurrenceTiming"] = timing
    if item.kind in SELF_TREATMENT_KINDS:
        request["performer"] = [subject]
    notes = [f"Why: {item.why} Sources: {', '.join(item.sources)}."]
    notes += [f"Precaution: {p}" for p in item.precautions]
    request["note"] = [{"text": n} for n in notes]
    return request


def _left_out_note(left_out: LeftOut) -> str:
    instead = f" Instead: {left_out.instead}." if left_out.instead else ""
    return f"Left out for safety: {left_out.title} ({left_out.reason}; {left_out.source}).{instead}"


def _timing(item: PlanItem) -> dict[str, Any] | None:
    dose = item.dose
    if dose is None:
        return None
    if dose.times_per_day:
        repeat = {"frequency": dose.times_per_day, "period": 1, "periodUnit": "d"}
    elif dose.days_per_week:
        repeat = {"frequency": dose.days_per_week, "period": 1, "periodUnit": "wk"}
    else:
        return None
    return {"repeat": repeat}


def _referral_request(
    referral: Referral, key: str, subject: dict[str, Any], based_on: list[dict[str, Any]]
) -> dict[str, Any]:
    code = {"text": f"Referral: {referral.title}"}
    request = _request(key, referral.to, subject, based_on, "proposal", code)
    request["priority"] = PRIORITY[referral.urgency]
    if referral.why:
        request["reasonCode"] = [{"text": why} for why in referral.why]
    notes = [f"Not for this person: {o.title} ({o.reason}; {o.source})." for o in referral.not_for]
    if referral.sources:
        notes.append(f"Sources: {', '.join(referral.sources)}.")
    if notes:
        request["note"] = [{"text": n} for n in notes]
    return request


def _imaging_request(
    imaging: Imaging, key: str, subject: dict[str, Any], based_on: list[dict[str, Any]]
) -> dict[str, Any]:
    code = {"text": f"Imaging advised: {imaging.modality.replace('_', ' ')}"}
    request = _request(key, "imaging", subject, based_on, "proposal", code)
    request["priority"] = PRIORITY.get(imaging.urgency, "routine")
    reasons = [r for r in imaging.reasons if r.recommended]
    if reasons:
        request["reasonCode"] = [{"text": f"{r.reason} ({r.source})"} for r in reasons]
    return request
