"""Which muscles: rank trigger-point candidates by how well they explain the case.

The model (ADR 0001, "muscle model"):

1. **Pain drawing.** Each trigger point of a muscle is a noisy generator of pain regions:
   an essential-zone region hurts with probability `essential`, a spillover region with
   `spillover`, any other region with `other`; a region hurts for other reasons with the
   `background` rate (`model.yaml`, muscles.referral). The drawing's log likelihood ratio for
   one trigger point sums over painful regions log(p/b) and over regions left pain-free
   log((1-p)/(1-b)); a muscle is the mixture (mean likelihood) of its trigger points, so a
   composite map does not punish a person for having only one trigger point.
2. **Symptoms and history** the knowledge base links to the muscle multiply modest ratios.
3. **Palpation** of the muscle itself multiplies large ratios, so it dominates when present.

`score` is the resulting probability with the same prior for every muscle (muscles are not
mutually exclusive). Every number is in `model.yaml` with its source; all are expert estimates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import Combination, MuscleEvidence, MuscleResult

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Muscle, MuscleModel
    from triggermap.reasoning.findings import CaseFacts


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
    facts: CaseFacts,
    kb: KnowledgeBase,
    patterns: tuple[MusclePattern, ...],
    all_regions: frozenset[str],
) -> list[MuscleResult]:
    logs = zone_logs(kb.model.muscles)
    results = [_score(facts, kb.model.muscles, p, all_regions, logs) for p in patterns]
    results.sort(key=lambda r: (-r.score, r.id))
    return results


def _score(
    facts: CaseFacts,
    params: MuscleModel,
    pattern: MusclePattern,
    all_regions: frozenset[str],
    logs: dict[tuple[bool, str], float],
) -> MuscleResult:
    painful = facts.regions
    llr = drawing_llr(pattern, painful, len(all_regions), logs) if painful else 0.0
    evidence = [_drawing_evidence(pattern, llr, painful)] if painful else []
    symptom = params.linked_symptom
    for symptom_id in pattern.muscle.symptoms:
        state = facts.symptom(symptom_id)
        if state is not None:
            lr = symptom.lr_positive if state else symptom.lr_negative
            llr += math.log(lr)
            evidence.append(
                MuscleEvidence(
                    finding=f"symptom:{symptom_id}" + ("" if state else " (denied)"),
                    likelihood_ratio=lr,
                    source=symptom.source,
                )
            )
    history = params.linked_history
    for item in sorted(pattern.history & facts.history):
        llr += math.log(history.lr_positive)
        evidence.append(
            MuscleEvidence(
                finding=f"history:{item}",
                likelihood_ratio=history.lr_positive,
                source=history.source,
            )
        )
    palpation = facts.case.exam.palpation.get(pattern.muscle.id, {})
    for finding, value in sorted(palpation.items()):
        ratio = params.palpation[finding]  # type: ignore[index]
        lr = ratio.lr_positive if value else ratio.lr_negative
        llr += math.log(lr)
        evidence.append(
            MuscleEvidence(
                finding=f"palpation:{pattern.muscle.id}.{finding}" + ("" if value else " (absent)"),
                likelihood_ratio=lr,
                source=ratio.source,
            )
        )
    prior = params.prior.value
    score = 1.0 / (1.0 + math.exp(-(math.log(prior / (1 - prior)) + llr)))
    return MuscleResult(
        id=pattern.muscle.id,
        name=pattern.muscle.name,
        score=round(score, 4),
        explains=sorted(painful & pattern.covered),
        evidence=evidence,
    )


def zone_logs(params: MuscleModel) -> dict[tuple[bool, str], float]:
    """log(p / background) for a painful region and log((1 - p) / (1 - background)) for a
    pain-free one, by zone: essential, spillover, other."""
    r = params.referral
    probability = {"e": r.essential, "s": r.spillover, "o": r.other}
    out = {}
    for zone, p in probability.items():
        out[(True, zone)] = math.log(p / r.background)
        out[(False, zone)] = math.log((1 - p) / (1 - r.background))
    return out


def drawing_llr(
    pattern: MusclePattern,
    painful: frozenset[str],
    n_regions: int,
    logs: dict[tuple[bool, str], float],
) -> float:
    """Log likelihood ratio of the pain drawing under the muscle (mixture of its TrPs)."""
    per_tp = [
        _tp_llr(essential, spill, painful, n_regions, logs) for essential, spill in pattern.zones
    ]
    top = max(per_tp)
    return top + math.log(sum(math.exp(v - top) for v in per_tp) / len(per_tp))


def _tp_llr(
    essential: frozenset[str],
    spill: frozenset[str],
    painful: frozenset[str],
    n_regions: int,
    logs: dict[tuple[bool, str], float],
) -> float:
    """Sum over all regions, computed as 'everything pain-free' plus a delta per painful one."""
    n_other = n_regions - len(essential) - len(spill)
    total = (
        len(essential) * logs[(False, "e")]
        + len(spill) * logs[(False, "s")]
        + n_other * logs[(False, "o")]
    )
    for region in sorted(painful):
        zone = "e" if region in essential else ("s" if region in spill else "o")
        total += logs[(True, zone)] - logs[(False, zone)]
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
    kb: KnowledgeBase,
    ranked: list[MuscleResult],
    patterns: tuple[MusclePattern, ...],
    painful: frozenset[str],
) -> tuple[Combination | None, list[str]]:
    """The smallest set of plausible muscles that covers the drawing, and what nothing covers."""
    covered_by = {p.muscle.id: p.covered for p in patterns}
    coverable = painful & frozenset().union(*covered_by.values()) if covered_by else frozenset()
    unexplained = sorted(painful - coverable)
    if not ranked or not painful:
        return None, unexplained
    if coverable <= covered_by[ranked[0].id]:
        return None, unexplained  # the leading muscle alone explains what can be explained
    floor = kb.model.muscles.combination_floor.value
    candidates = [r.id for r in ranked if r.score >= floor and r.explains][:6]
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
