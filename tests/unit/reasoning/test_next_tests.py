"""Next examination steps: not yet done, most informative first, each with its two outcomes."""

from __future__ import annotations

import re
from collections.abc import Callable

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.assessment import Assessment

Run = Callable[..., Assessment]
SI_PAIN = {"pain": {"regions": ["sacrum", "si_joint", "upper_buttock"], "intensity": 5}}
WHY = re.compile(r"^.+: positive makes .+ \d+%, negative \d+%$")


def test_the_suspected_condition_s_test_comes_first(run: Run, kb: KnowledgeBase) -> None:
    a = run(**SI_PAIN)
    assert a.conditions[0].id == "si_joint_dysfunction"
    first = a.next_tests[0]
    assert first.id.startswith("si_")
    assert first.why.startswith(kb.tests[first.id].name)


def test_tests_already_done_are_not_suggested(run: Run) -> None:
    done = {"si_thigh_thrust": "positive", "slump": "negative", "fair": "negative"}
    a = run(**SI_PAIN, exam={"tests": done})
    assert not set(done) & {t.id for t in a.next_tests}


def test_each_suggestion_says_what_either_result_would_do(run: Run) -> None:
    a = run(**SI_PAIN)
    assert a.next_tests
    gains = [t.expected_information for t in a.next_tests]
    assert gains == sorted(gains, reverse=True)
    for t in a.next_tests:
        assert WHY.match(t.why), t.why
        positive, negative = (int(x) for x in re.findall(r"(\d+)%", t.why)[:2])
        assert positive > negative, t.why
