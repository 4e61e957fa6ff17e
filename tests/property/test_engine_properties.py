"""Invariants of the engine (spec/TRIAGE.md properties and the probability model)."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import case_dicts, red_flag_rank

from triggermap.kb.levels import LEVEL_RANK
from triggermap.kb.loader import KnowledgeBase, load_knowledge
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.differential import posterior
from triggermap.reasoning.engine import assess

KB = load_knowledge()
SYMPTOMS = sorted(KB.symptoms)
REGIONS = sorted(KB.regions)
HISTORY = sorted(KB.history)
TESTS = sorted(t for t, e in KB.tests.items() if e.type == "single")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cases() -> st.SearchStrategy[dict[str, Any]]:
    return case_dicts(KB)


def level(kb: KnowledgeBase, data: dict[str, Any]) -> int:
    return LEVEL_RANK[assess(parse_case(data, kb), kb).triage.level]


def red_flag_level(kb: KnowledgeBase, data: dict[str, Any]) -> int:
    """The level set by rules that do not depend on the differential."""
    return red_flag_rank(assess(parse_case(data, kb), kb), kb)


@SETTINGS
@given(cases(), st.sampled_from(SYMPTOMS))
def test_moving_a_finding_to_present_never_lowers_the_red_flag_level(
    data: dict[str, Any], symptom: str
) -> None:
    before = red_flag_level(KB, data)
    moved = {
        **data,
        "symptoms": sorted({*data["symptoms"], symptom}),
        "absent": [s for s in data["absent"] if s != symptom],
        "unsure": [s for s in data["unsure"] if s != symptom],
    }
    assert red_flag_level(KB, moved) >= before
    if before >= LEVEL_RANK["urgent"]:
        assert level(KB, moved) >= before


@SETTINGS
@given(cases(), st.sampled_from(SYMPTOMS))
def test_moving_a_finding_to_unsure_never_lowers_the_red_flag_level(
    data: dict[str, Any], symptom: str
) -> None:
    if symptom in data["symptoms"]:
        return
    before = red_flag_level(KB, data)
    moved = {
        **data,
        "unsure": sorted({*data["unsure"], symptom}),
        "absent": [s for s in data["absent"] if s != symptom],
    }
    assert red_flag_level(KB, moved) >= before


@SETTINGS
@given(cases(), st.randoms(use_true_random=False))
def test_list_order_never_changes_the_result(data: dict[str, Any], rnd: random.Random) -> None:
    shuffled = dict(data)
    for key in ("symptoms", "absent", "unsure", "history"):
        items = list(data[key])
        rnd.shuffle(items)
        shuffled[key] = items
    regions = list(data["pain"]["regions"])
    rnd.shuffle(regions)
    shuffled["pain"] = {**data["pain"], "regions": regions}
    a = assess(parse_case(data, KB), KB).to_json()
    b = assess(parse_case(shuffled, KB), KB).to_json()
    assert a == b


@SETTINGS
@given(cases())
def test_same_input_same_output_and_probabilities_in_range(data: dict[str, Any]) -> None:
    first = assess(parse_case(data, KB), KB)
    assert first.to_json() == assess(parse_case(data, KB), KB).to_json()
    for c in first.conditions:
        assert 0.0 <= c.probability <= 1.0
    for m in first.muscles:
        assert 0.0 <= m.score <= 1.0
    for reason in first.triage.reasons:
        assert reason.rule in KB.triage_rules
        assert reason.findings, "every reason names the findings that fired it"
        assert reason.source in KB.sources
    assert first.triage.screening_complete == (not first.triage.unanswered)


@given(st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=5))
def test_a_likelihood_ratio_of_one_changes_nothing(prior: float, n: int) -> None:
    assert abs(posterior(prior, [1.0] * n) - posterior(prior, [])) < 1e-12


@given(
    st.floats(min_value=0.0, max_value=1.0),
    st.lists(st.floats(min_value=1e-3, max_value=1e3), max_size=8),
)
def test_posteriors_stay_in_range(prior: float, lrs: list[float]) -> None:
    assert 0.0 <= posterior(prior, lrs) <= 1.0


FINDINGS = st.one_of(
    st.sampled_from(HISTORY).map(lambda h: ("history", h)),
    st.sampled_from(REGIONS).map(lambda r: ("region", r)),
    st.sampled_from(TESTS).map(lambda t: ("test", t)),
    st.sampled_from(["sensory_deficit", "motor_deficit", "reflex_change"]).map(
        lambda n: ("neuro", n)
    ),
)


def _add(data: dict[str, Any], finding: tuple[str, str]) -> dict[str, Any]:
    kind, item = finding
    out = {**data, "exam": {k: dict(v) for k, v in data["exam"].items()}}
    if kind == "history":
        out["history"] = sorted({*data["history"], item})
    elif kind == "region":
        out["pain"] = {**data["pain"], "regions": sorted({*data["pain"]["regions"], item})}
    elif kind == "test":
        out["exam"]["tests"][item] = "positive"
    else:
        out["exam"]["neuro"][item] = True
    return out


@SETTINGS
@given(cases(), FINDINGS)
def test_adding_any_present_finding_never_lowers_emergency_or_urgent(
    data: dict[str, Any], finding: tuple[str, str]
) -> None:
    before = level(KB, data)
    if before >= LEVEL_RANK["urgent"]:
        assert level(KB, _add(data, finding)) >= before
    assert red_flag_level(KB, _add(data, finding)) >= red_flag_level(KB, data)
