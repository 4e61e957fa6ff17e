"""The handout's body map: back and front views, painful places and referral zones.

The geometry is `render.body_geometry`, the same the progress charts draw (`render.bodymap`):
every region is a pale patch, the person's painful places are red on their side (both sides when
the side is bilateral or unknown), the referral zones of the plan's muscles orange and dashed.
`handout_items` composes the figure; two thin back ends draw it, an SVG string for HTML and a
reportlab `Drawing` for the PDF. Both are deterministic (no ids, no timestamps), so a handout is
byte-for-byte reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from triggermap.render.body_geometry import (
    FRAME_BOTTOM,
    REGION_PAINT,
    Item,
    Label,
    Paint,
    Poly,
    captions,
    frame,
    outline,
    painted_sides,
    region_polygons,
    shapes_for,
    view_offsets,
)

if TYPE_CHECKING:
    from triggermap.careplan.handout import BodyMap

PAIN_PAINT = Paint("#c62828", fill_opacity=0.85)
REFERRAL_PAINT = Paint(
    "#f5a623", fill_opacity=0.55, stroke="#b9770e", stroke_width=0.5, dash=(1.8, 1.2)
)
TEXT = "#333333"
LEGEND = (("pain", "Where you marked pain"), ("referral", "Where your plan's muscles send pain"))
LEGEND_ROW = 13.0
LEGEND_H = len(LEGEND) * LEGEND_ROW + 4

X0, _Y0, X1, Y1 = frame()
Y0 = FRAME_BOTTOM - LEGEND_H  # the legend sits under the views
WIDTH, HEIGHT = X1 - X0, Y1 - Y0
MAP_Y0 = FRAME_BOTTOM  # a muscle's map has no legend inside (the page gives it once)

ESSENTIAL_PAINT = Paint("#e8590c", fill_opacity=0.9)
SPILLOVER_PAINT = Paint(
    "#ffc078", fill_opacity=0.85, stroke="#d9480f", stroke_width=0.6, dash=(1.8, 1.2)
)
PAIN_OUTLINE = Paint("#ffffff", fill_opacity=0.0, stroke="#7b1fa2", stroke_width=1.5)
MUSCLE_LEGEND = (
    ("essential", "Where this muscle usually sends pain (essential zone)"),
    ("spillover", "Where it sometimes also does (spillover zone)"),
    ("pain", "Where you marked pain"),
)
LEGEND_PAINTS = {"essential": ESSENTIAL_PAINT, "spillover": SPILLOVER_PAINT, "pain": PAIN_OUTLINE}


def muscle_map_items(
    side: str, painful: tuple[str, ...], essential: tuple[str, ...], spillover: tuple[str, ...]
) -> list[Item]:
    """One muscle's referral: its essential zones, its spillover zones, and the person's
    painful places outlined on top, on the person's side (both sides when not known)."""
    sides = painted_sides(side)
    marks = (
        ("spillover", SPILLOVER_PAINT, spillover),
        ("essential", ESSENTIAL_PAINT, essential),
        ("pain", PAIN_OUTLINE, painful),
    )
    items: list[Item] = []
    for view, dx in view_offsets():
        items.extend(outline(dx))
        shapes = shapes_for(view)
        for shape in shapes:
            items.extend(Poly(p, REGION_PAINT, "region") for p in region_polygons(shape, dx))
        for role, paint, regions in marks:
            for shape in (s for s in shapes if s.region in regions):
                items.extend(Poly(p, paint, role) for p in region_polygons(shape, dx, sides))
    items.extend(captions())
    return items


def muscle_map_svg(items: list[Item], *, title: str) -> str:
    return _svg(items, title, MAP_Y0)


def muscle_map_drawing(items: list[Item], *, width: float) -> Any:
    return _drawing(items, width, MAP_Y0)


def legend_swatch_svg(role: str) -> str:
    """A small square in a legend, painted as the map paints `role`."""
    paint = LEGEND_PAINTS[role]
    item = Poly(((X0, Y1), (X0 + 10, Y1), (X0 + 10, Y1 - 10), (X0, Y1 - 10)), paint, role)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 12 12" width="14" height="14" '
        f'aria-hidden="true">{_svg_item(item)}</svg>'
    )


def legend_swatch_drawing(role: str, size: float) -> Any:
    from reportlab.graphics.shapes import Drawing

    paint = LEGEND_PAINTS[role]
    drawing = Drawing(size, size)
    square = (0.5, 0.5, size - 0.5, 0.5, size - 0.5, size - 0.5, 0.5, size - 0.5)
    drawing.add(_rl_polygon(square, paint))
    return drawing


def handout_items(body_map: BodyMap) -> list[Item]:
    """Silhouettes and pale regions, then referral zones, then painful places on top."""
    sides = painted_sides(body_map.side)
    marks = (
        ("referral", REFERRAL_PAINT, body_map.referral),
        ("pain", PAIN_PAINT, body_map.painful),
    )
    items: list[Item] = []
    for view, dx in view_offsets():
        items.extend(outline(dx))
        shapes = shapes_for(view)
        for shape in shapes:
            items.extend(Poly(p, REGION_PAINT, "region") for p in region_polygons(shape, dx))
        for role, paint, regions in marks:
            for region in regions:
                for shape in (s for s in shapes if s.region == region):
                    items.extend(Poly(p, paint, role) for p in region_polygons(shape, dx, sides))
    items.extend(captions())
    items.extend(_legend())
    return items


def _legend() -> list[Item]:
    out: list[Item] = []
    for i, (role, text) in enumerate(LEGEND):
        y = FRAME_BOTTOM - (i + 0.5) * LEGEND_ROW
        x = X0 + 3
        swatch = ((x, y - 3.5), (x + 10, y - 3.5), (x + 10, y + 3.5), (x, y + 3.5))
        out.append(Poly(swatch, PAIN_PAINT if role == "pain" else REFERRAL_PAINT, role))
        out.append(Label(x + 14, y, text, 8.5, TEXT, "start"))
    return out


# ---------------------------------------------------------------- SVG


def body_map_svg(body_map: BodyMap, *, title: str = "Body map") -> str:
    return _svg(handout_items(body_map), title, Y0)


def _svg(items: list[Item], title: str, y0: float) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(WIDTH)} {_n(Y1 - y0)}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
    ]
    parts.extend(_svg_item(item) for item in items)
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_item(item: Item) -> str:
    if isinstance(item, Label):
        return (
            f'<text x="{_n(item.x - X0)}" y="{_n(Y1 - item.y)}" text-anchor="{item.anchor}" '
            f'dominant-baseline="central" font-size="{_n(item.size)}" fill="{item.colour}">'
            f"{escape(item.text)}</text>"
        )
    points = " ".join(f"{_n(x - X0)},{_n(Y1 - y)}" for x, y in item.points)
    paint = item.paint
    attributes = f'fill="{paint.fill}"'
    if paint.fill_opacity < 1:
        attributes += f' fill-opacity="{_n(paint.fill_opacity)}"'
    if paint.stroke:
        attributes += f' stroke="{paint.stroke}" stroke-width="{_n(paint.stroke_width)}"'
        if paint.dash:
            attributes += f' stroke-dasharray="{" ".join(_n(d) for d in paint.dash)}"'
    return f'<polygon class="{item.role}" points="{points}" {attributes}/>'


def _n(value: float) -> str:
    """A number for SVG: at most two decimals, no trailing zeros, no "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# ---------------------------------------------------------------- reportlab


def body_map_drawing(body_map: BodyMap, *, width: float) -> Any:
    """A reportlab Drawing `width` points wide (height to scale)."""
    return _drawing(handout_items(body_map), width, Y0)


def _drawing(items: list[Item], width: float, y0: float) -> Any:
    from reportlab.graphics.shapes import Drawing, Group

    scale = width / WIDTH
    group = Group()
    for shape in _rl_items(items, y0):
        group.add(shape)
    group.scale(scale, scale)
    drawing = Drawing(width, (Y1 - y0) * scale)
    drawing.add(group)
    return drawing


def _rl_polygon(points: Iterable[float], paint: Paint) -> Any:
    from reportlab.graphics.shapes import Polygon
    from reportlab.lib import colors

    base = colors.HexColor(paint.fill)
    return Polygon(
        list(points),
        fillColor=colors.Color(base.red, base.green, base.blue, alpha=paint.fill_opacity),
        strokeColor=colors.HexColor(paint.stroke) if paint.stroke else None,
        strokeWidth=paint.stroke_width,
        strokeDashArray=list(paint.dash) or None,
    )


def _rl_items(items: Iterable[Item], y0: float = Y0) -> list[Any]:
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors

    out: list[Any] = []
    for item in items:
        if isinstance(item, Label):
            baseline = item.y - y0 - 0.35 * item.size
            out.append(
                String(
                    item.x - X0,
                    baseline,
                    item.text,
                    fontSize=item.size,
                    textAnchor=item.anchor,
                    fillColor=colors.HexColor(item.colour),
                )
            )
            continue
        points = [v for x, y in item.points for v in (x - X0, y - y0)]
        out.append(_rl_polygon(points, item.paint))
    return out
