"""The intake form: every field checked, one line naming it; the answers become a case."""

from __future__ import annotations

import pytest

from triggermap.kb.loader import KnowledgeBase
from triggermap.web.intake_form import IntakeLayout, read_intake, required_through


@pytest.fixture(scope="module")
def layout(kb: KnowledgeBase) -> IntakeLayout:
    return IntakeLayout.build(kb)


def all_warning_signs(layout: IntakeLayout, answer: str = "no") -> list[tuple[str, str]]:
    return [(q.id, answer) for q in layout.on_page("warning")]


def test_every_warning_sign_must_be_answered_before_going_on(layout: IntakeLayout) -> None:
    given = all_warning_signs(layout)[1:]
    posted = read_intake(given, layout, required=required_through(layout, "warning"))
    missing = layout.on_page("warning")[0].id
    assert list(posted.errors) == [missing]
    assert posted.errors[missing] == f"{missing}: answer yes, no or not sure"


def test_going_back_needs_no_answers(layout: IntakeLayout) -> None:
    assert read_intake([], layout).errors == {}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pain.intensity", "11", "pain.intensity: '11' is not a whole number from 0 to 10"),
        ("pain.intensity", "٣", "pain.intensity: '٣' is not a whole number from 0 to 10"),
        ("age", "-3", "age: '-3' is not a whole number from 0 to 120"),
        ("side", "up", "side: 'up' is not one of left, right, bilateral, unknown"),
        ("pain.regions", "elbow", "pain.regions: unknown choice 'elbow'"),
        ("duration_weeks", "nan", "duration_weeks: 'nan' is not a time from 0 to 6240 weeks"),
        ("duration_weeks", "٣", "duration_weeks: '٣' is not a time from 0 to 6240 weeks"),
        ("duration_weeks", "121 years", "duration_weeks: '121 years' is not a time from 0 to 6240"),
        ("symptom:fever", "maybe", "symptom:fever: 'maybe' is not one of yes, no, not_sure"),
        ("symptom", "yes", "symptom: unknown field"),
        ("x\ny", "1", "'x\\ny': unknown field"),
    ],
)
def test_a_bad_value_is_named_with_its_field(
    layout: IntakeLayout, field: str, value: str, message: str
) -> None:
    errors = read_intake([(field, value)], layout).errors
    assert list(errors) == [field]
    assert errors[field].startswith(message)


def test_a_single_answer_given_twice_is_refused(layout: IntakeLayout) -> None:
    posted = read_intake([("side", "left"), ("side", "right")], layout)
    assert posted.errors == {"side": "side: given 2 times (expected one answer)"}


def test_answers_become_the_case_the_engine_reads(layout: IntakeLayout) -> None:
    given = [
        *all_warning_signs(layout),
        ("symptom:fever", "not_sure"),
        ("pain.regions", "mid_buttock"),
        ("pain.regions", "mid_buttock"),
        ("side", "right"),
        ("pain.intensity", "6"),
        ("duration_weeks", "10 days"),
        ("symptom:worse_sitting", "yes"),
        ("symptom:crepitus", "no"),
        ("symptom:sharp_pain", ""),
        ("preferences.equipment", "massage_ball"),
    ]
    given = [(k, v) for k, v in given if (k, v) != ("symptom:fever", "no")]
    posted = read_intake(given, layout, required=required_through(layout, "about"))
    assert posted.errors == {}
    case = posted.intake.case()
    assert case.unsure == ("fever",)
    assert "worse_sitting" in case.symptoms and "crepitus" in case.absent
    assert case.pain.regions == ("mid_buttock",)
    assert case.pain.intensity == 6 and case.side == "right"
    assert case.duration_weeks == pytest.approx(10 / 7, abs=0.1)
    assert case.preferences.equipment == ("massage_ball",)


def test_a_question_left_unanswered_stays_unknown(layout: IntakeLayout) -> None:
    case = read_intake([], layout).intake.case()
    assert case.symptoms == case.absent == case.unsure == ()
    assert case.age is None and case.pain.intensity is None


def test_an_error_line_after_a_question_reads_as_a_sentence() -> None:
    from triggermap.web.error_fields import summary_lines

    errors = {
        "symptom:fever": "symptom:fever: answer yes, no or not sure",
        "age": "age: '-3' is bad",
    }
    labels = {"symptom:fever": "Do you have a fever?", "age": "Your age"}
    shown = [f"{x.label}{x.joiner}{x.rest}" for x in summary_lines(errors, labels)]
    assert shown == ["Do you have a fever? Answer yes, no or not sure", "Your age: '-3' is bad"]


def test_a_refused_number_reads_as_a_sentence_unless_its_label_has_a_comma() -> None:
    from triggermap.web.error_fields import summary_lines

    errors = {
        "pain": "pain: 11 is not in 0..10",
        "rom:hip_flexion": "rom:hip_flexion: 500 is not in 0..180 degrees",
    }
    labels = {"pain": "Pain now", "rom:hip_flexion": "Active hip flexion, in degrees"}
    shown = [f"{x.label}{x.joiner}{x.rest}" for x in summary_lines(errors, labels)]
    assert shown == [
        "Pain now must be a whole number from 0 to 10; you entered 11",
        "Active hip flexion, in degrees: must be a whole number of degrees from 0 to 180; "
        "you entered 500",
    ]
