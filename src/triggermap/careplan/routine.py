"""Today's routine: the plan's home exercises as a sequence of holds, counts and rests.

Pure: the terminal session (`cli/session.py`) plays it with real or instant timers. Only the
knowledge base's dose decides the numbers; between two holds there is a short pause to let go
and get ready (not a dose), and between sets the person rests as long as they need unless the
dose gives `rest_seconds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from triggermap.careplan.model import SELF_TREATMENT_KINDS

if TYPE_CHECKING:
    from triggermap.careplan.model import CarePlan, PlanDose, PlanItem

GET_READY_SECONDS = 5  # a pause between two holds to let go and reposition
SIDES = ("Left side", "Right side")  # a dose for each side: the left first, then the right
# What a session takes, for its announced total: estimates of pace, not doses.
SECONDS_PER_REPETITION = 4
SECONDS_FOR_AN_OPEN_REST = 30  # a rest "as long as you need"
SECONDS_FOR_A_STEP_AS_WRITTEN = 60  # an item done as its steps say, without a timed dose


@dataclass(frozen=True)
class Action:
    kind: Literal["hold", "count", "rest", "timed", "do"]
    label: str
    seconds: int | None = None  # hold, timed, rest (None: rest until the person is ready)
    repetitions: int | None = None  # count


@dataclass(frozen=True)
class RoutineStep:
    item: PlanItem
    actions: tuple[Action, ...]


def build_routine(plan: CarePlan) -> tuple[RoutineStep, ...]:
    """The home exercises of the plan in its order; nothing when it says to seek care now."""
    if plan.triage.seek_care_now:
        return ()
    given = {item_id for referral in plan.referrals for item_id in referral.items}
    return tuple(
        RoutineStep(item=item, actions=actions_for(item.dose, item.kind))
        for item in plan.items
        if item.kind in SELF_TREATMENT_KINDS and item.id not in given
    )


def actions_for(dose: PlanDose | None, kind: str) -> tuple[Action, ...]:
    """The actions of one dose; a dose for each side is done for one side, then the other."""
    one_side = _one_side(dose, kind)
    if dose is None or not dose.each_side:
        return one_side
    first, second = SIDES
    return (
        *(_on_side(a, first) for a in one_side),
        Action("rest", "Change to the right side", seconds=GET_READY_SECONDS),
        *(_on_side(a, second) for a in one_side),
    )


def estimated_seconds(routine: tuple[RoutineStep, ...]) -> int:
    """About how long a routine takes: its timed parts, plus an estimate for the rest."""
    return sum(_action_seconds(a) for step in routine for a in step.actions)


def _action_seconds(action: Action) -> int:
    if action.seconds is not None:
        return action.seconds
    if action.kind == "count":
        return (action.repetitions or 1) * SECONDS_PER_REPETITION
    if action.kind == "rest":
        return SECONDS_FOR_AN_OPEN_REST
    return SECONDS_FOR_A_STEP_AS_WRITTEN


def has_sides(routine: tuple[RoutineStep, ...]) -> bool:
    return any(step.item.dose is not None and step.item.dose.each_side for step in routine)


def _on_side(action: Action, side: str) -> Action:
    return Action(action.kind, f"{side}: {action.label}", action.seconds, action.repetitions)


def _one_side(dose: PlanDose | None, kind: str) -> tuple[Action, ...]:
    if dose is None:
        return (Action("do", "Do it as the steps say"),)
    if dose.hold_seconds:
        return _holds(dose, dose.hold_seconds)
    if dose.repetitions:
        return _counts(dose, dose.repetitions)
    if dose.minutes and kind != "lifestyle":
        return (Action("timed", f"{dose.minutes} minutes", seconds=dose.minutes * 60),)
    return (Action("do", "Do it as the steps say"),)


def _holds(dose: PlanDose, hold_seconds: int) -> tuple[Action, ...]:
    reps, sets = dose.repetitions or 1, dose.sets or 1
    out: list[Action] = []
    for s in range(1, sets + 1):
        if s > 1:
            out.append(_rest(dose, s, sets))
        for r in range(1, reps + 1):
            if r > 1:
                out.append(Action("rest", "Let go and get ready", seconds=GET_READY_SECONDS))
            out.append(Action("hold", _label("Hold", r, reps, s, sets), seconds=hold_seconds))
    return tuple(out)


def _counts(dose: PlanDose, repetitions: int) -> tuple[Action, ...]:
    sets = dose.sets or 1
    out: list[Action] = []
    for s in range(1, sets + 1):
        if s > 1:
            out.append(_rest(dose, s, sets))
        label = (
            f"Set {s} of {sets}: {repetitions} repetitions"
            if sets > 1
            else (f"{repetitions} repetitions")
        )
        out.append(Action("count", label, repetitions=repetitions))
    return tuple(out)


def _rest(dose: PlanDose, next_set: int, sets: int) -> Action:
    return Action("rest", f"Rest before set {next_set} of {sets}", seconds=dose.rest_seconds)


def _label(word: str, rep: int, reps: int, set_: int, sets: int) -> str:
    text = f"{word} {rep} of {reps}" if reps > 1 else word
    return f"{text} (set {set_} of {sets})" if sets > 1 else text
