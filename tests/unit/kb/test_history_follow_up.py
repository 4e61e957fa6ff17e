"""The hip replacement question and its follow-up are data: the intake asks what the knowledge
base says, and "not sure" keeps the general item (which takes both approaches' precautions)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from triggermap.cli.intake import run_intake
from triggermap.kb.loader import KnowledgeBase


def _answers(kb: KnowledgeBase, history: str, follow_up: str) -> Iterator[str]:
    yield from ["n"] * sum(s.red_flag for s in kb.symptoms.values())  # warning signs first
    yield from ["5", "4", "3", "gradual", "right", "60", "female"]
    yield from [""] * sum(not s.red_flag for s in kb.symptoms.values())
    yield history
    yield follow_up


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("1", "hip_replacement_posterior"),
        ("2", "hip_replacement_anterior"),
        ("3", "hip_replacement_lateral"),
        ("4", "hip_replacement"),
    ],
)
def test_intake_asks_the_approach_of_a_hip_replacement(
    kb: KnowledgeBase, follow_up: str, expected: str
) -> None:
    general = [h.id for h in kb.history.values() if h.refines is None]
    number = str(general.index("hip_replacement") + 1)
    answers = _answers(kb, number, follow_up)
    said: list[str] = []
    case = run_intake(kb, ask=lambda _prompt: next(answers), say=said.append)
    assert case.history == (expected,)
    question = kb.history["hip_replacement"].follow_up or ""
    assert any(question in line for line in said)
    assert not any("hip_replacement_posterior" in line for line in said)  # labels, not ids


def test_refined_items_are_not_offered_in_the_general_list(kb: KnowledgeBase) -> None:
    refined = {h.id for h in kb.history.values() if h.refines}
    assert refined == {
        "hip_replacement_posterior",
        "hip_replacement_anterior",
        "hip_replacement_lateral",
    }
    assert all(kb.history[h].refines == "hip_replacement" for h in refined)
