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

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from triggermap.kb.levels import TriageLevel
from triggermap.kb.schema import SELF_CARE_KINDS, TreatmentKind

Phase = Literal["relief", "restore", "prevent"]
PHASES: tuple[Phase, ...] = ("relief", "restore", "prevent")
SELF_TREATMENT_KINDS = SELF_CARE_KINDS
UNDOSED_KINDS = frozenset({"education", "professional"})


class Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlanDose(Value):
    """How much and how often; only the fields the knowledge base gives are set."""

    hold_seconds: int | None = None
    repetitions: int | None = None
    sets: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    minutes: int | None = None
    rest_seconds: int | None = None
    each_side: bool | None = None  # the dose is for one side; then the other side the same


class PlanItem(Value):
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


class TriageReasonNote(Value):
    rule: str
    explanation: str
    action: str | None
    source: str


class PlanTriage(Value):
    level: TriageLevel
    summary: str
    seek_care_now: bool
    reasons: tuple[TriageReasonNote, ...]
    unanswered: tuple[str, ...] = ()  # warning-sign questions never answered (plain words)


class LeftOut(Value):
    """A treatment left out for this person's safety, and why: a home item under the plan's
    `left_out`, a professional's under that referral's `not_for`."""

    id: str
    title: str
    reason: str
    source: str
    instead: str | None = None  # the title of the treatment given in its place, if any


class Referral(Value):
    """Someone to see: the triage's instruction, or a professional for items of the plan."""

    to: str  # emergency_department | doctor | clinician | a `Deliverer` id
    title: str
    urgency: Literal["emergency", "urgent", "soon", "if_needed"]
    why: tuple[str, ...]
    items: tuple[str, ...]  # plan item ids this professional delivers
    not_for: tuple[LeftOut, ...]
    sources: tuple[str, ...]


class WarningSign(Value):
    text: str  # what the person would notice, in plain words
    meaning: str  # the triage rule's reason
    rule: str
    source: str


class SafetyNetGroup(Value):
    level: Literal["emergency", "urgent", "clinician"]
    action: str
    signs: tuple[WarningSign, ...]


class ReviewCheck(Value):
    after_weeks: int
    date: str  # ISO date
    condition: str  # "your pain is not clearly better"
    action: str  # "see a clinician"
    source: str


class Review(Value):
    start: str  # ISO date the plan was made
    checks: tuple[ReviewCheck, ...]


class CarePlan(Value):
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
        data = self.model_dump(mode="json", exclude={"items"})
        data["items"] = [_item_json(item) for item in self.items]
        return data


def _item_json(item: PlanItem) -> dict[str, Any]:
    data = item.model_dump(mode="json")
    if item.dose is not None:
        # the contract's dose fields only; "each side" is in the steps and the routine
        data["dose"] = item.dose.model_dump(mode="json", exclude_none=True, exclude={"each_side"})
    return data
