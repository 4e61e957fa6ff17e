"""Two-dimensional drawing primitives and the outlines of round body parts.

A picture is a list of `Shape` and `Text` items in scene units (y up); the back ends (SVG,
reportlab) only translate them. Round parts are sampled into polygons: a tapered capsule (the
outline of two circles and their common tangents) and the convex hull of several circles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

Point = tuple[float, float]
ARC_STEP_DEGREES = 18.0


@dataclass(frozen=True)
class Shape:
    points: tuple[Point, ...]
    fill: str | None
    stroke: str | None = None
    width: float = 0.0
    closed: bool = True
    role: str = ""  # body | start | target | prop | arrow | floor | label
    data: tuple[tuple[str, str], ...] = ()  # data-* attributes of the SVG element


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    colour: str
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    role: str = "label"


Item = Shape | Text


def arc(cx: float, cy: float, r: float, start: float, end: float) -> list[Point]:
    """Points on a circle from angle `start` to `end` (radians, counter-clockwise)."""
    steps = max(2, math.ceil(math.degrees(abs(end - start)) / ARC_STEP_DEGREES))
    return [
        (
            cx + r * math.cos(start + (end - start) * i / steps),
            cy + r * math.sin(start + (end - start) * i / steps),
        )
        for i in range(steps + 1)
    ]


def circle(cx: float, cy: float, r: float) -> tuple[Point, ...]:
    return tuple(arc(cx, cy, r, 0.0, 2 * math.pi)[:-1])


def capsule(a: Point, ra: float, b: Point, rb: float) -> tuple[Point, ...]:
    """The outline of circle `a` (radius `ra`), circle `b` and their outer tangents."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    if d <= abs(ra - rb) + 1e-6:
        return circle(*a, ra) if ra >= rb else circle(*b, rb)
    heading = math.atan2(dy, dx)
    beta = math.acos(max(-1.0, min(1.0, (ra - rb) / d)))
    around_a = arc(*a, ra, heading + beta, heading + 2 * math.pi - beta)
    around_b = arc(*b, rb, heading - beta, heading + beta)
    return tuple(around_a + around_b)


HULL_SAMPLES = 16  # points per circle of a hull: the hull's edge is smooth at picture size
_UNIT = tuple(
    (math.cos(2 * math.pi * i / HULL_SAMPLES), math.sin(2 * math.pi * i / HULL_SAMPLES))
    for i in range(HULL_SAMPLES)
)


def hull_of_circles(circles: Iterable[tuple[Point, float]]) -> tuple[Point, ...]:
    """The convex hull of several circles (sampled), counter-clockwise."""
    points = [(x + r * c, y + r * s) for ((x, y), r) in circles for c, s in _UNIT]
    return convex_hull(points)


def convex_hull(points: list[Point]) -> tuple[Point, ...]:
    """Andrew's monotone chain."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return tuple(pts)

    def half(sequence: list[Point]) -> list[Point]:
        out: list[Point] = []
        for p in sequence:
            while len(out) >= 2 and _turn(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(list(reversed(pts)))
    return tuple(lower[:-1] + upper[:-1])


def _turn(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def bounds(items: Iterable[Item]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of every shape's points and every text's anchor line."""
    xs: list[float] = []
    ys: list[float] = []
    for item in items:
        if isinstance(item, Shape):
            pad = item.width / 2
            xs += [x - pad for x, _ in item.points] + [x + pad for x, _ in item.points]
            ys += [y - pad for _, y in item.points] + [y + pad for _, y in item.points]
    return min(xs), min(ys), max(xs), max(ys)


def mirrored(item: Item) -> Item:
    """The item reflected in the vertical axis x = 0 (text keeps reading left to right)."""
    if isinstance(item, Text):
        anchor = {"start": "end", "end": "start"}.get(item.anchor, item.anchor)
        return Text(
            -item.x, item.y, item.text, item.size, item.colour, anchor, item.bold, item.role
        )
    return replace(item, points=tuple((-x, y) for x, y in item.points))
