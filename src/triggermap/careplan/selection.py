"""Which treatments of the knowledge base belong in this person's plan (docs/adr/0003).

A treatment is linked to a case by
  (a) a leading muscle: the muscle's entry names it (`self_release`, `stretches`,
      `strengthening`) or the treatment targets it (`muscles`);
  (b) the history: one of its `indicated_by_history` ids is in the case;
  (c) a probable condition: one of its `conditions` - but only for a treatment that names no
      muscles and no history (anything more specific must match on that);
a treatment marked `replacement_only` (a safe version of another) is never linked on its own:
it comes in only as the `instead` of a contraindication, linked like the item it replaces;
and lifestyle, ergonomics and stress treatments that name history count only through (b):
lifestyle advice comes from the person's own history.

Linked treatments are then screened (`safety`), ranked by how strongly they are linked, and
capped per kind so the home programme stays one a person in pain can follow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from triggermap.careplan.equipment import missing_equipment
from triggermap.careplan.safety import Screening, declined

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Muscle, Treatment
    from triggermap.reasoning.assessment import Assessment, MuscleResult
    from triggermap.reasoning.case import Case

HISTORY_ONLY_KINDS = frozenset({"lifestyle", "ergonomics", "stress"})
# The score floors, the number of leading muscles and the per-kind caps of the home programme
# are cited numbers of the knowledge base (thresholds.yaml: careplan).


@dataclass(frozen=True)
class Leading:
    """A muscle the plan treats: its rank (0 = most likely) and the assessment's result."""

    rank: int
    muscle: Muscle
    result: MuscleResult
    weight: int  # the most likely muscle weighs as many as there are leading places


@dataclass(frozen=True)
class Candidate:
    """A linked treatment and what links it to this case."""

    treatment: Treatment
    order: int  # position in the knowledge base (authors list the simpler option first)
    muscles: tuple[Leading, ...]
    named_by_muscle: bool
    history: tuple[str, ...]
    conditions: tuple[str, ...]
    condition_probability: float
    replaces: str | None = None  # the name of the item a contraindication left out for this one

    def relevance(self, case: Case) -> tuple[float, ...]:
        """Sort key, most relevant first."""
        muscle_weight = sum(m.weight for m in self.muscles) + (1 if self.named_by_muscle else 0)
        missing = len(missing_equipment(self.treatment, case)) if self.is_home else 0
        return (
            -muscle_weight,
            -len(self.history),
            -self.condition_probability,
            missing,
            self.order,
        )

    @property
    def is_home(self) -> bool:
        return "self" in self.treatment.delivered_by


def leading_muscles(case: Case, assessment: Assessment, kb: KnowledgeBase) -> tuple[Leading, ...]:
    """The muscles the plan treats, most likely first, at most three.

    A muscle leads when its score is meaningful (at least `min_muscle_score` and the
    `relative_muscle_score` share of the best score) and trigger points are a plausible
    explanation: a myofascial condition is probable, or an examination found something in that
    muscle. A pain drawing that fits a muscle does not make a disc or a hip joint a
    trigger-point problem.
    """
    limits = kb.thresholds.careplan
    ranked = [r for r in assessment.muscles if r.id in kb.muscles]
    if not ranked:
        return ()
    floor = max(limits.min_muscle_score.value, limits.relative_muscle_score.value * ranked[0].score)
    plausible = myofascial_plausible(assessment, kb)
    chosen = [r for r in ranked if r.score >= floor and (plausible or _palpated(case, r.id))]
    places = limits.max_leading_muscles.value
    return tuple(
        Leading(rank=i, muscle=kb.muscles[r.id], result=r, weight=places - i)
        for i, r in enumerate(chosen[:places])
    )


def myofascial_plausible(assessment: Assessment, kb: KnowledgeBase) -> bool:
    floor = kb.thresholds.careplan.min_condition_probability.value
    return any(
        c.probability >= floor
        and c.id in kb.conditions
        and kb.conditions[c.id].category == "myofascial"
        for c in assessment.conditions
    )


def _palpated(case: Case, muscle_id: str) -> bool:
    return any(case.exam.palpation.get(muscle_id, {}).values())


def probable_conditions(assessment: Assessment, kb: KnowledgeBase) -> dict[str, float]:
    floor = kb.thresholds.careplan.min_condition_probability.value
    return {c.id: c.probability for c in assessment.conditions if c.probability >= floor}


def link_treatments(
    case: Case, leading: tuple[Leading, ...], conditions: dict[str, float], kb: KnowledgeBase
) -> list[Candidate]:
    """Every treatment linked to the case, in knowledge-base order."""
    out = []
    for order, treatment in enumerate(kb.treatments.values()):
        candidate = _link(treatment, order, case, leading, conditions)
        if candidate is not None:
            out.append(candidate)
    return out


def _link(
    treatment: Treatment,
    order: int,
    case: Case,
    leading: tuple[Leading, ...],
    conditions: dict[str, float],
) -> Candidate | None:
    if treatment.replacement_only:  # offered only `instead` of an item left out
        return None
    named = tuple(m for m in leading if treatment.id in _named_by(m.muscle))
    targeted = tuple(m for m in leading if m.muscle.id in treatment.muscles and m not in named)
    muscles = tuple(sorted(named + targeted, key=lambda m: m.rank))
    history = tuple(h for h in treatment.indicated_by_history if h in case.history)
    general = not treatment.muscles and not treatment.indicated_by_history
    matched = tuple(
        sorted((c for c in treatment.conditions if c in conditions), key=lambda c: -conditions[c])
        if general
        else ()
    )
    history_only = treatment.kind in HISTORY_ONLY_KINDS or treatment.only_with_history
    if history_only and treatment.indicated_by_history:
        muscles, named, matched = (), (), ()
    if not (muscles or history or matched):
        return None
    return Candidate(
        treatment=treatment,
        order=order,
        muscles=muscles,
        named_by_muscle=bool(named),
        history=history,
        conditions=matched,
        condition_probability=max((conditions[c] for c in matched), default=0.0),
    )


def replacement_candidates(
    wanted: list[Candidate], screened: dict[str, Screening], case: Case, kb: KnowledgeBase
) -> list[Candidate]:
    """The treatments contraindications name `instead`, linked as the item they replace
    (unless already wanted or declined)."""
    have = {c.treatment.id for c in wanted}
    order = {treatment_id: i for i, treatment_id in enumerate(kb.treatments)}
    out = []
    for candidate in wanted:
        for precaution in screened[candidate.treatment.id].blocked_by:
            alternative = kb.treatments.get(precaution.instead or "")
            if alternative is None or alternative.id in have:
                continue
            if declined(alternative, case.preferences.avoid):
                continue
            have.add(alternative.id)
            out.append(
                replace(
                    candidate,
                    treatment=alternative,
                    order=order[alternative.id],
                    replaces=candidate.treatment.name,
                )
            )
    return out


def _named_by(muscle: Muscle) -> tuple[str, ...]:
    return (muscle.self_release.treatment, *muscle.stretches, *muscle.strengthening)


def limit_home_programme(
    candidates: list[Candidate], case: Case, kb: KnowledgeBase
) -> list[Candidate]:
    """Keep the most relevant self-delivered items of each kind; professional care is kept."""
    limits = kb.thresholds.careplan.home_limits
    kept: list[Candidate] = []
    counts: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: c.relevance(case)):
        kind = candidate.treatment.kind
        limit = limits[kind].value if kind in limits else None
        if candidate.is_home and limit is not None:
            if counts.get(kind, 0) >= limit:
                continue
            counts[kind] = counts.get(kind, 0) + 1
        kept.append(candidate)
    return kept
