"""Answers to the intake's questions: checked, gathered in a draft, turned into a case (pure).

A terminal and a web form drive the same functions: `read_answer` reads what was typed or posted
(one-line hint when it cannot), `apply_answer` adds it to the draft and says whether to stop: a
warning-sign answer that makes the triage an emergency stops the intake at once, because the
other questions can wait. A question left unanswered is unknown, never absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triggermap.errors import InputError
from triggermap.intake.questions import Question

if TYPE_CHECKING:
    from collections.abc import Iterable

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case

Answer = str | int | float | tuple[str, ...] | None  # None: left unanswered
ALIASES = {"both": "bilateral", "both sides": "bilateral", "don't know": "unknown"}
NOT_SURE_WORDS = ("?", "not sure", "unsure")
NONE = "none"  # the palpation choice "none of these": examined, nothing found


class AnswerError(InputError):
    """An answer a question cannot take; the message says what it can take."""


@dataclass(frozen=True, slots=True)
class Draft:
    """The answers so far, by question id, in the order given."""

    answers: tuple[tuple[str, Answer], ...] = ()

    def get(self, question_id: str) -> Answer:
        return dict(self.answers).get(question_id)

    def answered(self, question_id: str) -> bool:
        return any(qid == question_id for qid, _ in self.answers)

    def with_answer(self, question_id: str, answer: Answer) -> Draft:
        kept = tuple((q, a) for q, a in self.answers if q != question_id)
        return Draft((*kept, (question_id, answer)))


@dataclass(frozen=True, slots=True)
class Step:
    draft: Draft
    stop: bool  # an emergency: stop asking, show the result now


def apply_answer(draft: Draft, question: Question, answer: Answer, kb: KnowledgeBase) -> Step:
    """The draft with `answer` (checked by `read_answer` or a form) and whether to stop."""
    new = draft.with_answer(question.id, answer)
    flagged = question.section == "warning_signs" and answer in ("yes", "not_sure")
    return Step(new, flagged and is_emergency(new, kb))


def is_emergency(draft: Draft, kb: KnowledgeBase) -> bool:
    from triggermap.reasoning.engine import assess

    return assess(draft_case(draft, kb), kb).triage.level == "emergency"


def picked_history(draft: Draft) -> tuple[str, ...]:
    answer = draft.get("history")
    return answer if isinstance(answer, tuple) else ()


def warning_signs_answered(draft: Draft, questions: Iterable[Question]) -> bool:
    """True when every warning-sign question has an answer."""
    return all(draft.answered(q.id) for q in questions if q.section == "warning_signs")


# ---------------------------------------------------------------- reading typed answers


def read_answer(question: Question, text: str) -> Answer:
    """What `text` answers to `question`, or an `AnswerError` with a hint."""
    raw = " ".join(text.strip().lower().split())
    readers = {
        "yes_no": _yes_no,
        "number": _number,
        "weeks": _weeks,
        "choice": _choice,
        "many": _many,
    }
    return readers[question.kind](question, raw)


def _yes_no(question: Question, raw: str) -> Answer:
    unsure = any(c.value == "not_sure" for c in question.choices)
    if raw in ("y", "yes"):
        return "yes"
    if raw in ("n", "no"):
        return "no"
    if unsure and raw in NOT_SURE_WORDS:
        return "not_sure"
    if not question.required and raw in ("", *NOT_SURE_WORDS):
        return None
    raise AnswerError("Please answer y, n" + (" or ? (not sure)." if unsure else ", or Enter."))


def _number(question: Question, raw: str) -> Answer:
    low, high = int(question.minimum or 0), int(question.maximum or 0)
    if not raw and not question.required:
        return None
    if _small_whole(raw) and low <= int(raw) <= high:
        return int(raw)
    raise AnswerError(f"Please give a whole number from {low} to {high}.")


def _small_whole(raw: str) -> bool:
    """ASCII digits, few enough to be a rating or a choice ('1_0', '²', '٣' are not)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= SMALL_WHOLE_DIGITS


SMALL_WHOLE_DIGITS = 9


def _weeks(question: Question, raw: str) -> Answer:
    """Weeks as a number ("3", "0.5"), or days ("4 days"); blank or "?" when not known."""
    if raw in ("", *NOT_SURE_WORDS):
        return None
    number, _, unit = raw.partition(" ")
    digits = number.replace(".", "", 1)
    value = float(number) if _small_whole(digits) else -1.0  # not '٣', '²' or '1e999'
    if unit.strip() in ("day", "days"):
        value = value / 7 if value >= 0 else value
    elif unit.strip() not in ("", "week", "weeks", "wk", "wks"):
        value = -1.0
    if 0 <= value <= (question.maximum or 0):
        return round(value, 1)
    raise AnswerError(
        f"Please give a number of weeks from 0 to {question.maximum:g}, like 3 or 0.5, or '4 days'."
    )


def _choice(question: Question, raw: str) -> Answer:
    """One choice, by number, by value, by label or by the start of a label ("f" for female)."""
    if not raw and not question.required:
        return None
    raw = ALIASES.get(raw, raw)
    options = question.choices
    if _small_whole(raw) and 1 <= int(raw) <= len(options):
        return options[int(raw) - 1].value
    for choice in options:
        if raw in (choice.value, choice.label):
            return choice.value
    starts = [c.value for c in options if raw and c.label.startswith(raw)]
    if len(starts) == 1:
        return starts[0]
    raise AnswerError("Please choose one of the numbers shown.")


def _many(question: Question, raw: str) -> Answer:
    """Choices by number (or value), separated by commas or spaces; blank for none."""
    options = question.choices
    if not raw and not question.required:
        return ()
    values = [c.value for c in options]
    picks: list[str] = []
    for part in (p for p in raw.replace(",", " ").split() if p):
        if _small_whole(part) and 1 <= int(part) <= len(options):
            picks.append(values[int(part) - 1])
        elif part in values:
            picks.append(part)
        else:
            picks = []
            break
    if picks:
        return tuple(dict.fromkeys(picks))
    raise AnswerError(f"Please give numbers from 1 to {len(options)}, like 3,5.")


# ---------------------------------------------------------------- the case so far


def draft_case(draft: Draft, kb: KnowledgeBase) -> Case:
    """The case the answers so far make (spec/CASES.md); unanswered parts stay unknown."""
    from triggermap.reasoning.case import parse_case

    data: dict[str, Any] = {"pain": {}, "symptoms": [], "absent": [], "unsure": []}
    exam: dict[str, dict[str, Any]] = {}
    for question_id, answer in draft.answers:
        if answer is not None:
            _fill(data, exam, question_id, answer, kb)
    exam = {part: values for part, values in exam.items() if values}
    if exam:
        data["exam"] = exam
    return parse_case(data, kb)


def _fill(
    data: dict[str, Any],
    exam: dict[str, dict[str, Any]],
    question_id: str,
    answer: Answer,
    kb: KnowledgeBase,
) -> None:
    kind, _, key = question_id.partition(":")
    if kind == "symptom":
        part = {"yes": "symptoms", "no": "absent", "not_sure": "unsure"}[str(answer)]
        data[part].append(key)
    elif question_id in ("pain.regions", "pain.intensity"):
        data["pain"][question_id.removeprefix("pain.")] = _json(answer)
    elif kind == "follow_up":  # the more specific item replaces the general one
        if answer != "not_sure":
            data["history"] = [answer if h == key else h for h in data.get("history", [])]
    elif kind in ("palpation", "test", "rom", "neuro"):
        _fill_exam(exam, kind, key, answer, kb)
    else:  # duration_weeks, onset, side, age, sex, history
        data[question_id] = _json(answer)


def _fill_exam(
    exam: dict[str, dict[str, Any]], kind: str, key: str, answer: Answer, kb: KnowledgeBase
) -> None:
    if kind == "palpation":
        found = set(answer) if isinstance(answer, tuple) else set()
        if found:  # examined ("none": nothing found); left blank: not examined
            exam.setdefault("palpation", {})[key] = {
                f: f in found for f in kb.exam.palpation_findings
            }
    elif kind == "test":
        exam.setdefault("tests", {})[key] = answer
    elif kind == "rom":
        exam.setdefault("rom", {})[key] = {"active": answer}
    else:
        exam.setdefault("neuro", {})[key] = answer == "yes"


def _json(answer: Answer) -> Any:
    return list(answer) if isinstance(answer, tuple) else answer
