"""Equipment: what is missing and what to use instead."""

from __future__ import annotations

from triggermap.careplan.equipment import missing_equipment, substitution_notes
from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case


def test_nothing_is_missing_when_equipment_is_not_stated(kb: KnowledgeBase) -> None:
    case = parse_case({}, kb)
    assert all(not missing_equipment(t, case) for t in kb.treatments.values())


def test_household_things_are_never_missing(kb: KnowledgeBase) -> None:
    case = parse_case({"preferences": {"equipment": ["foam_roller"]}}, kb)
    for treatment in kb.treatments.values():
        assert not {"chair", "pillow", "step", "towel"} & set(missing_equipment(treatment, case))


def test_a_stand_in_is_named(kb: KnowledgeBase) -> None:
    roll = kb.treatments["foam_roll_gluteus_maximus"]
    with_ball = parse_case({"preferences": {"equipment": ["massage_ball"]}}, kb)
    assert substitution_notes(roll, with_ball) == (
        "You did not list a foam roller: use your massage ball instead, the same way.",
    )
    with_band = parse_case({"preferences": {"equipment": ["resistance_band"]}}, kb)
    assert "a tennis ball works instead" in substitution_notes(roll, with_band)[0]
