"""Exercise pictures: one renderer draws every self-care item from its pose data.

    picture_for(kb, treatment_id, side) -> Picture | None    the scene, as plain data
    svg.picture_svg(picture) -> str                            SVG (kb illustration, the session)
    png.svg_to_png(svg) -> bytes                               PNG, drawn from the SVG by cairosvg
    cache.drawn_picture(illustration, muscles, side)           the handouts' SVG and PDF art,
                                                               kept between runs
    drawing.PictureFlowable(drawn, width)                      that art in the PDF handout

The pose data are `knowledge/illustrations/ID.yaml` (schema: `kb.schema.Illustration`). The
package imports its renderer only when a picture is drawn: a handout whose pictures are all
cached never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.render.pictures.scene import Picture, Side

__all__ = ["picture_for", "picture_path"]


def picture_for(kb: KnowledgeBase, treatment_id: str, side: Side | None) -> Picture | None:
    """The picture of a treatment on `side`, or None when it has none."""
    from triggermap.render.pictures.scene import draw_picture

    illustration = kb.illustrations.get(treatment_id)
    treatment = kb.treatments.get(treatment_id)
    if illustration is None or treatment is None:
        return None
    return draw_picture(illustration, muscles=treatment.muscles, side=side)


def picture_path(treatment_id: str) -> str:
    """Where the pose data of a treatment's picture live, relative to the package."""
    return f"triggermap/knowledge/illustrations/{treatment_id}.yaml"
