"""The one body map geometry: silhouette and region shapes, shared by every drawing of it.

The progress charts (matplotlib, `render.bodymap`) and the handout (SVG and reportlab,
`render.plan_figure`) draw the same views from this data, so a handout with a progress chart
shows one body, not two.

Views: back and front (every drawing), and side (the web app's body map, where the regions
on the outer side of the hip and leg are large enough to tap). A region is chosen in the one view
the knowledge base gives it (`Region.view`); the other views may show it too, as context.

Frame: each view is about 100 x 200 units, x = 0 on the body's midline, y pointing up from the
soles (y = 0). The views stand side by side, VIEW_GAP apart. The region shapes are data
(`REGION_SHAPES`): polygons drawn for the x > 0 half and mirrored to x < 0 unless they sit on
the midline. Regions the knowledge base marks as seen from the side (greater trochanter, lateral
thigh, knee and leg, ankle) lie along the outer edge of the back and front views, and whole in
the side view. Every region is at least 7.5 units across in the view the knowledge base gives
it, so a finger can hit it on a phone (24 CSS pixels at the web app's smallest scale).
Ids are those of spec/vocabulary.yaml.

Sides: seen from the back the person's left is on the viewer's left (x < 0); seen from the front
it is on the viewer's right (x > 0). `region_polygons` and `captions` are the only places that
apply this.

A drawing is a list of `Poly` and `Label` items in frame units; the back ends translate the
items and nothing else. Sizes (font, line width) are in frame units, which the handout draws at
about one point each and matplotlib takes as points.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

View = Literal["back", "front", "side"]
Side = Literal["left", "right"]
Anchor = Literal["start", "middle", "end"]
Point = tuple[float, float]

VIEWS: tuple[View, ...] = ("back", "front")
PERSON_SIDES: tuple[Side, ...] = ("left", "right")
VIEW_GAP = 110.0  # x offset of the next view
TORSO_FROM = 125.0
HALF_WIDTH = 52.0  # frame x from -HALF_WIDTH to +HALF_WIDTH around each view's midline
FRAME_BOTTOM, FRAME_TOP = -14.0, 190.0  # room for the captions below the feet

BODY_FILL, BODY_EDGE = "#ece7e2", "#8c8279"
UNMARKED_FILL, REGION_EDGE = "#f7f4f1", "#b3a9a0"
CAPTION_COLOUR, SIDE_COLOUR = "#4d4640", "#8c8279"


def _ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> tuple[Point, ...]:
    return tuple(
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    )


def _torso(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Shorten everything above the pelvis: the regions are below it and need the room."""
    return tuple(
        (x, y if y <= TORSO_FROM else TORSO_FROM + (y - TORSO_FROM) * 0.62) for x, y in points
    )


@dataclass(frozen=True)
class RegionShape:
    region: str
    view: View
    points: tuple[Point, ...]
    mirrored: bool = True  # False: one shape on the midline


def _shape(region: str, view: View, *points: Point, mirrored: bool = True) -> RegionShape:
    return RegionShape(region, view, tuple(points), mirrored)


# fmt: off
# The x > 0 half of the silhouette, from the neck round the outside of the leg to the crotch.
SILHOUETTE: tuple[Point, ...] = _torso((
    (0, 186), (6, 187), (24, 181), (29, 174), (27, 152), (22, 131), (27, 114), (30.5, 101),
    (31, 90), (29, 72), (26, 53), (25, 41), (23.5, 24), (19.5, 12), (21.5, 4), (21, 0),
    (7.5, 0), (8.5, 9), (8.3, 24), (7.2, 41), (6.2, 53), (3.5, 70), (1.3, 76), (0, 76.5),
))
ARM: tuple[Point, ...] = _torso((
    (25, 180), (30, 177), (35, 160), (41, 132), (46, 104), (44, 96), (40, 97), (37, 128),
    (30, 152), (27, 160),
))
HEAD = _ellipse(0, 174, 10, 12)  # above the shortened torso, not squashed
# The side view's whole outline (not mirrored), the person facing +x, from the back of the
# neck down the back and round the heel, toes and the front of the body.
SIDE_SILHOUETTE: tuple[Point, ...] = _torso(
    (
        (-4, 187), (-8, 183), (-11.5, 172), (-12, 158), (-10, 142), (-8.5, 130), (-10, 120),
        (-14, 110), (-16, 100), (-15, 90), (-12.5, 80), (-10.5, 68), (-9, 56), (-7.5, 48),
        (-8.5, 40), (-9, 32), (-7, 20), (-5, 11), (-6.5, 4), (-6, 0), (18, 0), (19.5, 2.5),
        (17, 5), (9, 8.5), (4.5, 13), (5.5, 24), (7, 38), (8.5, 47), (9.5, 58), (11, 72),
        (12, 86), (12.5, 98), (12, 108), (13.5, 118), (14.5, 126), (15, 140), (14.5, 155),
        (12, 168), (7.5, 180), (4, 187),
    )
)
SIDE_HEAD = _ellipse(1, 174, 10, 12)

REGION_SHAPES: tuple[RegionShape, ...] = (
    # back view
    _shape("lower_back", "back", (-19, 137), (19, 137), (21, 125), (-21, 125), mirrored=False),
    _shape("iliac_crest", "back", (7, 124), (21.5, 124), (27, 115), (23.5, 114.5), (19, 120),
           (7, 120.5)),
    _shape("sacrum", "back", (-6, 122), (6, 122), (4.4, 106), (-4.4, 106), mirrored=False),
    _shape("si_joint", "back", *_ellipse(10, 113, 4, 4.6)),
    _shape("coccyx", "back", *_ellipse(0, 101.6, 4, 3.8), mirrored=False),
    _shape("gluteal_cleft", "back", (-3.8, 97.4), (3.8, 97.4), (3.2, 80), (-3.2, 80),
           mirrored=False),
    _shape("upper_buttock", "back", (14.6, 118.5), (23, 115.5), (27.5, 106.5), (14.6, 106.5)),
    _shape("mid_buttock", "back", (4.3, 104.5), (27.8, 104.5), (28.2, 92), (4.3, 92)),
    _shape("lower_buttock", "back", (4.3, 90), (28.2, 90), (27.5, 82), (21, 77.5), (3.8, 78.5)),
    _shape("greater_trochanter", "back", (28.6, 101), (31.4, 101), (31.6, 89), (28.8, 89)),
    _shape("lateral_thigh", "back", (28.2, 87), (31, 87), (29, 71), (26.2, 54), (23.8, 54),
           (26, 71)),
    _shape("posterior_thigh", "back", (3.4, 75.5), (25.3, 75.5), (23.2, 54), (6.6, 54)),
    _shape("posterior_knee", "back", (6.5, 52), (23.4, 52), (23.2, 42), (7.1, 42)),
    _shape("lateral_knee", "back", (23.9, 52), (26.2, 52), (25.4, 42), (23.7, 42)),
    _shape("posterior_calf", "back", (7.6, 40), (21.8, 40), (20.2, 18), (9, 18)),
    _shape("lateral_leg", "back", (22.4, 40), (25, 40), (23.6, 24), (21, 24)),
    _shape("ankle", "back", (8.8, 16), (20.2, 16), (19.7, 10), (9, 10)),
    _shape("heel", "back", (9.4, 8.6), (19.3, 8.6), (19.6, 1), (8.9, 1)),
    # front view
    _shape("lower_abdomen", "front", (-21, 125), (21, 125), (15.5, 108), (-15.5, 108),
           mirrored=False),
    _shape("iliac_crest", "front", (22, 124.5), (25.5, 118), (27.5, 111), (24.5, 112),
           (21.5, 119.5)),
    _shape("groin", "front", (16.5, 107.5), (23.5, 104.5), (6.8, 80.5), (2.5, 84)),
    _shape("greater_trochanter", "front", (28.6, 101), (31.4, 101), (31.6, 89), (28.8, 89)),
    _shape("anterior_thigh", "front", (25.5, 101), (27.8, 93), (26.2, 72), (23.2, 55),
           (12.2, 55), (10.6, 72), (10.2, 79.5)),
    _shape("medial_thigh", "front", (1.6, 76), (9.4, 79.2), (9.8, 72), (11.4, 55), (6.2, 55),
           (3.6, 68)),
    _shape("lateral_thigh", "front", (28.6, 87), (31, 87), (29, 71), (26.2, 54), (24.2, 54),
           (26.6, 71)),
    _shape("anterior_knee", "front", *_ellipse(18.8, 47.4, 4.6, 5.6)),
    _shape("medial_knee", "front", (6.1, 53.5), (13.9, 53.5), (13.9, 41.2), (7.1, 41.2)),
    _shape("lateral_knee", "front", (23.6, 52.5), (26.1, 52.5), (25.3, 42), (23.4, 42)),
    _shape("anterior_leg", "front", (9, 40), (21.6, 40), (20, 18), (9.6, 18)),
    _shape("lateral_leg", "front", (22.2, 40), (25, 40), (23.6, 24), (20.8, 24)),
    _shape("ankle", "front", (9, 16), (20.2, 16), (19.8, 11), (9.2, 11)),
    _shape("foot", "front", (9.2, 9.6), (20, 9.6), (22, 3), (21.5, 0.4), (7.8, 0.4), (8.6, 4)),
    # side view: the outer side of the hip and leg, the person facing the viewer's right
    _shape("greater_trochanter", "side", *_ellipse(-1.5, 97, 5.2, 5.6), mirrored=False),
    _shape("lateral_thigh", "side", (-7.8, 89), (6.4, 89), (5.6, 70), (4.2, 54), (-5.4, 54),
           (-7.6, 70), mirrored=False),
    _shape("lateral_knee", "side", *_ellipse(0, 47.2, 4.8, 4.6), mirrored=False),
    _shape("lateral_leg", "side", (-5, 40.5), (4.8, 40.5), (3.4, 20), (-3.8, 20),
           mirrored=False),
    _shape("ankle", "side", *_ellipse(-0.4, 10.6, 4.2, 3.9), mirrored=False),
)
# fmt: on


def shapes_for(view: View) -> list[RegionShape]:
    return [shape for shape in REGION_SHAPES if shape.view == view]


def region_ids() -> frozenset[str]:
    return frozenset(shape.region for shape in REGION_SHAPES)


# ---------------------------------------------------------------- drawing items


@dataclass(frozen=True)
class Paint:
    fill: str  # "#rrggbb"
    fill_opacity: float = 1.0
    stroke: str | None = None
    stroke_width: float = 0.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Poly:
    points: tuple[Point, ...]
    paint: Paint
    role: str  # outline | region | a back end's own marks (pain, referral, ...)


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # the middle of the text line
    text: str
    size: float
    colour: str
    anchor: Anchor = "middle"


Item = Poly | Label

OUTLINE_PAINT = Paint(BODY_FILL, stroke=BODY_EDGE, stroke_width=0.9)
REGION_PAINT = Paint(UNMARKED_FILL, stroke=REGION_EDGE, stroke_width=0.5)


def view_offsets(views: Iterable[View] = VIEWS) -> list[tuple[View, float]]:
    """Each view with the x offset of its midline."""
    return [(view, index * VIEW_GAP) for index, view in enumerate(views)]


def frame(views: tuple[View, ...] = VIEWS) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) that holds the views and their captions."""
    return (-HALF_WIDTH, FRAME_BOTTOM, (len(views) - 1) * VIEW_GAP + HALF_WIDTH, FRAME_TOP)


def _mirror(points: Iterable[Point]) -> list[Point]:
    return [(-x, y) for x, y in points]


def _moved(points: Iterable[Point], dx: float) -> tuple[Point, ...]:
    return tuple((x + dx, y) for x, y in points)


def outline(dx: float, view: View = "back") -> list[Poly]:
    """The silhouette of one view (body, arms, head) with its midline at x = dx."""
    if view == "side":
        parts: tuple[tuple[Point, ...], ...] = (SIDE_SILHOUETTE, SIDE_HEAD)
    else:
        body = tuple(SILHOUETTE) + tuple(reversed(_mirror(SILHOUETTE)))
        parts = (body, ARM, tuple(_mirror(ARM)), HEAD)
    return [Poly(_moved(points, dx), OUTLINE_PAINT, "outline") for points in parts]


def painted_sides(side: str) -> tuple[Side, ...]:
    """The person's sides a painful region is painted on: their side, or both when the side is
    bilateral or not known."""
    if side == "left":
        return ("left",)
    if side == "right":
        return ("right",)
    return ("left", "right")


def _drawn_side(view: View) -> Side:
    """The person's side that the x > 0 half of a view shows (the side view shows one side)."""
    return "right" if view in ("back", "side") else "left"


def side_on_the_left(view: View) -> Side:
    """The person's side that the viewer sees on the left (x < 0) of a back or front view."""
    return "left" if _drawn_side(view) == "right" else "right"


def polygons_by_side(
    shape: RegionShape, dx: float = 0.0
) -> list[tuple[Side | None, tuple[Point, ...]]]:
    """Each polygon of the shape with the person's side it lies on (None: on the midline)."""
    if not shape.mirrored:
        return [(None, _moved(shape.points, dx))]
    return [(side, region_polygons(shape, dx, (side,))[0]) for side in PERSON_SIDES]


def region_polygons(
    shape: RegionShape, dx: float, sides: Iterable[Side] = PERSON_SIDES
) -> list[tuple[Point, ...]]:
    """The shape on each of the person's `sides` (once if it sits on the midline)."""
    if not shape.mirrored:
        return [_moved(shape.points, dx)]
    drawn = _drawn_side(shape.view)
    return [
        _moved(shape.points if side == drawn else _mirror(shape.points), dx)
        for side in dict.fromkeys(sides)
    ]


def captions(views: tuple[View, ...] = VIEWS, *, side_labels: bool = True) -> list[Label]:
    """The view names under the feet and, beside them, which of the person's sides is where."""
    out: list[Label] = []
    for view, dx in view_offsets(views):
        out.append(Label(dx, -9, view.capitalize(), 9, CAPTION_COLOUR))
        if side_labels and view != "side":
            outer = _drawn_side(view)[0].upper()
            other = "L" if outer == "R" else "R"
            out.append(Label(dx - 40, 4, other, 8, SIDE_COLOUR))
            out.append(Label(dx + 40, 4, outer, 8, SIDE_COLOUR))
    return out
