"""Equipment: what a treatment needs that the person does not have, and what to use instead.

When a case gives `preferences.equipment`, that list is what the person owns; when it gives
none, nothing is excluded. Household things (a chair, a wall, a step ...) are always assumed.
A missing foam roller or massage ball is not a reason to drop a release: the source article
names a tennis ball as a self-massage tool, and a ball and a roller stand in for each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.schema import Treatment
    from triggermap.reasoning.case import Case

HOUSEHOLD = frozenset(
    {
        "bed",
        "chair",
        "counter",
        "cushion",
        "door",
        "floor",
        "mat",
        "mirror",
        "pillow",
        "stairs",
        "step",
        "table",
        "towel",
        "wall",
    }
)
# equipment -> what can stand in for it, best first (source_article: "a tennis ball or foam
# roller"; massage balls "smaller and more focused than foam rollers").
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "foam_roller": ("massage_ball", "tennis_ball", "lacrosse_ball"),
    "massage_ball": ("tennis_ball", "lacrosse_ball"),
    "heat_pack": ("hot_water_bottle", "wheat_bag", "heating_pad"),
}
# what anyone can find at home instead (the heat treatment's own steps name these)
FALLBACK = {
    "foam_roller": "a tennis ball",
    "massage_ball": "a tennis ball",
    "heat_pack": "a hot-water bottle wrapped in a towel, or a warm, damp towel",
}
SUBSTITUTE_SOURCE = "source_article"


def equipment_name(equipment_id: str) -> str:
    return equipment_id.replace("_", " ")


def missing_equipment(treatment: Treatment, case: Case) -> tuple[str, ...]:
    owned = case.preferences.equipment
    if not owned:
        return ()
    return tuple(e for e in treatment.equipment if e not in owned and e not in HOUSEHOLD)


def substitution_notes(treatment: Treatment, case: Case) -> tuple[str, ...]:
    """One plain sentence per missing piece of equipment: what to use instead."""
    return tuple(_note(e, case.preferences.equipment) for e in missing_equipment(treatment, case))


def _note(missing: str, owned: tuple[str, ...]) -> str:
    name = equipment_name(missing)
    stand_ins = SUBSTITUTES.get(missing)
    if stand_ins is None or missing not in FALLBACK:
        return (
            f"You did not list a {name}. Do the parts you can without it, or ask a therapist "
            "what to use instead."
        )
    have = next((s for s in stand_ins if s in owned), None)
    if have is not None:
        return f"You did not list a {name}: use your {equipment_name(have)} instead, the same way."
    return f"You did not list a {name}: {FALLBACK[missing]} works instead, the same way."
