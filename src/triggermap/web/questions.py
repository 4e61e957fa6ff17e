"""The intake's questions as the web pages ask them: built once from the knowledge base.

Which pages there are and which fields each page holds; the answer options in plain words;
a label per field for the error summary. (The application layer of issue 10 will offer one
intake question sequence for the CLI and the web; this module then reads it from there.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.web.forms import Choices, Step
from triggermap.web.usecases import avoidable_treatments, equipment_ids

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

AREA_ORDER = ("back", "buttock", "hip", "abdomen", "thigh", "knee", "leg", "foot")
AREA_NAMES = {
    "back": "Lower back",
    "buttock": "Buttock",
    "hip": "Hip and groin",
    "abdomen": "Tummy",
    "thigh": "Thigh",
    "knee": "Knee",
    "leg": "Lower leg",
    "foot": "Ankle and foot",
}
SIDE_WORDS = {"left": "Left", "right": "Right", "bilateral": "Both sides", "unknown": "Not sure"}
ONSET_WORDS = {
    "sudden": "Suddenly",
    "gradual": "Gradually, over days or weeks",
    "after_trauma": "After a fall, knock or injury",
    "unknown": "Not sure",
}
SEX_WORDS = {"female": "Female", "male": "Male", "other": "Other", "unknown": "Prefer not to say"}
FLAG_WORDS = (("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))
SYMPTOM_WORDS = (("yes", "Yes"), ("no", "No"), ("", "Skip"))


def short_name(label: str) -> str:
    """'Mid-buttock (sciatic notch area)' -> 'Mid-buttock'."""
    return label.split(" (", 1)[0]


@dataclass(frozen=True)
class RegionChoice:
    id: str
    short: str
    plain: str
    view: str
    area: str


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Questions:
    choices: Choices
    flags: tuple[Question, ...]
    symptoms: tuple[Question, ...]
    regions: dict[str, RegionChoice]
    areas: tuple[tuple[str, tuple[RegionChoice, ...]], ...]
    history: tuple[tuple[str, str, str], ...]  # (id, label, plain words or "")
    equipment: tuple[tuple[str, str, str], ...]
    avoid: tuple[tuple[str, str, str], ...]
    labels: dict[str, str]  # form field -> what the error summary calls it

    def fields_of(self, step: Step) -> tuple[str, ...]:
        if step == "warning":
            return tuple(f"flag-{q.id}" for q in self.flags)
        if step == "where":
            return ("region", "side", "intensity")
        if step == "about":
            fixed = ("duration", "duration_unit", "onset", "age", "sex")
            return (
                *fixed,
                *(f"symptom-{q.id}" for q in self.symptoms),
                "history",
                "equipment",
                "avoid",
            )
        return ()


def build_questions(kb: KnowledgeBase) -> Questions:
    flags = tuple(Question(s.id, s.patient_question) for s in kb.symptoms.values() if s.red_flag)
    symptoms = tuple(
        Question(s.id, s.patient_question) for s in kb.symptoms.values() if not s.red_flag
    )
    regions = {
        r.id: RegionChoice(r.id, short_name(r.label), r.plain, r.view, r.area)
        for r in kb.regions.values()
    }
    areas = tuple(
        (AREA_NAMES[a], tuple(r for r in regions.values() if r.area == a)) for a in AREA_ORDER
    )
    choices = Choices(
        flags=tuple(q.id for q in flags),
        symptoms=tuple(q.id for q in symptoms),
        regions=tuple(regions),
        sides=kb.exam.sides,
        onsets=kb.exam.onsets,
        sexes=kb.exam.sexes,
        history=tuple(kb.history),
        equipment=equipment_ids(kb),
        avoid=tuple(i for i, _ in avoidable_treatments(kb)),
    )
    return Questions(
        choices=choices,
        flags=flags,
        symptoms=symptoms,
        regions=regions,
        areas=tuple((name, members) for name, members in areas if members),
        history=tuple((h.id, h.label, h.plain or "") for h in kb.history.values()),
        equipment=tuple((e, e.replace("_", " ").capitalize(), "") for e in choices.equipment),
        avoid=tuple((i, name, "") for i, name in avoidable_treatments(kb)),
        labels=_labels(flags, symptoms),
    )


def _labels(flags: tuple[Question, ...], symptoms: tuple[Question, ...]) -> dict[str, str]:
    labels = {
        "region": "Where it hurts",
        "side": "Which side",
        "intensity": "Usual pain",
        "duration": "How long",
        "duration_unit": "How long",
        "onset": "How it started",
        "age": "Age",
        "sex": "Sex",
        "history": "What applies to you",
        "equipment": "What you have at home",
        "avoid": "Treatments to leave out",
    }
    labels.update({f"flag-{q.id}": q.text for q in flags})
    labels.update({f"symptom-{q.id}": q.text for q in symptoms})
    return labels
