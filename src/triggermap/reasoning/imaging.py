"""Imaging: recommend or advise against, with modality and reasons, from the imaging rules.

The recommendation is the highest-priority rule that recommends imaging, with every fired rule
that recommends imaging as a reason; when none does, the advice is not to image, with the
rules that say so. A "no imaging without warning signs" rule never stands beside a scan that
warning signs call for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import Imaging, ImagingReason

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.findings import CaseFacts


def recommend_imaging(facts: CaseFacts, kb: KnowledgeBase) -> Imaging:
    fired = [r for r in kb.imaging_rules.values() if facts.expr(r.when) is True]
    fired.sort(key=lambda r: (-r.priority, r.id))
    chosen = next((r for r in fired if r.recommended), None)
    agreeing = [r for r in fired if r.recommended == (chosen is not None)]
    reasons = [
        ImagingReason(
            rule=r.id,
            recommended=r.recommended,
            modality=r.modality,
            reason=r.reason,
            source=r.source,
        )
        for r in agreeing
    ]
    if chosen is None:
        return Imaging(recommended=False, modality="none", urgency="none", reasons=reasons)
    return Imaging(
        recommended=True, modality=chosen.modality, urgency=chosen.urgency, reasons=reasons
    )
