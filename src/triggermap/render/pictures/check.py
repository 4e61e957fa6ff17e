"""`kb check`'s question about pictures: does every self-care item have one, and does it draw?

A picture draws when both sides pose without error (every reach is within the limb's length
and names a landmark already placed), its end pose is seen from the view it declares, every
muscle of its treatment has a shape to highlight, and the scene holds the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triggermap.errors import KnowledgeError
from triggermap.kb.schema import SELF_CARE_KINDS
from triggermap.render.pictures.muscles import MUSCLE_SHAPES
from triggermap.render.pictures.scene import check_view, draw_picture

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Illustration, Treatment

__all__ = ["SELF_CARE_KINDS", "picture_problems"]


def picture_problems(kb: KnowledgeBase) -> list[str]:
    """One line per self-care item without a picture, or with one that does not draw."""
    problems: list[str] = []
    for treatment in kb.treatments.values():
        if treatment.kind not in SELF_CARE_KINDS:
            continue
        illustration = kb.illustrations.get(treatment.id)
        where = f"{kb.origins.get(('treatments', treatment.id), 'treatments')}: treatment"
        if illustration is None:
            problems.append(
                f"{where} '{treatment.id}': no picture (add illustrations/{treatment.id}.yaml)"
            )
            continue
        problems += _drawing_problems(kb, illustration, treatment)
    return problems


def _drawing_problems(
    kb: KnowledgeBase, illustration: Illustration, treatment: Treatment
) -> list[str]:
    origin = kb.origins.get(("illustrations", illustration.id), "illustrations")
    where = f"{origin}: illustration '{illustration.id}'"
    missing = [m for m in treatment.muscles if m not in MUSCLE_SHAPES]
    if missing:
        return [
            f"{where}: no shape to highlight muscle {missing[0]!r} (render/pictures/muscles.py)"
        ]
    try:
        wrong_view = check_view(illustration)
        if wrong_view:
            return [f"{where}: field 'view': {wrong_view}"]
        for side in ("left", "right"):
            picture = draw_picture(illustration, muscles=treatment.muscles, side=side)
            if not any(item for item in picture.items if getattr(item, "role", "") == "body"):
                return [f"{where}: the picture holds no figure"]
    except KnowledgeError as exc:
        return [f"{where}: {line.split(': ', 1)[-1]}" for line in exc.problems]
    return []
