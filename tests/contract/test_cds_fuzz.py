"""No input gives a 5xx: any node of a valid hook request (or feedback) replaced by any JSON
value gets a 200 or a 4xx problem naming the field, and a 200 is still a valid CDS response."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.contract.conftest import SERVICE, chart_for, hook_request, make_client

from triggermap.kb.loader import load_knowledge

KB = load_knowledge()
CLIENT = make_client(KB)
VALID = hook_request(
    chart_for(
        {
            "age": 52,
            "sex": "female",
            "side": "left",
            "onset": "gradual",
            "duration_weeks": 6,
            "pain": {"regions": ["mid_buttock", "posterior_thigh"], "intensity": 6},
            "symptoms": ["worse_sitting", "fever"],
            "absent": ["saddle_anaesthesia"],
            "unsure": ["weight_loss"],
            "history": ["prolonged_sitting"],
        },
        KB,
    )
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


PATHS = paths(VALID)


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(document)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=JSON)
def test_any_node_replaced_gives_no_server_error(
    path: tuple[Any, ...], value: Any, check_schema: Callable[[Any, str], None]
) -> None:
    response = CLIENT.post(SERVICE, json=replaced(VALID, path, value))
    assert response.status_code < 500, (path, value, response.text)
    if response.status_code == 200:
        check_schema(response.json(), "CdsResponse")
    else:
        detail = response.json()["detail"]
        assert detail and "\n" not in detail


@settings(max_examples=100, deadline=None)
@given(body=JSON)
def test_any_feedback_body_gives_no_server_error(body: Any) -> None:
    response = CLIENT.post(f"{SERVICE}/feedback", json=body)
    assert response.status_code in (200, 400)


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=64))
def test_any_bytes_give_no_server_error(raw: bytes) -> None:
    response = CLIENT.post(SERVICE, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 412)
