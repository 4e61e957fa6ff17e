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
