"""The safety net: which new symptoms mean what, from the knowledge base's triage rules.

Only the levels more urgent than today's triage are listed (what would change the advice).
Each rule is partly evaluated against the case: what is already true drops out, what cannot
become true (age, findings only an examination can show) removes the rule, and what is left -
symptoms, pain intensity, painful places, history - is said in plain words. A self-care plan for
a 34-year-old so reads "unexplained weight loss, together with pain at night that rest does not
ease" where the rule also has "or aged over 50".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from triggermap.careplan.model import SafetyNetGroup, WarningSign
from triggermap.kb.levels import rank
from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr, Expr
from triggermap.reasoning.findings import CaseFacts, split_atom

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import TriageRule
    from triggermap.reasoning.case import Case

LEVEL_ACTION = {  # spec/vocabulary.yaml triage_levels, as an instruction
    "emergency": "Go to an emergency department now, or call an ambulance, if any of these "
    "applies to you",
    "urgent": "See a doctor within 24 to 48 hours if any of these applies to you",
    "clinician": "Book an appointment with a clinician if any of these applies to you",
}
STABLE_FIELDS = frozenset({"age", "sex"})  # a case's answer for these will not change


@dataclass(frozen=True)
class Sign:
    text: str


@dataclass(frozen=True)
class Node:
    op: str  # all | any | at_least
    k: int
    children: tuple[Residual, ...]


Residual = Union[bool, Sign, Node]  # noqa: UP007 (recursive alias)


def build_safety_net(case: Case, level: str, kb: KnowledgeBase) -> tuple[SafetyNetGroup, ...]:
    facts = CaseFacts(case, kb)
    seen: set[str] = set()
    groups = []
    for group_level in ("emergency", "urgent", "clinician"):
        if rank(group_level) <= rank(level):
            continue
        signs = _signs(facts, kb, group_level, seen)
        if signs:
            groups.append(
                SafetyNetGroup(level=group_level, action=LEVEL_ACTION[group_level], signs=signs)
            )
    return tuple(groups)


def _signs(
    facts: CaseFacts, kb: KnowledgeBase, level: str, seen: set[str]
) -> tuple[WarningSign, ...]:
    out = []
    for rule in kb.triage_rules.values():
        if rule.level != level:
            continue
        residual = partial(rule.when, facts, kb)
        if isinstance(residual, bool):
            continue
        text = capitalise(render(residual))
        if text in seen:
            continue
        seen.add(text)
        out.append(_sign(rule, text))
    return tuple(out)


def _sign(rule: TriageRule, text: str) -> WarningSign:
    return WarningSign(text=text, meaning=rule.reason, rule=rule.id, source=rule.source)


# ---------------------------------------------------------------- partial evaluation


def partial(expr: Expr, facts: CaseFacts, kb: KnowledgeBase) -> Residual:
    """What must still happen for `expr` to become true: True, False or the signs left."""
    if isinstance(expr, str):
        return _atom(expr, facts, kb)
    if isinstance(expr, AllExpr):
        return _combine("all", len(expr.all), [partial(e, facts, kb) for e in expr.all])
    if isinstance(expr, AnyExpr):
        return _combine("any", 1, [partial(e, facts, kb) for e in expr.any])
    assert isinstance(expr, AtLeastExpr)
    return _combine("at_least", expr.at_least, [partial(e, facts, kb) for e in expr.of])


def _combine(op: str, k: int, parts: list[Residual]) -> Residual:
    satisfied = sum(p is True for p in parts)
    open_parts = tuple(p for p in parts if not isinstance(p, bool))
    needed = k - satisfied
    if needed <= 0:
        return True
    if len(open_parts) < needed:
        return False
    if len(open_parts) == 1:
        return open_parts[0]
    if op == "at_least" and needed == len(open_parts):
        op = "all"
    if op == "at_least" and needed == 1:
        op = "any"
    return Node(op=op, k=needed, children=open_parts)


def _atom(atom: str, facts: CaseFacts, kb: KnowledgeBase) -> Residual:
    prefix, head, _ = split_atom(atom)
    now = facts.atom(atom) if prefix != "feature" or _answerable(head, kb) else None
    if now is True:
        return True
    if prefix == "symptom":
        return Sign(kb.symptoms[head].label)
    if prefix == "history":
        return Sign(kb.history[head].label)
    if prefix == "region":
        return Sign(f"pain in {kb.regions[head].plain}")
    if prefix == "feature":
        return _feature(head, facts, kb, now)
    return False  # test, neuro, palpation: only an examination shows these


def _answerable(feature_id: str, kb: KnowledgeBase) -> bool:
    feature = kb.features[feature_id]
    return feature.leading_condition is None and feature.condition_probability is None


def _feature(feature_id: str, facts: CaseFacts, kb: KnowledgeBase, now: bool | None) -> Residual:
    feature = kb.features[feature_id]
    if feature.when is not None:
        return partial(feature.when, facts, kb)
    if feature.regions_any is not None:
        return Sign(feature.label)
    if feature.compare is None:
        return False  # derived from the diagnosis: not something a person notices
    if feature.compare.field == "pain.intensity":
        return Sign(feature.label)
    if feature.compare.field in STABLE_FIELDS and now is None:
        return Sign(feature.label)
    return False  # age, sex, duration, onset, range of motion: as the case says today


# ---------------------------------------------------------------- words


def render(residual: Residual) -> str:
    if isinstance(residual, Sign):
        return residual.text
    assert isinstance(residual, Node)
    words = [render(c) for c in residual.children]
    if residual.op == "any":
        return " or ".join(words)
    if residual.op == "all":
        return ", together with ".join(words)
    return f"at least {residual.k} of: " + "; ".join(words)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
