"""What keeps a plan safe: the triage gate, contraindications and the person's refusals.

- The triage gate: an emergency or urgent triage means "seek care now"; such a plan holds no
  self-treatment item at all (`model.SELF_TREATMENT_KINDS`).
- A treatment whose `contraindication` finding is present in the case is left out (the plan
  says why, and offers the treatment the contraindication names `instead`); one whose
  `precaution` finding is present stays, with the precaution's text. A symptom the person is
  not sure about counts as present here: when in doubt, the careful choice. A precaution tied
  to muscles applies only while the plan treats one of them.
- `preferences.avoid` names treatment ids, kinds or professionals the person declines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from triggermap.errors import show_text
from triggermap.reasoning.findings import CaseFacts, split_atom

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Precaution, Treatment
    from triggermap.reasoning.case import Case


@dataclass(frozen=True)
class Screening:
    """The outcome of checking one treatment against one case."""

    blocked_by: tuple[Precaution, ...]  # contraindications present: leave the treatment out
    cautions: tuple[Precaution, ...]  # precautions present: keep it, say these

    @property
    def allowed(self) -> bool:
        return not self.blocked_by


class Screener:
    """Screens treatments against one case: the case's facts are read once for all of them.

    A precaution applies when its finding is present (no finding: everyone; a symptom answered
    "not sure" counts as present, also inside a feature: when in doubt, the careful choice)
    and, for one tied to muscles, the plan treats one of them (`treated`: the leading muscles).
    """

    def __init__(self, case: Case, kb: KnowledgeBase, treated: frozenset[str] = frozenset()):
        self.case = case
        self.treated = treated
        self.facts = CaseFacts(case, kb, unsure_as_present=True)

    def present(self, finding: str | None) -> bool:
        if finding is None:
            return True
        prefix, head, _ = split_atom(finding)
        if prefix == "symptom":
            return head in self.case.symptoms or head in self.case.unsure
        if prefix == "history":
            return head in self.case.history
        return self.facts.atom(finding) is True

    def screen(self, treatment: Treatment) -> Screening:
        applies = [
            p
            for p in treatment.precautions
            if (not p.muscles or self.treated.intersection(p.muscles)) and self.present(p.finding)
        ]
        return Screening(
            blocked_by=tuple(p for p in applies if p.severity == "contraindication"),
            cautions=tuple(p for p in applies if p.severity == "precaution"),
        )


def screen(
    treatment: Treatment, case: Case, kb: KnowledgeBase, treated: frozenset[str] = frozenset()
) -> Screening:
    """One treatment against one case (see `Screener`)."""
    return Screener(case, kb, treated).screen(treatment)


def declined(treatment: Treatment, avoid: tuple[str, ...]) -> bool:
    """Has the person declined this treatment, its kind, or every professional who gives it?"""
    if treatment.id in avoid or treatment.kind in avoid:
        return True
    return all(who in avoid for who in treatment.delivered_by)


def unrecognised_preferences(case: Case, kb: KnowledgeBase) -> list[str]:
    """Preference values the plan cannot act on, as one line each (to show, not to fail on)."""
    known_avoid = {*kb.treatments, *(t.kind for t in kb.treatments.values())}
    known_avoid |= {who for t in kb.treatments.values() for who in t.delivered_by}
    known_equipment = {e for t in kb.treatments.values() for e in t.equipment}
    lines = [
        f"preferences.avoid: {show_text(value)} is not a treatment id, kind or professional; "
        "ignored"
        for value in case.preferences.avoid
        if value not in known_avoid
    ]
    lines += [
        f"preferences.equipment: {show_text(value)} is not equipment any treatment uses; ignored"
        for value in case.preferences.equipment
        if value not in known_equipment
    ]
    return lines
