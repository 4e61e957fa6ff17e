"""The FHIRPath invariants of FHIR R4 (4.0.1) that `fhir.resources` does not check.

Each is (key, context, expression): the expression must be true on every node the context
path selects in the resource (`%resource` is the resource). Taken key by key from the R4
specification's constraints of the resources and data types triggermap emits (its `trace()`
calls dropped, and context paths written for untyped JSON); the best-practice warnings (dom-6,
que-0's name pattern) are left out. ele-1 (no empty element),
ext-1 and ref-1 are checked in Python by `fhir.validate`, over every element at once.
"""

from __future__ import annotations

Invariant = tuple[str, str, str]

DOMAIN_RESOURCE: tuple[Invariant, ...] = (
    ("dom-2", "%resource", "contained.contained.empty()"),
    (
        "dom-4",
        "%resource",
        "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()",
    ),
    ("dom-5", "%resource", "contained.meta.security.empty()"),
)

BY_TYPE: dict[str, tuple[Invariant, ...]] = {
    "Patient": (
        (
            "pat-1",
            "contact",
            "name.exists() or telecom.exists() or address.exists() or organization.exists()",
        ),
    ),
    "Observation": (
        ("obs-6", "%resource", "dataAbsentReason.empty() or value.empty()"),
        (
            "obs-7",
            "%resource",
            "value.empty() or component.code.where("
            "coding.intersect(%resource.code.coding).exists()).empty()",
        ),
        ("obs-3", "referenceRange", "low.exists() or high.exists() or text.exists()"),
    ),
    "Questionnaire": (
        (
            "que-1",
            "descendants().where(linkId.exists())",
            "(type='group' implies item.empty().not()) and (type='display' implies item.empty())",
        ),
        ("que-2", "%resource", "descendants().linkId.isDistinct()"),
        ("que-3", "descendants().where(linkId.exists())", "type!='display' or code.empty()"),
        (
            "que-4",
            "descendants().where(linkId.exists())",
            "answerOption.empty() or answerValueSet.empty()",
        ),
        (
            "que-5",
            "descendants().where(linkId.exists())",
            "(type='choice' or type='open-choice' or type='decimal' or type='integer' or "
            "type='date' or type='dateTime' or type='time' or type='string' or type='quantity') "
            "or (answerValueSet.empty() and answerOption.empty())",
        ),
        (
            "que-6",
            "descendants().where(linkId.exists())",
            "type!='display' or (required.empty() and repeats.empty())",
        ),
        (
            "que-8",
            "descendants().where(linkId.exists())",
            "(type!='group' and type!='display') or initial.empty()",
        ),
        ("que-9", "descendants().where(linkId.exists())", "type!='display' or readOnly.empty()"),
        (
            "que-10",
            "descendants().where(linkId.exists())",
            "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | "
            "'open-choice')) or maxLength.empty()",
        ),
        (
            "que-11",
            "descendants().where(linkId.exists())",
            "answerOption.empty() or initial.empty()",
        ),
        (
            "que-12",
            "descendants().where(linkId.exists())",
            "enableWhen.count() > 2 implies enableBehavior.exists()",
        ),
        ("que-13", "descendants().where(linkId.exists())", "repeats=true or initial.count() <= 1"),
    ),
    "QuestionnaireResponse": (
        (
            "qrs-1",
            "descendants().where(linkId.exists())",
            "(answer.exists() and item.exists()).not()",
        ),
        (
            "qrs-2",
            "%resource",
            "repeat(answer|item).select(item.where(answer.value.exists()).linkId.isDistinct())"
            ".allTrue()",
        ),
    ),
    "Condition": (
        (
            "con-3",
            "%resource",
            "clinicalStatus.exists() or verificationStatus.coding.where(system='http://terminology."
            "hl7.org/CodeSystem/condition-ver-status' and code = 'entered-in-error').exists() or "
            "category.select($this='problem-list-item').empty()",
        ),
        (
            "con-4",
            "%resource",
            "abatement.empty() or clinicalStatus.coding.where(system='http://terminology.hl7.org/"
            "CodeSystem/condition-clinical' and (code='resolved' or code='remission' or "
            "code='inactive')).exists()",
        ),
        (
            "con-5",
            "%resource",
            "verificationStatus.coding.where(system='http://terminology.hl7.org/CodeSystem/"
            "condition-ver-status' and code='entered-in-error').empty() or clinicalStatus.empty()",
        ),
        ("con-1", "stage", "summary.exists() or assessment.exists()"),
        ("con-2", "evidence", "code.exists() or detail.exists()"),
    ),
    "CarePlan": (("cpl-3", "activity", "detail.empty() or reference.empty()"),),
    "ServiceRequest": (
        ("prr-1", "%resource", "orderDetail.empty() or code.exists()"),
        ("tim-1", "occurrenceTiming.repeat", "duration.empty() or durationUnit.exists()"),
        ("tim-2", "occurrenceTiming.repeat", "period.empty() or periodUnit.exists()"),
        ("tim-4", "occurrenceTiming.repeat", "duration.exists() implies duration >= 0"),
        ("tim-5", "occurrenceTiming.repeat", "period.exists() implies period >= 0"),
        ("tim-6", "occurrenceTiming.repeat", "periodMax.empty() or period.exists()"),
        ("tim-8", "occurrenceTiming.repeat", "countMax.empty() or count.exists()"),
        ("tim-10", "occurrenceTiming.repeat", "timeOfDay.empty() or when.empty()"),
    ),
    "Bundle": (
        ("bdl-1", "%resource", "total.empty() or (type = 'searchset') or (type = 'history')"),
        ("bdl-2", "%resource", "entry.search.empty() or (type = 'searchset')"),
        (
            "bdl-3",
            "%resource",
            "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = "
            "'transaction' or %resource.type = 'history'))",
        ),
        (
            "bdl-4",
            "%resource",
            "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = "
            "'transaction-response' or %resource.type = 'history'))",
        ),
        (
            "bdl-7",
            "%resource",
            "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta."
            "versionId).isDistinct()",
        ),
        (
            "bdl-9",
            "%resource",
            "type = 'document' implies (identifier.system.exists() and identifier.value.exists())",
        ),
        ("bdl-10", "%resource", "type = 'document' implies timestamp.exists()"),
        ("bdl-5", "entry", "resource.exists() or request.exists() or response.exists()"),
        ("bdl-8", "entry", "fullUrl.contains('/_history/').not()"),
    ),
    "CodeSystem": (
        (
            "csd-1",
            "%resource",
            "concept.code.combine($this.descendants().concept.code).isDistinct()",
        ),
    ),
}

# data types, wherever they occur in a resource
DATA_TYPES: tuple[Invariant, ...] = (
    ("per-1", "%resource.period", "start.empty() or end.empty() or (start <= end)"),
)


def invariants_for(resource_type: str) -> tuple[Invariant, ...]:
    return DOMAIN_RESOURCE + BY_TYPE.get(resource_type, ()) + DATA_TYPES
