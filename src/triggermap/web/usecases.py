"""The seam between the web app and triggermap: every call the pages make into it.

Built once by the app factory (`UseCases.build`), handed to the routes as a dependency. It
holds no logic of its own: each method is one call into the engine, the care plan or the
knowledge base. When the application layer of issue 10 lands (`services/`: the factory, the
intake question sequence, typed records), these methods switch to its use cases and the pages
do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase
    from triggermap.kb.schema import Symptom
    from triggermap.reasoning.assessment import Assessment
    from triggermap.reasoning.case import Case
    from triggermap.services.plan import PlanResult


@dataclass(frozen=True)
class UseCases:
    kb: KnowledgeBase

    @classmethod
    def build(cls) -> UseCases:
        from triggermap.kb.loader import load_knowledge

        return cls(kb=load_knowledge())

    def warning_sign_questions(self) -> list[Symptom]:
        """Every red-flag question, in the knowledge base's order (the CLI intake's too)."""
        return [s for s in self.kb.symptoms.values() if s.red_flag]

    def read_case(self, text: str | bytes) -> Case:
        """One case from JSON text (strict JSON, then the contract), or a one-line `CaseError`."""
        from triggermap.services.assess import parse_one_case
        from triggermap.strict_json import decode_text

        return parse_one_case(decode_text(text, "input"), self.kb)

    def parse_case(self, data: dict[str, Any]) -> Case:
        from triggermap.reasoning.case import parse_case

        return parse_case(data, self.kb)

    def assess(self, case: Case) -> Assessment:
        from triggermap.reasoning.engine import assess

        return assess(case, self.kb)

    def emergency(self, case: Case) -> Assessment | None:
        """The assessment when the answers so far already mean an emergency (the intake stops),
        else None."""
        assessment = self.assess(case)
        return assessment if assessment.triage.level == "emergency" else None

    def plan(self, case: Case, today: date) -> PlanResult:
        from triggermap.services.plan import make_plan

        return make_plan(case, self.kb, today=today)

    def plan_pdf(self, result: PlanResult) -> bytes:
        from triggermap.render.plan_pdf import render_plan_pdf

        return render_plan_pdf(result.handout)


def equipment_ids(kb: KnowledgeBase) -> tuple[str, ...]:
    """Equipment a self-care item may need that a home does not always have (the plan
    substitutes or drops items for what the person does not list)."""
    from triggermap.careplan.equipment import HOUSEHOLD, SUBSTITUTES

    needed = {e for t in kb.treatments.values() for e in t.equipment} - HOUSEHOLD
    needed |= {e for options in SUBSTITUTES.values() for e in options}
    return tuple(sorted(needed))


def avoidable_treatments(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """(id, name) of the treatments a person may decline: those given by a professional, and
    heat."""
    return tuple(
        (t.id, t.name) for t in kb.treatments.values() if t.kind in ("professional", "heat")
    )
