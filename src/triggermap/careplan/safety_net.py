"""The safety net: which new symptoms mean what, from the knowledge base's triage rules.

Only the levels more urgent than today's triage are listed (what would change the advice); a
rule that asks for care the same day (`timeframe`) has its own group above its level's. Each
rule is partly evaluated against the case: what is already true drops out, what cannot become
true (age, sex, the person's history, a background fact they denied such as a cancer or thin
bones, findings only an examination can show) removes the rule, and what is left - symptoms,
pain intensity, painful places - is said in plain words. A part that a sign listed at the same
or a more urgent level already covers is not said again. A self-care plan for a 34-year-old so
reads "unexplained weight loss, together with pain at night that rest does not ease" where the
rule also has "or aged over 50".

The episode is read two ways. As it is today (its onset and duration as the case says), and as
a new episode that an event may start: a fall or other injury, a sudden onset (the onset
feature's `warning_label`) or a major fall (a symptom that `starts_episode`). A new episode is
under a week old, so a major fall from now on is an emergency in every plan, as the rule for
the last week says, and not walking after any fall is one too. The new reading is used for a
rule only when its sign holds such an event: numbness spreading in a 6-month-old episode does
not make the episode new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from triggermap.careplan.model import SafetyNetGroup, SafetyNetLevel, WarningSign
from triggermap.kb.levels import rank as level_rank
from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr, Expr
from triggermap.reasoning.findings import CaseFacts, split_atom

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import TriageRule
    from triggermap.reasoning.case import Case

# The groups of the warning list, most urgent first: (level, timeframe, rank, instruction).
# The ranks place a same-day group between the urgent and emergency levels.
GROUPS: tuple[tuple[SafetyNetLevel, str | None, int, str], ...] = (
    (
        "emergency",
        None,
        4,
        "Go to an emergency department now, or call an ambulance, if any of these applies to you",
    ),
    ("urgent", "same_day", 3, "See a doctor the same day if any of these applies to you"),
    ("urgent", None, 2, "See a doctor within 24 to 48 hours if any of these applies to you"),
    ("clinician", None, 1, "Book an appointment with a clinician if any of these applies to you"),
)
STABLE_FIELDS = frozenset({"age", "sex"})  # a case's answer for these will not change
EPISODE_FIELDS = frozenset({"onset", "duration_weeks"})  # as today, or as a new episode
QUALIFIER = "after "  # a warning label that qualifies the sign before it (schema.Feature)


@dataclass(frozen=True)
class Sign:
    text: str
    starts_episode: bool = False  # an event that begins a new episode (a fall, a sudden onset)


@dataclass(frozen=True)
class Node:
    op: str  # all | any | at_least
    k: int
    children: tuple[Residual, ...]


Residual = Union[bool, Sign, Node]  # noqa: UP007 (recursive alias)


def build_safety_net(case: Case, level: str, kb: KnowledgeBase) -> tuple[SafetyNetGroup, ...]:
    readings = (
        CaseFacts(case, kb),
        CaseFacts(case._replace(duration_weeks=0.0, onset=None), kb),
    )
    today = level_rank(level) + (1 if level == "emergency" else 0)  # on the scale of GROUPS
    shown = [g for g in GROUPS if g[2] > today]
    pending = {rank: _residuals(readings, kb, (lvl, tf)) for lvl, tf, rank, _ in shown}
    alone = _signs_alone(pending)
    seen: set[str] = set()
    groups = []
    for group_level, _, rank, action in shown:
        covered = {text for text, at in alone.items() if at >= rank}
        signs = _signs(pending[rank], covered, seen)
        if signs:
            groups.append(SafetyNetGroup(level=group_level, action=action, signs=signs))
    return tuple(groups)


def _residuals(
    readings: tuple[CaseFacts, CaseFacts], kb: KnowledgeBase, group: tuple[str, str | None]
) -> list[tuple[TriageRule, Sign | Node]]:
    """The rules of one group that can still fire, each with what must still happen: in a new
    episode when an event would start one, else in today's."""
    today, new = readings
    out: list[tuple[TriageRule, Sign | Node]] = []
    for rule in kb.triage_rules.values():
        if (rule.level, rule.timeframe) != group:
            continue
        residual = partial(rule.when, new, kb, new_episode=True)
        if isinstance(residual, bool) or not _has_event(residual):
            residual = partial(rule.when, today, kb)
        if not isinstance(residual, bool):
            out.append((rule, residual))
    return out


def _has_event(residual: Residual) -> bool:
    if isinstance(residual, Sign):
        return residual.starts_episode
    return isinstance(residual, Node) and any(_has_event(c) for c in residual.children)


def _signs_alone(pending: dict[int, list[tuple[TriageRule, Sign | Node]]]) -> dict[str, int]:
    """A sign that is a warning on its own -> the most urgent group (rank) that lists it."""
    alone: dict[str, int] = {}
    for rank, residuals in pending.items():
        for _, residual in residuals:
            if isinstance(residual, Sign):
                alone[residual.text] = max(rank, alone.get(residual.text, 0))
    return alone


def _signs(
    residuals: list[tuple[TriageRule, Sign | Node]], covered: set[str], seen: set[str]
) -> tuple[WarningSign, ...]:
    """One warning per rule, in words; a sign appears once, at its most urgent group."""
    out = []
    for rule, residual in residuals:
        text = _text(residual, covered)
        if text is not None and text not in seen:
            seen.add(text)
            out.append(_sign(rule, text))
    return tuple(out)


def _text(residual: Sign | Node, covered: set[str]) -> str | None:
    """The sign in words, without what a sign listed as urgently or more already says: "cannot
    walk after a fall or a major fall" drops "a major fall" when a major fall is a sign of its
    own. None when the whole residual is already covered."""
    pruned = residual if isinstance(residual, Sign) else _prune(residual, covered)
    return None if pruned is None else capitalise(render(pruned))


def _prune(residual: Residual, covered: set[str]) -> Residual | None:
    if isinstance(residual, Sign):
        return None if residual.text in covered else residual
    if not isinstance(residual, Node) or residual.op == "at_least":
        return residual
    kids = [_prune(c, covered) for c in residual.children]
    if residual.op == "all":  # a part that is a sign of its own makes the whole one
        parts = tuple(k for k in kids if k is not None)
        return None if len(parts) < len(kids) else Node(op="all", k=len(parts), children=parts)
    left = tuple(k for k in kids if k is not None)  # any: keep the alternatives not yet said
    if not left:
        return None
    return left[0] if len(left) == 1 else Node(op="any", k=1, children=left)


def _sign(rule: TriageRule, text: str) -> WarningSign:
    return WarningSign(text=text, meaning=rule.reason, rule=rule.id, source=rule.source)


# ---------------------------------------------------------------- partial evaluation


def partial(
    expr: Expr, facts: CaseFacts, kb: KnowledgeBase, *, new_episode: bool = False
) -> Residual:
    """What must still happen for `expr` to become true: True, False or the signs left.
    `new_episode`: `facts` describe an episode not yet begun (no onset, no duration)."""
    if isinstance(expr, str):
        return _atom(expr, facts, kb, new_episode)
    residuals = [partial(e, facts, kb, new_episode=new_episode) for e in _children(expr)]
    if isinstance(expr, AllExpr):
        return _combine("all", len(expr.all), residuals)
    if isinstance(expr, AnyExpr):
        return _combine("any", 1, residuals)
    return _combine("at_least", expr.at_least, residuals)


def _children(expr: AllExpr | AnyExpr | AtLeastExpr) -> list[Expr]:
    if isinstance(expr, AllExpr):
        return expr.all
    return expr.any if isinstance(expr, AnyExpr) else expr.of


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


def _atom(atom: str, facts: CaseFacts, kb: KnowledgeBase, new_episode: bool) -> Residual:
    prefix, head, _ = split_atom(atom)
    now = facts.atom(atom) if prefix != "feature" or _answerable(head, kb) else None
    if now is True:
        return True
    if prefix == "symptom":
        symptom = kb.symptoms[head]
        if now is False and symptom.background:  # a fact about the person, not a new symptom
            return False
        return Sign(symptom.label, starts_episode=symptom.starts_episode)
    if prefix == "history":
        return False  # the person's background: as the case says today
    if prefix == "region":
        return Sign(f"pain in {kb.regions[head].plain}")
    if prefix == "feature":
        return _feature(head, facts, kb, now, new_episode)
    return False  # test, neuro, palpation: only an examination shows these


def _answerable(feature_id: str, kb: KnowledgeBase) -> bool:
    feature = kb.features[feature_id]
    return feature.leading_condition is None and feature.condition_probability is None


def _feature(
    feature_id: str, facts: CaseFacts, kb: KnowledgeBase, now: bool | None, new_episode: bool
) -> Residual:
    feature = kb.features[feature_id]
    if feature.when is not None:
        return partial(feature.when, facts, kb, new_episode=new_episode)
    if feature.regions_any is not None:
        return Sign(feature.label)
    if feature.compare is None:
        return False  # derived from the diagnosis: not something a person notices
    field = feature.compare.field
    if field == "pain.intensity":
        return Sign(feature.label)
    if field in EPISODE_FIELDS and new_episode and feature.warning_label is not None:
        return Sign(feature.warning_label, starts_episode=True)  # an onset that may still come
    if field in STABLE_FIELDS and now is None:
        return Sign(feature.label)
    return False  # age, sex, range of motion, the episode's onset and duration: as the facts say


# ---------------------------------------------------------------- words


def render(residual: Residual) -> str:
    if isinstance(residual, Sign):
        return residual.text
    assert isinstance(residual, Node)
    words = [render(c) for c in residual.children]
    if residual.op == "any":
        return " or ".join(words)
    if residual.op == "all":
        return _together(words)
    return f"at least {residual.k} of: " + "; ".join(words)


def _together(words: list[str]) -> str:
    """'a, together with b'; a qualifier ('after a fall ...') follows what it qualifies."""
    text = words[0]
    for word in words[1:]:
        text += f" {word}" if word.startswith(QUALIFIER) else f", together with {word}"
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
