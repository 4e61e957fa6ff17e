"""The posable figure: proportions and kinematics, from a `Pose` to points in space.

A standing person is about 100 units tall (pelvis centre at 53). The pelvis has three axes:
`front` (where the belly points), `up` (toward the head) and `left` (the person's left). The
figure is posed for its working side, which is always the person's left here; the scene is
mirrored afterwards when the right side is wanted, which turns a left-sided figure into the
same exercise done on the right.

Angles follow the joints: hip and shoulder flexion swing the limb forward in the body's
sagittal plane and abduction lifts it out of that plane; hip rotation turns the knee out;
knee bend folds the shin back and elbow bend the forearm forward. A limb with `reach` puts its
hand or ankle on a landmark instead (two-bone inverse kinematics); its angles then say only
which way the elbow or knee points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triggermap.errors import KnowledgeError
from triggermap.render.pictures.space import (
    DIRECTIONS,
    Vec,
    add,
    along,
    blend,
    cross,
    dot,
    length,
    rotate,
    scale,
    sub,
    unit,
)

if TYPE_CHECKING:
    from triggermap.kb.schema import ArmPose, LegPose, Pose

PELVIS_HEIGHT = 53.0
HIP_HALF, HIP_DROP = 7.5, 3.0
THIGH, SHIN = 24.0, 23.0
UPPER_ARM, FOREARM, HAND = 17.0, 15.0, 6.5
TRUNK_PIVOT = 2.0  # the lower back pivots this far above the pelvis centre
SHOULDER_UP, SHOULDER_HALF = 24.0, 9.5
NECK_UP, HEAD_FROM_NECK, HEAD_R = 26.0, 10.5, 7.2
REACH_SLACK = 1.5  # how far past full stretch a reach may aim before it cannot be drawn

Sphere = tuple[Vec, float]
Capsule = tuple[Vec, float, Vec, float]


@dataclass(frozen=True)
class Frame:
    origin: Vec
    front: Vec
    up: Vec
    left: Vec


@dataclass
class Chain:
    """Parts drawn as one outline: a limb, the trunk (a hull of spheres) or the head."""

    name: str  # torso | head | leg | arm
    side: str  # working | other | middle
    capsules: list[Capsule] = field(default_factory=list)
    spheres: list[Sphere] = field(default_factory=list)  # hull (torso) or one circle (head)


def lowest_point(figure: Figure) -> float:
    """The height of the figure's lowest surface point."""
    ends = [(c[0], c[1]) for chain in figure.chains for c in chain.capsules]
    ends += [(c[2], c[3]) for chain in figure.chains for c in chain.capsules]
    ends += [s for chain in figure.chains for s in chain.spheres]
    return min(centre[1] - radius for centre, radius in ends)


@dataclass
class Figure:
    pelvis: Frame
    trunk: Frame
    landmarks: dict[str, Sphere]  # name -> (centre, surface radius)
    chains: list[Chain]
    thigh_axes: dict[str, tuple[Vec, Vec]]  # side -> (thigh direction, knee front)


def pose_figure(pose: Pose, where: str = "pose", height: float = PELVIS_HEIGHT) -> Figure:
    """The figure in `pose`, its pelvis centre at (pose.at, height)."""
    pelvis = _pelvis_frame(pose, height)
    trunk = _trunk_frame(pose, pelvis)
    figure = Figure(pelvis, trunk, {}, [], {})
    _add_torso(figure, pose)
    legs = (("working", pose.working_leg, 1.0), ("other", pose.other_leg, -1.0))
    arms = (("working", pose.working_arm, 1.0), ("other", pose.other_arm, -1.0))
    for side, leg, lat in sorted(legs, key=lambda item: item[1].reach is not None):
        _add_leg(figure, side, leg, lat, where)
    for side, arm, lat in sorted(arms, key=lambda item: item[1].reach is not None):
        _add_arm(figure, side, arm, lat, where)
    return figure


# ---------------------------------------------------------------- frames


def _pelvis_frame(pose: Pose, height: float) -> Frame:
    front, up = DIRECTIONS[pose.facing], DIRECTIONS[pose.head]
    left = cross(up, front)
    up, front = rotate(up, left, pose.tilt), rotate(front, left, pose.tilt)
    left, front = rotate(left, up, -pose.roll), rotate(front, up, -pose.roll)
    up, left = rotate(up, front, -pose.lean), rotate(left, front, -pose.lean)
    return Frame((pose.at, height, 0.0), front, up, left)


def _trunk_frame(pose: Pose, pelvis: Frame) -> Frame:
    t = pose.trunk
    up, front, left = pelvis.up, pelvis.front, pelvis.left
    up, front = rotate(up, left, t.bend), rotate(front, left, t.bend)
    up, left = rotate(up, front, -t.side), rotate(left, front, -t.side)
    front, left = rotate(front, up, t.twist), rotate(left, up, t.twist)
    return Frame(along(pelvis.origin, (pelvis.up, TRUNK_PIVOT)), front, up, left)


def local(frame: Frame, forward: float, upward: float, leftward: float) -> Vec:
    """A point given in a frame's own axes."""
    return along(frame.origin, (frame.front, forward), (frame.up, upward), (frame.left, leftward))


# ---------------------------------------------------------------- trunk and head


def _add_torso(figure: Figure, pose: Pose) -> None:
    p, t = figure.pelvis, figure.trunk
    spheres: list[Sphere] = [
        (local(p, 2.5, 5.0, 0.0), 7.0),  # belly
        (local(p, -3.0, 6.0, 0.0), 6.5),  # lower back
    ]
    for lat in (1.0, -1.0):
        spheres += [
            (local(p, 0.0, -2.0, 6.0 * lat), 6.5),  # hip
            (local(p, -4.0, -3.0, 4.5 * lat), 6.0),  # buttock
            (local(t, 0.0, 9.0, 5.0 * lat), 7.0),  # waist
            (local(t, 0.5, 16.5, 4.5 * lat), 8.0),  # chest
            (local(t, -0.5, SHOULDER_UP - 1.0, (SHOULDER_HALF - 1.0) * lat), 4.5),  # shoulder
        ]
    figure.chains.append(Chain("torso", "middle", spheres=spheres))
    neck = local(t, 0.0, NECK_UP, 0.0)
    head_dir = blend(t.up, t.front, pose.nod)
    head = along(neck, (head_dir, HEAD_FROM_NECK))
    figure.chains.append(
        Chain("head", "middle", capsules=[(neck, 2.8, head, 2.8)], spheres=[(head, HEAD_R)])
    )
    marks = figure.landmarks
    marks.update(
        pelvis=(p.origin, 8.0),
        sacrum=(local(p, -8.0, 2.0, 0.0), 2.5),
        belly=(local(p, 8.0, 5.0, 0.0), 1.5),
        chest=(local(t, 0.5, 16.5, 0.0), 8.0),
        neck=(neck, 2.8),
        head=(head, HEAD_R),
    )
    if pose.height is not None:
        marks["ground"] = ((p.origin[0], p.origin[1] - pose.height, p.origin[2]), 0.0)
    for side, lat in (("working", 1.0), ("other", -1.0)):
        marks[f"{side}.glute"] = (local(p, -4.0, -3.0, 4.5 * lat), 6.0)
        marks[f"{side}.flank"] = (local(t, -3.0, 8.0, 5.0 * lat), 6.5)


# ---------------------------------------------------------------- limbs


def _add_leg(figure: Figure, side: str, leg: LegPose, lat: float, where: str) -> None:
    p = figure.pelvis
    hip = local(p, 0.0, -HIP_DROP, HIP_HALF * lat)
    thigh_dir, knee_front = _limb_direction(p, leg.flex, leg.abduct, lat)
    knee_front = rotate(knee_front, thigh_dir, -lat * leg.rotate)
    knee = along(hip, (thigh_dir, THIGH))
    shin_dir = blend(thigh_dir, scale(knee_front, -1.0), leg.knee)
    shin_front = blend(knee_front, thigh_dir, leg.knee)
    ankle = along(knee, (shin_dir, SHIN))
    if leg.reach is not None:
        target = _target(figure, leg.reach, leg.reach_offset, f"{where}: {side}_leg")
        knee, ankle = _two_bones(hip, knee, target, THIGH, SHIN, f"{where}: {side}_leg")
        thigh_dir, shin_dir = unit(sub(knee, hip)), unit(sub(ankle, knee))
        knee_front = _perpendicular(knee_front, thigh_dir)
        shin_front = _perpendicular(shin_front, shin_dir)
    foot_dir = blend(shin_front, shin_dir, leg.ankle)
    heel = along(ankle, (shin_dir, 1.2), (foot_dir, -2.2))
    toe = along(heel, (foot_dir, 11.5))
    chain = Chain("leg", side)
    chain.capsules = [(hip, 6.0, knee, 4.0), (knee, 4.0, ankle, 2.4), (heel, 1.8, toe, 1.5)]
    figure.chains.append(chain)
    figure.thigh_axes[side] = (thigh_dir, knee_front)
    marks = figure.landmarks
    marks[f"{side}.hip"] = (hip, 6.0)
    marks[f"{side}.trochanter"] = (along(hip, (p.left, 3.5 * lat), (p.up, -1.5)), 3.0)
    marks[f"{side}.thigh"] = (along(hip, (thigh_dir, THIGH / 2)), 5.0)
    marks[f"{side}.knee"] = (knee, 4.0)
    marks[f"{side}.shin"] = (along(knee, (shin_dir, SHIN / 2)), 3.0)
    marks[f"{side}.ankle"] = (ankle, 2.4)
    marks[f"{side}.heel"] = (heel, 1.8)
    marks[f"{side}.toe"] = (toe, 1.5)


def _add_arm(figure: Figure, side: str, arm: ArmPose, lat: float, where: str) -> None:
    t = figure.trunk
    shoulder = local(t, -0.5, SHOULDER_UP, SHOULDER_HALF * lat)
    arm_dir, arm_front = _limb_direction(t, arm.flex, arm.abduct, lat)
    elbow = along(shoulder, (arm_dir, UPPER_ARM))
    fore_dir = blend(arm_dir, arm_front, arm.elbow)
    wrist = along(elbow, (fore_dir, FOREARM))
    if arm.reach is not None:
        name = f"{where}: {side}_arm"
        target = _target(figure, arm.reach, arm.reach_offset, name)
        to_target = unit(sub(target, shoulder))
        hand_tip = target
        wrist_target = along(hand_tip, (to_target, -HAND * 0.6))
        elbow, wrist = _two_bones(shoulder, elbow, wrist_target, UPPER_ARM, FOREARM, name)
        fore_dir = unit(sub(wrist, elbow))
    hand = along(wrist, (fore_dir, HAND))
    chain = Chain("arm", side)
    chain.capsules = [
        (shoulder, 3.0, elbow, 2.4),
        (elbow, 2.4, wrist, 1.9),
        (wrist, 2.1, hand, 2.1),
    ]
    figure.chains.append(chain)
    marks = figure.landmarks
    marks[f"{side}.shoulder"] = (shoulder, 3.0)
    marks[f"{side}.elbow"] = (elbow, 2.4)
    marks[f"{side}.hand"] = (along(wrist, (fore_dir, HAND * 0.6)), 2.1)


def _limb_direction(frame: Frame, flex: float, abduct: float, lat: float) -> tuple[Vec, Vec]:
    """The limb's direction from its root and the direction its front (kneecap) faces."""
    down = scale(frame.up, -1.0)
    sagittal = blend(down, frame.front, flex)
    front = blend(frame.front, frame.up, flex)
    direction = blend(sagittal, scale(frame.left, lat), abduct)
    return direction, _perpendicular(front, direction)


def _perpendicular(v: Vec, axis: Vec) -> Vec:
    return unit(sub(v, scale(axis, dot(v, axis))))


def _target(figure: Figure, name: str, offset: Vec, where: str) -> Vec:
    if name == "ground" and name not in figure.landmarks:
        raise KnowledgeError([f"{where}: reach 'ground' needs the pose's `height`"])
    if name not in figure.landmarks:
        raise KnowledgeError([f"{where}: reach {name!r} is not placed yet (reach limbs last)"])
    centre, _ = figure.landmarks[name]
    return add(centre, offset)


def _two_bones(
    root: Vec, pole: Vec, target: Vec, first: float, second: float, where: str
) -> tuple[Vec, Vec]:
    """The middle joint (bent toward `pole`) and the end, for an end placed at `target`."""
    to_target = sub(target, root)
    distance = length(to_target)
    if distance > first + second + REACH_SLACK:
        raise KnowledgeError(
            [f"{where}: cannot reach ({distance:.1f} units away, the limb is {first + second:.1f})"]
        )
    distance = min(max(distance, abs(first - second) + 0.01), first + second - 0.01)
    direction = unit(to_target)
    along_first = (first**2 - second**2 + distance**2) / (2 * distance)
    height = math.sqrt(max(first**2 - along_first**2, 0.0))
    bend = _perpendicular(sub(pole, root), direction)
    middle = along(root, (direction, along_first), (bend, height))
    return middle, along(root, (direction, distance))
