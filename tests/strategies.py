"""Hypothesis building blocks shared by the property tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

STATES = ("present", "absent", "unsure")


def symptom_answers(draw: Any, symptoms: list[str]) -> dict[str, list[str]]:
    """Each symptom present, absent, unsure or unknown: the case's three lists by state."""
    states = draw(
        st.lists(
            st.sampled_from([*STATES, "unknown"]), min_size=len(symptoms), max_size=len(symptoms)
        )
    )
    return {s: [sym for sym, v in zip(symptoms, states, strict=True) if v == s] for s in STATES}


@st.composite
def case_dicts(draw: Any, kb: Any) -> dict[str, Any]:
    """A case as spec/CASES.md JSON over the ids of `kb`: any answers, drawing and exam."""
    regions, history = sorted(kb.regions), sorted(kb.history)
    single = sorted(t for t, e in kb.tests.items() if e.type == "single")
    answers = symptom_answers(draw, sorted(kb.symptoms))
    data: dict[str, Any] = {
        "symptoms": answers["present"],
        "absent": answers["absent"],
        "unsure": answers["unsure"],
        "pain": {"regions": draw(st.lists(st.sampled_from(regions), max_size=6, unique=True))},
        "history": draw(st.lists(st.sampled_from(history), max_size=4, unique=True)),
    }
    if draw(st.booleans()):
        data["age"] = draw(st.integers(min_value=16, max_value=95))
    if draw(st.booleans()):
        data["duration_weeks"] = draw(st.integers(min_value=0, max_value=60))
    if draw(st.booleans()):
        data["pain"]["intensity"] = draw(st.integers(min_value=0, max_value=10))
    data["onset"] = draw(st.sampled_from(["sudden", "gradual", "after_trauma", "unknown"]))
    tests = draw(
        st.dictionaries(
            st.sampled_from(single),
            st.sampled_from(["positive", "negative"]),
            max_size=4,
        )
    )
    neuro = draw(
        st.dictionaries(
            st.sampled_from(["sensory_deficit", "motor_deficit", "reflex_change"]),
            st.booleans(),
            max_size=3,
        )
    )
    data["exam"] = {"tests": tests, "neuro": neuro}
    return data


def red_flag_rank(assessment: Any, kb: Any) -> int:
    """The triage level (as a rank) set by the rules that do not read the differential."""
    from triggermap.kb.levels import LEVEL_RANK

    levels = [
        LEVEL_RANK[r.level]
        for r in assessment.triage.reasons
        if "leading_condition" not in str(kb.triage_rules[r.rule].when)
    ]
    return max(levels, default=0)
