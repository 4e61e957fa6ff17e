"""Use case: the intake, driven one question at a time by any front end.

`Intake` holds the questions (`intake.questions`, built from the knowledge base) and the
answers so far (`intake.answers.Draft`). A terminal asks `next_question()`, reads the typed
text with `read_answer`, and gives it to `answer()`, which says whether to stop (an emergency);
a web form can instead rebuild an `Intake` from the answers it posts (`Intake.resume`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triggermap.intake.answers import (
    Answer,
    AnswerError,
    Draft,
    apply_answer,
    draft_case,
    picked_history,
    read_answer,
    read_posted,
    unanswered_message,
    warning_signs_answered,
)
from triggermap.intake.questions import Choice, Question, intake_questions, should_ask

if TYPE_CHECKING:
    from collections.abc import Iterable

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

__all__ = [
    "Answer",
    "AnswerError",
    "Choice",
    "Intake",
    "Question",
    "read_answer",
    "read_posted",
    "unanswered_message",
]


@dataclass
class Intake:
    kb: KnowledgeBase
    questions: tuple[Question, ...]
    draft: Draft = field(default_factory=Draft)
    stopped: bool = False  # an emergency answer ended it

    @classmethod
    def start(cls, kb: KnowledgeBase, *, exam: bool = False, preferences: bool = False) -> Intake:
        return cls(kb, intake_questions(kb, exam=exam, preferences=preferences))

    @classmethod
    def resume(
        cls,
        kb: KnowledgeBase,
        answers: Iterable[tuple[str, Answer]],
        *,
        exam: bool = False,
        preferences: bool = False,
    ) -> Intake:
        """An intake with these answers given already (by question id, in order)."""
        intake = cls.start(kb, exam=exam, preferences=preferences)
        by_id = {q.id: q for q in intake.questions}
        for question_id, answer in answers:
            if intake.stopped:
                break
            if question_id not in by_id:
                raise AnswerError(f"{question_id}: not a question of this intake")
            intake.answer(by_id[question_id], answer)
        return intake

    def next_question(self) -> Question | None:
        """The first question not answered yet that is to be asked; None when done."""
        if self.stopped:
            return None
        history = picked_history(self.draft)
        for question in self.questions:
            if not self.draft.answered(question.id) and should_ask(question, history):
                return question
        return None

    def answer(self, question: Question, answer: Answer) -> bool:
        """Record an answer; True when it is an emergency and the intake stops."""
        step = apply_answer(self.draft, question, answer, self.kb)
        self.draft, self.stopped = step.draft, step.stop
        return step.stop

    def missing(self, among: Iterable[str]) -> list[Question]:
        """The required questions among these ids that are to be asked (a follow-up only after
        its item) and have no answer yet: a form shows them again, naming each."""
        wanted, history = set(among), picked_history(self.draft)
        return [
            q
            for q in self.questions
            if q.id in wanted
            and q.required
            and should_ask(q, history)
            and self.draft.get(q.id) in (None, ())
        ]

    def warning_signs_answered(self) -> bool:
        return warning_signs_answered(self.draft, self.questions)

    def case(self) -> Case:
        return draft_case(self.draft, self.kb)
