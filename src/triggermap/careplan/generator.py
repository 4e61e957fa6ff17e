"""`generate_care_plan`: an assessment and a case in, a dosed and safe care plan out.

Pure: the knowledge base decides what each treatment is, says and needs; `selection` decides
which belong to this person; `safety` takes out what must not be there; the date comes in as
an argument. The same inputs give the same plan, item for item.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING

from triggermap.careplan.equipment import SUBSTITUTE_SOURCE, substitution_notes
from triggermap.careplan.model import (
    PHASES,
    CarePlan,
    LeftOut,
    PlanDose,
    PlanItem,
    PlanTriage,
    Referral,
    TriageReasonNote,
    Urgency,
)
from triggermap.careplan.review import build_review
from triggermap.careplan.safety import Screener, Screening, declined
from triggermap.careplan.safety_net import build_safety_net
from triggermap.careplan.selection import (
    Candidate,
    leading_muscles,
    limit_home_programme,
    link_treatments,
    probable_conditions,
    replacement_candidates,
)
from triggermap.careplan.why import DELIVERER_NAMES, explain
from triggermap.kb.levels import seeks_care_now
from triggermap.reasoning.triage import decisive_reasons

if TYPE_CHECKING:
    from datetime import date

    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import SelfRelease, Treatment
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case

KIND_ORDER = (  # heat first: the heat treatment's steps say to follow it with the rest
    "cold",  # a fresh injury's cold pack takes the place of pressure and heat
    "heat",
    "self_release",
    "stretch",
    "activation",
    "strengthen",
    "proprioception",
    "lifestyle",
    "ergonomics",
    "stress",
    "education",
    "professional",
)
PROFESSIONALS = (
    "physical_therapist",
    "massage_therapist",
    "athletic_trainer",
    "chiropractor",
    "physician",
)
TRIAGE_REFERRAL: dict[str, tuple[str, Urgency]] = {
    "emergency": ("emergency_department", "emergency"),
    "urgent": ("doctor", "urgent"),
    "clinician": ("clinician", "soon"),
}


def generate_care_plan(
    *, case: Case, assessment: Assessment, kb: KnowledgeBase, today: date
) -> CarePlan:
    triage = plan_triage(assessment, kb)
    items: tuple[PlanItem, ...] = ()
    left_out: tuple[tuple[Treatment, LeftOut], ...] = ()
    if not triage.seek_care_now:
        chosen, left_out = choose(case, assessment, kb)
        items = tuple(build_item(c, s, case, kb) for c, s in chosen)
    return CarePlan(
        triage=triage,
        items=items,
        left_out=tuple(lo for t, lo in left_out if "self" in t.delivered_by),
        referrals=build_referrals(triage, items, left_out, case, kb),
        safety_net=build_safety_net(case, triage.level, kb),
        review=build_review(today, seek_care_now=triage.seek_care_now, kb=kb),
        knowledge_version=kb.version,
    )


def plan_triage(assessment: Assessment, kb: KnowledgeBase) -> PlanTriage:
    """The triage and its decisive reasons: those at the level that was reached.

    A reason of a lower level ("book an appointment") beside an emergency would blur the one
    thing the person must do; the assessment keeps them all.
    """
    level = assessment.triage.level
    said: set[str] = set()  # an instruction two reasons share is said once
    notes = []
    for r in decisive_reasons(assessment.triage):
        action = None if r.action in said else r.action
        if r.action:
            said.add(r.action)
        notes.append(
            TriageReasonNote(rule=r.rule, explanation=r.explanation, action=action, source=r.source)
        )
    reasons = tuple(notes)
    return PlanTriage(
        level=level,
        summary=assessment.triage.summary,
        seek_care_now=seeks_care_now(level),
        reasons=reasons,
        unanswered=tuple(kb.symptoms[s].label for s in assessment.triage.unanswered),
    )


# ---------------------------------------------------------------- choosing


def choose(
    case: Case, assessment: Assessment, kb: KnowledgeBase
) -> tuple[list[tuple[Candidate, Screening]], tuple[tuple[Treatment, LeftOut], ...]]:
    """The items of the plan in reading order, and what was left out for safety.

    A contraindicated item makes room for the next of its kind, and for the treatment its
    contraindication names `instead`. The home items reported as left out are those the person
    would otherwise have got (within the caps); every contraindicated professional treatment is.
    """
    leading = leading_muscles(case, assessment, kb)
    linked = link_treatments(case, leading, probable_conditions(assessment, kb), kb)
    wanted = [c for c in linked if not declined(c.treatment, case.preferences.avoid)]
    check = Screener(case, kb, treated=frozenset(m.muscle.id for m in leading))
    screened = {c.treatment.id: check.screen(c.treatment) for c in wanted}
    alternatives = replacement_candidates(wanted, screened, case, kb)
    screened |= {c.treatment.id: check.screen(c.treatment) for c in alternatives}
    allowed = [c for c in (*wanted, *alternatives) if screened[c.treatment.id].allowed]
    kept = limit_home_programme(allowed, case, kb)
    kept.sort(key=lambda c: (_reading_order(c.treatment), c.relevance(case)))
    expected = {c.treatment.id for c in limit_home_programme(wanted, case, kb)}
    reported = [c for c in wanted if not c.is_home or c.treatment.id in expected]
    left_out = _left_out(reported, screened, {c.treatment.id for c in kept}, kb)
    return [(c, screened[c.treatment.id]) for c in kept], left_out


def _reading_order(treatment: Treatment) -> tuple[int, int]:
    if treatment.kind == "professional":  # professional care is read last, after home care
        return (len(PHASES), PHASES.index(treatment.phase))
    return (PHASES.index(treatment.phase), KIND_ORDER.index(treatment.kind))


def _left_out(
    candidates: list[Candidate],
    screened: dict[str, Screening],
    kept: set[str],
    kb: KnowledgeBase,
) -> tuple[tuple[Treatment, LeftOut], ...]:
    """One note per contraindication that took a treatment out, naming what replaced it."""
    return tuple(
        (
            c.treatment,
            LeftOut(
                id=c.treatment.id,
                title=c.treatment.name,
                reason=p.text,
                source=p.source,
                instead=kb.treatments[p.instead].name if p.instead in kept else None,
            ),
        )
        for c in candidates
        for p in screened[c.treatment.id].blocked_by
    )


# ---------------------------------------------------------------- items


def build_item(
    candidate: Candidate, screening: Screening, case: Case, kb: KnowledgeBase
) -> PlanItem:
    treatment = candidate.treatment
    notes = substitution_notes(treatment, case) if candidate.is_home else ()
    return PlanItem(
        id=treatment.id,
        kind=treatment.kind,
        title=treatment.name,
        why=explain(candidate, case, kb),
        steps=(*notes, *_steps(candidate, screening)),
        dose=_dose(treatment),
        equipment=tuple(treatment.equipment),
        phase=treatment.phase,
        precautions=tuple(p.text for p in screening.cautions),
        sources=_sources(candidate, screening, substituted=bool(notes)),
    )


def _steps(candidate: Candidate, screening: Screening) -> tuple[str, ...]:
    """The steps; the progression last, unless a precaution that applies stops it."""
    treatment = candidate.treatment
    release = _release_of(candidate)
    steps: list[str] = []
    if release is not None:
        steps.append(f"How to find the spot: {release.how_to_find}")
    steps.extend(treatment.steps or (release.steps if release else [treatment.plain]))
    stopped = any(p.stops_progression for p in screening.cautions)
    if treatment.progression and not stopped:
        steps.append(f"To progress: {treatment.progression}")
    return tuple(steps)


def _release_of(candidate: Candidate) -> SelfRelease | None:
    for leading in candidate.muscles:
        if leading.muscle.self_release.treatment == candidate.treatment.id:
            return leading.muscle.self_release
    return None


def _dose(treatment: Treatment) -> PlanDose | None:
    if treatment.dose is None:
        return None
    return PlanDose(**{f.name: getattr(treatment.dose, f.name) for f in fields(PlanDose)})


def _sources(candidate: Candidate, screening: Screening, *, substituted: bool) -> tuple[str, ...]:
    treatment = candidate.treatment
    keys = list(treatment.sources)
    if treatment.dose is not None:
        keys.append(treatment.dose.source)
    release = _release_of(candidate)
    if release is not None:
        keys.append(release.source)
    keys.extend(p.source for p in screening.cautions)
    if substituted:
        keys.append(SUBSTITUTE_SOURCE)
    return tuple(dict.fromkeys(keys))


# ---------------------------------------------------------------- referrals


def build_referrals(
    triage: PlanTriage,
    items: tuple[PlanItem, ...],
    left_out: tuple[tuple[Treatment, LeftOut], ...],
    case: Case,
    kb: KnowledgeBase,
) -> tuple[Referral, ...]:
    out: list[Referral] = []
    if triage.level in TRIAGE_REFERRAL:
        out.append(_triage_referral(triage))
    if triage.seek_care_now:
        return tuple(out)
    urgency: Urgency = "soon" if triage.level == "clinician" else "if_needed"
    for who in PROFESSIONALS:
        if who in case.preferences.avoid:
            continue
        referral = _professional_referral(who, urgency, items, left_out, kb)
        if referral is not None:
            out.append(referral)
    return tuple(out)


def _triage_referral(triage: PlanTriage) -> Referral:
    to, urgency = TRIAGE_REFERRAL[triage.level]
    return Referral(
        to=to,
        title=triage.summary,
        urgency=urgency,
        why=tuple(r.explanation for r in triage.reasons),
        items=(),
        not_for=(),
        sources=tuple(dict.fromkeys(r.source for r in triage.reasons)),
    )


def _professional_referral(
    who: str,
    urgency: Urgency,
    items: tuple[PlanItem, ...],
    left_out: tuple[tuple[Treatment, LeftOut], ...],
    kb: KnowledgeBase,
) -> Referral | None:
    """A professional who is the usual (first-named) provider of an item, with all they give."""
    theirs = [i for i in items if _delivers_alone(who, kb.treatments[i.id])]
    if not any(kb.treatments[i.id].delivered_by[0] == who for i in theirs):
        return None
    not_for = tuple(lo for t, lo in left_out if who in t.delivered_by)
    name = DELIVERER_NAMES[who].split(" ", 1)[1]
    return Referral(
        to=who,
        title=name[:1].upper() + name[1:],
        urgency=urgency,
        why=tuple(i.title for i in theirs),
        items=tuple(i.id for i in theirs),
        not_for=not_for,
        sources=tuple(dict.fromkeys(s for i in theirs for s in i.sources[:1])),
    )


def _delivers_alone(who: str, treatment: Treatment) -> bool:
    """True for a treatment this professional gives that a person cannot do alone."""
    return who in treatment.delivered_by and "self" not in treatment.delivered_by
