"""Numbers as people read them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def one_decimal(value: float) -> float:
    """Rounded half up to one decimal, as people round (6.25 -> 6.3, not 6.2)."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
