"""Three-valued logic: unknown is never absent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from triggermap.reasoning.findings import all3, any3, at_least3

TRI = st.sampled_from([True, False, None])


def test_kleene_tables() -> None:
    assert all3([True, True]) is True
    assert all3([True, None]) is None
    assert all3([False, None]) is False
    assert any3([False, None]) is None
    assert any3([True, None]) is True
    assert any3([False, False]) is False
    assert at_least3(2, [True, None, False]) is None
    assert at_least3(2, [True, True, None]) is True
    assert at_least3(2, [True, False, False]) is False


@given(st.lists(TRI, min_size=1, max_size=6), st.integers(min_value=1, max_value=6))
def test_resolving_unknowns_never_flips_a_decided_result(values: list[bool | None], k: int) -> None:
    k = min(k, len(values))
    decided = [all3(values), any3(values), at_least3(k, values)]
    for fill in (True, False):
        resolved = [fill if v is None else v for v in values]
        again = [all3(resolved), any3(resolved), at_least3(k, resolved)]
        for before, after in zip(decided, again, strict=True):
            if before is not None:
                assert after is before
