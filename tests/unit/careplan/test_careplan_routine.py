"""Today's routine: holds, counts and rests from the dose; nothing to do when care is needed."""

from __future__ import annotations

from triggermap.careplan.model import PlanDose
from triggermap.careplan.routine import GET_READY_SECONDS, actions_for


def kinds(dose: PlanDose, kind: str = "stretch") -> list[tuple[str, int | None]]:
    return [
        (a.kind, a.seconds if a.kind != "count" else a.repetitions) for a in actions_for(dose, kind)
    ]


def test_holds_with_a_pause_between_and_rest_between_sets() -> None:
    dose = PlanDose(hold_seconds=30, repetitions=2, sets=2)
    assert kinds(dose) == [
        ("hold", 30),
        ("rest", GET_READY_SECONDS),
        ("hold", 30),
        ("rest", None),
        ("hold", 30),
        ("rest", GET_READY_SECONDS),
        ("hold", 30),
    ]


def test_repetitions_are_counted_by_the_person_with_the_dose_rest() -> None:
    dose = PlanDose(repetitions=10, sets=2, rest_seconds=45)
    assert kinds(dose, "strengthen") == [("count", 10), ("rest", 45), ("count", 10)]


def test_minutes_are_timed_but_a_lifestyle_interval_is_not() -> None:
    assert kinds(PlanDose(minutes=15), "heat") == [("timed", 900)]
    assert kinds(PlanDose(minutes=20), "lifestyle") == [("do", None)]
    assert kinds(PlanDose(days_per_week=7), "stretch") == [("do", None)]


def test_labels_say_where_you_are() -> None:
    labels = [a.label for a in actions_for(PlanDose(hold_seconds=30, repetitions=3), "stretch")]
    assert labels == [
        "Hold 1 of 3",
        "Let go and get ready",
        "Hold 2 of 3",
        "Let go and get ready",
        "Hold 3 of 3",
    ]


def test_a_dose_for_each_side_is_done_on_both_sides() -> None:
    one = PlanDose(hold_seconds=30, repetitions=2)
    both = PlanDose(hold_seconds=30, repetitions=2, each_side=True)
    assert kinds(both) == [*kinds(one), ("rest", GET_READY_SECONDS), *kinds(one)]
    labels = [a.label for a in actions_for(both, "stretch")]
    assert labels[0] == "Left side: Hold 1 of 2" and labels[-1] == "Right side: Hold 2 of 2"
    assert "Change to the right side" in labels
