"""Next tests: the examination steps not yet done that would narrow the differential most.

For each test not yet recorded, and each condition it has accuracy for, the expected
information gain is the mutual information between the result and the condition: the entropy
of the result, H(p Sn + (1 - p)(1 - Sp)), less what remains once the condition is known,
p H(Sn) + (1 - p) H(Sp) (sensitivity and specificity recovered from the LRs when only those
are known). It equals the entropy of the condition's probability less the expected entropy
after the result.
Gains add over the conditions a test informs. A test whose cluster is already decided for a
condition adds nothing for it. Each suggestion names the condition it moves most:
"FAIR test: positive makes piriformis syndrome 41%, negative 7%".
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from triggermap.reasoning.assessment import ConditionResult, NextTest
from triggermap.reasoning.clusters import decided_members
from triggermap.reasoning.differential import (
    PROBABILITY_FLOOR,
    ConditionModel,
    has_defining_finding,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Accuracy
    from triggermap.reasoning.findings import CaseFacts

MIN_GAIN = 0.005  # bits; below this a test is not worth suggesting
MAX_SUGGESTIONS = 5


def suggest_next_tests(
    facts: CaseFacts,
    kb: KnowledgeBase,
    models: tuple[ConditionModel, ...],
    conditions: list[ConditionResult],
) -> list[NextTest]:
    current = {c.id: c.probability for c in conditions}
    settled = _decided_cluster_members(facts, models)
    suggestions = []
    for test in kb.tests.values():
        if test.type == "cluster" or test.id in facts.case.exam.tests:
            continue
        gain, best = 0.0, None
        for acc in test.accuracy:
            if f"test:{test.id}" in settled.get(acc.condition, frozenset()):
                continue
            outcome = _outcome(current.get(acc.condition, 0.0), acc)
            if outcome is None:
                continue
            gain += outcome[0]
            if best is None or outcome[0] > best[0]:
                best = (outcome[0], acc.condition, outcome[1], outcome[2])
        if best is not None and gain >= MIN_GAIN:
            name = kb.conditions[best[1]].name.lower()
            why = f"{test.name}: positive makes {name} {best[2]:.0%}, negative {best[3]:.0%}"
            suggestions.append(
                NextTest(id=test.id, name=test.name, why=why, expected_information=round(gain, 4))
            )
    suggestions.sort(key=lambda s: (-s.expected_information, s.id))
    return suggestions[:MAX_SUGGESTIONS]


def _decided_cluster_members(
    facts: CaseFacts, models: tuple[ConditionModel, ...]
) -> dict[str, frozenset[str]]:
    """Per condition, the atoms a decided cluster already stands for."""
    return {
        m.condition.id: decided_members(
            facts, m.clusters, m.condition.id, gate=not has_defining_finding(facts, m)
        )
        for m in models
    }


def _outcome(p: float, acc: Accuracy) -> tuple[float, float, float] | None:
    """(expected gain in bits, probability if positive, probability if negative)."""
    rates = sensitivity_specificity(acc)
    if rates is None:
        return None
    sn, sp = rates
    p_pos = p * sn + (1 - p) * (1 - sp)
    if not 0.0 < p_pos < 1.0:
        return None
    if_pos = updated(p, acc.positive_lr or 1.0)
    if_neg = updated(p, acc.negative_lr or 1.0)
    gain = _entropy(p_pos) - (p * _entropy(sn) + (1 - p) * _entropy(sp))
    return max(gain, 0.0), if_pos, if_neg


def updated(p: float, lr: float) -> float:
    """The probability after one result with ratio `lr` (odds form, p kept inside (0, 1))."""
    p = min(max(p, PROBABILITY_FLOOR), 1 - PROBABILITY_FLOOR)
    odds = p * lr
    return odds / (odds + (1 - p))


def sensitivity_specificity(acc: Accuracy) -> tuple[float, float] | None:
    if acc.sensitivity is not None and acc.specificity is not None:
        return acc.sensitivity, acc.specificity
    pos, neg = acc.positive_lr, acc.negative_lr
    if pos is None or neg is None or pos == neg:
        return None
    sp = (pos - 1.0) / (pos - neg)
    sn = pos * (1.0 - sp)
    if not (0.0 <= sn <= 1.0 and 0.0 <= sp <= 1.0):
        return None
    return sn, sp


def _entropy(p: float) -> float:
    if p <= 0.0 or p >= 1.0:
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))
