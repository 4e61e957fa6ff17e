"""A picture as a reportlab Drawing: the same items as the SVG, for the PDF handout."""

from __future__ import annotations

from typing import Any

from triggermap.render.pictures import style
from triggermap.render.pictures.scene import Picture
from triggermap.render.pictures.shapes import Shape, Text

FIGURE_FONT = "Helvetica-Bold"  # text inside a picture (a label, not body text)


def picture_drawing(picture: Picture, *, width: float, font: str = FIGURE_FONT) -> Any:
    """A Drawing `width` points wide (height to scale)."""
    from reportlab import rl_config
    from reportlab.graphics.shapes import Drawing, Group

    rl_config.shapeChecking = 0  # our shapes are built valid; checking each attribute is slow
    k = width / style.WIDTH
    group = Group(*(_shape(item, font) for item in picture.items))
    group.scale(k, k)
    drawing = Drawing(width, style.HEIGHT * k)
    drawing.add(group)
    return drawing


def _shape(item: Shape | Text, font: str) -> Any:
    from reportlab.graphics.shapes import Polygon, PolyLine, String
    from reportlab.lib import colors

    if isinstance(item, Text):
        return String(
            item.x,
            item.y,
            item.text,
            fontName=font,
            fontSize=item.size,
            fillColor=colors.HexColor(item.colour),
            textAnchor=item.anchor,
        )
    flat = [v for point in item.points for v in point]
    stroke = colors.HexColor(item.stroke) if item.stroke else None
    if not item.closed:
        return PolyLine(
            flat,
            strokeColor=stroke,
            strokeWidth=item.width,
            strokeLineCap=1,
            strokeLineJoin=1,
            strokeOpacity=item.opacity,
        )
    fill = colors.HexColor(item.fill) if item.fill else None
    return Polygon(
        flat,
        fillColor=fill,
        strokeColor=stroke,
        strokeWidth=item.width,
        strokeLineJoin=1,
        fillOpacity=item.opacity,
        strokeOpacity=item.opacity,
    )
