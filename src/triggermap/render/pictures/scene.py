"""One exercise picture from its illustration data: pose, ground, project, order and style.

`draw_picture` poses the figure (start pose faint, end pose solid), places the props, lays
the figure on the floor or on the props under it, highlights the treatment's muscles on the
working side, adds the arrows, mirrors the scene for the right side and fits it into the
fixed picture box under a label that names the side. The result is plain data (`Picture`);
`render.pictures.svg` and `.drawing` only translate it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from triggermap.render.pictures import style
from triggermap.render.pictures.figure import (
    PELVIS_HEIGHT,
    Chain,
    Figure,
    lowest_point,
    pose_figure,
)
from triggermap.render.pictures.muscles import MUSCLE_SHAPES
from triggermap.render.pictures.props import Solid, place, resting_bottom
from triggermap.render.pictures.shapes import (
    Item,
    Point,
    Shape,
    Text,
    bounds,
    capsule,
    circle,
    hull_of_circles,
    mirrored,
)
from triggermap.render.pictures.space import DIRECTIONS, Vec, turn_camera

if TYPE_CHECKING:
    from triggermap.kb.schema import Arrow, Illustration, Pose, Prop

Side = Literal["left", "right", "both"]
AUTHORED_SIDE = "left"  # the working side of the pose data
TARGET_DEPTH = 1e6  # the highlighted muscles are drawn over the body (and props)
MIN_MOVE_ARROW = 20.0  # scene units
WAVE_POINTS = 11  # a heat wave: two turns of a sine, rising about 9 units
FLOOR_MARGIN = 5.0  # how far the floor seen from above reaches past the figure and its props
SIDE_WORDS = {"left": "Left side", "right": "Right side", "both": "Each side", None: "Sore side"}


Camera = tuple[float, float]  # turn, tilt


def _camera(illustration: Illustration) -> Camera:
    return (illustration.turn, illustration.tilt)


@dataclass(frozen=True)
class Picture:
    id: str
    title: str
    alt: str
    side: str | None  # the person's side drawn as the working side; None when not sided
    label: str | None  # the side as the picture says it
    muscles: tuple[str, ...]
    items: tuple[Item, ...]  # in the box (0..WIDTH, 0..HEIGHT), y up


@dataclass(frozen=True)
class Layer:
    depth: float
    items: list[Item]


def draw_picture(
    illustration: Illustration, *, muscles: Sequence[str], side: Side | None
) -> Picture:
    """The picture for `side` (left, right, both: each side in turn; None: the sore side)."""
    drawn = (side if side in ("left", "right") else "right") if illustration.sided else None
    where = f"illustration '{illustration.id}'"
    end = _grounded(illustration.end, illustration.props, f"{where}: end")
    layers = _figure_layers(end, illustration, muscles, drawn, faint=False)
    start = None
    if illustration.start is not None:
        start = _grounded(illustration.start, [], f"{where}: start")
        layers.append(Layer(-1e6, _flat(_figure_layers(start, illustration, (), None, True))))
    solids = [s for prop in illustration.props for s in place(prop, end, illustration.props)]
    layers += [_solid_layer(s, _camera(illustration)) for s in solids]
    items = _flat(sorted(layers, key=lambda layer: layer.depth))
    items = _ground_items(illustration, items, _footprint(end, solids)) + items
    items += _arrows(illustration, start, end)
    if drawn == "right":
        items = [mirrored(item) for item in items]
    label = SIDE_WORDS[side] if illustration.sided else None
    title = f"{illustration.title} ({label.lower()})" if label else illustration.title
    return Picture(
        id=illustration.id,
        title=title,
        alt=illustration.alt,
        side=drawn,
        label=label,
        muscles=tuple(muscles),
        items=tuple(_fit(items, label)),
    )


def _flat(layers: Iterable[Layer]) -> list[Item]:
    return [item for layer in layers for item in layer.items]


# ---------------------------------------------------------------- the figure


def _grounded(pose: Pose, props: Sequence[Prop], where: str) -> Figure:
    """The figure resting on the floor, or on the props under it, raised by `pose.lift`."""
    if pose.height is not None:
        return pose_figure(pose, where, pose.height)
    figure = pose_figure(pose, where)
    bottoms = [b for prop in props if (b := resting_bottom(prop, figure)) is not None]
    lowest = min([lowest_point(figure), *bottoms])
    return pose_figure(pose, where, PELVIS_HEIGHT - lowest + pose.lift)


def _figure_layers(
    figure: Figure,
    illustration: Illustration,
    muscles: Sequence[str],
    drawn: str | None,
    faint: bool,
) -> list[Layer]:
    turn = _camera(illustration)
    limb_depth = {
        (c.name, c.side): _depth(_chain_points(c), turn) for c in figure.chains
    }  # which of a pair of limbs is further away
    layers = []
    for chain in figure.chains:
        fill = _fill(chain, limb_depth, faint)
        items = _chain_items(chain, turn, fill, faint)
        if chain.name == "head":
            items.append(_hair(figure, chain, turn, faint))
        layers.append(Layer(limb_depth[(chain.name, chain.side)], items))
        targets = _targets(figure, chain, muscles, drawn, illustration.sided, turn)
        layers.append(Layer(TARGET_DEPTH, targets))  # seen through whatever covers them
    return layers


def _chain_points(chain: Chain) -> list[Vec]:
    points = [p for c in chain.capsules for p in (c[0], c[2])]
    return points + [s[0] for s in chain.spheres]


def _depth(points: Sequence[Vec], turn: Camera) -> float:
    return sum(turn_camera(p, *turn)[2] for p in points) / max(len(points), 1)


def _fill(chain: Chain, depth: dict[tuple[str, str], float], faint: bool) -> str:
    if faint:
        return style.START_FILL
    if chain.side == "middle":
        return style.BODY
    other = "other" if chain.side == "working" else "working"
    further = depth[(chain.name, chain.side)] < depth.get((chain.name, other), -1e9) - 0.5
    return style.BODY_FAR if further else style.BODY


def _xy(p: Vec, turn: Camera) -> Point:
    q = turn_camera(p, *turn)
    return (q[0], q[1])


def _chain_polygons(chain: Chain, turn: Camera) -> list[tuple[Point, ...]]:
    polygons = [capsule(_xy(a, turn), ra, _xy(b, turn), rb) for a, ra, b, rb in chain.capsules]
    if chain.name == "torso":
        polygons.append(hull_of_circles((_xy(c, turn), r) for c, r in chain.spheres))
    else:
        polygons += [circle(*_xy(c, turn), r) for c, r in chain.spheres]
    return polygons


def _chain_items(chain: Chain, turn: Camera, fill: str, faint: bool) -> list[Item]:
    """Outline pass then fill pass: the parts merge into one shape with one outline."""
    edge = style.START_OUTLINE if faint else style.OUTLINE
    role = "start" if faint else "body"
    data = (("part", chain.name), ("side", chain.side))
    polygons = _chain_polygons(chain, turn)
    outline: list[Item] = [
        Shape(p, edge, edge, 2 * style.OUTLINE_WIDTH, role=role, data=data) for p in polygons
    ]
    return outline + [Shape(p, fill, role=role, data=data) for p in polygons]


def _hair(figure: Figure, chain: Chain, turn: Camera, faint: bool) -> Item:
    """Hair over the back and top of the head, so the picture shows which way the face looks:
    the whole head seen from behind, a fringe seen from the front, a cap seen from the side."""
    (centre, radius) = chain.spheres[0]
    cx, cy = _xy(centre, turn)
    colour = style.START_OUTLINE if faint else style.HAIR
    role = "start" if faint else "body"
    bx, by, bz = (-v for v in turn_camera(figure.trunk.front, *turn))  # the back of the head
    up = turn_camera(figure.trunk.up, *turn)
    if math.hypot(bx, by) < 0.35 and bz > 0:
        return Shape(circle(cx, cy, radius), colour, role=role)
    if math.hypot(bx, by) < 0.35:
        middle, spread, depth = math.atan2(up[1], up[0]), math.radians(70), 0.28
    else:
        middle = math.atan2(by + 0.9 * up[1], bx + 0.9 * up[0])
        spread, depth = math.radians(90), 0.32
    return Shape(_cap(cx, cy, radius, middle, spread, depth), colour, role=role)


def _cap(
    cx: float, cy: float, r: float, middle: float, spread: float, depth: float
) -> tuple[Point, ...]:
    """The part of a circle on the `middle` side of a chord-like curve: an arc of the circle
    and, back, an arc of the same circle moved `depth` * r away from `middle` (a crescent
    thickest at `middle`)."""
    angles = [middle + spread * (2 * i / 16 - 1) for i in range(17)]
    outer = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in angles]
    ix, iy = cx - depth * r * math.cos(middle), cy - depth * r * math.sin(middle)
    inner = [
        (ix + r * math.cos(a), iy + r * math.sin(a))
        for a in reversed(angles)
        if math.hypot(ix + r * math.cos(a) - cx, iy + r * math.sin(a) - cy) <= r
    ]
    return tuple(outer + inner)


def _targets(
    figure: Figure,
    chain: Chain,
    muscles: Sequence[str],
    drawn: str | None,
    sided: bool,
    turn: Camera,
) -> list[Item]:
    """The treatment's muscles, drawn with the chain that carries them."""
    out: list[Item] = []
    for muscle in muscles:
        for lat in (1.0,) if sided else (1.0, -1.0):
            if _carrier(muscle, lat) != (chain.name, chain.side):
                continue
            person_side = _person_side(lat, drawn)
            data = (("muscle", muscle), ("side", person_side))
            for a, ra, b, rb in MUSCLE_SHAPES[muscle](figure, lat):
                points = capsule(_xy(a, turn), ra, _xy(b, turn), rb)
                out.append(
                    Shape(points, style.TARGET, style.TARGET_EDGE, 0.7, role="target", data=data)
                )
    return out


def _carrier(muscle: str, lat: float) -> tuple[str, str]:
    side = "working" if lat > 0 else "other"
    on_thigh = muscle in ("hamstrings", "tensor_fasciae_latae", "iliopsoas")
    return ("leg", side) if on_thigh else ("torso", "middle")


def _person_side(lat: float, drawn: str | None) -> str:
    working = drawn or AUTHORED_SIDE
    other = "right" if working == "left" else "left"
    return working if lat > 0 else other


# ---------------------------------------------------------------- props, floor, arrows


def _solid_layer(solid: Solid, turn: Camera) -> Layer:
    fill, edge = style.PROP_COLOURS[solid.style]
    role_data = (("prop", solid.style),)
    if solid.kind == "line":
        a, b = (_xy(p, turn) for p in solid.points)
        shape = Shape(
            (a, b), None, fill, solid.radius * 2, closed=False, role="prop", data=role_data
        )
        return Layer(_depth(solid.points, turn) + 20.0, [shape])
    if solid.kind == "sphere":
        x, y = _xy(solid.points[0], turn)
        items: list[Item] = [
            Shape(circle(x, y, solid.radius), fill, edge, 0.8, role="prop", data=role_data)
        ]
        r = solid.radius
        items.append(
            Shape(circle(x - 0.35 * r, y + 0.35 * r, 0.25 * r), _lighter(fill), role="prop")
        )
        return Layer(_depth(solid.points, turn) - 0.1, items)
    if solid.kind == "cylinder":
        return Layer(_depth(solid.points, turn) - 0.1, _cylinder(solid, turn, fill, edge))
    faces = _box_faces(solid, turn, fill, edge)
    if solid.style == "heat_pack":
        faces += _heat_waves(faces)
    if solid.style == "mirror":
        faces += _mirror_shine(faces)
    return Layer(_depth(solid.points, turn) - 0.1, faces)


def _mirror_shine(faces: list[Item]) -> list[Item]:
    """Two slanted strokes of light across the glass: it is a mirror, not a wall."""
    x0, y0, x1, y1 = bounds(faces)
    w, h = x1 - x0, y1 - y0
    data = (("prop", "mirror"),)
    return [
        Shape(
            ((x0 + w * a, y0 + h * b), (x0 + w * c, y0 + h * d)),
            None,
            style.SHINE,
            1.2,
            closed=False,
            role="prop",
            data=data,
        )
        for a, b, c, d in ((0.2, 0.55, 0.8, 0.75), (0.2, 0.45, 0.6, 0.58))
    ]


def _heat_waves(faces: list[Item]) -> list[Item]:
    """Three wavy lines rising from the pack: it is warm."""
    x0, _y0, x1, y1 = bounds(faces)
    out: list[Item] = []
    for k in (0.25, 0.5, 0.75):
        x, y = x0 + (x1 - x0) * k, y1 + 1.5
        wave = tuple((x + 1.1 * math.sin(i * math.pi / 4), y + i * 0.9) for i in range(WAVE_POINTS))
        data = (("prop", "heat_pack"),)
        out.append(Shape(wave, None, style.HEAT, 1.1, closed=False, role="prop", data=data))
    return out


def _cylinder(solid: Solid, turn: Camera, fill: str, edge: str) -> list[Item]:
    a, b = solid.points
    ends = sorted((a, b), key=lambda p: turn_camera(p, *turn)[2])
    near = _xy(ends[1], turn)
    far = _xy(ends[0], turn)
    r = solid.radius
    data = (("prop", solid.style),)
    body = hull_of_circles(((near, r), (far, r)))
    return [
        Shape(body, fill, edge, 0.8, role="prop", data=data),
        Shape(circle(*near, r), fill, edge, 0.8, role="prop", data=data),
        Shape(circle(*near, r * 0.45), "#fbe3b4", edge, 0.5, role="prop", data=data),
    ]


def _box_faces(solid: Solid, turn: Camera, fill: str, edge: str) -> list[Item]:
    (x0, y0, z0), (x1, y1, z1) = solid.points
    faces = {
        (0.0, 0.0, 1.0): ((x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)),
        (0.0, 0.0, -1.0): ((x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)),
        (1.0, 0.0, 0.0): ((x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)),
        (-1.0, 0.0, 0.0): ((x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)),
        (0.0, 1.0, 0.0): ((x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)),
    }
    data = (("prop", solid.style), ("part", solid.part))
    out: list[Item] = []
    for normal, corners in faces.items():
        facing = turn_camera(normal, *turn)[2]
        if facing > 1e-3:
            shade = fill if facing > 0.7 or solid.style == "mirror" else _darker(fill)
            points = tuple(_xy(c, turn) for c in corners)
            out.append(Shape(points, shade, edge, 0.7, role="prop", data=data))
    return out


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.85) for c in (r, g, b)))


def _lighter(colour: str) -> str:
    """Half way to white: a shine on a ball."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c + (255 - c) * 0.55) for c in (r, g, b)))


def _ground_items(
    illustration: Illustration, items: list[Item], footprint: tuple[float, float, float, float]
) -> list[Item]:
    """A line under a scene seen level; the floor (or the mat) as a plane under a scene seen
    from above, so its edges show which way the body lies."""
    if illustration.floor == "none":
        return []
    if illustration.tilt > 0:
        fill, edge = (style.MAT, style.MAT_EDGE) if illustration.floor == "mat" else style.GROUND
        return [
            Shape(_floor_plane(footprint, _camera(illustration)), fill, edge, 0.6, role="floor")
        ]
    x0, _y0, x1, _y1 = bounds(items)
    out: list[Item] = []
    if illustration.floor == "mat":
        mat = ((x0 - 3, -1.8), (x1 + 3, -1.8), (x1 + 3, 0.0), (x0 - 3, 0.0))
        out.append(Shape(mat, style.MAT, style.MAT_EDGE, 0.6, role="floor"))
    y = -1.8 if illustration.floor == "mat" else 0.0
    out.append(
        Shape(((x0 - 10, y), (x1 + 10, y)), None, style.FLOOR, 1.0, closed=False, role="floor")
    )
    return out


def _footprint(figure: Figure, solids: Sequence[Solid]) -> tuple[float, float, float, float]:
    """(x0, x1, z0, z1): the floor the figure and its props cover, with a margin."""
    points = [sphere for chain in figure.chains for sphere in _chain_spheres(chain)]
    points += [(p, solid.radius) for solid in solids for p in solid.points]
    xs = [p[0] + k * r for p, r in points for k in (-1, 1)]
    zs = [p[2] + k * r for p, r in points for k in (-1, 1)]
    margin = FLOOR_MARGIN
    return min(xs) - margin, max(xs) + margin, min(zs) - margin, max(zs) + margin


def _chain_spheres(chain: Chain) -> list[tuple[Vec, float]]:
    ends = [(a, ra) for a, ra, _b, _rb in chain.capsules] + [
        (b, rb) for _a, _ra, b, rb in chain.capsules
    ]
    return ends + list(chain.spheres)


def _floor_plane(footprint: tuple[float, float, float, float], turn: Camera) -> tuple[Point, ...]:
    x0, x1, z0, z1 = footprint
    corners = ((x0, 0.0, z0), (x1, 0.0, z0), (x1, 0.0, z1), (x0, 0.0, z1))
    return tuple(_xy(corner, turn) for corner in corners)


def _arrows(illustration: Illustration, start: Figure | None, end: Figure) -> list[Item]:
    out: list[Item] = []
    for arrow in illustration.arrows:
        if arrow.kind == "move":
            assert start is not None
            out += _move_arrow(arrow, start, end, _camera(illustration))
        else:
            out += _press_arrow(arrow, end, _camera(illustration))
    return out


def _landmark(figure: Figure, name: str, turn: Camera) -> tuple[Point, float]:
    centre, radius = figure.landmarks[name]
    return _xy(centre, turn), radius


def _move_arrow(arrow: Arrow, start: Figure, end: Figure, turn: Camera) -> list[Item]:
    (a, _), (b, _) = _landmark(start, arrow.at, turn), _landmark(end, arrow.at, turn)
    a, b = _shifted(a, arrow.offset), _shifted(b, arrow.offset)
    span = math.dist(a, b)
    if span < 2.0:
        return []
    a, b = _lengthened(a, b, MIN_MOVE_ARROW)
    dx, dy = b[0] - a[0], b[1] - a[1]
    control = ((a[0] + b[0]) / 2 - dy * arrow.bend, (a[1] + b[1]) / 2 + dx * arrow.bend)
    path = [_bezier(a, control, b, t / 16) for t in range(17)]
    path = _trimmed(path, 2.5)
    return _arrow_shapes(path, style.MOVE, heads=1)


def _lengthened(a: Point, b: Point, least: float) -> tuple[Point, Point]:
    """The segment grown about its middle to at least `least` long: a small movement still
    gets an arrow a reader can see (the path loses 2.5 units at each end and 5.5 to the head)."""
    span = math.dist(a, b)
    if span >= least:
        return a, b
    grow = (least - span) / 2 / span
    dx, dy = (b[0] - a[0]) * grow, (b[1] - a[1]) * grow
    return (a[0] - dx, a[1] - dy), (b[0] + dx, b[1] + dy)


def _press_arrow(arrow: Arrow, end: Figure, turn: Camera) -> list[Item]:
    (centre, radius) = _landmark(end, arrow.at, turn)
    vx, vy, _ = DIRECTIONS[arrow.toward]
    if abs(vx) + abs(vy) < 0.5:
        vx, vy = 0.0, -1.0
    centre = _shifted(centre, arrow.offset)
    if arrow.kind == "roll":
        a = (centre[0] - vx * 9, centre[1] - vy * 9)
        b = (centre[0] + vx * 9, centre[1] + vy * 9)
        return _arrow_shapes([a, b], style.PRESS, heads=2)
    tip = (centre[0] - vx * (radius + 1.0), centre[1] - vy * (radius + 1.0))
    tail = (tip[0] - vx * 13.0, tip[1] - vy * 13.0)
    return _arrow_shapes([tail, tip], style.PRESS, heads=1)


def _shifted(p: Point, offset: tuple[float, float]) -> Point:
    return (p[0] + offset[0], p[1] + offset[1])


def _bezier(a: Point, c: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    )


def _trimmed(path: list[Point], gap: float) -> list[Point]:
    """The path without `gap` units at each end (the arrow stops short of the joint)."""
    for _ in range(2):
        end = path[0]
        while len(path) > 2 and math.dist(end, path[1]) < gap:
            path = path[1:]
        path = list(reversed(path))
    return path


def _arrow_shapes(path: list[Point], colour: str, heads: int) -> list[Item]:
    out: list[Item] = []
    ends = [(path[-2], path[-1])] + ([(path[1], path[0])] if heads == 2 else [])
    body = list(path)
    for p, q in ends:
        head, base = _head(p, q, colour)
        out.append(head)
        if q == body[-1]:
            body[-1] = base
        else:
            body[0] = base
    line = Shape(tuple(body), None, colour, style.ARROW_WIDTH, closed=False, role="arrow")
    return [line, *out]


def _head(p: Point, q: Point, colour: str) -> tuple[Shape, Point]:
    dx, dy = q[0] - p[0], q[1] - p[1]
    size = math.hypot(dx, dy) or 1.0
    ux, uy = dx / size, dy / size
    length, half = 5.5, 3.4
    base = (q[0] - ux * length, q[1] - uy * length)
    points = (
        q,
        (base[0] - uy * half, base[1] + ux * half),
        (base[0] + uy * half, base[1] - ux * half),
    )
    return Shape(points, colour, colour, 0.6, role="arrow"), (base[0] + ux, base[1] + uy)


# ---------------------------------------------------------------- fitting into the box


def _fit(items: list[Item], label: str | None) -> list[Item]:
    """Scale and move the scene into the picture box, under the side label."""
    x0, y0, x1, y1 = bounds(items)
    top = style.HEIGHT - (style.LABEL_BAND if label else style.PAD)
    room_w, room_h = style.WIDTH - 2 * style.PAD, top - style.PAD
    k = min(room_w / (x1 - x0), room_h / (y1 - y0))
    dx = style.PAD + (room_w - k * (x1 - x0)) / 2 - k * x0
    dy = style.PAD + (room_h - k * (y1 - y0)) / 2 - k * y0
    moved: dict[int, tuple[Point, ...]] = {}  # outline and fill passes share their points
    fitted = [_moved(item, k, dx, dy, moved) for item in items]
    return fitted + (_label(label) if label else [])


def _moved(item: Item, k: float, dx: float, dy: float, done: dict[int, tuple[Point, ...]]) -> Item:
    if isinstance(item, Text):
        return item
    points = done.get(id(item.points))
    if points is None:
        points = tuple((x * k + dx, y * k + dy) for x, y in item.points)
        done[id(item.points)] = points
    return replace(item, points=points)


def _label(text: str) -> list[Item]:
    width = len(text) * style.LABEL_SIZE * 0.6 + 8
    y0, y1 = style.HEIGHT - style.LABEL_BAND + 2, style.HEIGHT - 1.5
    pill = _rounded(1.5, y0, 1.5 + width, y1, (y1 - y0) / 2)
    return [
        Shape(pill, style.LABEL_FILL, role="label"),
        Text(1.5 + width / 2, y0 + 3.3, text, style.LABEL_SIZE, style.LABEL_TEXT, "middle", True),
    ]


def _rounded(x0: float, y0: float, x1: float, y1: float, r: float) -> tuple[Point, ...]:
    from triggermap.render.pictures.shapes import arc

    return tuple(
        arc(x1 - r, y0 + r, r, -math.pi / 2, 0)
        + arc(x1 - r, y1 - r, r, 0, math.pi / 2)
        + arc(x0 + r, y1 - r, r, math.pi / 2, math.pi)
        + arc(x0 + r, y0 + r, r, math.pi, 1.5 * math.pi)
    )


def check_view(illustration: Illustration) -> str | None:
    """Why the end pose does not match the declared view, or None."""
    figure = pose_figure(illustration.end, f"illustration '{illustration.id}': end")
    camera = _camera(illustration)
    side_on = abs(turn_camera(figure.pelvis.left, *camera)[2])
    facing = turn_camera(figure.pelvis.front, *camera)[2]
    ok = {
        "side": side_on >= 0.5,
        "front": facing >= 0.5,
        "back": facing <= -0.5,
        "top": illustration.tilt >= 60,
    }[illustration.view]
    return None if ok else f"the end pose is not seen from the {illustration.view}"
