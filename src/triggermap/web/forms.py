"""The intake form: posted fields in, the answers and one-line errors naming each field out.

The intake is four pages (warning signs, where it hurts, about the pain, check your answers);
every page posts all answers so far (earlier pages' as hidden fields), so nothing is stored
between pages. `read_intake` checks every field it is given, and that each question of the
pages up to `through` is answered; `case_data` turns the answers into a case (spec/CASES.md),
which the engine's own parser then checks again.

Field names: `flag-<symptom>` (yes, no, unsure) for each warning sign, `region` (repeated),
`side`, `intensity`, `duration` and `duration_unit`, `onset`, `age`, `sex`,
`symptom-<symptom>` (yes, no or blank), `history`, `equipment` and `avoid` (repeated).
A field the intake does not have is refused, as the case parser refuses an unknown key: a
misspelt field must not drop an answer silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from triggermap.errors import show_field, show_text

Step = Literal["warning", "where", "about", "check"]
STEPS: tuple[Step, ...] = ("warning", "where", "about", "check")
FLAG_ANSWERS = {"yes": "symptoms", "no": "absent", "unsure": "unsure"}
SYMPTOM_ANSWERS = {"yes": "symptoms", "no": "absent", "": None}
DURATION_UNITS = {"days": 7.0, "weeks": 1.0}
MAX_DURATION_WEEKS = 520
CONTROL_FIELDS = frozenset({"csrf_token", "step", "go"})
REPEATED = frozenset({"region", "history", "equipment", "avoid"})


@dataclass(frozen=True)
class Choices:
    """What each field may hold: ids from the knowledge base, passed in by the page."""

    flags: tuple[str, ...]
    symptoms: tuple[str, ...]
    regions: tuple[str, ...]
    sides: tuple[str, ...]
    onsets: tuple[str, ...]
    sexes: tuple[str, ...]
    history: tuple[str, ...]
    equipment: tuple[str, ...]
    avoid: tuple[str, ...]

    def single_fields(self) -> frozenset[str]:
        names = {"side", "intensity", "duration", "duration_unit", "onset", "age", "sex"}
        names |= {f"flag-{s}" for s in self.flags} | {f"symptom-{s}" for s in self.symptoms}
        return frozenset(names)


@dataclass(frozen=True)
class Intake:
    """The answers as posted (fields the intake knows) and the errors, in page order."""

    values: dict[str, tuple[str, ...]]
    errors: dict[str, str] = field(default_factory=dict)

    def one(self, name: str) -> str:
        got = self.values.get(name, ())
        return got[0] if got else ""

    def many(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    def hidden_fields(self, shown: Iterable[str]) -> list[tuple[str, str]]:
        """(name, value) of every answer not on the page showing `shown`, to carry along."""
        skip = set(shown)
        return [(n, v) for n, vs in self.values.items() if n not in skip for v in vs]


def read_intake(items: Sequence[tuple[str, str]], choices: Choices, through: Step | None) -> Intake:
    """Check every posted field; require the answers of the pages up to `through`."""
    values, errors = _collect(items, choices)
    intake = Intake(values)
    checks = (_check_flags, _check_where, _check_about)
    for step, check in zip(STEPS, checks, strict=False):
        required = through is not None and STEPS.index(step) <= STEPS.index(through)
        for name, message in check(intake, choices, required):
            errors.setdefault(name, message)
    return Intake(values, errors)


def _collect(
    items: Sequence[tuple[str, str]], choices: Choices
) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    singles = choices.single_fields()
    values: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for name, value in items:
        if name in CONTROL_FIELDS:
            continue
        if name not in singles and name not in REPEATED:
            errors.setdefault(name, f"{show_field(name)}: unknown field")
            continue
        values.setdefault(name, []).append(value)
    for name, got in values.items():
        if name in singles and len(got) > 1:
            errors.setdefault(name, f"{name}: given {len(got)} times (expected one answer)")
    return {n: tuple(v) for n, v in values.items() if n not in errors}, errors


Problems = list[tuple[str, str]]


def _check_flags(intake: Intake, choices: Choices, required: bool) -> Problems:
    problems: Problems = []
    for symptom in choices.flags:
        name = f"flag-{symptom}"
        answer = intake.one(name)
        if answer == "" and required and name not in intake.values:
            problems.append((name, f"{name}: answer yes, no or not sure"))
        elif name in intake.values and answer not in FLAG_ANSWERS:
            problems.append((name, f"{name}: {show_text(answer)} is not one of yes, no, unsure"))
    return problems


def _check_where(intake: Intake, choices: Choices, required: bool) -> Problems:
    problems = _check_ids(intake, "region", choices.regions)
    problems += _check_choice(intake, "side", choices.sides, required)
    problems += _check_whole(intake, "intensity", 0, 10, required)
    return problems


def _check_about(intake: Intake, choices: Choices, required: bool) -> Problems:
    problems = _check_duration(intake)
    problems += _check_choice(intake, "onset", choices.onsets, False)
    problems += _check_whole(intake, "age", 0, 120, False)
    problems += _check_choice(intake, "sex", choices.sexes, False)
    for symptom in choices.symptoms:
        name = f"symptom-{symptom}"
        if intake.one(name) not in SYMPTOM_ANSWERS:
            problems.append(
                (name, f"{name}: {show_text(intake.one(name))} is not yes, no or blank")
            )
    for name, allowed in (
        ("history", choices.history),
        ("equipment", choices.equipment),
        ("avoid", choices.avoid),
    ):
        problems += _check_ids(intake, name, allowed)
    return problems


def _check_ids(intake: Intake, name: str, allowed: tuple[str, ...]) -> Problems:
    for value in intake.many(name):
        if value not in allowed:
            return [(name, f"{name}: unknown id {show_text(value)}")]
    return []


def _check_choice(intake: Intake, name: str, allowed: tuple[str, ...], required: bool) -> Problems:
    value = intake.one(name)
    if value == "":
        return [(name, f"{name}: choose one")] if required else []
    if value not in allowed:
        return [(name, f"{name}: {show_text(value)} is not one of {', '.join(allowed)}")]
    return []


def _check_whole(intake: Intake, name: str, low: int, high: int, required: bool) -> Problems:
    value = intake.one(name).strip()
    if value == "":
        return [(name, f"{name}: give a whole number from {low} to {high}")] if required else []
    if not (value.isascii() and value.isdigit() and low <= int(value) <= high):
        return [(name, f"{name}: {show_text(value)} is not a whole number from {low} to {high}")]
    return []


def _check_duration(intake: Intake) -> Problems:
    unit = intake.one("duration_unit") or "weeks"
    if unit not in DURATION_UNITS:
        return [("duration_unit", f"duration_unit: {show_text(unit)} is not days or weeks")]
    value = intake.one("duration").strip()
    if value == "":
        return []
    weeks = _number(value)
    if weeks is None or not 0 <= weeks / DURATION_UNITS[unit] <= MAX_DURATION_WEEKS:
        return [
            ("duration", f"duration: {show_text(value)} is not a number of {unit} up to 10 years")
        ]
    return []


def _number(text: str) -> float | None:
    if not text.isascii() or len(text) > 12:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def case_data(intake: Intake, choices: Choices) -> dict[str, Any]:
    """The answers as a case (spec/CASES.md): what was not answered is left out, unknown."""
    data: dict[str, Any] = {"symptoms": [], "absent": [], "unsure": []}
    answers = [(s, FLAG_ANSWERS.get(intake.one(f"flag-{s}"))) for s in choices.flags]
    answers += [(s, SYMPTOM_ANSWERS.get(intake.one(f"symptom-{s}"))) for s in choices.symptoms]
    for symptom, where in answers:
        if where is not None:
            data[where].append(symptom)
    data["pain"] = {"regions": list(dict.fromkeys(intake.many("region")))}
    if intake.one("intensity"):
        data["pain"]["intensity"] = int(intake.one("intensity"))
    data.update(_scalars(intake))
    data["history"] = list(dict.fromkeys(intake.many("history")))
    preferences = {k: list(dict.fromkeys(intake.many(k))) for k in ("equipment", "avoid")}
    data["preferences"] = {k: v for k, v in preferences.items() if v}
    return data


def _scalars(intake: Intake) -> dict[str, Any]:
    out: dict[str, Any] = {k: intake.one(k) for k in ("side", "onset", "sex") if intake.one(k)}
    if intake.one("age").strip():
        out["age"] = int(intake.one("age"))
    if intake.one("duration").strip():
        unit = DURATION_UNITS[intake.one("duration_unit") or "weeks"]
        out["duration_weeks"] = round(float(intake.one("duration")) / unit, 2)
    return out
