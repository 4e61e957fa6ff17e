"""The pain drawing as evidence for a condition (ADR 0001, regional likelihood).

A drawing is a complete list of where it hurts. For a condition with typical regions R, core
regions C (a subset of R) and key regions K (with their own ratios), and painful regions S:

- no region of C hurts: the `no_typical_region` ratio (the drawing does not fit at all);
- otherwise the largest LR+ of the key regions that hurt, or, when none does, the LR- of each
  key region (the condition's usual territory is spared);
- each painful region outside R: the `outside_typical` ratio (it needs another explanation).

The drawing is read with the regions a reported symptom implies (`drawn_regions`).

The first part never falls when a region is added and is never below `no_typical_region`; the
second falls by the same ratio for every condition that does not cover the added region, and
"none of these" covers everything. So adding a painful region outside a condition's typical
regions never raises that condition (a tested property). An empty drawing is unknown: no
regional evidence at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import EvidenceItem, shown_ratio

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Cited, Condition, KeyRegions
    from triggermap.reasoning.findings import CaseFacts

NO_TYPICAL_REGION = "drawing:no_typical_region"
OUTSIDE_TYPICAL = "drawing:outside_typical_regions"


def key_regions(kb: KnowledgeBase, key: KeyRegions) -> frozenset[str]:
    """The regions a key finding names (a region, or a regions_any feature)."""
    return feature_regions(kb, key.finding)


def drawn_regions(facts: CaseFacts, kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """(the drawing as the conditions read it, the regions whose pain is unknown).

    The painful regions, plus the region a reported symptom puts pain in (pain down the leg
    passes through the back of the thigh); where that symptom's pain may reach is unknown when
    none of those regions is drawn. Both empty when nothing was drawn (the drawing is unknown).
    """
    painful = facts.regions
    if not painful:
        return painful, painful
    drawn, unknown = set(painful), set[str]()
    for implied in kb.model.differential.regional.implied:
        if facts.atom(implied.finding) is True:
            drawn.add(implied.region)
            reach = feature_regions(kb, implied.reaches)
            if painful.isdisjoint(reach):
                unknown |= reach
    return frozenset(drawn), frozenset(unknown - drawn)


def feature_regions(kb: KnowledgeBase, atom: str) -> frozenset[str]:
    """The regions a region atom or a regions_any feature names."""
    prefix, _, target = atom.partition(":")
    if prefix == "region":
        return frozenset([target])
    regions = kb.features[target].regions_any
    assert regions is not None  # kb check: only regions_any features name regions
    return frozenset(regions)


def regional_evidence(
    facts: CaseFacts, kb: KnowledgeBase, condition: Condition
) -> list[EvidenceItem]:
    painful, unknown = drawn_regions(facts, kb)
    if not painful:
        return []
    model = kb.model.differential.regional
    regions = condition.regions
    items = []
    if not painful.intersection(regions.core_regions):
        value = model.no_typical_region
        items.append(_item(NO_TYPICAL_REGION, "present", value.value, value.source, value))
    else:
        items += _key_items(kb, condition, painful, unknown)
    outside = sorted(painful.difference(regions.typical))
    if outside:
        value = model.outside_typical
        lr = value.value ** len(outside)
        note = f"Painful outside its typical regions: {', '.join(outside)}. {value.note or ''}"
        items.append(_item(OUTSIDE_TYPICAL, "present", lr, value.source, value, note.strip()))
    return items


def _key_items(
    kb: KnowledgeBase, condition: Condition, painful: frozenset[str], unknown: frozenset[str]
) -> list[EvidenceItem]:
    keys = condition.regions.key
    touched = [k for k in keys if painful.intersection(key_regions(kb, k))]
    if touched:
        best = max(touched, key=lambda k: k.lr_positive)  # the first of equals, in file order
        if best.lr_positive == 1.0:
            return []
        return [_item(best.finding, "present", best.lr_positive, best.source, best)]
    return [
        _item(k.finding, "absent", k.lr_negative, k.source, k)
        for k in keys
        if k.lr_negative != 1.0 and not key_regions(kb, k) <= unknown
    ]


def _item(
    finding: str,
    state: str,
    lr: float,
    source: str,
    cited: Cited,
    note: str | None = None,
) -> EvidenceItem:
    evidence = cited.evidence
    return EvidenceItem(
        finding=finding,
        state="present" if state == "present" else "absent",
        likelihood_ratio=shown_ratio(lr),
        source=source,
        evidence=evidence.value,
        note=note if note is not None else cited.note,
    )
