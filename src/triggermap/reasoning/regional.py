"""The pain drawing as evidence for a condition (ADR 0001, regional likelihood).

A drawing is a complete list of where it hurts. For a condition with typical regions R, core
regions C (a subset of R) and key regions K (with their own ratios), and painful regions S:

- no region of C hurts: the `no_typical_region` ratio (the drawing does not fit at all);
- otherwise the largest LR+ of the key regions that hurt, or, when none does, the LR- of each
  key region (the condition's usual territory is spared);
- each painful region outside R: the `outside_typical` ratio (it needs another explanation).

The first part never falls when a region is added and is never below `no_typical_region`; the
second falls by the same ratio for every condition that does not cover the added region, and
"none of these" covers everything. So adding a painful region outside a condition's typical
regions never raises that condition (a tested property). An empty drawing is unknown: no
regional evidence at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import EvidenceItem

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Condition, KeyRegions
    from triggermap.reasoning.findings import CaseFacts

NO_TYPICAL_REGION = "drawing:no_typical_region"
OUTSIDE_TYPICAL = "drawing:outside_typical_regions"


def key_regions(kb: KnowledgeBase, key: KeyRegions) -> frozenset[str]:
    """The regions a key finding names (a region, or a regions_any feature)."""
    prefix, _, target = key.finding.partition(":")
    if prefix == "region":
        return frozenset([target])
    regions = kb.features[target].regions_any
    assert regions is not None  # kb check: a key finding is a region or a regions_any feature
    return frozenset(regions)


def regional_evidence(facts: CaseFacts, kb: KnowledgeBase, condition: Condition) -> list[EvidenceItem]:
    painful = facts.regions
    if not painful:
        return []
    model = kb.model.differential.regional
    regions = condition.regions
    items = []
    if not painful.intersection(regions.core_regions):
        value = model.no_typical_region
        items.append(_item(NO_TYPICAL_REGION, "present", value.value, value.source, value))
    else:
        items += _key_items(kb, condition, painful)
    outside = sorted(painful.difference(regions.typical))
    if outside:
        value = model.outside_typical
        lr = value.value ** len(outside)
        note = f"Painful outside its typical regions: {', '.join(outside)}. {value.note or ''}"
        items.append(_item(OUTSIDE_TYPICAL, "present", lr, value.source, value, note.strip()))
    return items


def _key_items(kb: KnowledgeBase, condition: Condition, painful: frozenset[str]) -> list[EvidenceItem]:
    keys = condition.regions.key
    touched = [k for k in keys if painful.intersection(key_regions(kb, k))]
    if touched:
        best = max(touched, key=lambda k: k.lr_positive)  # the first of equals, in file order
        if best.lr_positive == 1.0:
            return []
        return [_item(best.finding, "present", best.lr_positive, best.source, best)]
    return [
        _item(k.finding, "absent", k.lr_negative, k.source, k) for k in keys if k.lr_negative != 1.0
    ]


def _item(
    finding: str,
    state: str,
    lr: float,
    source: str,
    cited: object,
    note: str | None = None,
) -> EvidenceItem:
    evidence = getattr(cited, "evidence")
    return EvidenceItem(
        finding=finding,
        state="present" if state == "present" else "absent",
        likelihood_ratio=round(lr, 4),
        source=source,
        evidence=evidence.value,
        note=note if note is not None else getattr(cited, "note"),
    )
