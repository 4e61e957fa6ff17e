"""Observations: a pain rating (LOINC 72514-3) and the PEG items and score (standards.md §1.2).

A rating is one number for the pain as a whole, so the regions where it hurts go in one
`component` each (the local region code with its SNOMED CT translation). `bodySite` carries the
SNOMED CT concept when every painful region maps to the same one (several buttock regions are
all "Buttock"), otherwise only its text; the side goes in the laterality extension on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from triggermap.fhir.terminology import (
    BODY_REGION,
    LATERALITY_EXTENSION,
    OBSERVATION_CATEGORY,
    OBSERVATION_CODE,
    UCUM,
    coding,
    local_coding,
    named_coding,
    reference,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.progress.entries import PegScore

SURVEY = {
    "coding": [local_coding(OBSERVATION_CATEGORY, "survey", "Survey")],
}
PAINFUL_REGION = local_coding(OBSERVATION_CODE, "painful-region", "Painful body region")
SIDES_CODED = ("left", "right", "bilateral")
PEG_ITEMS = (("pain", "peg_pain"), ("enjoyment", "peg_enjoyment"), ("activity", "peg_activity"))


def region_concept(kb: KnowledgeBase, region_id: str) -> dict[str, Any]:
    """One body-map region: the local code and, where the knowledge base has one, SNOMED CT."""
    region = kb.regions[region_id]
    codings = [local_coding(BODY_REGION, region.id, region.label)]
    if region.snomed is not None:
        codings.append(coding(region.snomed))
    return {"coding": codings, "text": region.label}


def body_site(kb: KnowledgeBase, regions: Sequence[str], side: str | None) -> dict[str, Any]:
    """The CodeableConcept of `Observation.bodySite` (empty when nothing is known)."""
    site: dict[str, Any] = {}
    codes = [kb.regions[r].snomed for r in regions]
    first = codes[0] if codes else None
    if first is not None and all(c is not None and c.code == first.code for c in codes):
        site["coding"] = [coding(first)]
    if regions:
        site["text"] = ", ".join(kb.regions[r].label for r in regions)
    if site and side in SIDES_CODED:
        laterality = {"coding": [named_coding(kb, side)]}
        site["extension"] = [{"url": LATERALITY_EXTENSION, "valueCodeableConcept": laterality}]
    return site


def pain_observation(
    kb: KnowledgeBase,
    *,
    observation_id: str,
    subject: dict[str, Any],
    rating: int,
    effective: str,
    regions: Sequence[str] = (),
    side: str | None = None,
    derived_from: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A 0-10 pain rating; `effective` is an ISO date or date-time."""
    observation = _survey(kb, observation_id, subject, "pain_severity", effective)
    observation["valueInteger"] = rating
    site = body_site(kb, regions, side)
    if site:
        observation["bodySite"] = site
    if regions:
        observation["component"] = [
            {"code": {"coding": [PAINFUL_REGION]}, "valueCodeableConcept": region_concept(kb, r)}
            for r in regions
        ]
    if derived_from:
        observation["derivedFrom"] = list(derived_from)
    return observation


def peg_observations(
    kb: KnowledgeBase, peg: PegScore, *, ids: Sequence[str], subject: dict[str, Any]
) -> list[dict[str, Any]]:
    """The three PEG items and their mean (Krebs 2009), the mean derived from the items.
    `ids` gives four resource ids: pain, enjoyment, activity, score."""
    effective = peg.day.isoformat()
    items = []
    for (field, key), item_id in zip(PEG_ITEMS, ids, strict=False):
        item = _survey(kb, item_id, subject, key, effective)
        item["valueInteger"] = getattr(peg, field)
        items.append(item)
    score = _survey(kb, ids[3], subject, "peg_score", effective)
    score["valueQuantity"] = {
        "value": peg.score,
        "unit": "{score}",
        "system": UCUM,
        "code": "{score}",
    }
    score["derivedFrom"] = [reference(item) for item in items]
    return [*items, score]


def _survey(
    kb: KnowledgeBase, observation_id: str, subject: dict[str, Any], key: str, effective: str
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": observation_id,
        "status": "final",
        "category": [SURVEY],
        "code": {"coding": [named_coding(kb, key)], "text": kb.codes[key].label},
        "subject": subject,
        "effectiveDateTime": effective,
    }
