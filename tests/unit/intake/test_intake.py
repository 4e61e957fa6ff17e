"""The intake as any front end drives it: questions from the knowledge base, warning signs
first, an emergency answer stops at once, answers read as a person types them."""

from __future__ import annotations

import pytest

from triggermap.intake.answers import AnswerError, read_answer
from triggermap.intake.questions import intake_questions
from triggermap.kb.loader import KnowledgeBase
from triggermap.services.intake import Intake


def test_every_warning_sign_comes_first_and_must_be_answered(kb: KnowledgeBase) -> None:
    questions = intake_questions(kb)
    flags = [s.id for s in kb.symptoms.values() if s.red_flag]
    first = questions[: len(flags)]
    assert [q.id for q in first] == [f"symptom:{f}" for f in flags]
    assert all(
        q.required and [c.value for c in q.choices] == ["yes", "no", "not_sure"] for q in first
    )


def test_the_questions_follow_the_knowledge_base(kb: KnowledgeBase) -> None:
    history = next(q for q in intake_questions(kb) if q.id == "history")
    assert [c.value for c in history.choices] == [
        h.id for h in kb.history.values() if h.refines is None
    ]
    exam = [q for q in intake_questions(kb, exam=True) if q.section == "exam"]
    tests = [q for q in exam if q.id.startswith("test:")]
    assert len(tests) == sum(t.type == "single" for t in kb.tests.values())
    assert all(q.help for q in tests)  # each test with its how-to
    assert {q.id for q in exam} >= {f"palpation:{m}" for m in kb.muscles}
    assert {q.id for q in exam} >= {f"rom:{m}" for m in kb.exam.movements}


def test_an_emergency_answer_stops_at_once(kb: KnowledgeBase) -> None:
    intake = Intake.start(kb)
    while (question := intake.next_question()) is not None:
        if question.id == "symptom:saddle_anaesthesia":
            assert intake.answer(question, "not_sure") is True
            break
        assert intake.answer(question, "no") is False
    assert intake.next_question() is None
    case = intake.case()
    assert case.unsure == ("saddle_anaesthesia",) and case.pain.regions == ()


def test_a_warning_sign_that_is_not_an_emergency_goes_on(kb: KnowledgeBase) -> None:
    intake = Intake.start(kb)
    question = intake.next_question()
    assert question is not None
    fever = next(q for q in intake.questions if q.id == "symptom:fever")
    assert intake.answer(fever, "yes") is False
    assert intake.next_question() is not None


def test_a_follow_up_is_asked_only_after_its_item(kb: KnowledgeBase) -> None:
    answers = [(q.id, "no") for q in intake_questions(kb) if q.section == "warning_signs"]
    intake = Intake.resume(kb, [*answers, ("history", ())])
    asked = []
    while (question := intake.next_question()) is not None:
        asked.append(question.id)
        intake.answer(question, None)
    assert "follow_up:hip_replacement" not in asked
    picked = Intake.resume(kb, [*answers, ("history", ("hip_replacement",))])
    question = picked.next_question()
    while question is not None and not question.id.startswith("follow_up:"):
        picked.answer(question, None)
        question = picked.next_question()
    assert question is not None and question.id == "follow_up:hip_replacement"
    picked.answer(question, "hip_replacement_posterior")
    assert picked.case().history == ("hip_replacement_posterior",)


def test_answers_are_read_as_a_person_types_them(kb: KnowledgeBase) -> None:
    by_id = {q.id: q for q in intake_questions(kb, exam=True)}
    assert read_answer(by_id["duration_weeks"], "4 days") == 0.6
    assert read_answer(by_id["onset"], "grad") == "gradual"
    assert read_answer(by_id["side"], "both") == "bilateral"
    assert read_answer(by_id["symptom:fever"], "?") == "not_sure"
    assert read_answer(by_id["palpation:piriformis"], "1, 2") == ("taut_band", "tender_spot")
    with pytest.raises(AnswerError, match="y, n or \\? \\(not sure\\)"):
        read_answer(by_id["symptom:fever"], "")
    with pytest.raises(AnswerError, match="from 0 to 10"):
        read_answer(by_id["pain.intensity"], "11")


def test_an_examination_becomes_the_case_exam(kb: KnowledgeBase) -> None:
    by_id = {q.id: q for q in intake_questions(kb, exam=True)}
    intake = Intake.start(kb, exam=True)
    intake.answer(by_id["palpation:piriformis"], ("none",))
    intake.answer(by_id["test:fair"], "positive")
    intake.answer(by_id["rom:hip_flexion"], 95)
    intake.answer(by_id["neuro:reflex_change"], "no")
    exam = intake.case().exam
    assert exam.palpation["piriformis"] == dict.fromkeys(kb.exam.palpation_findings, False)
    assert exam.tests == {"fair": "positive"}
    assert exam.rom["hip_flexion"].active == 95 and exam.neuro == {"reflex_change": False}


def test_an_unknown_question_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(AnswerError, match=r"^symptom:cough: not a question"):
        Intake.resume(kb, [("symptom:cough", "yes")])
