"""The safety net: more urgent levels only, rules partly evaluated against the case."""

from __future__ import annotations

from triggermap.careplan.safety_net import Node, Sign, build_safety_net, partial, render
from triggermap.kb.loader import KnowledgeBase
from triggermap.kb.schema import AllExpr, AnyExpr, AtLeastExpr
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.findings import CaseFacts


def facts(kb: KnowledgeBase, **case: object) -> CaseFacts:
    return CaseFacts(parse_case(case, kb), kb)


def test_only_levels_more_urgent_than_today(kb: KnowledgeBase) -> None:
    case = parse_case({"age": 40}, kb)
    levels = {
        lvl: [g.level for g in build_safety_net(case, lvl, kb)]
        for lvl in ("self_care", "clinician", "urgent", "emergency")
    }
    # the urgent rules that ask for the same day have their own group, above the 24-48 hours
    assert levels == {
        "self_care": ["emergency", "urgent", "urgent", "clinician"],
        "clinician": ["emergency", "urgent", "urgent"],
        "urgent": ["emergency", "urgent"],
        "emergency": [],
    }


def test_every_sign_names_its_rule_and_source(kb: KnowledgeBase) -> None:
    for group in build_safety_net(parse_case({"age": 40}, kb), "self_care", kb):
        assert group.action and group.signs
        for sign in group.signs:
            rule = kb.triage_rules[sign.rule]
            assert rule.level == group.level and sign.source in kb.sources
            assert sign.text[:1].isupper() and sign.meaning == rule.reason


def test_a_sign_appears_once_at_its_most_urgent_level(kb: KnowledgeBase) -> None:
    texts = [
        s.text
        for g in build_safety_net(parse_case({"age": 70}, kb), "self_care", kb)
        for s in g.signs
    ]
    assert len(texts) == len(set(texts))


def test_what_is_already_true_drops_out(kb: KnowledgeBase) -> None:
    expr = AllExpr(
        all=["symptom:weight_loss", AnyExpr(any=["feature:age_over_50", "symptom:night_pain"])]
    )
    young = partial(expr, facts(kb, age=34), kb)
    assert render(young) == (
        f"{kb.symptoms['weight_loss'].label}, together with {kb.symptoms['night_pain'].label}"
    )
    old = partial(expr, facts(kb, age=60), kb)
    assert old == Sign(kb.symptoms["weight_loss"].label)
    assert partial("symptom:fever", facts(kb, symptoms=["fever"]), kb) is True


def test_unknown_age_is_said_and_exam_findings_are_not(kb: KnowledgeBase) -> None:
    expr = AllExpr(all=["symptom:weight_loss", "feature:age_over_50"])
    assert render(partial(expr, facts(kb), kb)).endswith(kb.features["age_over_50"].label)
    assert partial("neuro:motor_deficit", facts(kb), kb) is False
    assert partial(AnyExpr(any=["neuro:motor_deficit", "symptom:fever"]), facts(kb), kb) == Sign(
        kb.symptoms["fever"].label
    )


def test_at_least_keeps_what_is_still_needed(kb: KnowledgeBase) -> None:
    expr = AtLeastExpr(
        at_least=2, of=["symptom:fever", "symptom:weight_loss", "symptom:night_pain"]
    )
    residual = partial(expr, facts(kb, symptoms=["fever"]), kb)
    assert isinstance(residual, Node) and residual.op == "any"
    assert partial(expr, facts(kb, symptoms=["fever", "night_pain"]), kb) is True
