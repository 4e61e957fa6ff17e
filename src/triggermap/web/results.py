"""What the results, plan and session pages show, gathered from an assessment and a plan:
rendering only (which items to show, the regions of each muscle's zones, the sources cited,
each exercise's picture and timed steps)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triggermap.render.body_geometry import View
from triggermap.web.bodymap import ViewDrawing, body_views, painted_sides

if TYPE_CHECKING:
    from datetime import datetime

    from triggermap.careplan.handout import Handout
    from triggermap.careplan.routine import RoutineStep
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.reasoning.assessment import Assessment, MuscleResult
    from triggermap.reasoning.case import Case
    from triggermap.services.plan import PlanResult

MUSCLES_SHOWN = 3
CONDITIONS_SHOWN = 6
FIGURE_VIEWS: tuple[View, ...] = ("back", "front")
MUSCLE_LEGEND = (
    ("pain", "Where you marked pain"),
    ("essential", "Where this muscle usually sends pain"),
    ("spillover", "Where it sometimes spreads"),
)
PLAN_LEGEND = (
    ("pain", "Where you marked pain"),
    ("essential", "Where your plan's muscles send pain"),
)


@dataclass(frozen=True)
class MuscleView:
    result: MuscleResult
    plain_name: str
    marks: dict[str, str]


def figure_views(kb: KnowledgeBase) -> tuple[ViewDrawing, ...]:
    """The back and front views of the results and plan pages' figures (worked out once per
    knowledge base: the same on every page)."""
    found = _FIGURE_VIEWS.get(id(kb))
    if found is None or found[0] is not kb:
        views = body_views({r.id: r.view for r in kb.regions.values()}, FIGURE_VIEWS)
        _FIGURE_VIEWS.clear()  # one knowledge base at a time (tests may build others)
        found = _FIGURE_VIEWS[id(kb)] = (kb, views)
    return found[1]


_FIGURE_VIEWS: dict[int, tuple[KnowledgeBase, tuple[ViewDrawing, ...]]] = {}


def case_json(case: Case) -> str:
    """The case as the hidden field the plan and PDF buttons post back (checked again there)."""
    return json.dumps(case.to_json(), ensure_ascii=False, separators=(",", ":"))


def muscle_marks(muscle_id: str, pain: Iterable[str], kb: KnowledgeBase) -> dict[str, str]:
    """{region: css classes}: the muscle's zones (essential over spillover) and the pain."""
    points = kb.muscles[muscle_id].referral.trigger_points
    marks = {r: "spillover" for tp in points for r in tp.spillover}
    marks.update({r: "essential" for tp in points for r in tp.essential})
    for region in pain:
        marks[region] = f"{marks[region]} pain" if region in marks else "pain"
    return marks


def warning_answers(case: Case, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(the warning sign's words, "yes" or "not sure") for each warning-sign question answered
    yes or not sure: a page must not say "no warning signs" after one (even when its rule
    needs more than that answer alone to call for care)."""
    said = [(s, "yes") for s in case.symptoms] + [(s, "not sure") for s in case.unsure]
    return [
        (kb.symptoms[s].label, how)
        for s, how in said
        if s in kb.symptoms and kb.symptoms[s].red_flag
    ]


def results_context(case: Case, assessment: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    from triggermap.render.assessment_text import MUSCLE_FLOOR
    from triggermap.render.levels import care_now, shown_reasons

    shown = [m for m in assessment.muscles if m.score >= MUSCLE_FLOOR][:MUSCLES_SHOWN]
    muscles = [
        MuscleView(m, kb.muscles[m.id].plain_name, muscle_marks(m.id, case.pain.regions, kb))
        for m in shown
    ]
    conditions = assessment.conditions[:CONDITIONS_SHOWN]
    return {
        "title": "Your results",
        "case": case,
        "assessment": assessment,
        "triage": assessment.triage,
        "reasons": shown_reasons(assessment.triage),
        "care_now": care_now(assessment.triage.level),
        "muscles": muscles,
        "conditions": conditions,
        "must_exclude": list(getattr(assessment, "must_exclude", None) or []),
        "views": figure_views(kb),
        "sides": painted_sides(case.side),
        "legend": MUSCLE_LEGEND,
        "case_json": case_json(case),
        "warning_answers": warning_answers(case, kb),
        "person": "",
        **_sources(_result_keys(assessment, muscles, conditions), kb),
    }


def _result_keys(
    assessment: Assessment, muscles: list[MuscleView], conditions: list[Any]
) -> list[str]:
    keys = [r.source for r in assessment.triage.reasons]
    keys += [e.source for m in muscles for e in m.result.evidence]
    keys += [c.pretest_source for c in conditions]
    keys += [e.source for c in conditions for e in c.evidence]
    keys += [r.source for r in assessment.imaging.reasons]
    return keys


def cited_sources(keys: Iterable[str], kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(key, full reference) of each source cited, in order of first use."""
    return [(k, kb.sources[k].citation if k in kb.sources else k) for k in dict.fromkeys(keys)]


def _sources(keys: Iterable[str], kb: KnowledgeBase) -> dict[str, Any]:
    sources = cited_sources(keys, kb)
    return {"sources": sources, "source_numbers": {k: i for i, (k, _) in enumerate(sources, 1)}}


def plan_context(result: PlanResult, kb: KnowledgeBase) -> dict[str, Any]:
    from triggermap.render import plan_words

    handout = result.handout
    plan = handout.plan
    marks = {r: "essential" for r in handout.body_map.referral}
    for region in handout.body_map.painful:
        marks[region] = f"{marks[region]} pain" if region in marks else "pain"
    keys = [r.source for r in plan.triage.reasons]
    keys += [s for item in plan.items for s in item.sources]
    keys += [s for r in plan.referrals for s in r.sources]
    keys += [sign.source for group in plan.safety_net for sign in group.signs]
    keys += [check.source for check in plan.review.checks]
    return {
        "title": plan_words.TITLE,
        "handout": handout,
        "plan": plan,
        "words": plan_words,
        "sections": [] if plan.triage.seek_care_now else plan_words.item_sections(handout),
        "found": plan_words.found_sentence(handout),
        "screening_note": plan_words.screening_note(plan.triage),
        "review_lines": plan_words.review_lines(handout),
        "views": figure_views(kb),
        "marks": marks,
        "sides": painted_sides(handout.body_map.side),
        "legend": PLAN_LEGEND if handout.body_map.referral else PLAN_LEGEND[:1],
        "case_json": case_json(result.case),
        "warning_answers": warning_answers(result.case, kb),
        "pictures": pictures(handout, kb),
        "person": result.person,
        "raised_by": result.raised_by,
        "kept": 0,
        **_sources(keys, kb),
    }


@dataclass(frozen=True)
class PictureView:
    src: str  # the picture's address (`/pictures/ID.svg?side=...`)
    alt: str


def pictures(handout: Handout, kb: KnowledgeBase) -> dict[str, PictureView]:
    """{plan item id: its picture}, drawn for the side that hurts (both when not known)."""
    side = handout.picture_side or "both"
    return {
        item_id: PictureView(f"/pictures/{item_id}.svg?side={side}", kb.illustrations[item_id].alt)
        for item_id in handout.art
        if item_id in kb.illustrations
    }


@dataclass(frozen=True)
class SessionStep:
    number: int
    step: RoutineStep
    picture: PictureView | None


def session_context(
    result: PlanResult,
    routine: tuple[RoutineStep, ...],
    kb: KnowledgeBase,
    *,
    started_at: datetime,
) -> dict[str, Any]:
    """Today's exercises: the total time first, then each exercise with its picture and its
    holds, counts and rests (the page's timer plays them)."""
    from triggermap.render import plan_words
    from triggermap.services.session import routine_has_sides, routine_minutes

    shown = pictures(result.handout, kb)
    plan = result.plan
    return {
        "title": "Today's exercises",
        "plan": plan,
        "person": result.person,
        "raised_by": result.raised_by,
        "steps": [SessionStep(n, s, shown.get(s.item.id)) for n, s in enumerate(routine, 1)],
        "minutes": routine_minutes(routine) if routine else 0,
        "has_sides": routine_has_sides(routine),
        "screening_note": plan_words.screening_note(plan.triage),
        "started_at": started_at.isoformat(timespec="seconds"),
        "case_json": "",
        "people": [],
    }
