"""Where each muscle of the knowledge base lies on the figure, for highlighting it.

Each muscle is one or two tapered capsules placed in the axes of the pelvis, the trunk or the
thigh of one side (`lat` +1 for the working side, -1 for the other). Deep muscles are drawn
as if seen through the skin. A muscle of the knowledge base that is missing here is a picture
that cannot show its target: `kb check` says so.
"""

from __future__ import annotations

from collections.abc import Callable

from triggermap.render.pictures.figure import Capsule, Figure, local
from triggermap.render.pictures.space import Vec, along


def _pelvis(f: Figure, lat: float, forward: float, up: float, out: float) -> Vec:
    return local(f.pelvis, forward, up, out * lat)


def _trunk(f: Figure, lat: float, forward: float, up: float, out: float) -> Vec:
    return local(f.trunk, forward, up, out * lat)


def _thigh(f: Figure, lat: float, down: float, front: float, out: float) -> Vec:
    side = "working" if lat > 0 else "other"
    hip, _ = f.landmarks[f"{side}.hip"]
    direction, kneecap = f.thigh_axes[side]
    return along(hip, (direction, down), (kneecap, front), (f.pelvis.left, out * lat))


def _gluteus_maximus(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, -6.5, 3.0, 3.0), 4.2, _pelvis(f, lat, -6.0, -5.0, 7.0), 4.6)]


def _gluteus_medius(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, -2.5, 6.0, 6.5), 3.6, _pelvis(f, lat, -1.0, 0.0, 9.5), 2.8)]


def _gluteus_minimus(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, 1.0, 4.0, 7.5), 2.8, _pelvis(f, lat, 1.0, -1.5, 10.0), 2.2)]


def _piriformis(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, -7.0, 1.5, 1.5), 2.1, _pelvis(f, lat, -2.5, -2.5, 10.0), 1.6)]


def _obturator_internus(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, -4.0, -6.0, 2.5), 2.0, _pelvis(f, lat, -2.5, -3.5, 10.0), 1.5)]


def _quadratus_lumborum(f: Figure, lat: float) -> list[Capsule]:
    return [(_trunk(f, lat, -4.5, 0.0, 4.5), 2.8, _trunk(f, lat, -4.5, 12.0, 4.0), 2.4)]


def _tensor_fasciae_latae(f: Figure, lat: float) -> list[Capsule]:
    return [(_pelvis(f, lat, 4.0, 3.0, 7.5), 2.4, _thigh(f, lat, 9.0, 2.5, 3.5), 2.2)]


def _hamstrings(f: Figure, lat: float) -> list[Capsule]:
    return [(_thigh(f, lat, 4.0, -3.2, 0.0), 3.4, _thigh(f, lat, 21.0, -2.2, 0.0), 2.4)]


def _iliopsoas(f: Figure, lat: float) -> list[Capsule]:
    return [
        (_trunk(f, lat, 1.0, 10.0, 2.5), 2.4, _pelvis(f, lat, 3.5, 0.0, 4.5), 2.6),
        (_pelvis(f, lat, 3.5, 0.0, 4.5), 2.6, _thigh(f, lat, 5.0, 1.0, -1.5), 2.0),
    ]


MUSCLE_SHAPES: dict[str, Callable[[Figure, float], list[Capsule]]] = {
    "gluteus_maximus": _gluteus_maximus,
    "gluteus_medius": _gluteus_medius,
    "gluteus_minimus": _gluteus_minimus,
    "piriformis": _piriformis,
    "obturator_internus": _obturator_internus,
    "quadratus_lumborum": _quadratus_lumborum,
    "tensor_fasciae_latae": _tensor_fasciae_latae,
    "hamstrings": _hamstrings,
    "iliopsoas": _iliopsoas,
}
