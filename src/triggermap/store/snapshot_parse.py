"""Check an imported person document (see `store.snapshot`) field by field.

Any defect raises `InputError` with one line naming the field and value
(`diary[3].pain: 11 is not in 0..10`); nothing is written until the whole document passes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from triggermap.errors import InputError, show_field, show_text, show_value
from triggermap.input_checks import (
    check_day,
    check_one_line,
    check_time,
    check_version,
    check_whole_number,
)
from triggermap.person.records import EARLIEST_BIRTH_YEAR, LABEL_MAX_CHARS, Person
from triggermap.progress.entries import (
    DiaryEntry,
    PegScore,
    SelfCareSession,
    check_ids,
    check_note,
    check_score,
    local_day,
)
from triggermap.store.people import ID_PATTERN
from triggermap.store.records import StoredAssessment, StoredPlan
from triggermap.store.snapshot import FORMAT, VERSION, Snapshot

TEXT_MAX_CHARS = 64  # a knowledge version, as the tables store it
TOP = ("format", "version", "person", "assessments", "care_plans", "diary", "peg", "sessions")


@dataclass(frozen=True)
class Vocabulary:
    regions: Collection[str]
    symptoms: Collection[str]
    sexes: Collection[str]


def parse_snapshot(data: Any, vocabulary: Vocabulary, *, now: datetime, tz: tzinfo) -> Snapshot:
    p = _Parser(vocabulary, now, tz)
    if isinstance(data, dict) and "format" not in data:
        raise InputError(
            f"format: missing: this is not a {FORMAT!r} export (make one with triggermap export)"
        )
    top = p.fields(data, "", TOP, TOP)
    if top["format"] != FORMAT:
        raise InputError(f"format: {show_value(top['format'])} is not {FORMAT!r}")
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version not in READABLE:
        raise InputError(f"version: {show_value(version)} is not a version this triggermap reads")
    if version == 1:
        top = _from_version_1(top)
    snapshot = Snapshot(
        person=p.person(top["person"]),
        assessments=tuple(p.each(top["assessments"], "assessments", p.assessment)),
        care_plans=tuple(p.each(top["care_plans"], "care_plans", p.plan)),
        diary=tuple(p.each(top["diary"], "diary", p.diary)),
        peg=tuple(p.each(top["peg"], "peg", p.peg)),
        sessions=tuple(p.each(top["sessions"], "sessions", p.session)),
    )
    p.unique_ids(snapshot)
    born = snapshot.person.birth_year
    for part, days in (
        ("diary", [e.day for e in snapshot.diary]),
        ("peg", [g.day for g in snapshot.peg]),
    ):
        for index, day in enumerate(days):
            if born is not None and day.year < born:
                raise InputError(
                    f"{part}[{index}].day: {day.isoformat()} is before the person's year of "
                    f"birth ({born})"
                )
    return snapshot


READABLE_VERSIONS = (1, VERSION)
READABLE = frozenset(READABLE_VERSIONS)


def _from_version_1(top: dict[str, Any]) -> dict[str, Any]:
    """Version 1 named a diary or PEG day `date`; the same document in version 2's words."""
    out = dict(top)
    for part in ("diary", "peg"):
        items = top.get(part)
        if isinstance(items, list):
            out[part] = [
                {("day" if k == "date" else k): v for k, v in item.items()}
                if isinstance(item, dict) and "day" not in item  # both: `date` stays, refused
                else item
                for item in items
            ]
    return out


class _Parser:
    def __init__(self, vocabulary: Vocabulary, now: datetime, tz: tzinfo) -> None:
        self.v = vocabulary
        self.now = now
        self.tz = tz

    def fields(
        self, data: Any, where: str, required: tuple[str, ...], allowed: tuple[str, ...]
    ) -> dict[str, Any]:
        if not isinstance(data, dict):
            name = show_field(where.rstrip(".")) if where else "document"
            raise InputError(f"{name}: expected a JSON object, got {show_value(data)}")
        for key in data:
            if key not in allowed:
                raise InputError(f"{show_field(where + key)}: unknown field")
        for key in required:
            if key not in data:
                raise InputError(f"{where}{key}: missing")
        return data

    def each(self, data: Any, where: str, parse: Any) -> list[Any]:
        if not isinstance(data, list):
            raise InputError(f"{where}: expected a list, got {show_value(data)}")
        return [parse(item, f"{where}[{index}].") for index, item in enumerate(data)]

    def person(self, data: Any) -> Person:
        keys = ("id", "label", "birth_year", "sex", "created_at")
        d = self.fields(data, "person.", keys, keys)
        label = d["label"]
        if not isinstance(label, str) or not label.strip() or len(label) > LABEL_MAX_CHARS:
            raise InputError(f"person.label: {show_value(label)} is not a label")
        check_one_line(label, "person.label")
        sex = d["sex"]
        if sex is not None and (not isinstance(sex, str) or sex not in self.v.sexes):
            raise InputError(
                f"person.sex: {show_value(sex)} is not one of {', '.join(self.v.sexes)}"
            )
        return Person(
            id=self.id(d["id"], "person.id"),
            label=label,
            birth_year=self.birth_year(d["birth_year"]),
            sex=sex,
            created_at=self.time(d["created_at"], "person.created_at"),
        )

    def birth_year(self, value: Any) -> int | None:
        if value is None:
            return None
        year = self.integer(value, "person.birth_year")
        if not EARLIEST_BIRTH_YEAR <= year <= self.now.year:
            raise InputError(
                f"person.birth_year: {year} is not in {EARLIEST_BIRTH_YEAR}..{self.now.year}"
            )
        return year

    def assessment(self, data: Any, where: str) -> StoredAssessment:
        keys = ("id", "created_at", "knowledge_version", "case", "result")
        d = self.fields(data, where, keys, keys)
        return StoredAssessment(
            id=self.id(d["id"], f"{where}id"),
            created_at=self.time(d["created_at"], f"{where}created_at"),
            knowledge_version=self.text(d["knowledge_version"], f"{where}knowledge_version"),
            case=self.obj(d["case"], f"{where}case"),
            result=self.obj(d["result"], f"{where}result"),
        )

    def plan(self, data: Any, where: str) -> StoredPlan:
        keys = ("id", "version", "created_at", "knowledge_version", "plan")
        d = self.fields(data, where, keys, keys)
        return StoredPlan(
            id=self.id(d["id"], f"{where}id"),
            version=self.positive(d["version"], f"{where}version"),
            created_at=self.time(d["created_at"], f"{where}created_at"),
            knowledge_version=self.text(d["knowledge_version"], f"{where}knowledge_version"),
            plan=self.obj(d["plan"], f"{where}plan"),
        )

    def diary(self, data: Any, where: str) -> DiaryEntry:
        keys = ("id", "day", "recorded_at", "pain", "regions", "symptoms", "note", "self_care")
        d = self.fields(data, where, keys, keys)
        entry = self._diary(d, where)
        if entry.recorded_at is not None and local_day(entry.recorded_at, self.tz) < entry.day:
            raise InputError(
                f"{where}recorded_at: {show_value(d['recorded_at'])} is before the entry's day "
                f"{entry.day.isoformat()} (an entry is written on or after its day)"
            )
        return entry

    def _diary(self, d: dict[str, Any], where: str) -> DiaryEntry:
        return DiaryEntry(
            day=self.day(d["day"], f"{where}day"),
            pain=check_score(self.integer(d["pain"], f"{where}pain"), f"{where}pain"),
            regions=check_ids(
                self.ids(d["regions"], where, "regions"),
                f"{where}regions",
                self.v.regions,
                "region",
            ),
            symptoms=check_ids(
                self.ids(d["symptoms"], where, "symptoms"),
                f"{where}symptoms",
                self.v.symptoms,
                "symptom",
            ),
            note=check_note(d["note"], f"{where}note"),
            self_care=self.boolean(d["self_care"], f"{where}self_care"),
            id=self.id(d["id"], f"{where}id"),
            recorded_at=self.time(d["recorded_at"], f"{where}recorded_at"),
        )

    def peg(self, data: Any, where: str) -> PegScore:
        keys = ("id", "day", "recorded_at", "pain", "enjoyment", "activity")
        d = self.fields(data, where, keys, (*keys, "score"))
        score = PegScore(
            day=self.day(d["day"], f"{where}day"),
            pain=check_score(self.integer(d["pain"], f"{where}pain"), f"{where}pain"),
            enjoyment=check_score(
                self.integer(d["enjoyment"], f"{where}enjoyment"), f"{where}enjoyment"
            ),
            activity=check_score(
                self.integer(d["activity"], f"{where}activity"), f"{where}activity"
            ),
            id=self.id(d["id"], f"{where}id"),
            recorded_at=self.time(d["recorded_at"], f"{where}recorded_at"),
        )
        if "score" in d and d["score"] != score.score:
            raise InputError(
                f"{where}score: {show_value(d['score'])} is not the mean {score.score}"
            )
        return score

    def session(self, data: Any, where: str) -> SelfCareSession:
        keys = (
            "id",
            "started_at",
            "recorded_at",
            "plan_version",
            "items_done",
            "pain_after",
            "note",
        )
        d = self.fields(data, where, keys, keys)
        pain = d["pain_after"]
        version = d["plan_version"]
        return SelfCareSession(
            started_at=self.time(d["started_at"], f"{where}started_at"),
            items_done=self.ids(d["items_done"], where, "items_done"),
            pain_after=None
            if pain is None
            else check_score(self.integer(pain, f"{where}pain_after"), f"{where}pain_after"),
            plan_version=None
            if version is None
            else self.positive(version, f"{where}plan_version"),
            note=check_note(d["note"], f"{where}note"),
            id=self.id(d["id"], f"{where}id"),
            recorded_at=self.time(d["recorded_at"], f"{where}recorded_at"),
        )

    # ------------------------------------------------------------ scalars

    def id(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            raise InputError(
                f"{field}: {show_value(value)} is not an id (1-32 letters, digits, - or _)"
            )
        return value

    def time(self, value: Any, field: str) -> datetime:
        if not isinstance(value, str):
            raise InputError(f"{field}: {show_value(value)} is not a time (ISO 8601)")
        return check_time(value, field, self.now)

    def day(self, value: Any, field: str) -> date:
        if not isinstance(value, str):
            raise InputError(f"{field}: {show_value(value)} is not a date (YYYY-MM-DD)")
        return check_day(value, field, local_day(self.now, self.tz))

    def integer(self, value: Any, field: str) -> int:
        if isinstance(value, str):  # text holding a number is loose: refused
            raise InputError(f"{field}: {show_value(value)} is not a whole number")
        return check_whole_number(value, field)

    def positive(self, value: Any, field: str) -> int:
        return check_version(self.integer(value, field), field)

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            raise InputError(f"{field}: {show_value(value)} is not true or false")
        return value

    def text(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{field}: {show_value(value)} is not text")
        if len(value) > TEXT_MAX_CHARS:
            raise InputError(f"{field}: {len(value):,} characters is longer than {TEXT_MAX_CHARS}")
        return check_one_line(value, field)

    def obj(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise InputError(f"{field}: expected a JSON object, got {show_value(value)}")
        return value

    def ids(self, value: Any, where: str, name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise InputError(f"{where}{name}: expected a list of ids, got {show_value(value)}")
        for index, item in enumerate(value):
            check_one_line(item, f"{where}{name}[{index}]")
        return tuple(value)

    def unique_ids(self, snapshot: Snapshot) -> None:
        seen: set[str] = {snapshot.person.id}
        versions: set[int] = set()
        for plan in snapshot.care_plans:
            if plan.version in versions:
                raise InputError(f"care_plans: version {plan.version} appears twice")
            versions.add(plan.version)
        groups: list[tuple[str, tuple[Any, ...]]] = [
            ("assessments", snapshot.assessments),
            ("care_plans", snapshot.care_plans),
            ("diary", snapshot.diary),
            ("peg", snapshot.peg),
            ("sessions", snapshot.sessions),
        ]
        for name, items in groups:
            for index, item in enumerate(items):
                if item.id in seen:
                    raise InputError(f"{name}[{index}].id: {show_text(item.id)} appears twice")
                seen.add(item.id)
