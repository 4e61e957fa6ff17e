"""The handout's body map: back and front views, painful places and referral zones.

One geometry, two backends: an SVG string for HTML and a reportlab `Drawing` for the PDF. Both
are deterministic (no ids, no timestamps), so a handout is byte-for-byte reproducible.

Coordinates: each view is VIEW_W x VIEW_H units, y pointing down. A region is drawn for the
limb on the viewer's left and mirrored for the other side; in the back view the viewer's left
is the person's left, in the front view it is the person's right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from triggermap.careplan.handout import BodyMap

VIEW_W = 160.0
VIEW_H = 410.0
GAP = 36.0
TOP = 22.0  # room for the view titles
LEGEND_H = 56.0
WIDTH = 2 * VIEW_W + GAP
HEIGHT = TOP + VIEW_H + LEGEND_H

PAIN_FILL = "#c62828"
REFERRAL_FILL = "#f5a623"
BODY_FILL = "#f3ede6"
BODY_STROKE = "#8a7f74"
TEXT = "#333333"

# viewer-left outline, top to bottom on the outside, then up the inside to the crotch
_OUTER = (
    (40, 0),
    (35, 30),
    (30, 55),
    (21, 96),
    (23, 140),
    (30, 185),
    (37, 240),
    (40, 262),
    (38, 300),
    (45, 356),
    (40, 384),
    (44, 402),
)
_INNER = ((72, 402), (71, 384), (68, 356), (73, 300), (70, 262), (73, 240), (77, 185), (80, 158))

Ellipse = tuple[float, float, float, float]  # cx, cy, rx, ry (viewer-left limb)
Line = tuple[tuple[float, float], ...]

# landmarks that make the outline read as a body: spine and buttock folds (back), navel (front)
BACK_LINES: tuple[Line, ...] = (
    ((80, 0), (80, 60)),
    ((33, 140), (48, 148), (64, 149), (78, 144)),
    ((127, 140), (112, 148), (96, 149), (82, 144)),
)
FRONT_LINES: tuple[Line, ...] = (
    ((44, 78), (58, 96), (76, 112)),
    ((116, 78), (102, 96), (84, 112)),
)
NAVEL = (80.0, 30.0)

BACK: dict[str, Ellipse] = {
    "lower_back": (62, 22, 16, 14),
    "iliac_crest": (47, 50, 17, 5),
    "si_joint": (70, 66, 5, 6),
    "upper_buttock": (48, 80, 16, 12),
    "mid_buttock": (57, 104, 15, 13),
    "lower_buttock": (59, 134, 16, 10),
    "greater_trochanter": (27, 98, 6, 9),
    "lateral_thigh": (32, 182, 5, 34),
    "posterior_thigh": (54, 190, 14, 38),
    "posterior_knee": (56, 251, 10, 9),
    "lateral_leg": (43, 312, 4, 30),
    "posterior_calf": (57, 300, 11, 32),
    "ankle": (56, 362, 9, 6),
    "heel": (56, 388, 9, 7),
}
BACK_MIDLINE: dict[str, Ellipse] = {
    "sacrum": (80, 80, 9, 15),
    "coccyx": (80, 110, 4, 5),
    "gluteal_cleft": (80, 132, 3, 15),
}
FRONT: dict[str, Ellipse] = {
    "lower_abdomen": (62, 42, 15, 12),
    "iliac_crest": (38, 56, 9, 5),
    "groin": (62, 94, 14, 5),
    "greater_trochanter": (27, 98, 6, 9),
    "lateral_thigh": (32, 182, 5, 34),
    "anterior_thigh": (53, 168, 14, 40),
    "medial_thigh": (70, 178, 5, 26),
    "anterior_knee": (55, 250, 9, 9),
    "medial_knee": (68, 252, 4, 7),
    "lateral_knee": (42, 252, 4, 7),
    "lateral_leg": (44, 312, 4, 30),
    "anterior_leg": (56, 305, 7, 32),
    "ankle": (56, 362, 9, 6),
    "foot": (56, 390, 12, 7),
}


@dataclass(frozen=True)
class Shape:
    x: float  # centre, in figure units (y down)
    y: float
    rx: float
    ry: float
    style: str  # pain | referral


def body_outline(offset_x: float) -> list[tuple[float, float]]:
    left = [*_OUTER, *_INNER]
    right = [(VIEW_W - x, y) for x, y in reversed(left)]
    return [(offset_x + x, TOP + y) for x, y in (*left, *right)]


def shapes(body_map: BodyMap) -> list[Shape]:
    """Referral zones first, painful places on top, for both views."""
    out: list[Shape] = []
    for style, regions in (("referral", body_map.referral), ("pain", body_map.painful)):
        for region in regions:
            out.extend(_region_shapes(region, style, body_map.side))
    return out


def _region_shapes(region: str, style: str, side: str) -> list[Shape]:
    out = []
    if region in BACK_MIDLINE:
        cx, cy, rx, ry = BACK_MIDLINE[region]
        out.append(Shape(cx, TOP + cy, rx, ry, style))
    for view_x, table, viewer_left in ((0.0, BACK, "left"), (VIEW_W + GAP, FRONT, "right")):
        if region not in table:
            continue
        cx, cy, rx, ry = table[region]
        for person_side in _sides(side):
            x = cx if person_side == viewer_left else VIEW_W - cx
            out.append(Shape(view_x + x, TOP + cy, rx, ry, style))
    return out


def _sides(side: str) -> tuple[str, ...]:
    return (side,) if side in ("left", "right") else ("left", "right")


def landmark_lines() -> list[list[tuple[float, float]]]:
    front_x = VIEW_W + GAP
    back = [[(x, TOP + y) for x, y in line] for line in BACK_LINES]
    front = [[(front_x + x, TOP + y) for x, y in line] for line in FRONT_LINES]
    return back + front


def labels() -> list[tuple[float, float, str, str]]:
    """(x, y, text, anchor) for view titles and side markers."""
    front_x = VIEW_W + GAP
    return [
        (VIEW_W / 2, 16, "Back", "middle"),
        (front_x + VIEW_W / 2, 16, "Front", "middle"),
        (4, TOP + 14, "L", "start"),
        (VIEW_W - 4, TOP + 14, "R", "end"),
        (front_x + 4, TOP + 14, "R", "start"),
        (front_x + VIEW_W - 4, TOP + 14, "L", "end"),
    ]


LEGEND = (("pain", "Where you marked pain"), ("referral", "Where your plan's muscles send pain"))


# ---------------------------------------------------------------- SVG


def body_map_svg(body_map: BodyMap, *, title: str = "Body map") -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'role="img" aria-label="{escape(title)}" font-family="sans-serif">',
        f"<title>{escape(title)}</title>",
    ]
    for offset in (0.0, VIEW_W + GAP):
        points = " ".join(f"{x:g},{y:g}" for x, y in body_outline(offset))
        parts.append(f'<polygon points="{points}" fill="{BODY_FILL}" stroke="{BODY_STROKE}"/>')
    for line in landmark_lines():
        points = " ".join(f"{x:g},{y:g}" for x, y in line)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{BODY_STROKE}" '
            'stroke-width="0.8" stroke-opacity="0.6"/>'
        )
    navel_x, navel_y = VIEW_W + GAP + NAVEL[0], TOP + NAVEL[1]
    parts.append(f'<circle cx="{navel_x:g}" cy="{navel_y:g}" r="1.6" fill="{BODY_STROKE}"/>')
    parts.extend(_svg_shape(s) for s in shapes(body_map))
    for x, y, text, anchor in labels():
        parts.append(
            f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="15" '
            f'fill="{TEXT}">{escape(text)}</text>'
        )
    parts.extend(_svg_legend())
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_shape(shape: Shape) -> str:
    if shape.style == "pain":
        paint = f'fill="{PAIN_FILL}" fill-opacity="0.85"'
    else:
        paint = (
            f'fill="{REFERRAL_FILL}" fill-opacity="0.55" stroke="#b9770e" stroke-dasharray="3 2"'
        )
    return (
        f'<ellipse cx="{shape.x:g}" cy="{shape.y:g}" rx="{shape.rx:g}" ry="{shape.ry:g}" {paint}/>'
    )


def _svg_legend() -> list[str]:
    out = []
    for i, (style, text) in enumerate(LEGEND):
        y = TOP + VIEW_H + 20 + i * 24
        out.append(_svg_shape(Shape(10, y - 5, 8, 7, style)))
        out.append(f'<text x="24" y="{y:g}" font-size="15" fill="{TEXT}">{escape(text)}</text>')
    return out


# ---------------------------------------------------------------- reportlab


def body_map_drawing(body_map: BodyMap, *, width: float) -> Any:
    """A reportlab Drawing `width` points wide (height to scale)."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, PolyLine, String
    from reportlab.lib import colors

    scale = width / WIDTH
    group = Group()
    for offset in (0.0, VIEW_W + GAP):
        flat = [v for x, y in body_outline(offset) for v in (x, HEIGHT - y)]
        group.add(
            Polygon(
                flat,
                fillColor=colors.HexColor(BODY_FILL),
                strokeColor=colors.HexColor(BODY_STROKE),
                strokeWidth=0.8,
            )
        )
    for line in landmark_lines():
        flat = [v for x, y in line for v in (x, HEIGHT - y)]
        group.add(PolyLine(flat, strokeColor=colors.HexColor(BODY_STROKE), strokeWidth=0.6))
    group.add(
        Circle(
            VIEW_W + GAP + NAVEL[0],
            HEIGHT - TOP - NAVEL[1],
            1.6,
            strokeColor=None,
            fillColor=colors.HexColor(BODY_STROKE),
        )
    )
    for shape in shapes(body_map):
        group.add(_rl_ellipse(shape))
    for x, y, text, anchor in labels():
        group.add(
            String(
                x, HEIGHT - y, text, fontSize=15, textAnchor=anchor, fillColor=colors.HexColor(TEXT)
            )
        )
    for i, (style, text) in enumerate(LEGEND):
        y = TOP + VIEW_H + 20 + i * 24
        group.add(_rl_ellipse(Shape(10, y - 5, 8, 7, style)))
        group.add(String(24, HEIGHT - y, text, fontSize=15, fillColor=colors.HexColor(TEXT)))
    group.scale(scale, scale)
    drawing = Drawing(width, HEIGHT * scale)
    drawing.add(group)
    return drawing


def _rl_ellipse(shape: Shape) -> Any:
    from reportlab.graphics.shapes import Ellipse as RlEllipse
    from reportlab.lib import colors

    if shape.style == "pain":
        return RlEllipse(
            shape.x,
            HEIGHT - shape.y,
            shape.rx,
            shape.ry,
            strokeColor=None,
            fillColor=_rgba(PAIN_FILL, 0.85),
        )
    return RlEllipse(
        shape.x,
        HEIGHT - shape.y,
        shape.rx,
        shape.ry,
        fillColor=_rgba(REFERRAL_FILL, 0.55),
        strokeColor=colors.HexColor("#b9770e"),
        strokeWidth=0.8,
        strokeDashArray=[3, 2],
    )


def _rgba(hex_colour: str, alpha: float) -> Any:
    from reportlab.lib import colors

    base = colors.HexColor(hex_colour)
    return colors.Color(base.red, base.green, base.blue, alpha=alpha)
