"""Triage: the rules of the knowledge base over present / absent / unsure / unknown evidence.

Precedence (ADR 0002): every rule is evaluated; the highest level among the rules that fire
wins; nothing else in the engine can lower it. Rules are monotone expressions (no negation),
so adding a present finding, or moving one from absent or unknown to present or unsure, can
only make more rules fire. Red-flag symptoms answered "not sure" count as present (the reason
says so). Every red-flag symptom that was never asked is listed in `unanswered`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.kb.levels import TriageLevel, rank
from triggermap.reasoning.assessment import Triage, TriageReason

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.findings import CaseFacts

SUMMARY: dict[str, str] = {
    "emergency": "Go to an emergency department now.",
    "urgent": "See a doctor within 24 to 48 hours.",
    "clinician": "Book an assessment with a clinician (within days to weeks).",
    "self_care": (
        "Self-care is reasonable for now, with the safety-net advice below and a review date."
    ),
}
SAME_DAY_SUMMARY = "See a doctor the same day."  # an urgent rule with `timeframe: same_day`


def fired_rules(facts: CaseFacts, kb: KnowledgeBase) -> list[str]:
    """Ids of the triage rules whose expression is true for this case, in knowledge order."""
    return [rule_id for rule_id, rule in kb.triage_rules.items() if facts.expr(rule.when) is True]


def evaluate_triage(facts: CaseFacts, kb: KnowledgeBase) -> Triage:
    """The triage for a case; `facts` must be in red-flag mode (unsure counts as present)."""
    reasons = [_reason(facts, kb, rule_id) for rule_id in fired_rules(facts, kb)]
    reasons.sort(key=lambda r: (-rank(r.level), r.rule))
    level: TriageLevel = reasons[0].level if reasons else "self_care"
    unanswered = unanswered_red_flags(facts, kb)
    return Triage(
        level=level,
        summary=_summary(level, reasons, kb),
        reasons=reasons,
        screening_complete=not unanswered,
        unanswered=unanswered,
    )


def _summary(level: TriageLevel, reasons: list[TriageReason], kb: KnowledgeBase) -> str:
    """The level's instruction, sooner when a rule at that level asks for the same day."""
    same_day = any(
        r.level == level and kb.triage_rules[r.rule].timeframe == "same_day" for r in reasons
    )
    return SAME_DAY_SUMMARY if same_day and level == "urgent" else SUMMARY[level]


def _reason(facts: CaseFacts, kb: KnowledgeBase, rule_id: str) -> TriageReason:
    rule = kb.triage_rules[rule_id]
    findings = facts.firing_atoms(rule.when)
    unsure = [a for a in findings if facts.is_unsure(a)]
    explanation = rule.reason
    if unsure:
        names = ", ".join(kb.symptoms[a.split(":", 1)[1]].label.lower() for a in unsure)
        explanation += f" (Counted as present because the answer was 'not sure': {names}.)"
    return TriageReason(
        rule=rule.id,
        level=rule.level,
        findings=findings,
        explanation=explanation,
        source=rule.source,
        action=rule.action,
        unsure=unsure,
    )


def unanswered_red_flags(facts: CaseFacts, kb: KnowledgeBase) -> list[str]:
    """Red-flag symptoms neither reported, denied nor answered 'not sure'."""
    answered = facts.present | facts.absent | facts.unsure
    return sorted(s for s, entry in kb.symptoms.items() if entry.red_flag and s not in answered)


def decisive_reasons(triage: Triage) -> list[TriageReason]:
    """The reasons at the level that was reached: what decides it.

    A lower-level reason ("book an appointment") beside an emergency would blur the one thing
    the person must do; the assessment keeps every reason for the clinician.
    """
    return [r for r in triage.reasons if r.level == triage.level]
