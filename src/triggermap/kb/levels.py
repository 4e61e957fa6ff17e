"""The triage levels (spec/vocabulary.yaml `triage_levels`): the one type and the one order.

Every part of triggermap that names or compares a level uses these: the knowledge base's rules,
the engine's result, the care plan, a person's triage and the renderers.
"""

from __future__ import annotations

from typing import Literal

TriageLevel = Literal["emergency", "urgent", "clinician", "self_care"]
LEVELS: tuple[TriageLevel, ...] = ("self_care", "clinician", "urgent", "emergency")  # rising
LEVEL_RANK: dict[str, int] = {level: index for index, level in enumerate(LEVELS)}
SEEK_CARE_NOW_LEVELS = frozenset({"emergency", "urgent"})  # care now: no self-treatment


def rank(level: str) -> int:
    """0 for self-care up to 3 for an emergency: a higher rank is more urgent."""
    return LEVEL_RANK[level]


def seeks_care_now(level: str) -> bool:
    """True for a level that sends the person to care now (emergency or urgent)."""
    return level in SEEK_CARE_NOW_LEVELS
