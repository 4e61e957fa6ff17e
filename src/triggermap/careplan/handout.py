"""What a printed plan shows besides the plan itself: the date, the body map, the muscles.

`Handout` is plain data for the renderers (text, Markdown, HTML, PDF); building it is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.careplan.selection import Leading, leading_muscles
from triggermap.reasoning.assessment import DISCLAIMER

if TYPE_CHECKING:
    from datetime import date

    from triggermap.careplan.model import CarePlan
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case


@dataclass(frozen=True)
class MuscleNote:
    name: str
    plain_name: str
    referral_regions: tuple[str, ...]


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


def build_handout(
    *, plan: CarePlan, case: Case, assessment: Assessment, kb: KnowledgeBase, today: date
) -> Handout:
    notes = tuple(_note(m.muscle.id, kb) for m in _shown_muscles(plan, case, assessment, kb))
    referral = tuple(dict.fromkeys(r for n in notes for r in n.referral_regions))
    return Handout(
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
    regions = [r for tp in muscle.referral.trigger_points for r in (*tp.essential, *tp.spillover)]
    return MuscleNote(
        name=muscle.name.split(" (", 1)[0],
        plain_name=muscle.plain_name,
        referral_regions=tuple(dict.fromkeys(regions)),
    )
