"""Probabilities as people read them, for every front end and the handout alike."""

from __future__ import annotations


def percent(p: float) -> str:
    """A probability for people: never a false 0% or 100% ('<1%', '>99%')."""
    if p < 0.01:
        return "<1%" if p < 0.005 else "1%"
    if p > 0.99:
        return ">99%"
    return f"{p:.0%}" if p >= 0.1 else f"{p:.1%}"
