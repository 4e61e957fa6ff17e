"""The care plan as frozen values; `CarePlan.to_json()` is the contract of `plan --format json`.

    {triage, items, left_out, referrals, safety_net, review, knowledge_version}

Each item is `{id, kind, title, why, steps, dose, equipment, phase, precautions, sources}`; its
`dose` holds only the fields that apply; `precautions` say how the item is changed for this
person. `left_out` lists `{id, title, reason, source, instead}` for each home item the person
would otherwise have had that a contraindication took out, with what replaced it. Everything
here is plain data for renderers: the words come from the knowledge base, the choices from
`careplan.generator`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, TypeVar, dataclass_transform

from triggermap.kb.levels import TriageLevel
from triggermap.kb.schema import SELF_CARE_KINDS, TreatmentKind

Phase = Literal["relief", "restore", "prevent"]
PHASES: tuple[Phase, ...] = ("relief", "restore", "prevent")
SELF_TREATMENT_KINDS = SELF_CARE_KINDS
UNDOSED_KINDS = frozenset({"education", "professional"})
Urgency = Literal["emergency", "urgent", "soon", "if_needed"]
SafetyNetLevel = Literal["emergency", "urgent", "clinician"]
# pydantic's rules when a stored plan is read back (`plan_from_json`): no unknown field
_PYDANTIC_CONFIG = {"extra": "forbid"}


T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def value(cls: type[T]) -> type[T]:
    """A frozen, slotted dataclass that pydantic validates with unknown fields forbidden."""
    cls.__pydantic_config__ = _PYDANTIC_CONFIG  # type: ignore[attr-defined]
    return dataclass(frozen=True, slots=True)(cls)


@value
class PlanDose:
    """How much and how often; only the fields the knowledge base gives are set."""

    hold_seconds: int | None = None
    repetitions: int | None = None
    sets: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    minutes: int | None = None
    rest_seconds: int | None = None
    each_side: bool | None = None  # the dose is for one side; then the other side the same


@value
class PlanItem:
    id: str  # the treatment id in the knowledge base
    kind: TreatmentKind
    title: str
    why: str
    steps: tuple[str, ...]
    dose: PlanDose | None
    equipment: tuple[str, ...]
    phase: Phase
    precautions: tuple[str, ...]
    sources: tuple[str, ...]


@value
class TriageReasonNote:
    rule: str
    explanation: str
    action: str | None
    source: str


@value
class PlanTriage:
    level: TriageLevel
    summary: str
    seek_care_now: bool
    reasons: tuple[TriageReasonNote, ...]
    unanswered: tuple[str, ...] = ()  # warning-sign questions never answered (plain words)


@value
class LeftOut:
    """A treatment left out for this person's safety, and why: a home item under the plan's
    `left_out`, a professional's under that referral's `not_for`."""

    id: str
    title: str
    reason: str
    source: str
    instead: str | None = None  # the title of the treatment given in its place, if any


@value
class Referral:
    """Someone to see: the triage's instruction, or a professional for items of the plan."""

    to: str  # emergency_department | doctor | clinician | a `Deliverer` id
    title: str
    urgency: Urgency
    why: tuple[str, ...]
    items: tuple[str, ...]  # plan item ids this professional delivers
    not_for: tuple[LeftOut, ...]
    sources: tuple[str, ...]


@value
class WarningSign:
    text: str  # what the person would notice, in plain words
    meaning: str  # the triage rule's reason
    rule: str
    source: str


@value
class SafetyNetGroup:
    level: SafetyNetLevel
    action: str
    signs: tuple[WarningSign, ...]


@value
class ReviewCheck:
    after_weeks: int
    date: str  # ISO date
    condition: str  # "your pain is not clearly better"
    action: str  # "see a clinician"
    source: str


@value
class Review:
    start: str  # ISO date the plan was made
    checks: tuple[ReviewCheck, ...]


@value
class CarePlan:
    triage: PlanTriage
    items: tuple[PlanItem, ...]
    left_out: tuple[LeftOut, ...]  # home items this person would have had, left out for safety
    referrals: tuple[Referral, ...]
    safety_net: tuple[SafetyNetGroup, ...]
    review: Review
    knowledge_version: str

    def items_in(self, phase: Phase) -> tuple[PlanItem, ...]:
        return tuple(item for item in self.items if item.phase == phase)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: _json(getattr(self, f.name)) for f in fields(self) if f.name != "items"}
        data["items"] = [_item_json(item) for item in self.items]
        return data


def _json(value: Any) -> Any:
    """A plan value as JSON data: a record as a dict in field order, a tuple as a list."""
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _json(getattr(value, f.name)) for f in fields(value)}
    return value


def _item_json(item: PlanItem) -> dict[str, Any]:
    data: dict[str, Any] = _json(item)
    if item.dose is not None:
        # the contract's dose fields only; "each side" is in the steps and the routine
        dose = _json(item.dose)
        data["dose"] = {k: v for k, v in dose.items() if v is not None and k != "each_side"}
    return data


def plan_from_json(data: Any) -> CarePlan:
    """A stored plan read back, every field checked against its type (pydantic's
    ValidationError names the first field that does not read); pydantic is imported and its
    validator built only here."""
    result: CarePlan = _adapter().validate_python(data)
    return result


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a care plan (`triggermap schema plan`)."""
    schema: dict[str, Any] = _adapter().json_schema()
    return schema


_ADAPTER: list[Any] = []


def _adapter() -> Any:
    if not _ADAPTER:
        from pydantic import TypeAdapter

        _ADAPTER.append(TypeAdapter(CarePlan))
    return _ADAPTER[0]
