"""Props in space: where each one goes beside the posed figure and the solids it is made of.

Every prop is placed at a landmark of the final pose. `under` puts it below the landmark (the
figure then rests on it: a roller, a ball, a step, a pillow, a wobble board; a chair's seat or
a counter's top rises to meet it); `behind` and `beside` put it against the back or the outer
side of the body (a ball, then the wall that holds it); `over` lays it on top (a heat or cold
pack; `behind` lays one on the back of the body).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.render.pictures.space import Vec, add, along, scale

if TYPE_CHECKING:
    from triggermap.kb.schema import Prop
    from triggermap.render.pictures.figure import Figure

ROLLER_R, ROLLER_HALF_LENGTH = 4.8, 17.0
BALL_R = 3.6
FIXED_HEIGHT = {  # props the figure rests on, and how tall they are
    "foam_roller": 2 * ROLLER_R,
    "massage_ball": 2 * BALL_R,
    "step": 15.0,
    "pillow": 6.0,
    "wobble_board": 7.0,
}


@dataclass(frozen=True)
class Solid:
    kind: str  # sphere | cylinder | box | line
    points: tuple[Vec, ...]  # sphere: centre; cylinder: two end centres; box: two corners; line
    radius: float  # sphere, cylinder; a line's width
    style: str  # the prop kind, which picks the colours
    part: str = ""  # roller | seat | leg | board ...


def resting_bottom(prop: Prop, figure: Figure) -> float | None:
    """The lowest point of a prop the figure rests on (before grounding), else None."""
    if prop.placement != "under" or prop.kind not in FIXED_HEIGHT:
        return None
    centre, radius = figure.landmarks[prop.at]
    return centre[1] - radius + prop.offset[1] - FIXED_HEIGHT[prop.kind]


def place(prop: Prop, figure: Figure, props: list[Prop]) -> list[Solid]:
    """The solids of one prop beside the (grounded) figure."""
    centre, _radius = figure.landmarks[prop.at]
    centre = add(centre, prop.offset)
    if prop.kind in ("band", "strap"):
        assert prop.to is not None
        end, _ = figure.landmarks[prop.to]
        return [Solid("line", (centre, end), 1.3 if prop.kind == "band" else 1.6, prop.kind)]
    surface, direction = _surface(prop, figure)
    return _BUILDERS[prop.kind](prop, figure, surface, direction, props)


def _direction(prop: Prop, figure: Figure) -> Vec:
    p = figure.pelvis
    return {
        "under": (0.0, -1.0, 0.0),
        "over": (0.0, 1.0, 0.0),
        "behind": scale(p.front, -1.0),
        "beside": p.left,
    }[prop.placement]


def _box(low: Vec, high: Vec, style: str, part: str = "") -> Solid:
    return Solid("box", (low, high), 0.0, style, part)


def _centred_box(centre: Vec, half: Vec, style: str, part: str = "") -> Solid:
    return _box(add(centre, scale(half, -1.0)), add(centre, half), style, part)


def _roller(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    centre = along(surface, (d, ROLLER_R))
    axis = figure.pelvis.left
    ends = (along(centre, (axis, -ROLLER_HALF_LENGTH)), along(centre, (axis, ROLLER_HALF_LENGTH)))
    return [Solid("cylinder", ends, ROLLER_R, prop.kind, "roller")]


def _ball(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    return [Solid("sphere", (along(surface, (d, BALL_R)),), BALL_R, prop.kind)]


def _wall(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    ball = any(p.kind == "massage_ball" and p.at == prop.at for p in props)
    plane = along(surface, (d, 2 * BALL_R if ball else 0.0))
    thick = along(plane, (d, 4.0))
    x0, x1 = sorted((plane[0], thick[0]))
    z0, _z1 = sorted((plane[2], thick[2]))
    if abs(d[0]) < 0.5:  # a wall seen face on: a backdrop
        return [_box((-200.0, 0.0, min(z0, -30.0)), (200.0, 110.0, min(z0, -30.0) + 1), "wall")]
    return [_box((x0, 0.0, -40.0), (x1, 108.0, 40.0), "wall")]


def _step(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    top = surface[1] - FIXED_HEIGHT["step"]
    centre = (surface[0] + 4.0, top + FIXED_HEIGHT["step"] / 2, surface[2])
    return [_centred_box(centre, (15.0, FIXED_HEIGHT["step"] / 2, 16.0), "step")]


def _pillow(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    if prop.to is not None:
        other, _ = figure.landmarks[prop.to]
        centre, _ = figure.landmarks[prop.at]
        middle = scale(add(centre, other), 0.5)
        return [_centred_box(middle, (7.0, 3.0, 7.0), "pillow")]
    centre = along(surface, (d, 3.0))
    return [_centred_box(centre, (9.0, 3.0, 9.0), "pillow")]


def _wobble(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    top = surface[1]
    x, z = surface[0], surface[2]
    board = _centred_box((x, top - 1.0, z), (16.0, 1.0, 14.0), "wobble_board", "board")
    dome = Solid("sphere", ((x, top - 2.0, z),), 5.0, "wobble_board", "dome")
    return [dome, board]


def _pack(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    """A heat pack or a cold pack lying on the body: a folded towel on the skin and the pack
    on the towel, thin along `d` (the way it lies on the body), its face square to it."""
    towel = _flat_box(along(surface, (d, 0.6)), d, 0.6, 9.0, "towel")
    pack = _flat_box(along(surface, (d, 1.9)), d, 0.7, 6.5, prop.kind)
    return [towel, pack]


def _flat_box(centre: Vec, d: Vec, thick: float, half: float, style: str) -> Solid:
    axis = max(range(3), key=lambda i: abs(d[i]))
    extent = tuple(thick if i == axis else half for i in range(3))
    return _centred_box(centre, (extent[0], extent[1], extent[2]), style)


def _chair(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    pelvis = figure.pelvis.origin
    holds_back = prop.at.endswith(".hand")
    away = 1.0 if surface[0] >= pelvis[0] else -1.0  # seat away from a standing person
    if holds_back:
        back_top, x_back = surface[1], surface[0]
        seat_y = max(back_top - 38.0, 28.0)
        x_front = x_back + away * 32.0
    else:  # the seat meets the buttock, or the ball the buttock sits on
        ball = any(p.kind == "massage_ball" and p.at == prop.at for p in props)
        seat_y = surface[1] - (FIXED_HEIGHT["massage_ball"] if ball else 0.0)
        back_dir = -1.0 if figure.pelvis.front[0] > 0 else 1.0
        x_back = surface[0] + back_dir * 12.0
        x_front = surface[0] - back_dir * 20.0
        back_top = seat_y + 38.0
    z = surface[2]
    return _chair_parts(x_back, x_front, seat_y, back_top, z)


def _chair_parts(x_back: float, x_front: float, seat_y: float, top: float, z: float) -> list[Solid]:
    lo, hi = sorted((x_back, x_front))
    parts = [
        _box((lo, seat_y - 3.0, z - 16.0), (hi, seat_y, z + 16.0), "chair", "seat"),
        _box((x_back - 1.5, seat_y, z - 16.0), (x_back + 1.5, top, z + 16.0), "chair", "back"),
    ]
    for x in (lo + 1.5, hi - 1.5):
        for zz in (z - 14.5, z + 14.5):
            low, high = (x - 1.5, 0.0, zz - 1.5), (x + 1.5, seat_y - 3.0, zz + 1.5)
            parts.append(_box(low, high, "chair", "leg"))
    return parts


def _counter(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    pelvis = figure.pelvis.origin
    away = 1.0 if surface[0] >= pelvis[0] else -1.0
    edge = surface[0] - away * 4.0
    lo, hi = sorted((edge, edge + away * 40.0))
    return [_box((lo, 0.0, surface[2] - 30.0), (hi, surface[1], surface[2] + 30.0), "counter")]


def _mirror(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    centre, _ = figure.landmarks[prop.at]
    x = centre[0] + prop.offset[0]
    return [_box((x - 1.2, 0.0, -22.0), (x + 1.2, 104.0, 22.0), "mirror")]


def _sensor(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    return [Solid("sphere", (along(surface, (d, 1.0)),), 1.6, "sensor")]


def _screen(prop: Prop, figure: Figure, surface: Vec, d: Vec, props: list[Prop]) -> list[Solid]:
    centre, _ = figure.landmarks[prop.at]
    x, z = centre[0] + prop.offset[0], centre[2]
    sensor = next((p for p in props if p.kind == "sensor"), None)
    parts = [
        _box((x - 1.0, 0.0, z - 1.0), (x + 1.0, 14.0, z + 1.0), "screen", "stand"),
        _box((x - 9.0, 14.0, z - 2.0), (x + 9.0, 27.0, z + 2.0), "screen", "display"),
    ]
    if sensor is not None:
        (pad,) = _sensor(sensor, figure, *_surface(sensor, figure), props)[0].points
        parts.append(Solid("line", (pad, (x, 20.0, z)), 0.4, "sensor", "wire"))
    return parts


def _surface(prop: Prop, figure: Figure) -> tuple[Vec, Vec]:
    centre, radius = figure.landmarks[prop.at]
    direction = _direction(prop, figure)
    return along(add(centre, prop.offset), (direction, radius)), direction


_BUILDERS = {
    "mirror": _mirror,
    "sensor": _sensor,
    "screen": _screen,
    "foam_roller": _roller,
    "massage_ball": _ball,
    "wall": _wall,
    "step": _step,
    "pillow": _pillow,
    "wobble_board": _wobble,
    "heat_pack": _pack,
    "cold_pack": _pack,
    "chair": _chair,
    "counter": _counter,
}
