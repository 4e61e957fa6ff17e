"""The intake's questions, built from the knowledge base: a new symptom, history item, muscle or
test in the knowledge base is asked about without any code changing.

Order: every red-flag symptom first (yes, no or not sure; each must be answered), then where it
hurts and how much, the person, the other symptoms, their history, and, when asked for, a
clinician's examination (palpation per muscle, each special test with its how-to, range of
motion in degrees, a neurological screen). A front end that makes the care plan at once (the web
app) also asks what the person has at home and which treatments they would rather not have
(`preferences=True`), so the plan uses only what they have and leaves out what they decline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

Kind = Literal["yes_no", "number", "weeks", "choice", "many"]
Section = Literal[
    "warning_signs", "pain", "about_you", "symptoms", "history", "preferences", "exam"
]
AREA_ORDER = ("back", "buttock", "hip", "abdomen", "thigh", "knee", "leg", "foot")
MAX_WEEKS = 6240  # 120 years, the oldest age a case takes: pain of any length can be told


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    group: str | None = None  # regions: the body area they are listed under


YES, NO, NOT_SURE = Choice("yes", "yes"), Choice("no", "no"), Choice("not_sure", "not sure")
POSITIVE, NEGATIVE = Choice("positive", "positive"), Choice("negative", "negative")


@dataclass(frozen=True, slots=True)
class Question:
    """One question. `id` says what it fills: `symptom:ID`, `pain.regions`, `pain.intensity`,
    `duration_weeks`, `onset`, `side`, `age`, `sex`, `history`, `palpation:MUSCLE`, `test:ID`,
    `rom:MOVEMENT`, `neuro:ID`. An optional question may be left unanswered (unknown, never
    absent); a required one may not."""

    id: str
    section: Section
    prompt: str
    kind: Kind
    choices: tuple[Choice, ...] = ()
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    help: str | None = None  # e.g. how to do a test
    asked_if: str | None = None  # a follow-up: asked only when `history` includes this item


def intake_questions(
    kb: KnowledgeBase, *, exam: bool = False, preferences: bool = False
) -> tuple[Question, ...]:
    """Every question of the intake, in the order they are asked."""
    questions = [
        *warning_sign_questions(kb),
        *pain_questions(kb),
        *about_you_questions(kb),
        *symptom_questions(kb),
        history_question(kb),
        *follow_up_questions(kb),
    ]
    if preferences:
        questions += preference_questions(kb)
    if exam:
        questions += exam_questions(kb)
    return tuple(questions)


def warning_sign_questions(kb: KnowledgeBase) -> list[Question]:
    return [
        Question(
            id=f"symptom:{symptom.id}",
            section="warning_signs",
            prompt=symptom.patient_question,
            kind="yes_no",
            choices=(YES, NO, NOT_SURE),
            required=True,
        )
        for symptom in kb.symptoms.values()
        if symptom.red_flag
    ]


def pain_questions(kb: KnowledgeBase) -> list[Question]:
    regions = sorted(kb.regions.values(), key=lambda r: (AREA_ORDER.index(r.area), r.id))
    return [
        Question(
            id="pain.regions",
            section="pain",
            prompt="Where does it hurt? (Which side, left, right or both, comes a little later.)",
            kind="many",
            choices=tuple(Choice(r.id, f"{r.label} ({r.plain})", r.area) for r in regions),
            required=True,
        ),
        Question(
            id="pain.intensity",
            section="pain",
            prompt="Usual pain from 0 (none) to 10 (worst)",
            kind="number",
            required=True,
            minimum=0,
            maximum=10,
        ),
        Question(
            id="duration_weeks",
            section="pain",
            prompt="How long has this episode lasted, in weeks (or say '4 days')",
            kind="weeks",
            minimum=0,
            maximum=MAX_WEEKS,
        ),
    ]


def about_you_questions(kb: KnowledgeBase) -> list[Question]:
    def choose(id: str, prompt: str, options: tuple[str, ...]) -> Question:
        choices = tuple(Choice(o, o.replace("_", " ")) for o in options)
        return Question(id=id, section="about_you", prompt=prompt, kind="choice", choices=choices)

    return [
        choose("onset", "How did it start", kb.exam.onsets),
        choose("side", "Which side hurts", kb.exam.sides),
        Question(
            id="age",
            section="about_you",
            prompt="Your age in years",
            kind="number",
            minimum=0,
            maximum=120,
        ),
        choose("sex", "Sex", kb.exam.sexes),
    ]


def symptom_questions(kb: KnowledgeBase) -> list[Question]:
    return [
        Question(
            id=f"symptom:{symptom.id}",
            section="symptoms",
            prompt=symptom.patient_question,
            kind="yes_no",
            choices=(YES, NO),
        )
        for symptom in kb.symptoms.values()
        if not symptom.red_flag
    ]


def history_question(kb: KnowledgeBase) -> Question:
    """The general history items; the items that refine one are its follow-up's answers."""
    return Question(
        id="history",
        section="history",
        prompt="Which of these apply to you",
        kind="many",
        choices=tuple(Choice(h.id, h.label) for h in kb.history.values() if h.refines is None),
    )


def follow_up_questions(kb: KnowledgeBase) -> list[Question]:
    """For each history item that others refine (a hip replacement: from the back or the
    front?), its follow-up, asked when the item is picked; "not sure" keeps the item."""
    out = []
    for item in kb.history.values():
        options = [h for h in kb.history.values() if h.refines == item.id]
        if options:
            out.append(
                Question(
                    id=f"follow_up:{item.id}",
                    section="history",
                    prompt=item.follow_up or item.patient_question,
                    kind="choice",
                    choices=(*(Choice(h.id, h.label) for h in options), NOT_SURE),
                    required=True,
                    asked_if=item.id,
                )
            )
    return out


def should_ask(question: Question, history: tuple[str, ...]) -> bool:
    """Is the question asked, given the history items picked so far?"""
    return question.asked_if is None or question.asked_if in history


def preference_questions(kb: KnowledgeBase) -> list[Question]:
    """What the person has at home (equipment some self-care needs that not every home has;
    household things are assumed) and which treatments they decline (those a professional
    gives, and heat): the case's `preferences`."""
    from triggermap.careplan.equipment import HOUSEHOLD, SUBSTITUTES, equipment_name

    needed = {e for t in kb.treatments.values() for e in t.equipment} - HOUSEHOLD
    needed |= {e for options in SUBSTITUTES.values() for e in options}
    declinable = [t for t in kb.treatments.values() if t.kind in ("professional", "heat")]
    return [
        Question(
            id="preferences.equipment",
            section="preferences",
            prompt="What do you have at home",
            kind="many",
            choices=tuple(Choice(e, equipment_name(e)) for e in sorted(needed)),
        ),
        Question(
            id="preferences.avoid",
            section="preferences",
            prompt="Any treatments you would rather not have",
            kind="many",
            choices=tuple(Choice(t.id, t.name) for t in declinable),
        ),
    ]


def exam_questions(kb: KnowledgeBase) -> list[Question]:
    """A clinician's examination: what a case's `exam` holds (spec/CASES.md)."""
    findings = tuple(Choice(f, f.replace("_", " ")) for f in kb.exam.palpation_findings)
    out = [
        Question(
            id=f"palpation:{muscle.id}",
            section="exam",
            prompt=(
                f"Palpation of {muscle.name}: the findings present (the others then count as"
                " looked for and absent; skip a muscle you did not examine)"
            ),
            kind="many",
            choices=(*findings, Choice("none", "none of these")),
        )
        for muscle in kb.muscles.values()
    ]
    out += [
        Question(
            id=f"test:{test.id}",
            section="exam",
            prompt=test.name,
            kind="choice",
            choices=(POSITIVE, NEGATIVE),
            help=how_to_line(test.how_to, test.steps),
        )
        for test in kb.tests.values()
        if test.type == "single"
    ]
    out += [
        Question(
            id=f"rom:{movement}",
            section="exam",
            prompt=f"Active {movement.replace('_', ' ')}, in degrees",
            kind="number",
            minimum=0,
            maximum=180,
        )
        for movement in kb.exam.movements
    ]
    out += [
        Question(
            id=f"neuro:{finding}",
            section="exam",
            prompt=f"Neurological screen: {finding.replace('_', ' ')} found",
            kind="yes_no",
            choices=(YES, NO),
        )
        for finding in kb.exam.neuro
    ]
    return out


def how_to_line(how_to: str | None, steps: list[str]) -> str | None:
    """A test's one-line how-to; its first step when the knowledge base gives none."""
    return how_to or (steps[0] if steps else None)
