"""Condition resources for the leading entries of the differential (standards.md §1.4).

The most probable condition is the working diagnosis (`provisional`); the next ones above
`LEADING_FLOOR`, up to `LEADING_MAX` in all, are `differential`, and so is every condition an
emergency or urgent triage rule points to, however improbable (it must be ruled out). Codes are
the knowledge base's (SNOMED CT and ICD-10-CM, each with its verification status there; an
unverified code is never in it); an ICD-10-CM code that names a side is chosen by the case's
side. Evidence lists the findings present, each pointing at the intake response.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from triggermap.fhir.terminology import (
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    FINDING,
    coding,
    local_coding,
    resource_id,
)
from triggermap.reasoning.assessment import seeks_care_now

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Code
    from triggermap.reasoning.assessment import Assessment, ConditionResult

LEADING_MAX = 3
LEADING_FLOOR = 0.10
SIDES = {"left": {"left"}, "right": {"right"}, "bilateral": {"bilateral"}}


def leading_conditions(assessment: Assessment, kb: KnowledgeBase) -> list[tuple[Any, str]]:
    """(condition result, verification status) for the conditions worth recording, in order."""
    ranked = list(assessment.conditions)
    leading = [c for c in ranked[:LEADING_MAX] if c.probability >= LEADING_FLOOR] or ranked[:1]
    suspects = {
        suspect
        for reason in assessment.triage.reasons
        if seeks_care_now(reason.level)
        for suspect in kb.triage_rules[reason.rule].suspects
    }
    chosen = leading + [c for c in ranked if c.id in suspects and c not in leading]
    return [(c, "provisional" if c is ranked[0] else "differential") for c in chosen]


def condition_codes(codes: Sequence[Code], side: str | None) -> list[dict[str, str]]:
    """Every unlateralised code, and the lateralised ones that fit the side: for both sides
    the bilateral code, or the left and right ones where there is none; else 'unspecified'."""
    lateral = [c for c in codes if c.laterality is not None]
    wanted = SIDES.get(side or "", {"unspecified"})
    if side == "bilateral" and not any(c.laterality == "bilateral" for c in lateral):
        wanted = {"left", "right"}
    return [coding(c) for c in codes if c.laterality is None or c.laterality in wanted]


def build_condition(
    result: ConditionResult,
    verification: str,
    kb: KnowledgeBase,
    *,
    key: str,
    side: str | None,
    subject: dict[str, Any],
    evidence_detail: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    entry = kb.conditions[result.id]
    code: dict[str, Any] = {"text": entry.name}
    codings = condition_codes(entry.codes, side)
    if codings:
        code["coding"] = codings
    condition: dict[str, Any] = {
        "resourceType": "Condition",
        "id": resource_id(key, "Condition", result.id),
        "clinicalStatus": {"coding": [local_coding(CONDITION_CLINICAL, "active", "Active")]},
        "verificationStatus": {"coding": [_verification(verification)]},
        "category": [
            {
                "coding": [
                    local_coding(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")
                ]
            }
        ],
        "code": code,
        "subject": subject,
        "note": [{"text": _probability_note(result)}],
    }
    evidence = _evidence(result, kb, evidence_detail)
    if evidence:
        condition["evidence"] = evidence
    return condition


def _verification(status: str) -> dict[str, str]:
    return local_coding(CONDITION_VERIFICATION, status, status.capitalize())


def _probability_note(result: ConditionResult) -> str:
    return (
        f"triggermap estimate: probability {result.probability:.2f} "
        f"(pretest {result.pretest:.2f}, {result.pretest_population}; "
        f"source {result.pretest_source}). "
        "Decision support, not a diagnosis."
    )


def _evidence(
    result: ConditionResult, kb: KnowledgeBase, detail: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    from triggermap.render.labels import atom_label

    present = [e for e in result.evidence if e.state == "present"]
    out = []
    for item in present:
        finding = local_coding(FINDING, item.finding, atom_label(kb, item.finding))
        entry: dict[str, Any] = {"code": [{"coding": [finding], "text": finding["display"]}]}
        if detail:
            entry["detail"] = list(detail)
        out.append(entry)
    return out
