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


# ---------------------------------------------------------------- clinical review of issue 9

NOT_ANY_RED_FLAG = [
    "saddle_anaesthesia",
    "bladder_bowel_dysfunction",
    "sexual_dysfunction",
    "bilateral_leg_symptoms",
    "progressive_weakness",
    "fever",
    "weight_loss",
    "cancer_history",
    "immunosuppression",
    "iv_drug_use",
    "recent_infection",
    "significant_trauma",
    "osteoporosis",
    "long_term_steroids",
    "buttock_claudication",
    "leg_swelling",
    "cannot_walk",
    "night_pain",
]
PLAIN = {  # the reviewer's plain case: 3 weeks of gradual pain, no warning sign at all
    "age": 38,
    "sex": "female",
    "duration_weeks": 3,
    "onset": "gradual",
    "side": "right",
    "pain": {"regions": ["upper_buttock", "mid_buttock", "lateral_thigh"], "intensity": 4},
    "symptoms": ["localized_ache", "worse_sitting"],
    "absent": NOT_ANY_RED_FLAG,
}


def signs(kb: KnowledgeBase, case: dict[str, object], level: str) -> dict[str, list[str]]:
    """Each group's instruction -> the signs listed under it."""
    net = build_safety_net(parse_case(case, kb), level, kb)
    return {g.action: [s.text for s in g.signs] for g in net}


def group(net: dict[str, list[str]], starts: str) -> list[str]:
    return next(texts for action, texts in net.items() if action.startswith(starts))


def test_a_fall_from_now_on_is_an_emergency_whatever_today_s_episode_says(
    kb: KnowledgeBase,
) -> None:
    """A new fall is in the last week and after an injury by definition: the rules for a major
    fall in the last week and for not walking after an injury list it as an emergency, even
    though today's episode is 3 weeks old and began gradually."""
    net = signs(kb, PLAIN, "self_care")
    emergency = group(net, "Go to an emergency department")
    major_fall = kb.symptoms["significant_trauma"].label
    assert major_fall[:1].upper() + major_fall[1:] in emergency
    assert any(
        s.startswith("Cannot walk or bear weight after a fall or other injury") for s in emergency
    )
    later = [s for action, texts in net.items() if "emergency" not in action for s in texts]
    assert not any(major_fall in s.lower() for s in later)


def test_thin_bones_keep_sudden_pain_and_pain_after_a_fall_as_urgent_signs(
    kb: KnowledgeBase,
) -> None:
    absent = [s for s in NOT_ANY_RED_FLAG if s != "osteoporosis"]
    case = {**PLAIN, "age": 70, "symptoms": ["osteoporosis"], "absent": absent}
    urgent = group(signs(kb, case, "clinician"), "See a doctor within 24 to 48 hours")
    (fracture,) = [s for s in urgent if "8/10" in s]
    assert "starts suddenly" in fracture.lower() and "after a fall or other injury" in fracture


def test_leg_swelling_is_listed_for_the_same_day_not_24_to_48_hours(kb: KnowledgeBase) -> None:
    net = build_safety_net(parse_case(PLAIN, kb), "self_care", kb)
    same_day = next(g for g in net if g.action.startswith("See a doctor the same day"))
    assert [s.rule for s in same_day.signs] == ["urgent_leg_swelling"]
    later = next(g for g in net if "24 to 48 hours" in g.action)
    assert "urgent_leg_swelling" not in [s.rule for s in later.signs]
    assert [g.level for g in net].index("urgent") == [g.action for g in net].index(same_day.action)


def test_the_person_s_history_is_taken_as_it_is_today(kb: KnowledgeBase) -> None:
    """Rules that read history (a pregnancy, a hip replacement) are not warning signs for
    someone who has neither: "currently pregnant" is not something to watch for."""
    rules = {
        s.rule for g in build_safety_net(parse_case(PLAIN, kb), "self_care", kb) for s in g.signs
    }
    assert not rules & {"clinician_pregnancy", "clinician_hip_replacement"}
    assert "urgent_recent_hip_replacement" not in rules


def test_a_new_episode_is_read_only_for_an_event_that_starts_one(kb: KnowledgeBase) -> None:
    """Numbness spreading to both legs six months into an episode does not make the episode
    new: the rule for a new bilateral picture (under 6 weeks) stays out, a fall does not."""
    long_episode = {**PLAIN, "duration_weeks": 26}
    urgent = group(signs(kb, long_episode, "self_care"), "See a doctor within 24 to 48 hours")
    assert not any("numbness" in s for s in urgent)
    assert any("numbness" in s for s in group(signs(kb, PLAIN, "self_care"), "See a doctor within"))
    emergency = group(signs(kb, long_episode, "self_care"), "Go to an emergency department")
    assert "A major fall, crash or blow" in emergency


def test_a_denied_background_fact_is_not_a_warning_sign_an_unanswered_one_is(
    kb: KnowledgeBase,
) -> None:
    cancer = kb.symptoms["cancer_history"].label
    denied = [s.lower() for t in signs(kb, PLAIN, "self_care").values() for s in t]
    assert cancer not in denied
    unanswered = {**PLAIN, "absent": [s for s in NOT_ANY_RED_FLAG if s != "cancer_history"]}
    listed = [s.lower() for t in signs(kb, unanswered, "self_care").values() for s in t]
    assert cancer in listed
