"""Three-dimensional vectors for posing the figure: plain tuples and small pure functions.

The scene: x to the viewer's right, y up, z toward the viewer (orthographic projection drops z,
which then only orders what is drawn in front).
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]

DIRECTIONS: dict[str, Vec] = {
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
    "left": (-1.0, 0.0, 0.0),
    "right": (1.0, 0.0, 0.0),
    "toward": (0.0, 0.0, 1.0),
    "away": (0.0, 0.0, -1.0),
}


def add(*vectors: Vec) -> Vec:
    return (
        sum(v[0] for v in vectors),
        sum(v[1] for v in vectors),
        sum(v[2] for v in vectors),
    )


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(v: Vec, k: float) -> Vec:
    return (v[0] * k, v[1] * k, v[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(v: Vec) -> float:
    return math.sqrt(dot(v, v))


def unit(v: Vec) -> Vec:
    size = length(v)
    return scale(v, 1.0 / size) if size > 1e-9 else (0.0, 0.0, 0.0)


def rotate(v: Vec, axis: Vec, degrees: float) -> Vec:
    """`v` turned about the unit `axis` (right-hand rule) by `degrees` (Rodrigues)."""
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    return add(scale(v, cos), scale(cross(axis, v), sin), scale(axis, dot(axis, v) * (1 - cos)))


def blend(a: Vec, b: Vec, degrees: float) -> Vec:
    """`a` turned toward the perpendicular unit vector `b` by `degrees`."""
    angle = math.radians(degrees)
    return add(scale(a, math.cos(angle)), scale(b, math.sin(angle)))


def along(origin: Vec, *steps: tuple[Vec, float]) -> Vec:
    """`origin` plus each unit vector times its distance."""
    return add(origin, *(scale(v, k) for v, k in steps))


def turn_camera(v: Vec, degrees: float, tilt: float = 0.0) -> Vec:
    """The point as a camera turned about the vertical axis by `degrees`, then raised by
    `tilt` degrees to look down, sees it."""
    turned = rotate(v, (0.0, 1.0, 0.0), degrees) if degrees else v
    return rotate(turned, (1.0, 0.0, 0.0), tilt) if tilt else turned
