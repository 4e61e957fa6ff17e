"""What a printed plan shows besides the plan itself: the date, the body map, the muscles, the
pictures of the exercises, the full references, and what a clinician adds.

`Handout` is plain data for the renderers (text, Markdown, HTML, PDF); building it is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from triggermap.careplan.selection import Leading, leading_muscles
from triggermap.plain_numbers import percent
from triggermap.reasoning.assessment import DISCLAIMER

if TYPE_CHECKING:
    from datetime import date

    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Illustration
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case


@dataclass(frozen=True)
class MuscleNote:
    id: str
    name: str
    plain_name: str
    referral_regions: tuple[str, ...]
    essential: tuple[str, ...] = ()  # region ids: where its trigger points usually send pain
    spillover: tuple[str, ...] = ()  # region ids: where they sometimes also do


@dataclass(frozen=True)
class ExerciseArt:
    """What a renderer needs to draw an item's picture: its pose data and target muscles."""

    illustration: Illustration
    muscles: tuple[str, ...]


@dataclass(frozen=True)
class SourceNote:
    citation: str
    url: str | None


@dataclass(frozen=True)
class BodyMap:
    side: str  # left | right | bilateral | unknown
    painful: tuple[str, ...]  # region ids the person marked
    referral: tuple[str, ...]  # region ids the leading muscles send pain to


@dataclass(frozen=True)
class Handout:
    plan: CarePlan
    date: date
    case_id: str | None
    painful_places: tuple[str, ...]  # plain words, one per marked region
    muscles: tuple[MuscleNote, ...]
    body_map: BodyMap
    disclaimer: str
    region_plain: dict[str, str]
    progress_chart_png: bytes | None = None  # the person's pain diary, when a person is named
    art: dict[str, ExerciseArt] = field(default_factory=dict)  # plan item id -> its picture
    sources: dict[str, SourceNote] = field(default_factory=dict)  # every key the plan cites
    working_diagnosis: str | None = None  # after an examination: the leading condition
    must_exclude: tuple[str, ...] = ()  # conditions the assessment says must be ruled out
    muscle_names: dict[str, str] = field(default_factory=dict)  # id -> short name
    patient_label: str | None = None  # the case's id or the person's label
    clinician: str | None = None  # added by the clinician who hands it over
    note: str | None = None

    @property
    def picture_side(self) -> str | None:
        """The side the pictures show: left, right, both (bilateral), None (not known)."""
        return {"left": "left", "right": "right", "bilateral": "both"}.get(self.body_map.side)


def build_handout(
    *, plan: CarePlan, case: Case, assessment: Assessment, kb: KnowledgeBase, today: date
) -> Handout:
    notes = tuple(_note(m.muscle.id, kb) for m in _shown_muscles(plan, case, assessment, kb))
    referral = tuple(dict.fromkeys(r for n in notes for r in n.referral_regions))
    return Handout(
        art=_art(plan, kb),
        sources=_sources(plan, kb),
        working_diagnosis=_working_diagnosis(case, assessment, kb),
        must_exclude=must_exclude_notes(assessment, kb),
        muscle_names={m.id: m.name.split(" (", 1)[0] for m in kb.muscles.values()},
        patient_label=case.id,
        plan=plan,
        date=today,
        case_id=case.id,
        painful_places=tuple(kb.regions[r].plain for r in case.pain.regions if r in kb.regions),
        muscles=notes,
        body_map=BodyMap(side=case.side or "unknown", painful=case.pain.regions, referral=referral),
        disclaimer=DISCLAIMER,
        region_plain={rid: r.plain for rid, r in kb.regions.items()},
    )


def _shown_muscles(
    plan: CarePlan, case: Case, assessment: Assessment, kb: KnowledgeBase
) -> tuple[Leading, ...]:
    """The leading muscles, unless the plan is the instruction to seek care now."""
    return () if plan.triage.seek_care_now else leading_muscles(case, assessment, kb)


def _note(muscle_id: str, kb: KnowledgeBase) -> MuscleNote:
    muscle = kb.muscles[muscle_id]
    points = muscle.referral.trigger_points
    essential = tuple(dict.fromkeys(r for tp in points for r in tp.essential))
    spillover = tuple(dict.fromkeys(r for tp in points for r in tp.spillover))
    return MuscleNote(
        id=muscle.id,
        name=muscle.name.split(" (", 1)[0],
        plain_name=muscle.plain_name,
        referral_regions=tuple(dict.fromkeys((*essential, *spillover))),
        essential=essential,
        spillover=tuple(r for r in spillover if r not in essential),
    )


def _art(plan: CarePlan, kb: KnowledgeBase) -> dict[str, ExerciseArt]:
    """The pose data of every plan item that has a picture."""
    return {
        item.id: ExerciseArt(kb.illustrations[item.id], tuple(kb.treatments[item.id].muscles))
        for item in plan.items
        if item.id in kb.illustrations and item.id in kb.treatments
    }


def _sources(plan: CarePlan, kb: KnowledgeBase) -> dict[str, SourceNote]:
    """Every source the plan cites, in the order it first cites them."""
    keys = [k for item in plan.items for k in item.sources]
    keys += [r.source for r in plan.triage.reasons]
    keys += [s.source for group in plan.safety_net for s in group.signs]
    keys += [c.source for c in plan.review.checks]
    return {
        key: SourceNote(kb.sources[key].citation, kb.sources[key].url)
        for key in dict.fromkeys(keys)
        if key in kb.sources
    }


def must_exclude_notes(assessment: Assessment, kb: KnowledgeBase) -> tuple[str, ...]:
    """What a clinician must rule out, in plain words with why: the conditions a warning sign
    points to or the findings raised well above their base rate (questions not asked are the
    warning-sign list's business)."""
    notes = []
    for entry in assessment.must_exclude:
        why = [r for r in entry.reasons if r.kind != "unanswered"]
        if not why:
            continue
        findings = dict.fromkeys(f for r in why for f in r.findings)
        labels = ", ".join(_finding_words(kb, f) for f in list(findings)[:3])
        condition = kb.conditions.get(entry.id)
        name = condition.plain_name if condition is not None else entry.name
        notes.append(f"{name} (because of: {labels})" if labels else name)
    return tuple(notes)


def _finding_words(kb: KnowledgeBase, atom: str) -> str:
    """A finding atom in a person's words (`symptom:night_pain` -> its label)."""
    prefix, _, target = atom.partition(":")
    kinds: dict[str, dict[str, Any]] = {
        "symptom": kb.symptoms,
        "history": kb.history,
        "feature": kb.features,
        "region": kb.regions,
        "test": kb.tests,
    }
    entry = kinds.get(prefix, {}).get(target.partition(".")[0])
    label = getattr(entry, "label", None) or getattr(entry, "name", None)
    return str(label or target.replace("_", " ")).lower()


def _working_diagnosis(case: Case, assessment: Assessment, kb: KnowledgeBase) -> str | None:
    """The most probable condition, when an examination was entered (it then rests on the
    clinician's findings as well as the history)."""
    exam = case.exam
    if not (exam.palpation or exam.tests or exam.rom or exam.neuro) or not assessment.conditions:
        return None
    top = max(assessment.conditions, key=lambda c: c.probability)
    condition = kb.conditions.get(top.id)
    plain = f": {condition.plain_name}" if condition is not None else ""
    return f"{top.name}{plain}; {_about(top.probability)} likely on these findings"


def _about(probability: float) -> str:
    """'about 62%', or '>99%' / '<1%' at the ends: a handout never says 'about 100% likely'."""
    words = percent(probability)
    return words if words[0] in "<>" else f"about {words}"
