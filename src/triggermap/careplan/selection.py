"""Which treatments of the knowledge base belong in this person's plan (docs/adr/0003).

A treatment is linked to a case by
  (a) a leading muscle: the muscle's entry names it (`self_release`, `stretches`,
      `strengthening`) or the treatment targets it (`muscles`);
  (b) the history: one of its `indicated_by_history` ids is in the case;
  (c) a probable condition: one of its `conditions` - but only for a treatment that names no
      muscles and no history (anything more specific must match on that);
and lifestyle, ergonomics and stress treatments that name history count only through (b):
lifestyle advice comes from the person's own history.

Linked treatments are then screened (`safety`), ranked by how strongly they are linked, and
capped per kind so the home programme stays one a person in pain can follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.careplan.equipment import missing_equipment

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Muscle, Treatment
    from triggermap.reasoning.assessment import Assessment, MuscleResult
    from triggermap.reasoning.case import Case

MIN_MUSCLE_SCORE = 0.2  # below this a muscle does not explain the case well enough to treat
RELATIVE_MUSCLE_SCORE = 0.5  # ... nor below half the best muscle's score
MAX_LEADING_MUSCLES = 3
# A condition's share of the normalised differential (ADR 0001) from which its treatments are
# offered: 0.25 on the earlier yes/no scale, times the 0.8 the thresholds in
# features/triage.yaml were recalibrated by.
MIN_CONDITION_PROBABILITY = 0.2
HISTORY_ONLY_KINDS = frozenset({"lifestyle", "ergonomics", "stress"})
# The most self-delivered items of one kind in a home programme (professional care: no cap).
HOME_LIMITS: dict[str, int] = {
    "self_release": MAX_LEADING_MUSCLES,
    "stretch": 2,
    "strengthen": 2,
    "proprioception": 1,
    "activation": 1,
    "heat": 1,
}


@dataclass(frozen=True)
class Leading:
    """A muscle the plan treats: its rank (0 = most likely) and the assessment's result."""

    rank: int
    muscle: Muscle
    result: MuscleResult

    @property
    def weight(self) -> int:
        return MAX_LEADING_MUSCLES - self.rank


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

    A muscle leads when its score is meaningful (at least MIN_MUSCLE_SCORE and half the best
    score) and trigger points are a plausible explanation: a myofascial condition is probable,
    or an examination found something in that muscle. A pain drawing that fits a muscle does
    not make a disc or a hip joint a trigger-point problem.
    """
    ranked = [r for r in assessment.muscles if r.id in kb.muscles]
    if not ranked:
        return ()
    floor = max(MIN_MUSCLE_SCORE, RELATIVE_MUSCLE_SCORE * ranked[0].score)
    plausible = myofascial_plausible(assessment, kb)
    chosen = [r for r in ranked if r.score >= floor and (plausible or _palpated(case, r.id))]
    return tuple(
        Leading(rank=i, muscle=kb.muscles[r.id], result=r)
        for i, r in enumerate(chosen[:MAX_LEADING_MUSCLES])
    )


def myofascial_plausible(assessment: Assessment, kb: KnowledgeBase) -> bool:
    return any(
        c.probability >= MIN_CONDITION_PROBABILITY
        and c.id in kb.conditions
        and kb.conditions[c.id].category == "myofascial"
        for c in assessment.conditions
    )


def _palpated(case: Case, muscle_id: str) -> bool:
    return any(case.exam.palpation.get(muscle_id, {}).values())


def probable_conditions(assessment: Assessment) -> dict[str, float]:
    return {
        c.id: c.probability
        for c in assessment.conditions
        if c.probability >= MIN_CONDITION_PROBABILITY
    }


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


def _named_by(muscle: Muscle) -> tuple[str, ...]:
    return (muscle.self_release.treatment, *muscle.stretches, *muscle.strengthening)


def limit_home_programme(candidates: list[Candidate], case: Case) -> list[Candidate]:
    """Keep the most relevant self-delivered items of each kind; professional care is kept."""
    kept: list[Candidate] = []
    counts: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: c.relevance(case)):
        kind = candidate.treatment.kind
        limit = HOME_LIMITS.get(kind)
        if candidate.is_home and limit is not None:
            if counts.get(kind, 0) >= limit:
                continue
            counts[kind] = counts.get(kind, 0) + 1
        kept.append(candidate)
    return kept
