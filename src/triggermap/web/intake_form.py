"""The intake as web pages: which of the intake's questions (`services.intake`, the same the
terminal asks) each page shows, and reading a posted form back into an `Intake`.

Pages: warning signs, where it hurts, about the pain (everything else the person answers), check
your answers. A clinician's examination form shows every question on one page (`exam=True`).
Each page posts every answer so far (earlier pages' as hidden fields); nothing is stored between
pages. A field is named by its question's id (`symptom:fever`, `pain.regions`, `exam` ids such as
`palpation:piriformis`); each value is checked by the intake itself (`read_posted`), and
whether a question must be answered by `Intake.missing`. A field the intake does not have is
refused, as the case parser refuses an unknown key: a misspelt field must not drop an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from triggermap.errors import show_field, show_text
from triggermap.services.intake import AnswerError, Intake, read_posted, unanswered_message
from triggermap.web.durations import duration_error, weeks_text
from triggermap.web.error_fields import Together

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.services.intake import Answer, Question

Page = Literal["warning", "where", "about", "check"]
PAGES: tuple[Page, ...] = ("warning", "where", "about", "check")
WHERE = ("pain.regions", "side", "pain.intensity")
SLIDERS = frozenset({"pain.intensity"})  # the person's intake shows these as 0-10 sliders
# fields a form carries besides the answers: the CSRF token, the page, where to go (and `then`:
# back to the check page after a change), the person
CONTROL_FIELDS = frozenset(
    {"csrf_token", "step", "go", "then", "person", "case", "action", "form_id"}
)


@dataclass(frozen=True)
class IntakeLayout:
    """The questions of the person's intake and of the clinician's form, built once."""

    kb: KnowledgeBase
    questions: tuple[Question, ...]  # the person's intake, with what they have and decline
    exam_questions: tuple[Question, ...]  # the clinician's: the same, then the examination

    @classmethod
    def build(cls, kb: KnowledgeBase) -> IntakeLayout:
        person = Intake.start(kb, preferences=True).questions
        return cls(kb, person, Intake.start(kb, exam=True, preferences=True).questions)

    def on_page(self, page: Page) -> tuple[Question, ...]:
        if page == "warning":
            return tuple(q for q in self.questions if q.section == "warning_signs")
        if page == "where":
            by_id = {q.id: q for q in self.questions}
            return tuple(by_id[i] for i in WHERE)
        if page == "about":
            done = {*WHERE, *(q.id for q in self.on_page("warning"))}
            return tuple(q for q in self.questions if q.id not in done)
        return ()

    def page_of(self, question_id: str) -> Page:
        for page in PAGES:
            if any(q.id == question_id for q in self.on_page(page)):
                return page
        return "warning"

    def by_id(self, exam: bool = False) -> dict[str, Question]:
        return {q.id: q for q in (self.exam_questions if exam else self.questions)}


@dataclass
class PostedIntake:
    """A posted intake: the values as sent (for the form to show again), the intake they make
    (stopped when an answer is an emergency), and one error per field, in question order."""

    values: dict[str, tuple[str, ...]]
    intake: Intake
    errors: dict[str, str] = field(default_factory=dict)
    # the clinician's palpation, finding by finding: {muscle: {finding: present}}; a finding
    # not in it was not examined (unknown, not absent)
    palpation: dict[str, dict[str, bool]] = field(default_factory=dict)

    def one(self, name: str) -> str:
        got = self.values.get(name, ())
        return got[0] if got else ""

    def many(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    def answer(self, name: str) -> Answer:
        return self.intake.draft.get(name)

    def hidden_fields(self, shown: Iterable[str]) -> list[tuple[str, str]]:
        """(name, value) of every answer not on the page showing `shown`, to carry along."""
        skip = set(shown)
        return [(n, v) for n, vs in self.values.items() if n not in skip for v in vs if v]


def read_intake(
    items: Sequence[tuple[str, str]],
    layout: IntakeLayout,
    *,
    required: Iterable[str] = (),
    exam: bool = False,
) -> PostedIntake:
    """Every posted field checked by the intake; the questions in `required` (ids) must be
    answered unless an earlier answer is an emergency (which stops the intake at once)."""
    questions = layout.exam_questions if exam else layout.questions
    palpation: dict[str, dict[str, bool]] = {}
    found: dict[str, tuple[str, ...]] = {}
    findings: dict[str, str] = {}
    if exam:
        items, found, palpation, findings = _palpation(items, layout.kb)
    # the palpation is posted finding by finding (present, absent, not examined), never as the
    # intake's list of findings present, whose unticked findings would count as absent
    known = {q.id for q in questions if not q.id.startswith("palpation:")}
    values, errors = _collect(items, known)
    values |= found
    errors |= findings
    answers: list[tuple[str, Answer]] = []
    for question in questions:
        if question.id in values:
            try:
                answers.append((question.id, _read(question, values[question.id])))
            except AnswerError as exc:
                errors.setdefault(question.id, str(exc))
    intake = Intake.resume(layout.kb, answers, exam=exam, preferences=True)
    if not intake.stopped:
        for question in intake.missing(required):
            errors.setdefault(question.id, _unanswered(question, exam=exam))
    order = {q.id: i for i, q in enumerate(questions)}
    ordered = dict(sorted(errors.items(), key=lambda e: order.get(e[0], -1)))
    return PostedIntake(values, intake, ordered, palpation)


def _unanswered(question: Question, *, exam: bool) -> str:
    """A rating is given deliberately: an untouched slider posts nothing, and says so."""
    if question.id in SLIDERS and not exam:
        return f"{question.id}: not set yet: move the slider to your number, from 0 to 10"
    return unanswered_message(question)


def _read(question: Question, values: tuple[str, ...]) -> Answer:
    """The intake's answer to what was posted; a duration in days, weeks, months or years
    (`web.durations`) is read into weeks first, then checked by the intake's own rule."""
    if question.kind != "weeks" or len(values) != 1:
        return read_posted(question, values)
    try:
        return read_posted(question, (weeks_text(values[0]),))
    except AnswerError:
        line = duration_error(question.id, values[0], question.maximum or 0)
        raise AnswerError(line) from None


def palpation_field(muscle: str, finding: str) -> str:
    """The form field of one palpation finding of one muscle."""
    return f"palpation:{muscle}:{finding}"


PALPATION_STATES = {"present": True, "absent": False, "": None}  # "": not examined


def _palpation(
    items: Sequence[tuple[str, str]], kb: KnowledgeBase
) -> tuple[
    list[tuple[str, str]], dict[str, tuple[str, ...]], dict[str, dict[str, bool]], dict[str, str]
]:
    """The palpation findings posted one by one (`palpation:MUSCLE:FINDING` = present, absent
    or blank for not examined) taken out of the items: (the other items, their values as sent,
    {muscle: {finding: present}} of the findings stated, {field: error})."""
    known = {palpation_field(m, f): (m, f) for m in kb.muscles for f in kb.exam.palpation_findings}
    rest: list[tuple[str, str]] = []
    values: dict[str, tuple[str, ...]] = {}
    stated: dict[str, dict[str, bool]] = {}
    errors: dict[str, str] = {}
    for name, value in items:
        if name.count(":") != 2 or not name.startswith("palpation:"):
            rest.append((name, value))
            continue
        if name not in known:
            errors.setdefault(name, f"{show_field(name)}: unknown field")
            continue
        if name in values:
            errors.setdefault(name, f"{name}: given twice (expected one answer)")
            continue
        values[name] = (value,)
        if value.strip() not in PALPATION_STATES:
            line = f"{name}: {show_text(value)} is not present, absent or blank (not examined)"
            errors.setdefault(name, line)
            continue
        state = PALPATION_STATES[value.strip()]
        if state is not None:
            muscle, finding = known[name]
            stated.setdefault(muscle, {})[finding] = state
    return rest, values, stated, errors


def _collect(
    items: Sequence[tuple[str, str]], known: set[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    values: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for name, value in items:
        if name in CONTROL_FIELDS:
            continue
        if name not in known:
            errors.setdefault(name, f"{show_field(name)}: unknown field")
            continue
        values.setdefault(name, []).append(value)
    return {n: tuple(v) for n, v in values.items()}, errors


def required_through(layout: IntakeLayout, page: Page) -> tuple[str, ...]:
    """The ids of every question on the pages up to and including `page`."""
    pages = PAGES[: PAGES.index(page) + 1]
    return tuple(q.id for p in pages for q in layout.on_page(p))


def unanswered_together(questions: Sequence[Question], errors: dict[str, str]) -> Together | None:
    """The warning-sign questions left unanswered, as one line of the error summary (nineteen
    long questions, each with "answer yes, no or not sure", would bury the page); None when
    fewer than two are left (the one left is named by its own words)."""
    left = [q for q in questions if errors.get(q.id) == unanswered_message(q)]
    if len(left) < 2:
        return None
    first = errors[left[0].id]
    rest = first.split(": ", 1)[1].removeprefix("answer ")
    heading = f"Answer every warning-sign question ({len(left)} left)"
    return Together(frozenset(q.id for q in left), left[0].id, heading, rest)
