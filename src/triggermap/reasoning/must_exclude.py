"""Must be ruled out: the conditions a clinician has to exclude, beside the ranking.

The differential is sorted by probability and nothing else; a serious condition can be unlikely
and still need to be excluded. A condition is listed, with every reason that applies:

- `red_flag_rule`: a triage rule that fired names it as a suspect (for an emergency or urgent
  rule any suspect; for a lower rule a serious one), with the rule and its findings;
- `raised`: a serious condition whose probability reached `raised_ratio` times its base rate and
  at least `raised_floor` (model.yaml), with the findings that raised it;
- `unanswered`: a serious condition whose screening questions (the warning-sign symptoms of the
  rules that suspect it) were not all asked, with those questions.

Order: a condition named by a fired rule first (most urgent rule first), then those raised, then
those not yet screened; within each, the more probable first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.kb.schema import expr_atoms
from triggermap.reasoning.assessment import (
    LEVEL_RANK,
    ConditionResult,
    ExclusionReason,
    MustExclude,
    Triage,
)

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.findings import CaseFacts

KIND_ORDER = {"red_flag_rule": 0, "raised": 1, "unanswered": 2}


@dataclass(frozen=True)
class ScreeningIndex:
    """Per serious condition, the warning-sign symptoms that screen for it."""

    questions: dict[str, tuple[str, ...]]


def screening_index(kb: KnowledgeBase) -> ScreeningIndex:
    from triggermap.reasoning.differential import flatten_atoms

    questions: dict[str, list[str]] = {c: [] for c, e in kb.conditions.items() if e.serious}
    for rule in kb.triage_rules.values():
        symptoms = [
            a.split(":", 1)[1]
            for a in sorted(flatten_atoms(kb, expr_atoms(rule.when)))
            if a.startswith("symptom:") and kb.symptoms[a.split(":", 1)[1]].red_flag
        ]
        for condition in rule.suspects:
            if condition in questions:
                questions[condition] += [s for s in symptoms if s not in questions[condition]]
    return ScreeningIndex({c: tuple(sorted(q)) for c, q in questions.items()})


def must_exclude(
    facts: CaseFacts,
    kb: KnowledgeBase,
    index: ScreeningIndex,
    triage: Triage,
    conditions: list[ConditionResult],
) -> list[MustExclude]:
    reasons: dict[str, list[ExclusionReason]] = {}
    for reason in triage.reasons:  # most urgent first
        for suspect in kb.triage_rules[reason.rule].suspects:
            if LEVEL_RANK[reason.level] >= LEVEL_RANK["urgent"] or kb.conditions[suspect].serious:
                reasons.setdefault(suspect, []).append(
                    ExclusionReason(
                        "red_flag_rule", list(reason.findings), reason.rule, reason.level
                    )
                )
    model = kb.model.differential.must_exclude
    for c in conditions:
        base = kb.conditions[c.id].pretest.probability
        raised = c.probability >= max(model.raised_ratio.value * base, model.raised_floor.value)
        if c.serious and raised:
            raising = [e.finding for e in c.evidence if e.likelihood_ratio > 1.0]
            reasons.setdefault(c.id, []).append(ExclusionReason("raised", raising))
    answered = facts.present | facts.absent | facts.unsure
    for condition, questions in index.questions.items():
        missing = [f"symptom:{q}" for q in questions if q not in answered]
        if missing:
            reasons.setdefault(condition, []).append(ExclusionReason("unanswered", missing))
    by_id = {c.id: c for c in conditions}
    out = [
        MustExclude(
            id=cid,
            name=by_id[cid].name,
            probability=by_id[cid].probability,
            pretest=kb.conditions[cid].pretest.probability,
            reasons=why,
        )
        for cid, why in reasons.items()
    ]
    out.sort(key=lambda m: (_first(m), -m.probability, m.id))
    return out


def _first(entry: MustExclude) -> tuple[int, int]:
    """(kind order, minus the most urgent rule's rank) of an entry's strongest reason."""
    return min(
        (KIND_ORDER[r.kind], -LEVEL_RANK.get(r.level or "self_care", 0)) for r in entry.reasons
    )
