"""The engine: a case and the knowledge base in, an assessment out. Pure and deterministic.

Order of work (ADR 0002):
1. Red-flag pass: triage rules over the case (unsure red flags count as present).
2. Differential: priors (switched to the referral population for rules that fired), LRs.
3. Second triage pass with the differential known (the rule about a non-myofascial leading
   condition); rules are monotone, so this pass can only add reasons, never remove one.
4. Muscles, imaging and next tests.

Nothing after step 1 can lower the level that step set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.kb.levels import rank, seeks_care_now
from triggermap.reasoning.assessment import Assessment
from triggermap.reasoning.differential import ConditionModel, condition_models, rank_conditions
from triggermap.reasoning.findings import CaseFacts
from triggermap.reasoning.imaging import recommend_imaging
from triggermap.reasoning.next_tests import suggest_next_tests
from triggermap.reasoning.referral import (
    MusclePattern,
    explain_drawing,
    muscle_patterns,
    rank_muscles,
)
from triggermap.reasoning.triage import evaluate_triage

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case


@dataclass(frozen=True)
class EngineIndex:
    """What the engine precomputes once per knowledge base."""

    conditions: tuple[ConditionModel, ...]
    muscles: tuple[MusclePattern, ...]
    regions: frozenset[str]


_INDEXES: dict[str, EngineIndex] = {}


def engine_index(kb: KnowledgeBase) -> EngineIndex:
    index = _INDEXES.get(kb.version)
    if index is None:
        index = EngineIndex(condition_models(kb), muscle_patterns(kb), frozenset(kb.regions))
        _INDEXES[kb.version] = index
    return index


def assess(case: Case, kb: KnowledgeBase) -> Assessment:
    index = engine_index(kb)
    red_flag_facts = CaseFacts(case, kb, unsure_as_present=True)
    first_pass = evaluate_triage(red_flag_facts, kb)
    fired = frozenset(r.rule for r in first_pass.reasons)
    population = {r.rule: frozenset(r.findings) for r in first_pass.reasons}

    facts = CaseFacts(case, kb)
    flagged: dict[str, int] = {}
    for reason in first_pass.reasons:  # most urgent first, so the highest rank sticks
        if not seeks_care_now(reason.level):
            continue
        for condition in kb.triage_rules[reason.rule].suspects:  # 2 emergency, 1 urgent
            flagged.setdefault(condition, rank(reason.level) - rank("clinician"))
    conditions = rank_conditions(facts, index.conditions, fired, population, flagged)
    posteriors = {c.id: c.probability for c in conditions}

    informed = red_flag_facts.with_posteriors(posteriors)
    triage = evaluate_triage(informed, kb)

    muscles = rank_muscles(facts, index.muscles, index.regions)
    combination, unexplained = explain_drawing(muscles, index.muscles, facts.regions)
    return Assessment(
        id=case.id,
        knowledge_version=kb.version,
        triage=triage,
        muscles=muscles,
        combination=combination,
        unexplained=unexplained,
        conditions=conditions,
        imaging=recommend_imaging(informed, kb),
        next_tests=suggest_next_tests(facts, kb, index.conditions, conditions),
    )
