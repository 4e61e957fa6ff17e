"""The interactive intake in the terminal: it asks the knowledge base's questions
(`intake.questions`) one at a time and builds the case with `intake.answers`, the same functions
a web form drives.

Warning signs come first; each must be answered yes, no or not sure (unknown is not absent: the
intake never skips one), and an answer that makes it an emergency stops the intake at once.
Painful regions are chosen by number, grouped by area. Reads answers with `input()`, so a
script can drive it through stdin; prompts go to stderr, so stdout stays the result.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from triggermap.errors import InputError

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.case import Case
    from triggermap.services.intake import Answer, Question

Ask = Callable[[str], str]
Say = Callable[[str], None]

SECTION_INTROS = {
    "warning_signs": "Warning signs first: every question needs an answer "
    "(y = yes, n = no, ? = not sure).",
    "pain": "Your pain.",
    "about_you": "About you.",
    "symptoms": "Other symptoms (y = yes, n = no, Enter = skip).",
    "history": "Your history.",
    "exam": "Examination, for a clinician (Enter = not examined or not done).",
}


class IntakeEnded(InputError):
    """The person's input ended (Ctrl-D, or a script that ran out of answers)."""


def run_intake(
    kb: KnowledgeBase, ask: Ask | None = None, say: Say | None = None, *, exam: bool = False
) -> Case:
    from triggermap.services.intake import Intake

    ask, say = ask or _input, say or _say
    say(
        "triggermap intake: answer each question, then press Enter. "
        "Decision support, not a diagnosis."
    )
    intake = Intake.start(kb, exam=exam)
    section = ""
    try:
        while (question := intake.next_question()) is not None:
            if question.section != section:
                section = question.section
                say(f"\n{SECTION_INTROS[section]}")
            if intake.answer(question, _ask_until_read(question, ask, say)):
                say(
                    "\nEMERGENCY: one of your answers is a warning sign that needs an emergency "
                    "department now. The other questions can wait; here is what to do."
                )
                break
    except IntakeEnded:
        if not intake.warning_signs_answered():
            raise
        say("(input ended: the remaining questions are left unanswered)")
    return intake.case()


def _ask_until_read(question: Question, ask: Ask, say: Say) -> Answer:
    from triggermap.services.intake import AnswerError, read_answer

    prompt = _show(question, say)
    while True:
        try:
            return read_answer(question, ask(prompt))
        except AnswerError as exc:
            say(f"  {exc}")


def _show(question: Question, say: Say) -> str:
    """Print what the question needs on screen; return its prompt line."""
    if question.help:
        say(f"{question.prompt}\n  how: {question.help}")
    if question.kind == "many":
        _numbered(question, say)
        blank = "" if question.required else " (Enter for none)"
        return "Numbers, separated by commas" + blank + ": "
    if question.kind == "yes_no":
        hint = "y/n/?" if question.required else "y/n, Enter to skip"
        return f"{question.prompt} [{hint}]: "
    if question.kind == "choice" and question.asked_if is not None:  # a follow-up
        _numbered(question, say)
        return "Number: "
    if question.kind == "choice":
        listing = ", ".join(f"{i}={c.label}" for i, c in enumerate(question.choices, 1))
        skip = "; Enter if not done" if question.section == "exam" else "; Enter to skip"
        blank = "" if question.required else skip
        lead = "  result" if question.help else question.prompt
        return f"{lead} ({listing}{blank}): "
    if question.kind == "weeks":
        return f"{question.prompt}; Enter if not sure: "
    blank = "" if question.required else " (blank to skip)"
    return f"{question.prompt}{blank}: "


def _numbered(question: Question, say: Say) -> None:
    say(question.prompt if question.prompt.endswith(("?", ")")) else f"{question.prompt}?")
    group = None
    for number, choice in enumerate(question.choices, 1):
        if choice.group is not None and choice.group != group:
            group = choice.group
            say(f"  {group}:")
        indent = "    " if choice.group is not None else "  "
        say(f"{indent}{number:>2}. {choice.label}")


def _say(text: str) -> None:
    print(text, file=sys.stderr)  # stdout is for the result (e.g. --format json)


def _input(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    try:
        return input()
    except EOFError:
        sys.stderr.write("\n")  # the error goes on a line of its own, not after the prompt
        raise IntakeEnded(
            "--interactive: input ended before every warning-sign question was answered"
        ) from None
