"""A person's whole record as one Bundle: `triggermap export --format fhir` and
`GET /fhir/Patient/{id}/$everything`.

    Patient                    the person: no name; the pseudonymous label as an identifier
    QuestionnaireResponse      one per saved intake (a saved assessment's case)
    Observation                one per diary entry (LOINC 72514-3), and the three PEG items
                               and their mean (LOINC 75893-8, 91145-3, 91146-1, 91147-9)
    Condition                  the leading differential of the latest assessment
    CarePlan, ServiceRequest   the latest care plan, its items, referrals and imaging advice
    Device, Provenance         which triggermap and knowledge base wrote it

A record keeps its own id as the resource's id (ids are 12 or 32 letters and digits, valid
FHIR ids), so `fhir.person_import` reads every diary entry and score back with its id. A diary
entry's regions, symptoms and self-care flag are components of its Observation (local codes of
`https://triggermap.org/fhir/CodeSystem/observation`, docs/adr/0009-api.md), its note an
Annotation, the day `effectiveDateTime` and the moment it was written `issued`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from triggermap.fhir.bundle import collection
from triggermap.fhir.careplan import build_care_plan
from triggermap.fhir.conditions import build_condition, leading_conditions
from triggermap.fhir.observations import pain_observation, peg_observations
from triggermap.fhir.patient import build_patient
from triggermap.fhir.provenance import build_device, build_provenance
from triggermap.fhir.response import build_response
from triggermap.fhir.terminology import (
    FINDING,
    OBSERVATION_CODE,
    PERSON_LABEL,
    local_coding,
    reference,
    resource_id,
)
from triggermap.person.records import OutdatedRecord
from triggermap.reasoning.case import Case

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.person.records import PersonRecords, SavedAssessment
    from triggermap.progress.entries import DiaryEntry, PegScore

REPORTED_SYMPTOM = local_coding(OBSERVATION_CODE, "reported-symptom", "Symptom reported")
SELF_CARE_DONE = local_coding(OBSERVATION_CODE, "self-care-done", "Self-care done that day")
PEG_PARTS = ("pain", "enjoyment", "activity")


def person_bundle(
    records: PersonRecords, kb: KnowledgeBase, *, timestamp: datetime, kind: str = "collection"
) -> dict[str, Any]:
    """The Bundle of everything above; `kind` is `collection` (an export) or `searchset` (the
    answer of `$everything`)."""
    person = records.person
    patient = build_patient(person.id, sex=person.sex, birth_year=person.birth_year)
    patient["identifier"] = [{"system": PERSON_LABEL, "value": person.label}]
    subject = reference(patient)
    side = records.side()
    responses = {a.id: _response(a, kb, subject) for a in records.assessments if _readable(a)}
    resources = [patient, *responses.values()]
    resources += [diary_observation(e, kb, subject=subject, side=side) for e in records.diary]
    resources += [r for score in records.peg for r in peg_resources(score, kb, subject)]
    resources += _assessed(records, kb, subject, responses, side)
    device = build_device(kb)
    when = timestamp.isoformat()
    key = f"person/{person.id}"
    provenance = build_provenance(kb, key=key, targets=resources, device=device, recorded=when)
    bundle = collection(
        [*resources, device, provenance], bundle_id=resource_id(key, "Bundle"), timestamp=when
    )
    bundle["type"] = kind
    if kind == "searchset":
        bundle["total"] = 1
        for entry in bundle["entry"]:
            mode = "match" if entry["resource"] is patient else "include"
            entry["search"] = {"mode": mode}
    return bundle


def _readable(saved: SavedAssessment) -> bool:
    return isinstance(saved.case, Case)


def _response(saved: SavedAssessment, kb: KnowledgeBase, subject: dict[str, Any]) -> Any:
    assert isinstance(saved.case, Case)
    return build_response(
        saved.case,
        kb,
        response_id=saved.id,
        subject=subject,
        authored=saved.created_at.isoformat(),
    )


def _assessed(
    records: PersonRecords,
    kb: KnowledgeBase,
    subject: dict[str, Any],
    responses: dict[str, dict[str, Any]],
    side: str | None,
) -> list[dict[str, Any]]:
    """The Conditions of the latest readable assessment, and the latest plan addressing them."""
    latest = next(
        (a for a in reversed(records.assessments) if not isinstance(a.result, OutdatedRecord)),
        None,
    )
    conditions: list[dict[str, Any]] = []
    imaging = None
    if latest is not None and not isinstance(latest.result, OutdatedRecord):
        evidence = [reference(responses[latest.id])] if latest.id in responses else []
        conditions = [
            build_condition(
                result,
                status,
                kb,
                key=f"assessment/{latest.id}",
                side=side,
                subject=subject,
                evidence_detail=evidence,
            )
            for result, status in leading_conditions(latest.result, kb)
        ]
        imaging = latest.result.imaging
    saved_plan = records.latest_plan
    if saved_plan is None or isinstance(saved_plan.plan, OutdatedRecord):
        return conditions
    plan = build_care_plan(
        saved_plan.plan,
        kb,
        key=f"plan/{saved_plan.id}",
        subject=subject,
        addresses=[reference(c) for c in conditions],
        imaging=imaging,
    )
    return conditions + plan


def diary_observation(
    entry: DiaryEntry, kb: KnowledgeBase, *, subject: dict[str, Any], side: str | None
) -> dict[str, Any]:
    """One diary entry: its pain rating, where (components and bodySite), the symptoms felt,
    whether self-care was done, the note."""
    assert entry.id is not None
    observation = pain_observation(
        kb,
        observation_id=entry.id,
        subject=subject,
        rating=entry.pain,
        effective=entry.day.isoformat(),
        regions=entry.regions,
        side=side,
    )
    if entry.recorded_at is not None:
        observation["issued"] = entry.recorded_at.isoformat()
    components = observation.setdefault("component", [])
    for symptom in entry.symptoms:
        label = kb.symptoms[symptom].label if symptom in kb.symptoms else symptom
        finding = local_coding(FINDING, f"symptom:{symptom}", label)
        concept = {"coding": [finding], "text": label}
        components.append({"code": {"coding": [REPORTED_SYMPTOM]}, "valueCodeableConcept": concept})
    components.append({"code": {"coding": [SELF_CARE_DONE]}, "valueBoolean": entry.self_care})
    if entry.note:
        observation["note"] = [{"text": entry.note}]
    return observation


def peg_resources(
    score: PegScore, kb: KnowledgeBase, subject: dict[str, Any]
) -> list[dict[str, Any]]:
    """The three items (ids `{id}-pain`, ...) and the mean (the score's own id)."""
    assert score.id is not None
    ids = [f"{score.id}-{part}" for part in PEG_PARTS] + [score.id]
    observations = peg_observations(kb, score, ids=ids, subject=subject)
    if score.recorded_at is not None:
        for observation in observations:
            observation["issued"] = score.recorded_at.isoformat()
    return observations
