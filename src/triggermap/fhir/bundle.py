"""One assessed case as a collection Bundle: Patient, the intake response, the pain rating,
the leading Conditions, the CarePlan with its ServiceRequests, and their Provenance.

Every id derives from the case's key (its `id`, else a hash of its JSON) and the resource's
role, so the same case gives the same Bundle (a golden file, a re-export).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from triggermap.fhir.careplan import build_care_plan
from triggermap.fhir.conditions import build_condition, leading_conditions
from triggermap.fhir.observations import pain_observation
from triggermap.fhir.patient import build_patient
from triggermap.fhir.provenance import build_device, build_provenance
from triggermap.fhir.response import build_response
from triggermap.fhir.terminology import full_url, reference, resource_id

if TYPE_CHECKING:
    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case


def case_key(case: Case) -> str:
    if case.id:
        return f"case/{case.id}"
    text = json.dumps(case.to_json(), sort_keys=True)
    return "case-sha256/" + hashlib.sha256(text.encode()).hexdigest()[:16]


def case_bundle(
    case: Case,
    assessment: Assessment,
    plan: CarePlan | None,
    kb: KnowledgeBase,
    *,
    recorded: datetime,
) -> dict[str, Any]:
    """`recorded` (aware) is when the case was assessed: the response's `authored`, the
    rating's `effective`, the Provenance's `recorded`."""
    key = case_key(case)
    when = recorded.isoformat()
    patient = build_patient(resource_id(key, "Patient"), sex=case.sex)
    subject = reference(patient)
    response = build_response(
        case,
        kb,
        response_id=resource_id(key, "QuestionnaireResponse"),
        subject=subject,
        authored=when,
    )
    resources = [patient, response]
    if case.pain.intensity is not None:
        resources.append(
            pain_observation(
                kb,
                observation_id=resource_id(key, "Observation", "pain"),
                subject=subject,
                rating=case.pain.intensity,
                effective=when,
                regions=case.pain.regions,
                side=case.side,
                derived_from=[reference(response)],
            )
        )
    conditions = [
        build_condition(
            result,
            status,
            kb,
            key=key,
            side=case.side,
            subject=subject,
            evidence_detail=[reference(response)],
        )
        for result, status in leading_conditions(assessment, kb)
    ]
    resources += conditions
    if plan is not None:
        resources += build_care_plan(
            plan,
            kb,
            key=key,
            subject=subject,
            addresses=[reference(c) for c in conditions],
            imaging=assessment.imaging,
        )
    device = build_device(kb)
    provenance = build_provenance(kb, key=key, targets=resources, device=device, recorded=when)
    return collection(
        [*resources, device, provenance], bundle_id=resource_id(key, "Bundle"), timestamp=when
    )


def collection(
    resources: list[dict[str, Any]], *, bundle_id: str, timestamp: str
) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "type": "collection",
        "timestamp": timestamp,
        "entry": [{"fullUrl": full_url(r), "resource": r} for r in resources],
    }
