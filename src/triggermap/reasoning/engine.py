"""The engine: a case and the knowledge base in, an assessment out. Pure and deterministic.

`assess` runs the compiled form (`reasoning.compiled`: the knowledge base turned once into
plain values and closures, cached by knowledge version). `assess_readable` runs the readable
form below, which spells the model out step by step; the test suite holds the two identical
on every scenario.

Order of work (ADR 0002):
1. Red-flag pass: triage rules over the case (unsure red flags count as present).
2. Differential: priors (switched to the referral population for rules that fired on the
   facts), the drawing, clusters, LRs, normalised with "none of these".
3. Second triage pass with the differential known (the rules about the leading condition);
   rules are monotone, so this pass can only add reasons, never remove one.
4. Must be ruled out, muscles, imaging and next tests.

Nothing after step 1 can lower the level that step set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case
    from triggermap.reasoning.differential import ConditionModel
    from triggermap.reasoning.must_exclude import ScreeningIndex
    from triggermap.reasoning.referral import MusclePattern


def assess(case: Case, kb: KnowledgeBase) -> Assessment:
    """The assessment of one case (the compiled engine)."""
    from triggermap.reasoning.compiled import compiled_engine

    return compiled_engine(kb).assess(case)


@dataclass(frozen=True)
class EngineIndex:
    """What the readable engine precomputes once per knowledge base."""

    conditions: tuple[ConditionModel, ...]
    muscles: tuple[MusclePattern, ...]
    regions: frozenset[str]
    screening: ScreeningIndex


_INDEXES: dict[str, EngineIndex] = {}


def engine_index(kb: KnowledgeBase) -> EngineIndex:
    from triggermap.reasoning.differential import condition_models
    from triggermap.reasoning.must_exclude import screening_index
    from triggermap.reasoning.referral import muscle_patterns

    index = _INDEXES.get(kb.version)
    if index is None:
        index = EngineIndex(
            condition_models(kb), muscle_patterns(kb), frozenset(kb.regions), screening_index(kb)
        )
        _INDEXES[kb.version] = index
    return index


def assess_readable(case: Case, kb: KnowledgeBase) -> Assessment:
    """The assessment of one case, computed by the readable form of the model (its modules
    imported here: `assess`, the compiled engine, needs none of them)."""
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.differential import rank_conditions
    from triggermap.reasoning.findings import CaseFacts
    from triggermap.reasoning.imaging import recommend_imaging
    from triggermap.reasoning.must_exclude import must_exclude
    from triggermap.reasoning.next_tests import suggest_next_tests
    from triggermap.reasoning.referral import explain_drawing, rank_muscles
    from triggermap.reasoning.triage import evaluate_triage

    index = engine_index(kb)
    red_flag_facts = CaseFacts(case, kb, unsure_as_present=True)
    first_pass = evaluate_triage(red_flag_facts, kb)
    facts = CaseFacts(case, kb)
    on_facts = [r for r in first_pass.reasons if facts.expr(kb.triage_rules[r.rule].when) is True]
    fired = frozenset(r.rule for r in on_facts)
    population = {r.rule: frozenset(r.findings) for r in on_facts}
    differential = rank_conditions(facts, kb, index.conditions, fired, population)
    posteriors = {c.id: c.probability for c in differential.conditions}

    informed = red_flag_facts.with_posteriors(posteriors)
    triage = evaluate_triage(informed, kb)

    muscles = rank_muscles(facts, kb, index.muscles, index.regions)
    combination, unexplained = explain_drawing(kb, muscles, index.muscles, facts.regions)
    return Assessment(
        id=case.id,
        knowledge_version=kb.version,
        triage=triage,
        muscles=muscles,
        combination=combination,
        unexplained=unexplained,
        conditions=differential.conditions,
        none_of_these=differential.none_of_these,
        must_exclude=must_exclude(facts, kb, index.screening, triage, differential.conditions),
        imaging=recommend_imaging(informed, kb),
        next_tests=suggest_next_tests(facts, kb, index.conditions, differential.conditions),
    )
