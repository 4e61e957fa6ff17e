"""Any JSON value at all either parses into a case or is one CaseError line: never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from triggermap.errors import CaseError
from triggermap.kb.loader import load_knowledge
from triggermap.reasoning.case import parse_case
from triggermap.reasoning.engine import assess

KB = load_knowledge()
FIELDS = [
    "id",
    "age",
    "sex",
    "duration_weeks",
    "onset",
    "side",
    "pain",
    "symptoms",
    "absent",
    "unsure",
    "history",
    "exam",
    "preferences",
]
EXTRA = ["positive", "negative", "taut_band", "hip_flexion", "motor_deficit", "female", "sudden"]
IDS = sorted({*KB.symptoms, *KB.regions, *KB.history, *KB.tests, *KB.muscles, *EXTRA})
KEYS = [
    *IDS,
    "regions",
    "intensity",
    "palpation",
    "tests",
    "rom",
    "neuro",
    "active",
    "passive",
    "painful",
]

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=True)
    | st.sampled_from(IDS)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=6))
def test_any_input_parses_or_gives_one_line(data: dict[str, Any]) -> None:
    try:
        case = parse_case(data, KB)
    except CaseError as exc:
        assert "\n" not in str(exc) and ": " in str(exc)
        return
    assess(case, KB)  # a valid case always assesses
