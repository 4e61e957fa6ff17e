"""The case: what is known about one person's buttock pain at one moment (spec/CASES.md).

`parse_case` turns untrusted JSON-like data into a frozen `Case`, or raises `CaseError` with one
line naming the field and the offending value (`pain.intensity: 11 is not in 0..10`,
`symptoms[2]: unknown id 'leg_pain'`). Ids are checked against the knowledge base, which holds
every vocabulary id and may add more. Unknown fields are errors too: a misspelt `symptom` must
not silently drop a red flag.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from triggermap.errors import CaseError, did_you_mean, show_field, show_text, show_value
from triggermap.input_checks import unstorable

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

TestResult = Literal["positive", "negative"]


class RangeOfMotion(NamedTuple):
    active: float | None = None
    passive: float | None = None
    painful: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (
                ("active", self.active),
                ("passive", self.passive),
                ("painful", self.painful),
            )
            if v is not None
        }


class Exam(NamedTuple):
    # shared empty defaults: a case is never modified (only `parse_case` builds one)
    palpation: dict[str, dict[str, bool]] = {}  # noqa: RUF012
    tests: dict[str, TestResult] = {}  # noqa: RUF012
    rom: dict[str, RangeOfMotion] = {}  # noqa: RUF012
    neuro: dict[str, bool] = {}  # noqa: RUF012

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.palpation:
            data["palpation"] = {m: dict(f) for m, f in self.palpation.items()}
        if self.tests:
            data["tests"] = dict(self.tests)
        if self.rom:
            data["rom"] = {m: r.to_json() for m, r in self.rom.items()}
        if self.neuro:
            data["neuro"] = dict(self.neuro)
        return data


class Pain(NamedTuple):
    regions: tuple[str, ...] = ()
    intensity: int | None = None


class Preferences(NamedTuple):
    equipment: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()


class Case(NamedTuple):
    """One validated case (only `parse_case` builds one; every list is sorted and unique)."""

    id: str | None = None
    age: int | None = None
    sex: str | None = None
    duration_weeks: float | None = None
    onset: str | None = None
    side: str | None = None
    pain: Pain = Pain()
    symptoms: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    exam: Exam = Exam()
    preferences: Preferences = Preferences()

    def to_json(self) -> dict[str, Any]:
        """The case as contract JSON (empty parts left out)."""
        data: dict[str, Any] = {}
        for name in ("id", "age", "sex", "duration_weeks", "onset", "side"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        pain = {
            k: v
            for k, v in (("regions", list(self.pain.regions)), ("intensity", self.pain.intensity))
            if v
        }
        if self.pain.intensity == 0:
            pain["intensity"] = 0
        if pain:
            data["pain"] = pain
        for name in ("symptoms", "absent", "unsure", "history"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        exam = self.exam.to_json()
        if exam:
            data["exam"] = exam
        preferences = {
            k: list(v)
            for k, v in (
                ("equipment", self.preferences.equipment),
                ("avoid", self.preferences.avoid),
            )
            if v
        }
        if preferences:
            data["preferences"] = preferences
        return data


LARGEST_NUMBER = 1e15
"""Weeks and degrees beyond this are typing slips; this keeps them exact as floats."""

TOP_FIELDS = {
    "id",
    "age",
    "sex",
    "duration_weeks",
    "onset",
    "side",
    "pain",
    "symptoms",
    "absent",
    "unsure",
    "history",
    "exam",
    "preferences",
}


class CaseVocabulary(NamedTuple):
    """Every id a case may use (the knowledge base's, which holds the shared vocabulary's)."""

    symptoms: frozenset[str]
    regions: frozenset[str]
    history: frozenset[str]
    tests: frozenset[str]
    muscles: frozenset[str]
    neuro: tuple[str, ...]
    movements: tuple[str, ...]
    palpation_findings: tuple[str, ...]
    sexes: tuple[str, ...]
    onsets: tuple[str, ...]
    sides: tuple[str, ...]


_VOCABULARIES: dict[str, CaseVocabulary] = {}


def case_vocabulary(kb: KnowledgeBase) -> CaseVocabulary:
    vocabulary = _VOCABULARIES.get(kb.version)
    if vocabulary is None:
        exam = kb.exam
        vocabulary = _VOCABULARIES[kb.version] = CaseVocabulary(
            frozenset(kb.symptoms),
            frozenset(kb.regions),
            frozenset(kb.history),
            frozenset(kb.tests),
            frozenset(kb.muscles),
            exam.neuro,
            exam.movements,
            exam.palpation_findings,
            exam.sexes,
            exam.onsets,
            exam.sides,
        )
    return vocabulary


def parse_case(data: Any, kb: KnowledgeBase | CaseVocabulary, *, where: str = "") -> Case:
    """Validate one case; `where` prefixes field names (e.g. `[3].` for the 4th of a list)."""
    vocabulary = kb if isinstance(kb, CaseVocabulary) else case_vocabulary(kb)
    return _Parser(vocabulary, where).case(data)


class _Parser:
    def __init__(self, vocabulary: CaseVocabulary, where: str) -> None:
        self.v = vocabulary
        self.where = where

    def fail(self, field: str, message: str) -> CaseError:
        return CaseError(f"{self.where}{show_field(field)}: {message}")  # where: the caller's

    # ------------------------------------------------------------ top level

    def case(self, data: Any) -> Case:
        if not isinstance(data, dict):
            raise self.fail("case", f"expected a JSON object, got {show_value(data)}")
        self.unknown_fields(data, TOP_FIELDS, "")
        lists = {
            name: self.ids(data.get(name), name, self.v.symptoms, "symptom")
            for name in ("symptoms", "absent", "unsure")
        }
        self.exclusive(lists)
        return Case(
            id=self.optional_str(data.get("id"), "id"),
            age=self.integer(data.get("age"), "age", 0, 120),
            sex=self.choice(data.get("sex"), "sex", self.v.sexes),
            duration_weeks=self.number(data.get("duration_weeks"), "duration_weeks"),
            onset=self.choice(data.get("onset"), "onset", self.v.onsets),
            side=self.choice(data.get("side"), "side", self.v.sides),
            pain=self.pain(data.get("pain")),
            symptoms=lists["symptoms"],
            absent=lists["absent"],
            unsure=lists["unsure"],
            history=self.ids(data.get("history"), "history", self.v.history, "history"),
            exam=self.exam(data.get("exam")),
            preferences=self.preferences(data.get("preferences")),
        )

    def exclusive(self, lists: dict[str, tuple[str, ...]]) -> None:
        seen: dict[str, str] = {}
        for name, ids in lists.items():
            for index, item in enumerate(ids):
                if item in seen and seen[item] != name:
                    raise self.fail(
                        f"{name}[{index}]",
                        f"{show_text(item)} is also in {seen[item]}: an id may stand "
                        "in only one of symptoms, absent and unsure",
                    )
                seen[item] = name

    def unknown_fields(self, data: dict[str, Any], allowed: set[str], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                raise self.fail(
                    f"{prefix}{key}",
                    f"unknown field (expected one of {', '.join(sorted(allowed))})",
                )

    # ------------------------------------------------------------ parts

    def pain(self, data: Any) -> Pain:
        if data is None:
            return Pain()
        if not isinstance(data, dict):
            raise self.fail("pain", f"expected an object, got {show_value(data)}")
        self.unknown_fields(data, {"regions", "intensity"}, "pain.")
        return Pain(
            regions=self.ids(data.get("regions"), "pain.regions", self.v.regions, "region"),
            intensity=self.integer(data.get("intensity"), "pain.intensity", 0, 10),
        )

    def exam(self, data: Any) -> Exam:
        if data is None:
            return Exam()
        if not isinstance(data, dict):
            raise self.fail("exam", f"expected an object, got {show_value(data)}")
        self.unknown_fields(data, {"palpation", "tests", "rom", "neuro"}, "exam.")
        return Exam(
            palpation=self.palpation(data.get("palpation")),
            tests=self.tests(data.get("tests")),
            rom=self.rom(data.get("rom")),
            neuro=self.flags(data.get("neuro"), "exam.neuro", self.v.neuro),
        )

    def palpation(self, data: Any) -> dict[str, dict[str, bool]]:
        muscles = self.mapping(data, "exam.palpation")
        out = {}
        for muscle, findings in sorted(muscles.items()):
            field = f"exam.palpation.{muscle}"
            if muscle not in self.v.muscles:
                raise self.fail(
                    field,
                    f"unknown muscle id {show_text(muscle)}{did_you_mean(muscle, self.v.muscles)}",
                )
            out[muscle] = self.flags(findings, field, self.v.palpation_findings)
        return out

    def tests(self, data: Any) -> dict[str, TestResult]:
        tests = self.mapping(data, "exam.tests")
        out: dict[str, TestResult] = {}
        for test, result in sorted(tests.items()):
            field = f"exam.tests.{test}"
            if test not in self.v.tests:
                raise self.fail(
                    field, f"unknown test id {show_text(test)}{did_you_mean(test, self.v.tests)}"
                )
            if result not in ("positive", "negative"):
                raise self.fail(field, f"{show_value(result)} is not 'positive' or 'negative'")
            out[test] = result
        return out

    def rom(self, data: Any) -> dict[str, RangeOfMotion]:
        movements = self.mapping(data, "exam.rom")
        out = {}
        for movement, record in sorted(movements.items()):
            field = f"exam.rom.{movement}"
            if movement not in self.v.movements:
                raise self.fail(
                    field,
                    f"unknown movement id {show_text(movement)}"
                    f"{did_you_mean(movement, self.v.movements)}",
                )
            record = self.mapping(record, field)
            self.unknown_fields(record, {"active", "passive", "painful"}, f"{field}.")
            out[movement] = RangeOfMotion(
                active=self.degrees(record.get("active"), f"{field}.active"),
                passive=self.degrees(record.get("passive"), f"{field}.passive"),
                painful=self.boolean(record.get("painful"), f"{field}.painful"),
            )
        return out

    def preferences(self, data: Any) -> Preferences:
        if data is None:
            return Preferences()
        if not isinstance(data, dict):
            raise self.fail("preferences", f"expected an object, got {show_value(data)}")
        self.unknown_fields(data, {"equipment", "avoid"}, "preferences.")
        return Preferences(
            equipment=self.strings(data.get("equipment"), "preferences.equipment"),
            avoid=self.strings(data.get("avoid"), "preferences.avoid"),
        )

    # ------------------------------------------------------------ scalars

    def mapping(self, data: Any, field: str) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise self.fail(field, f"expected an object, got {show_value(data)}")
        return data

    def flags(self, data: Any, field: str, allowed: tuple[str, ...]) -> dict[str, bool]:
        out = {}
        for key, value in sorted(self.mapping(data, field).items()):
            if key not in allowed:
                raise self.fail(
                    f"{field}.{key}", f"unknown id {show_text(key)}{did_you_mean(key, allowed)}"
                )
            if not isinstance(value, bool):
                raise self.fail(f"{field}.{key}", f"{show_value(value)} is not true or false")
            out[key] = value
        return out

    def ids(self, data: Any, field: str, known: frozenset[str], what: str) -> tuple[str, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            raise self.fail(field, f"expected a list of {what} ids, got {show_value(data)}")
        if all(type(item) is str for item in data) and known.issuperset(data):
            return tuple(sorted(set(data)))  # every id known: the loop below, at once
        out: list[str] = []
        for index, item in enumerate(data):
            if not isinstance(item, str):
                raise self.fail(f"{field}[{index}]", f"expected an id, got {show_value(item)}")
            if item not in known:
                raise self.fail(
                    f"{field}[{index}]", f"unknown id {show_text(item)}{did_you_mean(item, known)}"
                )
            if item not in out:
                out.append(item)
        return tuple(sorted(out))

    def strings(self, data: Any, field: str) -> tuple[str, ...]:
        if data is None:
            return ()
        if not isinstance(data, list) or not all(isinstance(s, str) for s in data):
            raise self.fail(field, f"expected a list of strings, got {show_value(data)}")
        for index, text in enumerate(data):
            self.storable(text, f"{field}[{index}]")
        return tuple(sorted(set(data)))

    def optional_str(self, value: Any, field: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return self.storable(value, field)
        raise self.fail(field, f"expected a string, got {show_value(value)}")

    def storable(self, text: str, field: str) -> str:
        problem = unstorable(text)
        if problem is not None:
            raise self.fail(field, f"{show_text(text)} {problem}")
        return text

    def choice(self, value: Any, field: str, allowed: tuple[str, ...]) -> str | None:
        if value is None:
            return None
        if value not in allowed:
            raise self.fail(field, f"{show_value(value)} is not one of {', '.join(allowed)}")
        return str(value)

    def integer(self, value: Any, field: str, low: int, high: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"{show_value(value)} is not a whole number")
        if isinstance(value, float) and not value.is_integer():
            raise self.fail(field, f"{show_value(value)} is not a whole number")
        if not low <= value <= high:
            raise self.fail(field, f"{show_value(value)} is not in {low}..{high}")
        return int(value)

    def number(self, value: Any, field: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"{show_value(value)} is not a number")
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(field, f"{show_value(value)} is not a number")
        if abs(value) > LARGEST_NUMBER:
            raise self.fail(field, f"{show_value(value)} is too large")
        if value < 0:
            raise self.fail(field, f"{show_value(value)} is negative")
        return float(value)

    def degrees(self, value: Any, field: str) -> float | None:
        number = self.number(value, field)
        if number is not None and number > 180:
            raise self.fail(field, f"{show_value(value)} is not in 0..180 degrees")
        return number

    def boolean(self, value: Any, field: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(field, f"{show_value(value)} is not true or false")
