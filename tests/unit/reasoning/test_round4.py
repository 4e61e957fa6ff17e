"""`compiled.round4` is `round(x, 4)` exactly: the compiled engine's probabilities, muscle scores
and test gains are rounded by it, and the readable form rounds with `round` itself."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from triggermap.reasoning.compiled import round4


def same(a: float, b: float) -> bool:
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@given(st.floats(allow_nan=False, allow_infinity=True))
def test_round4_is_round_on_any_float(x: float) -> None:
    assert same(round4(x), round(x, 4))


@given(st.floats(min_value=0.0, max_value=1.0))
def test_round4_is_round_on_probabilities(x: float) -> None:
    assert same(round4(x), round(x, 4))


def test_round4_is_round_at_and_beside_every_tie_and_step() -> None:
    """Exact ties (odd multiples of 1/32: 0.03125 rounds to even, 0.0312), the decimals
    themselves and their neighbours, a negative zero and the largest fast value."""
    values = [k / 32 for k in range(33)] + [k / 20_000 for k in range(20_001)]
    values += [math.nextafter(v, 2.0) for v in values] + [math.nextafter(v, -1.0) for v in values]
    values += [-0.0, -0.00001, 99_999.99995, 100_000.0, 1e300, -1e-300, 5e-324]
    for v in values:
        assert same(round4(v), round(v, 4)), v
    assert round4(0.03125) == 0.0312 and round4(0.09375) == 0.0938
