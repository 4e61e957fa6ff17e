"""Which muscles: rank trigger-point candidates by how well they explain the case.

The model (ADR 0001, "muscle model"):

1. **Pain drawing.** Each trigger point of a muscle is a noisy generator of pain regions:
   an essential-zone region hurts with probability P_ESSENTIAL, a spillover region with
   P_SPILLOVER, any other region with P_OTHER; a region hurts for other reasons with the
   background rate P_BACKGROUND. The drawing's log likelihood ratio for one trigger point sums
   over painful regions log(p/b) and over regions left pain-free log((1-p)/(1-b)); a muscle is
   the mixture (mean likelihood) of its trigger points, so a composite map does not punish a
   person for having only one trigger point. With these parameters a painful region no
   pattern covers counts against a muscle (log 0.12/0.15) far less than a covered painful
   region counts for it (log 0.60/0.15), and an essential zone left pain-free counts against
   it more than an uncovered painful region does: other muscles may explain the latter.
2. **Symptoms and history** the knowledge base links to the muscle multiply modest factors.
3. **Palpation** of the muscle itself multiplies large factors, so it dominates when present.

`score` is the resulting probability with a prior of PRIOR per muscle (muscles are not
mutually exclusive). All factors are expert estimates (see the sources named per factor).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import Combination, MuscleEvidence, MuscleResult

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Muscle
    from triggermap.reasoning.findings import CaseFacts

P_ESSENTIAL = 0.60
P_SPILLOVER = 0.35
P_OTHER = 0.12
P_BACKGROUND = 0.15
PRIOR = 0.15
SYMPTOM_LR = (1.5, 0.85)  # (present, absent) for a symptom linked to the muscle
HISTORY_LR = 1.3  # a linked activating or perpetuating factor in the history
PALPATION_LR: dict[str, tuple[float, float]] = {  # finding -> (true, false)
    "taut_band": (3.0, 0.5),
    "tender_spot": (2.0, 0.4),
    "referred_pain": (4.0, 0.7),
    "twitch_response": (3.0, 1.0),
    "jump_sign": (1.5, 0.9),
}
PALPATION_SOURCE = "fernandez_de_las_penas_2018"
LINK_SOURCE = "triggermap_estimate"
COMBINATION_FLOOR = 0.2  # muscles below this score are not offered in a combination


@dataclass(frozen=True)
class MusclePattern:
    """One muscle's referral zones, precomputed per knowledge base."""

    muscle: Muscle
    zones: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (essential, spillover) per TrP
    covered: frozenset[str]
    history: frozenset[str]


def muscle_patterns(kb: KnowledgeBase) -> tuple[MusclePattern, ...]:
    patterns = []
    for muscle in kb.muscles.values():
        zones = tuple(
            (frozenset(tp.essential), frozenset(tp.spillover) - frozenset(tp.essential))
            for tp in muscle.referral.trigger_points
        )
        covered = frozenset().union(*(e | s for e, s in zones))
        factors = [*muscle.activating_factors, *muscle.perpetuating_factors]
        history = frozenset(f.history for f in factors if f.history)
        patterns.append(MusclePattern(muscle, zones, covered, history))
    return tuple(patterns)


def rank_muscles(
    facts: CaseFacts, patterns: tuple[MusclePattern, ...], all_regions: frozenset[str]
) -> list[MuscleResult]:
    results = [_score(facts, p, all_regions) for p in patterns]
    results.sort(key=lambda r: (-r.score, r.id))
    return results


def _score(facts: CaseFacts, pattern: MusclePattern, all_regions: frozenset[str]) -> MuscleResult:
    painful = facts.regions
    llr = drawing_llr(pattern, painful, all_regions) if painful else 0.0
    evidence = [_drawing_evidence(pattern, llr, painful)] if painful else []
    for symptom in pattern.muscle.symptoms:
        state = facts.symptom(symptom)
        if state is not None:
            lr = SYMPTOM_LR[0] if state else SYMPTOM_LR[1]
            llr += math.log(lr)
            evidence.append(
                MuscleEvidence(
                    finding=f"symptom:{symptom}" + ("" if state else " (denied)"),
                    likelihood_ratio=lr,
                    source=LINK_SOURCE,
                )
            )
    for item in sorted(pattern.history & facts.history):
        llr += math.log(HISTORY_LR)
        evidence.append(
            MuscleEvidence(
                finding=f"history:{item}", likelihood_ratio=HISTORY_LR, source=LINK_SOURCE
            )
        )
    palpation = facts.case.exam.palpation.get(pattern.muscle.id, {})
    for finding, value in sorted(palpation.items()):
        lr = PALPATION_LR[finding][0 if value else 1]
        llr += math.log(lr)
        evidence.append(
            MuscleEvidence(
                finding=f"palpation:{pattern.muscle.id}.{finding}" + ("" if value else " (absent)"),
                likelihood_ratio=lr,
                source=PALPATION_SOURCE,
            )
        )
    score = 1.0 / (1.0 + math.exp(-(math.log(PRIOR / (1 - PRIOR)) + llr)))
    return MuscleResult(
        id=pattern.muscle.id,
        name=pattern.muscle.name,
        score=round(score, 4),
        explains=sorted(painful & pattern.covered),
        evidence=evidence,
    )


def drawing_llr(
    pattern: MusclePattern, painful: frozenset[str], all_regions: frozenset[str]
) -> float:
    """Log likelihood ratio of the pain drawing under the muscle (mixture of its TrPs)."""
    per_tp = [
        _tp_llr(essential, spill, painful, len(all_regions)) for essential, spill in pattern.zones
    ]
    top = max(per_tp)
    return top + math.log(sum(math.exp(v - top) for v in per_tp) / len(per_tp))


_LOG = {
    (True, "e"): math.log(P_ESSENTIAL / P_BACKGROUND),
    (True, "s"): math.log(P_SPILLOVER / P_BACKGROUND),
    (True, "o"): math.log(P_OTHER / P_BACKGROUND),
    (False, "e"): math.log((1 - P_ESSENTIAL) / (1 - P_BACKGROUND)),
    (False, "s"): math.log((1 - P_SPILLOVER) / (1 - P_BACKGROUND)),
    (False, "o"): math.log((1 - P_OTHER) / (1 - P_BACKGROUND)),
}


def _tp_llr(
    essential: frozenset[str], spill: frozenset[str], painful: frozenset[str], n_regions: int
) -> float:
    """Sum over all regions, computed as 'everything pain-free' plus a delta per painful one."""
    n_other = n_regions - len(essential) - len(spill)
    total = (
        len(essential) * _LOG[(False, "e")]
        + len(spill) * _LOG[(False, "s")]
        + n_other * _LOG[(False, "o")]
    )
    for region in painful:
        zone = "e" if region in essential else ("s" if region in spill else "o")
        total += _LOG[(True, zone)] - _LOG[(False, zone)]
    return total


def _drawing_evidence(
    pattern: MusclePattern, llr: float, painful: frozenset[str]
) -> MuscleEvidence:
    covered = sorted(painful & pattern.covered)
    label = f"pain drawing ({len(covered)} of {len(painful)} regions in its referral pattern)"
    return MuscleEvidence(
        finding=label,
        likelihood_ratio=round(math.exp(llr), 4),
        source=pattern.muscle.referral.source,
    )


def explain_drawing(
    ranked: list[MuscleResult], patterns: tuple[MusclePattern, ...], painful: frozenset[str]
) -> tuple[Combination | None, list[str]]:
    """The smallest set of plausible muscles that covers the drawing, and what nothing covers."""
    covered_by = {p.muscle.id: p.covered for p in patterns}
    coverable = painful & frozenset().union(*covered_by.values()) if covered_by else frozenset()
    unexplained = sorted(painful - coverable)
    if not ranked or not painful:
        return None, unexplained
    if coverable <= covered_by[ranked[0].id]:
        return None, unexplained  # the leading muscle alone explains what can be explained
    candidates = [r.id for r in ranked if r.score >= COMBINATION_FLOOR and r.explains][:6]
    for size in range(2, len(candidates) + 1):
        for group in combinations(candidates, size):  # ranked order: best-scoring set first
            union = frozenset().union(*(covered_by[m] for m in group))
            if coverable <= union:
                return Combination(muscles=list(group), explains=sorted(coverable)), unexplained
    best = candidates
    explained = sorted(painful & frozenset().union(*(covered_by[m] for m in best))) if best else []
    if len(best) < 2:
        return None, unexplained
    return Combination(muscles=best, explains=explained), sorted(painful - set(explained))
