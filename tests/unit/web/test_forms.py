"""The intake form: every field checked, one line naming it; the answers become a case."""

from __future__ import annotations

import pytest

from triggermap.kb.loader import KnowledgeBase
from triggermap.reasoning.case import parse_case
from triggermap.web.forms import case_data, read_intake
from triggermap.web.questions import Questions, build_questions


@pytest.fixture(scope="module")
def questions(kb: KnowledgeBase) -> Questions:
    return build_questions(kb)


def all_flags(questions: Questions, answer: str = "no") -> list[tuple[str, str]]:
    return [(f"flag-{q.id}", answer) for q in questions.flags]


def test_every_warning_sign_must_be_answered_before_going_on(questions: Questions) -> None:
    given = all_flags(questions)[1:]
    intake = read_intake(given, questions.choices, "warning")
    missing = f"flag-{questions.flags[0].id}"
    assert list(intake.errors) == [missing]
    assert intake.errors[missing] == f"{missing}: answer yes, no or not sure"


def test_going_back_needs_no_answers(questions: Questions) -> None:
    assert read_intake([], questions.choices, None).errors == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("intensity", "11", "intensity: '11' is not a whole number from 0 to 10"),
        ("intensity", "٣", "intensity: '٣' is not a whole number from 0 to 10"),
        ("age", "-3", "age: '-3' is not a whole number from 0 to 120"),
        ("side", "up", "side: 'up' is not one of left, right, bilateral, unknown"),
        ("region", "elbow", "region: unknown id 'elbow'"),
        ("duration", "nan", "duration: 'nan' is not a number of weeks up to 10 years"),
        ("duration", "1e9", "duration: '1e9' is not a number of weeks up to 10 years"),
        ("flag-fever", "maybe", "flag-fever: 'maybe' is not one of yes, no, unsure"),
        ("symptom", "yes", "symptom: unknown field"),
        ("x\ny", "1", "'x\\ny': unknown field"),
    ],
)
def test_a_bad_value_is_named_with_its_field(
    questions: Questions, field: str, value: str, message: str
) -> None:
    intake = read_intake([(field, value)], questions.choices, None)
    assert intake.errors == {field: message}


def test_a_single_answer_given_twice_is_refused(questions: Questions) -> None:
    intake = read_intake([("side", "left"), ("side", "right")], questions.choices, None)
    assert intake.errors == {"side": "side: given 2 times (expected one answer)"}


def test_answers_become_the_case_the_engine_reads(questions: Questions, kb: KnowledgeBase) -> None:
    given = [
        *all_flags(questions),
        ("flag-fever", "unsure"),
        ("region", "mid_buttock"),
        ("region", "mid_buttock"),
        ("side", "right"),
        ("intensity", "6"),
        ("duration", "10"),
        ("duration_unit", "days"),
        ("symptom-worse_sitting", "yes"),
        ("symptom-crepitus", "no"),
        ("symptom-sharp_pain", ""),
        ("equipment", "massage_ball"),
    ]
    given = [(k, v) for k, v in given if (k, v) != ("flag-fever", "no")]
    intake = read_intake(given, questions.choices, "about")
    assert intake.errors == {}
    case = parse_case(case_data(intake, questions.choices), kb)
    assert case.unsure == ("fever",)
    assert "worse_sitting" in case.symptoms and "crepitus" in case.absent
    assert case.pain.regions == ("mid_buttock",)
    assert case.pain.intensity == 6 and case.side == "right"
    assert case.duration_weeks == pytest.approx(10 / 7, abs=0.01)
    assert case.preferences.equipment == ("massage_ball",)


def test_a_question_left_unanswered_stays_unknown(questions: Questions, kb: KnowledgeBase) -> None:
    case = parse_case(case_data(read_intake([], questions.choices, None), questions.choices), kb)
    assert case.symptoms == case.absent == case.unsure == ()
    assert case.age is None and case.pain.intensity is None
